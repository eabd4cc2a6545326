import { useCallback, useState } from 'preact/hooks';
import { html, useLoad, useOperationsChanged, Loading } from '../view.js';
import { BarChart } from '../bar-chart.js';
import { Table } from './suppliers.js';
import { BUSINESS_METRICS } from '../operations.js';

const DAY = 86_400_000;
const isoDay = (time) => new Date(time).toISOString().slice(0, 10);

/** The last 30 days, today included, for every supplier. */
const lastMonth = () => ({ from: isoDay(Date.now() - 29 * DAY), through: isoDay(Date.now()), supplierId: '' });

/** Whole UTC days: from the first day's start to the end of the last (the graph's `to` is exclusive). */
function variablesOf({ from, through, supplierId }) {
  return {
    from: `${from}T00:00:00.000Z`,
    to: new Date(Date.parse(`${through}T00:00:00.000Z`) + DAY).toISOString(),
    supplierId: supplierId || undefined,
  };
}

const TOPICS = ['BUSINESS_METRICS'];

/**
 * The business metrics of a period, for every supplier or one: each as a chart with its figures in
 * a table beside it, read again on each business event recorded.
 */
export function BusinessMetrics({ graph }) {
  const [period, setPeriod] = useState(lastMonth);
  const live = useOperationsChanged(graph, TOPICS);
  const state = useLoad(
    useCallback(() => graph.request(BUSINESS_METRICS, variablesOf(period)), [graph, period]),
    live,
  );
  const metrics = state.data?.businessMetrics;
  return html`<section aria-labelledby="metrics-title">
    <h1 id="metrics-title">Business metrics</h1>
    <${PeriodChoice} period=${period} suppliers=${state.data?.suppliers.nodes ?? []} onChange=${setPeriod} />
    <${Loading} state=${state}>
      ${
        metrics &&
        html`<div class="charts">
          <${ActivationTime} figures=${metrics.vendorActivationTime} />
          <${MatchRates} metrics=${metrics} />
          <${ExceptionsByQueue} counts=${metrics.exceptionsByQueue} />
          <${PaymentLatency} portal=${metrics.portal} graph=${metrics.graph} />
        </div>`
      }
    <//>
  </section>`;
}

function PeriodChoice({ period, suppliers, onChange }) {
  const set = (key) => (event) => event.currentTarget.value && onChange({ ...period, [key]: event.currentTarget.value });
  // Labels beside their controls, not around them: a select's name is then "Supplier", not its options too.
  return html`<div class="filters">
    <label for="metrics-from">From</label>
    <input id="metrics-from" type="date" value=${period.from} onChange=${set('from')} />
    <label for="metrics-through">Through</label>
    <input id="metrics-through" type="date" value=${period.through} onChange=${set('through')} />
    <label for="metrics-supplier">Supplier</label>
    <select
      id="metrics-supplier"
      value=${period.supplierId}
      onChange=${(event) => onChange({ ...period, supplierId: event.currentTarget.value })}
    >
      <option value="">All suppliers</option>
      ${suppliers.map((supplier) => html`<option value=${supplier.id}>${supplier.legalName}</option>`)}
    </select>
  </div>`;
}

function Chart({ id, title, children }) {
  return html`<section class="chart" aria-labelledby=${id}>
    <h2 id=${id}>${title}</h2>
    ${children}
  </section>`;
}

function ActivationTime({ figures }) {
  return html`<${Chart} id="activation-title" title="Vendor activation time">
    <${BarChart}
      title="Vendor activation time"
      bars=${[
        { label: 'Median (p50)', value: figures.p50Seconds, text: seconds(figures.p50Seconds) },
        { label: '90th percentile', value: figures.p90Seconds, text: seconds(figures.p90Seconds) },
      ]}
    />
    <${Table}
      caption="Registration to active"
      rows=${[figures]}
      columns=${[
        ['Suppliers activated', (row) => row.count],
        ['Median (p50)', (row) => seconds(row.p50Seconds)],
        ['90th percentile', (row) => seconds(row.p90Seconds)],
      ]}
    />
  <//>`;
}

function MatchRates({ metrics }) {
  const rates = [
    ['First-time match', metrics.firstTimeMatchRate],
    ['Exception', metrics.exceptionRate],
    ['Touchless', metrics.touchlessRate],
    ['Perfect order', metrics.perfectOrderRate],
  ];
  return html`<${Chart} id="rates-title" title="Match rate">
    <${BarChart} title="Match rates" max=${1} bars=${rates.map(([label, value]) => ({ label, value, text: share(value) }))} />
    <${Table}
      caption="Rates"
      rows=${rates}
      columns=${[
        ['Rate', ([label]) => label],
        ['Share', ([, value]) => share(value)],
      ]}
    />
  <//>`;
}

function ExceptionsByQueue({ counts }) {
  return html`<${Chart} id="queues-title" title="Exceptions by queue">
    ${
      counts.length === 0
        ? html`<p>No exception raised in this period.</p>`
        : html`<${BarChart}
            title="Exceptions by queue"
            bars=${counts.map((entry) => ({ label: entry.queue, value: entry.count, text: String(entry.count) }))}
          />`
    }
    <${Table}
      caption="Exceptions"
      rows=${counts}
      columns=${[
        ['Queue', (entry) => entry.queue],
        ['Exceptions', (entry) => entry.count],
      ]}
    />
  <//>`;
}

function PaymentLatency({ portal, graph }) {
  const targets = [
    ['Supplier portal', portal],
    ['Graph subscribers', graph],
  ];
  return html`<${Chart} id="latency-title" title="Payment propagation latency">
    <${BarChart}
      title="Payment propagation latency"
      bars=${targets.flatMap(([label, figures]) => [
        { label: `${label} p50`, value: figures.p50Ms, text: milliseconds(figures.p50Ms) },
        { label: `${label} p99`, value: figures.p99Ms, text: milliseconds(figures.p99Ms) },
      ])}
    />
    <${Table}
      caption="ERP status change to publication"
      rows=${targets}
      columns=${[
        ['Published to', ([label]) => label],
        ['Payments', ([, figures]) => figures.count],
        ['Median (p50)', ([, figures]) => milliseconds(figures.p50Ms)],
        ['99th percentile', ([, figures]) => milliseconds(figures.p99Ms)],
      ]}
    />
  <//>`;
}

const none = '—';
const oneDecimal = (value) => String(Number(value.toFixed(1)));

function seconds(value) {
  if (value === null) return none;
  if (value < 60) return `${oneDecimal(value)} s`;
  if (value < 3600) return `${oneDecimal(value / 60)} min`;
  if (value < 86_400) return `${oneDecimal(value / 3600)} h`;
  return `${oneDecimal(value / 86_400)} d`;
}

const share = (value) => (value === null ? none : `${oneDecimal(value * 100)} %`);
const milliseconds = (value) => (value === null ? none : `${value} ms`);
