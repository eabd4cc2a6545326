import { z } from 'zod';
import { backingSystems } from '../db/index.ts';
import { defineTopic } from '../events/index.ts';

/**
 * A finding raised as an alert (a sensitive field, never repaired by itself): written to the
 * outbox of the subgraph that found it, heard live by `driftDetected` subscribers.
 */
export const driftAlerted = defineTopic('reconciliation.drift_alerted', z.object({ findingId: z.uuid(), system: z.enum(backingSystems) }));

export type DriftAlerted = ReturnType<typeof driftAlerted.parse>;
