import { z } from 'zod';
import { backingSystems } from '../db/index.ts';
import { defineTopic } from '../events/index.ts';

/**
 * A finding raised as an alert (a sensitive field, never repaired by itself): written to the
 * outbox of the subgraph that found it, heard live by `driftDetected` subscribers.
 */
export const driftAlerted = defineTopic('reconciliation.drift_alerted', z.object({ findingId: z.uuid(), system: z.enum(backingSystems) }));

export type DriftAlerted = ReturnType<typeof driftAlerted.parse>;

/**
 * A person resolved an alerted finding (compliance or admin): the subgraph that holds the record
 * for it lifts the hold the alert placed. Requested as a durable job, outside any outbox (the
 * operations subgraph has none), and only acted on once the finding is RESOLVED.
 */
export const driftAlertResolved = defineTopic(
  'reconciliation.drift_alert_resolved',
  z.object({ findingId: z.uuid(), resolvedBy: z.string().min(1), role: z.string().min(1), note: z.string().min(1) }),
);

export type DriftAlertResolved = ReturnType<typeof driftAlertResolved.parse>;
