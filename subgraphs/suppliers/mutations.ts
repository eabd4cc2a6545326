import { requireRole } from '@procuregraph/platform/auth/authorization';
import type { MutationResolvers, Resolvers } from './generated/resolvers-types.ts';
import type { SuppliersContext } from './context.ts';
import { onboardSupplier } from './onboarding/onboard.ts';
import { approveSupplier, rejectSupplier } from './onboarding/review.ts';
import { addInsuranceCertificate } from './onboarding/insurance-review.ts';
import { reloadAndRescreen } from './screening/rescreen.ts';


const today = () => new Date().toISOString().slice(0, 10);

/** Thin on purpose: check the caller, call the workflow, return its payload. */
const Mutation: MutationResolvers<SuppliersContext> = {
  onboardSupplier: async (_parent, { input }, context) => {
    requireRole(context.caller, ['procurement', 'integration']);
    const { idempotencyKey, ...registration } = input;
    return onboardSupplier(context.onboarding, { input: registration, idempotencyKey });
  },
  approveSupplier: (_parent, args, { caller, db }) => {
    requireRole(caller, ['procurement']);
    return approveSupplier(db, args.id);
  },
  rejectSupplier: (_parent, args, { caller, db }) => {
    requireRole(caller, ['procurement']);
    return rejectSupplier(db, args.id, args.reason);
  },
  addInsuranceCertificate: (_parent, args, { caller, db }) => {
    requireRole(caller, ['procurement', 'compliance']);
    return addInsuranceCertificate(db, args.supplierId, args.certificate, today());
  },
  reloadExclusionList: async (_parent, _args, context) => {
    requireRole(context.caller, ['compliance']);
    const onboarding = context.onboarding;
    return { ...(await reloadAndRescreen(onboarding.db, onboarding.screening)), userErrors: [] };
  },
};

export const mutationResolvers: Pick<Resolvers, 'Mutation'> = { Mutation };
