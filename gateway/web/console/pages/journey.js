import { useCallback } from 'preact/hooks';
import { html, useLoad, Loading, Status, when } from '../view.js';
import { SUPPLIER_JOURNEY, ORDER_JOURNEY, INVOICE_JOURNEY, PAYMENT_JOURNEY } from '../operations.js';

/** Whose journey: the query that reads it, by the graph field that holds the record, and what to call the record. */
const JOURNEYS = {
  supplier: { query: SUPPLIER_JOURNEY, noun: 'supplier' },
  purchaseOrder: { query: ORDER_JOURNEY, noun: 'order' },
  invoice: { query: INVOICE_JOURNEY, noun: 'invoice' },
  payment: { query: PAYMENT_JOURNEY, noun: 'payment' },
};

/**
 * A supplier's, order's, invoice's or payment's journey (`of`, the graph field) as an ordered
 * timeline: each step's system, action, outcome, duration and error; the step where it stands is
 * marked as the current one, and called out when it is stuck. Staff only (the graph keeps backing
 * systems' errors from suppliers); `refreshKey` redraws it.
 */
export function Journey({ graph, of, id, refreshKey }) {
  const { query, noun } = JOURNEYS[of];
  const state = useLoad(
    useCallback(() => graph.request(query, { id }), [graph, query, id]),
    refreshKey,
  );
  const journey = state.data?.[of]?.journey;
  const current = journey && currentIndex(journey);
  return html`<section aria-labelledby="journey-title" class="journey">
    <h2 id="journey-title">Journey</h2>
    <${Loading} state=${state}>
      ${
        journey &&
        html`${
            journey.stuck &&
            html`<p class="stuck" role="status">
              Stuck at step ${current + 1}: ${journey.currentStep.action} (${journey.currentStep.outcome} since
              ${when(journey.currentStep.at)})
            </p>`
          }
          ${journey.steps.length === 0 && html`<p>No steps recorded for this ${noun}.</p>`}
          <ol class="timeline" aria-label="Journey steps, oldest first">
            ${journey.steps.map(
              (step, index) =>
                html`<li
                  class=${index === current ? (journey.stuck ? 'current stuck' : 'current') : undefined}
                  aria-current=${index === current ? 'step' : undefined}
                >
                  <span class="step-head">
                    <strong>${step.action}</strong> <${Status} value=${step.outcome} />
                    ${index === current && html`<span class="marker">${journey.stuck ? 'current step, stuck' : 'current step'}</span>`}
                  </span>
                  <span class="step-meta">
                    ${step.system} · ${when(step.at)}${step.attempt ? ` · attempt ${step.attempt}` : ''} · ${duration(step.durationMs)}
                  </span>
                  ${step.error && html`<span class="error-text">${step.error}</span>`}
                </li>`,
            )}
          </ol>`
      }
    <//>
  </section>`;
}

/** Where the current step sits in the list: the last step equal to it (a step has no id). */
function currentIndex({ steps, currentStep }) {
  if (!currentStep) return -1;
  const same = (step) => ['at', 'system', 'action', 'outcome', 'attempt'].every((key) => step[key] === currentStep[key]);
  return steps.findLastIndex(same);
}

function duration(ms) {
  if (ms === null || ms === undefined) return 'no duration';
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.round(ms / 60_000)} min`;
}
