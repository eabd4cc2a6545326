// What every page uses to draw itself: Preact's h bound to htm's tagged templates (no JSX, no build).
import { h } from 'preact';
import { useEffect, useState, useCallback } from 'preact/hooks';
import htm from 'htm';
import { OPERATIONS_CHANGED } from './operations.js';

export const html = htm.bind(h);

/** Money as the graph sends it: an exact decimal string and a currency. */
export function money(value) {
  return value ? `${value.amount} ${value.currency}` : '—';
}

export function when(value) {
  return value ? new Date(value).toLocaleString() : '—';
}

/**
 * Runs `load` now, again whenever `refreshKey` changes, and returns its data, error and a reload.
 * Pages pass a key that their subscriptions bump, so what changed is shown without a reload.
 */
export function useLoad(load, refreshKey) {
  const [state, setState] = useState({ data: undefined, error: undefined });
  const reload = useCallback(() => {
    load().then(
      (data) => setState({ data, error: undefined }),
      (error) => setState((previous) => ({ data: previous.data, error: error.message })),
    );
  }, [load]);
  useEffect(reload, [reload, refreshKey]);
  return { ...state, reload };
}

/** A counter bumped by each event of a subscription (or by a timer). */
export function useLive(subscribe) {
  const [count, setCount] = useState(0);
  useEffect(() => subscribe(() => setCount((value) => value + 1)), [subscribe]);
  return count;
}

/**
 * A counter bumped by each change the graph announces on `topics` (`operationsChanged`), of one
 * record when `recordId` is given: the graph sends at most one change per topic every 500 ms, so a
 * busy queue costs a page a few reads a second, not one per job.
 */
export function useOperationsChanged(graph, topics, recordId) {
  const key = topics.join(' ');
  return useLive(
    useCallback((tick) => graph.subscribe(OPERATIONS_CHANGED, { topics: key.split(' '), recordId }, tick), [graph, key, recordId]),
  );
}

/**
 * For the few values that change by time alone, with no change to announce (a worker that stopped
 * reporting drops out after 15 s; a journey becomes stuck after minutes at one step): read again
 * once a minute.
 */
export const everyMinute = (tick) => {
  const timer = setInterval(tick, 60_000);
  return () => clearInterval(timer);
};

export function Loading({ state, children }) {
  if (state.error) return html`<p role="alert" class="error">${state.error}</p>`;
  if (state.data === undefined) return html`<p aria-live="polite">Loading…</p>`;
  return children;
}

export function Status({ value }) {
  return html`<span class=${`status status-${String(value).toLowerCase()}`}>${value}</span>`;
}

/** One labelled select per `[key, label, values]`, "Any" leaving the key out of `filter`. */
export function Filters({ filters, filter, onChange }) {
  return html`<div class="filters">
    ${filters.map(
      ([key, label, values]) =>
        html`<label
          >${label}
          <select value=${filter[key] ?? ''} onChange=${(event) => onChange({ ...filter, [key]: event.currentTarget.value || undefined })}>
            <option value="">Any</option>
            ${values.map((value) => html`<option value=${value}>${value}</option>`)}
          </select></label
        >`,
    )}
  </div>`;
}
