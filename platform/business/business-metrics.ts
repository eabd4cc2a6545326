import { Counter, Histogram } from 'prom-client';
import { metricsRegistry } from '../metrics.ts';

const HOUR = 3600;
const DAY = 24 * HOUR;

export const vendorActivationSeconds = new Histogram({
  name: 'procuregraph_vendor_activation_seconds',
  help: 'From a supplier registration to the supplier turning ACTIVE for the first time.',
  buckets: [60, 300, 900, HOUR, 4 * HOUR, DAY, 3 * DAY, 7 * DAY, 14 * DAY, 30 * DAY],
  registers: [metricsRegistry],
});

export const invoiceMatchesTotal = new Counter({
  name: 'procuregraph_invoice_matches_total',
  help: 'Invoice matches, by outcome (MATCHED, EXCEPTION) and whether it was the match on arrival (first_time).',
  labelNames: ['outcome', 'first_time'] as const,
  registers: [metricsRegistry],
});

export const paymentStatusPropagationSeconds = new Histogram({
  name: 'procuregraph_payment_status_propagation_seconds',
  help: "From the ERP's payment status change to its publication in the graph (GRAPH) and on the supplier portal (PORTAL).",
  labelNames: ['target'] as const,
  buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, HOUR],
  registers: [metricsRegistry],
});

export const invoiceCycleSeconds = new Histogram({
  name: 'procuregraph_invoice_cycle_seconds',
  help: 'From an invoice received to its approval (stage APPROVED) and to its payment (stage PAID).',
  labelNames: ['stage'] as const,
  buckets: [60, HOUR, 4 * HOUR, DAY, 3 * DAY, 7 * DAY, 14 * DAY, 30 * DAY, 60 * DAY],
  registers: [metricsRegistry],
});
