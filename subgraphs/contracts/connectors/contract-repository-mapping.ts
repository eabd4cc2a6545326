import { z } from 'zod';
import { decimal, formatDecimal } from '@procuregraph/platform/money';
import type { ContractStatus } from '../db/tables.ts';

/** Between the contract repository's snake_case contracts and the canonical contract. Pure: no I/O. */

export interface RepositoryContractSnapshot {
  repositoryId: string;
  number: string;
  title: string;
  /** The counterparty's ERP supplier number; null when the repository does not know it. */
  vendorNumber: string | null;
  status: ContractStatus;
  effectiveFrom: string;
  effectiveTo: string | null;
  currency: string;
  version: number;
  priceTerms: { itemNumber: string; unitPrice: string; unitOfMeasure: string }[];
}

export interface RepositoryChange {
  changeId: string;
  sequence: number;
  changeType: string;
  occurredAt: Date;
  /** Null when the contract could not be read; `problem` says why, and the change is skipped, not retried forever. */
  contract: RepositoryContractSnapshot | null;
  problem: string | null;
}

export class ContractMappingError extends Error {
  override readonly name = 'ContractMappingError';
}

const text = z.string().trim();
const isoDay = text.transform((value) => value.slice(0, 10)).pipe(z.iso.date());
const decimalValue = z
  .union([z.number(), text])
  .transform(String)
  .refine((value) => /^\d+(\.\d+)?$/.test(value), { message: 'not a non-negative decimal' })
  .transform((value) => formatDecimal(decimal(value)));
const integer = z.union([z.number().int(), text.regex(/^\d+$/).transform(Number)]);

const contractSchema = z.object({
  id: text.min(1),
  contract_number: text.min(1),
  title: text,
  counterparty: z.object({ name: text, vendor_number: z.union([text, z.number().transform(String)]).nullish() }),
  status: text.transform((status) => status.toLowerCase()),
  effective_date: isoDay,
  expiration_date: isoDay.nullish(),
  currency: text.transform((currency) => currency.toUpperCase()).default('USD'),
  version: integer,
  price_terms: z.array(z.object({ item_number: text.min(1), unit_price: decimalValue, uom: text.min(1) })).default([]),
});

const changesSchema = z.object({
  changes: z.array(z.object({ change_id: text.min(1), sequence: integer, change_type: text, occurred_at: text, contract: z.unknown() })),
  next_since: z.union([text, z.number().transform(String)]).nullish(),
  has_more: z.boolean().default(false),
});

const STATUSES: Readonly<Record<string, ContractStatus>> = { draft: 'DRAFT', executed: 'ACTIVE', expired: 'EXPIRED', terminated: 'TERMINATED' };

/** The repository marks lapsed contracts expired only nightly, so an executed one past its end is EXPIRED already. */
function contractStatus(status: string, effectiveTo: string | null, today: string): ContractStatus {
  const mapped = STATUSES[status];
  if (!mapped) throw new ContractMappingError(`Unknown contract status ${status}`);
  return mapped === 'ACTIVE' && effectiveTo !== null && effectiveTo < today ? 'EXPIRED' : mapped;
}

export function fromRepositoryContract(body: unknown, now = new Date()): RepositoryContractSnapshot {
  const result = contractSchema.safeParse(body);
  if (!result.success) throw new ContractMappingError(`Unreadable repository contract: ${z.prettifyError(result.error)}`);
  const contract = result.data;
  const effectiveTo = contract.expiration_date ?? null;
  return {
    repositoryId: contract.id,
    number: contract.contract_number,
    title: contract.title,
    vendorNumber: contract.counterparty.vendor_number ?? null,
    status: contractStatus(contract.status, effectiveTo, now.toISOString().slice(0, 10)),
    effectiveFrom: contract.effective_date,
    effectiveTo,
    currency: contract.currency,
    version: contract.version,
    priceTerms: contract.price_terms.map((term) => ({ itemNumber: term.item_number, unitPrice: term.unit_price, unitOfMeasure: term.uom })),
  };
}

/** A page of `GET /api/changes`; the next cursor is the last sequence read. */
export function fromRepositoryChanges(body: unknown, now = new Date()): { changes: RepositoryChange[]; nextSince: string | null } {
  const result = changesSchema.safeParse(body);
  if (!result.success) throw new ContractMappingError(`Unreadable repository changes: ${z.prettifyError(result.error)}`);
  return {
    nextSince: result.data.next_since ?? null,
    changes: result.data.changes.map((change) => ({
      changeId: change.change_id,
      sequence: change.sequence,
      changeType: change.change_type,
      occurredAt: new Date(change.occurred_at),
      ...readContract(change.contract, now),
    })),
  };
}

function readContract(body: unknown, now: Date): Pick<RepositoryChange, 'contract' | 'problem'> {
  try {
    return { contract: fromRepositoryContract(body, now), problem: null };
  } catch (error) {
    if (!(error instanceof ContractMappingError)) throw error;
    return { contract: null, problem: error.message };
  }
}
