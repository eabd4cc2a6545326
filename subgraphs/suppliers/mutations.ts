import type { MutationResolvers, Resolvers } from './generated/resolvers-types.ts';
import type { SuppliersContext } from './context.ts';
import { onboardSupplier } from './onboarding/onboard.ts';
import { approveSupplier, rejectSupplier } from './onboarding/review.ts';
import { addInsuranceCertificate } from './onboarding/insurance-review.ts';
import { reloadAndRescreen } from './screening/rescreen.ts';


const today = () => new Date().toISOString().slice(0, 10);

/** Thin on purpose: call the workflow, return its payload. Who may call each is declared in schema.graphql. */
const Mutation: MutationResolvers<SuppliersContext> = {
  onboardSupplier: async (_parent, { input }, context) => {
    const { idempotencyKey, ...registration } = input;
    return onboardSupplier(context.onboarding, { input: registration, idempotencyKey });
  },
  approveSupplier: (_parent, args, { db }) => approveSupplier(db, args.id),
  rejectSupplier: (_parent, args, { db }) => rejectSupplier(db, args.id, args.reason),
  addInsuranceCertificate: (_parent, args, { db }) => addInsuranceCertificate(db, args.supplierId, args.certificate, today()),
  reloadExclusionList: async (_parent, _args, context) => {
    const onboarding = context.onboarding;
    return { ...(await reloadAndRescreen(onboarding.db, onboarding.screening)), userErrors: [] };
  },
};

export const mutationResolvers: Pick<Resolvers, 'Mutation'> = { Mutation };
