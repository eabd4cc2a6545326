import { useCallback, useState } from 'preact/hooks';
import { html, useLoad, useOperationsChanged, Loading, Status, Filters, when } from '../view.js';
import { Table } from './suppliers.js';
import { RECONCILIATION, START_RECONCILIATION, RESOLVE_DRIFT_FINDING } from '../operations.js';

const SYSTEMS = ['ERP', 'VENDOR_PLATFORM', 'CONTRACT_REPOSITORY'];
const KINDS = ['MISSING_IN_SYSTEM', 'MISSING_IN_CANONICAL', 'FIELD_MISMATCH'];
const STATES = ['OPEN', 'REPAIRED', 'ALERTED', 'RESOLVED'];
const FILTERS = [
  ['system', 'System', SYSTEMS],
  ['kind', 'Kind', KINDS],
  ['state', 'State', STATES],
];

/** Who may start a run (`startReconciliation`); compliance comes here to resolve bank-account alerts. */
const STARTERS = ['admin', 'integration'];

const errorText = (userErrors) => userErrors.map((error) => `${error.code}: ${error.message}`).join('; ');

const TOPICS = ['RECONCILIATION_RUNS', 'DRIFT'];

/** Reconciliation runs and the drift they found, read again as a run progresses and as findings are recorded or settled. */
export function Reconciliation({ graph, session }) {
  const live = useOperationsChanged(graph, TOPICS);
  const [filter, setFilter] = useState({});
  const [version, setVersion] = useState(0);
  const [message, setMessage] = useState(undefined);
  const state = useLoad(
    useCallback(() => graph.request(RECONCILIATION, { findings: filter }), [graph, filter]),
    live + version,
  );
  const changed = (text) => {
    setMessage(text);
    setVersion((value) => value + 1);
  };
  const start = async (system) => {
    const { run, userErrors } = (await graph.request(START_RECONCILIATION, { system })).startReconciliation;
    changed(userErrors.length ? errorText(userErrors) : `Started: ${system} run ${run.id} is ${run.state}`);
  };
  return html`<section aria-labelledby="reconciliation-title">
    <h1 id="reconciliation-title">Reconciliation</h1>
    ${
      STARTERS.includes(session.role) &&
      html`<div class="actions" role="group" aria-label="Start a reconciliation run">
        ${SYSTEMS.map((system) => html`<button type="button" onClick=${() => start(system)}>Reconcile ${system}</button>`)}
      </div>`
    }
    ${message && html`<p role="status">${message}</p>`}
    <${Loading} state=${state}>
      <${Table}
        caption="Runs"
        rows=${state.data?.reconciliationRuns.nodes ?? []}
        columns=${[
          ['System', (run) => run.system],
          ['State', (run) => html`<${Status} value=${run.state} />`],
          ['Started', (run) => when(run.startedAt)],
          ['Finished', (run) => when(run.finishedAt)],
          ['Compared', (run) => run.recordsCompared],
          ['Canonical checked', (run) => run.canonicalRecordsChecked],
          ['Parts', (run) => run.parts.map((part) => `${part.service} ${part.phase}`).join(', ')],
          ['Findings', (run) => run.findingsCount],
          ['Repaired', (run) => run.repairedCount],
          ['Error', (run) => run.error ?? '—'],
        ]}
      />
      <h2>Findings</h2>
      <${Filters} filters=${FILTERS} filter=${filter} onChange=${setFilter} />
      <${Table}
        caption="Drift findings"
        rows=${state.data?.driftFindings.nodes ?? []}
        columns=${[
          ['System', (finding) => finding.system],
          ['Record', (finding) => `${finding.recordType} ${finding.recordId ?? '—'} / ${finding.externalId ?? '—'}`],
          ['Kind', (finding) => finding.kind],
          ['Field', (finding) => finding.field ?? '—'],
          ['Procuregraph', (finding) => finding.canonicalValue ?? '—'],
          ['System value', (finding) => finding.systemValue ?? '—'],
          ['Record of truth', (finding) => finding.systemOfRecord],
          ['State', (finding) => html`<${Status} value=${finding.state} />`],
          ['Detected', (finding) => when(finding.detectedAt)],
          [
            'Decision',
            (finding) =>
              finding.state === 'RESOLVED' || finding.state === 'REPAIRED'
                ? `${finding.note ?? 'repaired by policy'} (${when(finding.settledAt)})`
                : html`<${Resolve} graph=${graph} finding=${finding} onDone=${changed} />`,
          ],
        ]}
      />
    <//>
  </section>`;
}

function Resolve({ graph, finding, onDone }) {
  const [note, setNote] = useState('');
  const submit = async (event) => {
    event.preventDefault();
    const { userErrors } = (await graph.request(RESOLVE_DRIFT_FINDING, { id: finding.id, note })).resolveDriftFinding;
    onDone(
      userErrors.length
        ? errorText(userErrors)
        : `Resolved: ${finding.field ?? finding.kind} of ${finding.recordType} ${finding.recordId ?? finding.externalId}`,
    );
  };
  return html`<form class="inline" onSubmit=${submit} aria-label=${`Resolve ${finding.kind} ${finding.field ?? ''}`.trim()}>
    <label>Note <input required minlength="3" value=${note} onInput=${(event) => setNote(event.currentTarget.value)} /></label>
    <button type="submit">Resolve</button>
  </form>`;
}
