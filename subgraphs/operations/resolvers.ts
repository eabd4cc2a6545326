import { isUuid } from '@procuregraph/platform/db';
import { scalarResolvers } from '@procuregraph/platform/graphql';
import type { JobState } from '@procuregraph/platform/jobs';
import { systemCircuits } from '@procuregraph/platform/resilience';
import { feedLags } from '@procuregraph/platform/inbound';
import type { Resolvers, SyncJobState } from './generated/resolvers-types.ts';
import { auditResolvers } from './audit-resolvers.ts';
import { reconciliationResolvers } from './reconciliation-resolvers.ts';
import { ediResolvers } from './edi-resolvers.ts';
import { businessMetricsResolvers } from './business-metrics-resolvers.ts';
import { operationsChangesResolvers } from './operations-changes-resolvers.ts';

const jobStateOf: Record<SyncJobState, JobState> = {
  QUEUED: 'created',
  RETRYING: 'retry',
  ACTIVE: 'active',
  COMPLETED: 'completed',
  CANCELLED: 'cancelled',
  FAILED: 'failed',
};

const syncJobStateOf = Object.fromEntries(Object.entries(jobStateOf).map(([graph, stored]) => [stored, graph])) as Record<
  JobState,
  SyncJobState
>;

export const resolvers: Resolvers = {
  ...scalarResolvers,
  AuditEvent: auditResolvers.AuditEvent,
  ReconciliationRun: reconciliationResolvers.ReconciliationRun,
  DriftFinding: reconciliationResolvers.DriftFinding,
  Subscription: { ...reconciliationResolvers.Subscription, ...operationsChangesResolvers.Subscription },
  EdiDocument: ediResolvers.EdiDocument,
  TradingPartner: ediResolvers.TradingPartner,
  BusinessMetrics: businessMetricsResolvers.BusinessMetrics,
  Query: {
    ...auditResolvers.Query,
    ...businessMetricsResolvers.Query,
    ...reconciliationResolvers.Query,
    ...ediResolvers.Query,
    syncJobs: (_parent, { first, after, filter }, { jobs }) =>
      jobs.listJobs({
        first,
        after,
        system: filter?.system,
        service: filter?.service,
        state: filter?.state ? jobStateOf[filter.state] : null,
      }),
    deadLetters: (_parent, { first, after, filter }, { jobs }) =>
      jobs.deadLetters({ first, after, system: filter?.system, service: filter?.service }),
    integrationSystems: async (_parent, _args, { db, jobs }) => {
      const [circuits, backlogs, lags] = await Promise.all([systemCircuits(db), jobs.backlogs(), feedLags(jobs)]);
      return circuits.map((circuit) => ({
        ...circuit,
        backlog: backlogs.find((backlog) => backlog.system === circuit.system)!,
        feeds: lags.filter((lag) => lag.system === circuit.system),
      }));
    },
  },
  Mutation: {
    ...reconciliationResolvers.Mutation,
    ...ediResolvers.Mutation,
    replayDeadLetter: async (_parent, { id }, { jobs }) => {
      if (!isUuid(id))
        return {
          job: null,
          userErrors: [{ field: ['id'], code: 'INVALID_ID', message: `${JSON.stringify(id)} is not a dead letter id.` }],
        };
      const outcome = await jobs.replayDeadLetter(id);
      if (!outcome.replayed) {
        return {
          job: null,
          userErrors: [
            {
              field: ['id'],
              code: 'NOT_FOUND',
              message: 'No dead letter with this id is waiting for a replay: it does not exist or was replayed already.',
            },
          ],
        };
      }
      return { job: await jobs.job(id), userErrors: [] };
    },
  },
  SyncJob: {
    state: (job) => syncJobStateOf[job.state],
    runAfter: (job) => job.startAfter,
  },
  DeadLetter: {
    payload: (deadLetter) => JSON.stringify(deadLetter.payload),
  },
  IntegrationSystem: {
    circuit: (system) => system.state,
    circuitOpenedAt: (system) => system.openedAt,
  },
  SyncBacklog: {
    queued: (backlog) => backlog.waiting,
  },
};
