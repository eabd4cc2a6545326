import type { MutationResolvers, Resolvers } from './generated/resolvers-types.ts';
import type { SuppliersContext } from './context.ts';
import { onboardSupplier } from './onboarding/onboard.ts';
import { approveSupplier, rejectSupplier } from './onboarding/review.ts';
import { addInsuranceCertificate } from './onboarding/insurance-review.ts';
import { runExclusionListReload } from './compliance/exclusion-list-runs.ts';
import { decideScreeningMatch } from './compliance/screening-decisions.ts';
import type { ExclusionListRunRow } from './db/tables.ts';

const today = () => new Date().toISOString().slice(0, 10);

/** A run that could not read the list answers with its error as a user error; the previous list stays in force. */
function exclusionListReloadPayload(run: ExclusionListRunRow) {
  const userErrors =
    run.state === 'FAILED'
      ? [{ field: null, code: 'EXCLUSION_LIST_UNAVAILABLE', message: run.error ?? 'The exclusion list could not be read' }]
      : [];
  return {
    entries: run.entries,
    screened: run.checked,
    potentialMatches: run.potentialMatches,
    excluded: run.excluded,
    putOnHold: run.putOnHold,
    run,
    userErrors,
  };
}

/** Thin on purpose: call the workflow, return its payload. Who may call each is declared in schema.graphql. */
const Mutation: MutationResolvers<SuppliersContext> = {
  onboardSupplier: async (_parent, { input }, context) => {
    const { idempotencyKey, ...registration } = input;
    return onboardSupplier(context.onboarding, { input: registration, idempotencyKey });
  },
  approveSupplier: (_parent, args, { db }) => approveSupplier(db, args.id),
  rejectSupplier: (_parent, args, { db }) => rejectSupplier(db, args.id, args.reason),
  addInsuranceCertificate: (_parent, args, { db }) => addInsuranceCertificate(db, args.supplierId, args.certificate, today()),
  reloadExclusionList: async (_parent, _args, { onboarding }) =>
    exclusionListReloadPayload(await runExclusionListReload(onboarding.db, onboarding.screening, 'MANUAL')),
  resolveScreeningMatch: (_parent, { input }, { db, caller }) => decideScreeningMatch(db, caller, input),
};

export const mutationResolvers: Pick<Resolvers, 'Mutation'> = { Mutation };
