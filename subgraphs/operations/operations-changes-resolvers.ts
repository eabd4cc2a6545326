import { holdsOneOf, requireRole, type Role } from '@procuregraph/platform/auth';
import {
  operationsChanged,
  operationsTopics,
  streamCoalescedEvents,
  type OperationsChange,
  type OperationsTopic,
} from '@procuregraph/platform/events';
import type { Resolvers } from './generated/resolvers-types.ts';

/** Who may hear of each topic: the roles of the query that shows it (admin holds them all). */
const topicReaders: Record<OperationsTopic, readonly Role[]> = {
  SYNC_JOBS: ['integration'],
  DEAD_LETTERS: ['integration'],
  CIRCUITS: ['integration'],
  FEEDS: ['integration'],
  DRIFT: ['integration', 'compliance'],
  RECONCILIATION_RUNS: ['integration', 'compliance'],
  EDI_DOCUMENTS: ['integration', 'finance'],
  BUSINESS_METRICS: ['procurement', 'finance', 'integration'],
  JOURNEYS: ['procurement', 'finance', 'compliance', 'integration'],
};

/** A browser refetches at most this often per topic, however busy the queues are. */
const COALESCE_MS = 500;

interface ChangeBatch {
  topic: OperationsTopic;
  system: OperationsChange['system'];
  recordId: string | null;
  changes: number;
  occurredAt: string;
}

const batchOf = (change: OperationsChange): ChangeBatch => ({ ...change, changes: 1 });

/** Several changes of one topic as one: what they share, how many, and when the latest happened. */
function merge(batch: ChangeBatch, change: OperationsChange): ChangeBatch {
  return {
    topic: batch.topic,
    system: batch.system === change.system ? batch.system : null,
    recordId: batch.recordId === change.recordId ? batch.recordId : null,
    changes: batch.changes + 1,
    occurredAt: change.occurredAt > batch.occurredAt ? change.occurredAt : batch.occurredAt,
  };
}

type OperationsChangesResolvers = Pick<Resolvers, 'Subscription'>;

export const operationsChangesResolvers: OperationsChangesResolvers = {
  Subscription: {
    operationsChanged: {
      subscribe: (_parent, { topics, recordId }, { events, caller }) => {
        for (const topic of topics ?? []) requireRole(caller, topicReaders[topic], `Hearing of ${topic} changes`);
        const heard = new Set(topics ?? operationsTopics.filter((topic) => holdsOneOf(caller, topicReaders[topic])));
        return streamCoalescedEvents(events, operationsChanged, {
          accept: (change) => heard.has(change.topic) && (!recordId || change.recordId === recordId),
          keyOf: (change) => change.topic,
          start: batchOf,
          merge,
          intervalMs: COALESCE_MS,
        });
      },
      resolve: (batch: ChangeBatch) => batch,
    },
  },
};
