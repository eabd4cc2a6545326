import { Counter } from 'prom-client';
import { metricsRegistry } from '../metrics.ts';

/** Requests whose audit rows could not be written: a mutation's change stands unrecorded. */
export const auditWriteFailuresTotal = new Counter({
  name: 'audit_write_failures_total',
  help: 'Requests whose audit events could not be written, by service.',
  labelNames: ['service'] as const,
  registers: [metricsRegistry],
});
