import type { UserCaller } from '@procuregraph/platform/auth';
import { idArgument, graphqlError } from '@procuregraph/platform/graphql';
import type { Resolvers, SubmitInvoiceInput } from './generated/resolvers-types.ts';
import { submitInvoice } from './intake/submit-invoice.ts';
import type { InvoiceSubmission } from './intake/submission.ts';
import { approveInvoice } from './workflow/approve-invoice.ts';
import { resolveMatchException } from './workflow/resolve-exception.ts';
import { setMatchTolerance } from './matching/set-match-tolerance.ts';

/** The schema lets finance and suppliers submit; a supplier may submit its own invoices only. */
function requireOwnInvoice(caller: UserCaller, supplierId: string): void {
  if (caller.kind === 'supplier' && caller.supplierId !== supplierId)
    throw graphqlError('FORBIDDEN', 'A supplier may submit only its own invoices');
}

function submissionOf(input: SubmitInvoiceInput): InvoiceSubmission {
  return {
    supplierId: input.supplierId,
    purchaseOrderId: input.purchaseOrderId ?? null,
    invoiceNumber: input.invoiceNumber,
    invoiceDate: input.invoiceDate,
    currency: input.currency ?? 'USD',
    lines: input.lines.map((line) => ({
      lineNumber: line.lineNumber,
      itemNumber: line.itemNumber,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
    })),
    taxAmount: input.taxAmount ?? '0',
    freightAmount: input.freightAmount ?? '0',
    source: 'GRAPH',
    idempotencyKey: input.idempotencyKey ?? null,
    vendorPlatformInvoiceId: null,
  };
}

export const mutationResolvers: Pick<Resolvers, 'Mutation'> = {
  Mutation: {
    submitInvoice: async (_parent, { input }, { caller, db, priceTolerancePct }) => {
      requireOwnInvoice(caller, input.supplierId);
      return submitInvoice(db, submissionOf(input), priceTolerancePct);
    },
    approveInvoice: async (_parent, { id }, { db }) => {
      const result = await approveInvoice(db, idArgument(id, 'id')!);
      if (!result) throw graphqlError('NOT_FOUND', `No invoice ${id}`);
      return result;
    },
    resolveMatchException: (_parent, { input }, { caller, db }) =>
      resolveMatchException(db, {
        exceptionId: idArgument(input.exceptionId, 'exceptionId')!,
        action: input.action,
        reason: input.reason,
        resolvedBy: caller.subject,
      }),
    setMatchTolerance: (_parent, { input }, { caller, db }) =>
      setMatchTolerance(
        db,
        {
          supplierId: idArgument(input.supplierId, 'supplierId') ?? null,
          supplierCategory: input.supplierCategory ?? null,
          pricePct: input.pricePct,
          priceAmount: input.priceAmount ?? null,
          quantityPct: input.quantityPct,
          taxFreightPct: input.taxFreightPct ?? null,
          taxFreightAmount: input.taxFreightAmount ?? null,
        },
        caller.subject,
      ),
  },
};
