import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Transaction } from '@procuregraph/platform/db';
import { defineTopic } from '@procuregraph/platform/events';
import { contractPriceTermProjections, contractProjections } from '../db/tables.ts';

/** The contracts subgraph's event carries the whole contract: the newest one replaces the projection. */
export const contractChanged = defineTopic(
  'contract.changed',
  z.object({
    contractId: z.uuid(),
    supplierId: z.uuid(),
    number: z.string().min(1),
    status: z.string().min(1),
    effectiveFrom: z.string().date(),
    effectiveTo: z.string().date().nullish(),
    currency: z.string().min(3).default('USD'),
    priceTerms: z.array(z.object({ itemNumber: z.string(), unitPrice: z.string(), unitOfMeasure: z.string() })),
  }),
);

export type ContractChanged = ReturnType<typeof contractChanged.parse>;

export async function projectContract(tx: Transaction, contract: ContractChanged, occurredAt: Date): Promise<void> {
  const { priceTerms, ...header } = contract;
  const row = { ...header, effectiveTo: header.effectiveTo ?? null, updatedAt: occurredAt };
  await tx.insert(contractProjections).values(row).onConflictDoUpdate({ target: contractProjections.contractId, set: row });
  await tx.delete(contractPriceTermProjections).where(eq(contractPriceTermProjections.contractId, contract.contractId));
  if (priceTerms.length > 0)
    await tx.insert(contractPriceTermProjections).values(priceTerms.map((term) => ({ ...term, contractId: contract.contractId })));
}
