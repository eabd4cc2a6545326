import { requireRole } from '@procuregraph/platform/auth';
import { isUuid } from '@procuregraph/platform/db';
import { streamEvents } from '@procuregraph/platform/events';
import { graphqlError } from '@procuregraph/platform/graphql';
import {
  driftAlerted,
  findFinding,
  findRun,
  listFindings,
  listRuns,
  partsOf,
  requestAlertRelease,
  resolveFinding,
  startReconciliationRun,
  type DriftAlerted,
  type StoredFinding,
} from '@procuregraph/platform/reconciliation';
import type { OperationsContext } from './context.ts';
import type { Resolvers } from './generated/resolvers-types.ts';

type ReconciliationResolvers = Pick<Resolvers, 'ReconciliationRun' | 'DriftFinding' | 'Subscription'> & {
  Query: Pick<NonNullable<Resolvers['Query']>, 'reconciliationRun' | 'reconciliationRuns' | 'driftFindings'>;
  Mutation: Pick<NonNullable<Resolvers['Mutation']>, 'startReconciliation' | 'resolveDriftFinding'>;
};

const alreadyResolved = (finding: StoredFinding) => ({
  finding,
  userErrors: [{ field: ['id'], code: 'ALREADY_RESOLVED', message: 'This finding was resolved already.' }],
});

const invalidId = (what: string) => ({ field: ['id'], code: 'INVALID_ID', message: `The id is not a ${what} id.` });

/** Reconciliation runs and their findings for integration engineers; who may is declared on each field. */
export const reconciliationResolvers: ReconciliationResolvers = {
  Query: {
    reconciliationRun: (_parent, { id }, { db }) => (isUuid(id) ? findRun(db, id) : null),
    reconciliationRuns: (_parent, { first, after, filter }, { db }) => listRuns(db, filter ?? {}, { first, after }),
    driftFindings: (_parent, { first, after, filter }, { db }) => {
      if (filter?.runId && !isUuid(filter.runId)) throw graphqlError('BAD_USER_INPUT', '"filter.runId" is not a run id');
      return listFindings(db, filter ?? {}, { first, after });
    },
  },
  Mutation: {
    startReconciliation: async (_parent, { system }, { db, jobs }) => {
      const outcome = await startReconciliationRun(db, jobs, system, 'ON_DEMAND');
      if (!outcome.started) return { run: null, userErrors: [{ field: ['system'], code: outcome.code, message: outcome.message }] };
      return { run: outcome.run, userErrors: [] };
    },
    resolveDriftFinding: async (_parent, { id, note }, { db, jobs, caller }) => {
      if (!isUuid(id)) return { finding: null, userErrors: [invalidId('drift finding')] };
      const text = note.trim();
      if (text === '') return { finding: null, userErrors: [{ field: ['note'], code: 'NOTE_REQUIRED', message: 'Say why in a note.' }] };
      const finding = await findFinding(db, id);
      if (!finding) return { finding: null, userErrors: [{ field: ['id'], code: 'NOT_FOUND', message: 'No drift finding with this id.' }] };
      if (finding.state === 'RESOLVED') return alreadyResolved(finding);
      if (finding.state !== 'ALERTED') requireRole(caller, ['integration'], 'Resolving a finding that is not an alert');
      else if (!(await requestAlertRelease(jobs, caller, finding, text))) {
        return {
          finding,
          userErrors: [{ field: ['id'], code: 'HOLD_RELEASE_UNAVAILABLE', message: 'No running service can lift the hold yet.' }],
        };
      }
      const resolved = await resolveFinding(db, id, text, caller.subject);
      return resolved ? { finding: resolved, userErrors: [] } : alreadyResolved(finding);
    },
  },
  Subscription: {
    driftDetected: {
      subscribe: (_parent, { system }, { events }) =>
        streamEvents(events, driftAlerted, { accept: (event) => !system || event.system === system }),
      resolve: async (event: DriftAlerted, _args: unknown, { db }: OperationsContext) => {
        const finding = await findFinding(db, event.findingId);
        if (!finding) throw graphqlError('NOT_FOUND', `Drift finding ${event.findingId} is not known`);
        return finding;
      },
    },
  },
  ReconciliationRun: {
    state: (run) => run.state,
    parts: async (run, _args, { runParts }) => partsOf(run, await runParts.load(run.id)),
  },
  DriftFinding: {
    run: async (finding, _args, { db }) => {
      const run = await findRun(db, finding.runId);
      if (!run) throw graphqlError('NOT_FOUND', `Run ${finding.runId} is not known`);
      return run;
    },
    field: (finding) => finding.field || null,
    systemOfRecord: (finding) => finding.systemOfRecord as 'PROCUREGRAPH' | 'ERP' | 'VENDOR_PLATFORM' | 'CONTRACT_REPOSITORY',
  },
};
