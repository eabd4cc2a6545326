import { Counter, Histogram } from 'prom-client';
import { metricsRegistry } from '../metrics.ts';

export const driftFindingsTotal = new Counter({
  name: 'procuregraph_drift_findings_total',
  help: 'Drift findings recorded by reconciliation runs, by backing system and kind (each drift counted once).',
  labelNames: ['system', 'kind'] as const,
  registers: [metricsRegistry],
});

export const reconciliationRecordsComparedTotal = new Counter({
  name: 'procuregraph_reconciliation_records_compared_total',
  help: 'Records reconciliation compared, by backing system and service; its rate is records compared per second.',
  labelNames: ['system', 'service'] as const,
  registers: [metricsRegistry],
});

export const reconciliationRunDuration = new Histogram({
  name: 'procuregraph_reconciliation_run_duration_seconds',
  help: 'From the start of a reconciliation run to its end, by backing system and outcome.',
  labelNames: ['system', 'state'] as const,
  buckets: [1, 5, 15, 60, 300, 900, 1800, 3600, 7200],
  registers: [metricsRegistry],
});
