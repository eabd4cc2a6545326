import { useCallback } from 'preact/hooks';
import { html, useLoad, useLive, useOperationsChanged, everyMinute, Loading, Status, when } from '../view.js';
import { INTEGRATION_SYSTEMS, UNSETTLED_DRIFT } from '../operations.js';

const TOPICS = ['CIRCUITS', 'SYNC_JOBS', 'DEAD_LETTERS', 'FEEDS', 'DRIFT'];

/** Read again on each change of circuits, jobs, feeds or drift; and once a minute for workers that stopped reporting. */
export function Overview({ graph }) {
  const changes = useOperationsChanged(graph, TOPICS);
  const minutes = useLive(everyMinute);
  const state = useLoad(
    useCallback(() => graph.request(INTEGRATION_SYSTEMS), [graph]),
    changes + minutes,
  );
  return html`<section aria-labelledby="overview-title">
    <h1 id="overview-title">Overview</h1>
    <${Loading} state=${state}>
      <div class="cards">
        ${state.data?.integrationSystems.map(
          (system) =>
            html`<article class="card" aria-label=${`Backing system ${system.system}`}>
              <h2>${system.system}</h2>
              <dl>
                <dt>Circuit</dt>
                <dd><${Status} value=${system.circuit} /></dd>
                <dt>Open since</dt>
                <dd>${when(system.circuitOpenedAt)}</dd>
                <dt>Queued</dt>
                <dd>${system.backlog.queued}</dd>
                <dt>Retrying</dt>
                <dd>${system.backlog.retrying}</dd>
                <dt>Active</dt>
                <dd>${system.backlog.active}</dd>
                <dt>Dead letters</dt>
                <dd>${system.backlog.deadLettered}</dd>
                <dt>Workers reporting</dt>
                <dd>${system.reportingProcesses}</dd>
                ${system.feeds.map(
                  (feed) =>
                    html`<dt>Feed lag, ${feed.service}</dt>
                      <dd>${feed.eventsBehind} behind${feed.oldestUnappliedAt ? ` since ${when(feed.oldestUnappliedAt)}` : ''}</dd>`,
                )}
                ${UNSETTLED_DRIFT.map(
                  (drift) =>
                    html`<dt>Drift findings ${drift.toLowerCase()}</dt>
                      <dd>${state.data[`${system.system}_${drift}`].totalCount}</dd>`,
                )}
                <dt>Last failure</dt>
                <dd>${system.lastFailure ?? '—'}</dd>
              </dl>
            </article>`,
        )}
      </div>
    <//>
  </section>`;
}
