import { useCallback, useState } from 'preact/hooks';
import { html, useLoad, useOperationsChanged, Loading, Status, when } from '../view.js';
import { Table } from './suppliers.js';
import { INTEGRATION_QUEUES, REPLAY_DEAD_LETTER } from '../operations.js';

const TOPICS = ['SYNC_JOBS', 'DEAD_LETTERS'];

/** Dead letters and sync jobs, read again on each change of either. */
export function Integration({ graph }) {
  const live = useOperationsChanged(graph, TOPICS);
  const [version, setVersion] = useState(0);
  const [message, setMessage] = useState(undefined);
  const state = useLoad(
    useCallback(() => graph.request(INTEGRATION_QUEUES), [graph]),
    live + version,
  );
  const replay = async (letter) => {
    const { userErrors, job } = (await graph.request(REPLAY_DEAD_LETTER, { id: letter.id })).replayDeadLetter;
    setMessage(
      userErrors.length
        ? userErrors.map((error) => `${error.code}: ${error.message}`).join('; ')
        : `Replayed: job ${job.id} is ${job.state}`,
    );
    setVersion((value) => value + 1);
  };
  return html`<section aria-labelledby="integration-title">
    <h1 id="integration-title">Integration</h1>
    ${message && html`<p role="status">${message}</p>`}
    <${Loading} state=${state}>
      <${Table}
        caption="Dead letters"
        rows=${state.data?.deadLetters.nodes ?? []}
        columns=${[
          ['System', (letter) => letter.system ?? '—'],
          ['Job', (letter) => `${letter.service} / ${letter.queue}`],
          [
            'Payload',
            (letter) => html`${letter.topic ?? 'no topic'} for ${letter.entityId ?? '—'}<br /><code>${summary(letter.payload)}</code>`,
          ],
          ['Attempts', (letter) => letter.attempts],
          ['Error', (letter) => html`<span class="error-text">${letter.lastError ?? '—'}</span>`],
          ['Since', (letter) => when(letter.deadLetteredAt)],
          [
            '',
            (letter) =>
              html`<button type="button" onClick=${() => replay(letter)}>
                Replay <span class="visually-hidden">${letter.queue} ${letter.entityId}</span>
              </button>`,
          ],
        ]}
      />
      <${Table}
        caption="Sync jobs"
        rows=${state.data?.syncJobs.nodes ?? []}
        columns=${[
          ['System', (job) => job.system ?? '—'],
          ['Job', (job) => `${job.service} / ${job.queue}`],
          ['State', (job) => html`<${Status} value=${job.state} />`],
          ['Entity', (job) => job.entityId ?? '—'],
          ['Attempts', (job) => job.attempts],
          ['Last error', (job) => job.lastError ?? '—'],
          ['Next run', (job) => when(job.runAfter)],
        ]}
      />
    <//>
  </section>`;
}

/** The start of what a dead letter carried: enough to recognise it, not a wall of JSON. */
function summary(payload) {
  return payload.length > 160 ? `${payload.slice(0, 160)}…` : payload;
}
