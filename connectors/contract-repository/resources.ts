import { z } from 'zod';
import { decimal, formatDecimal } from '@procuregraph/platform/money';

/*
 * The contract repository's resources as its API writes them (snake_case, lower-case statuses,
 * decimals as strings or numbers), read at the boundary into exact types.
 */

export class ContractResourceError extends Error {
  override readonly name = 'ContractResourceError';
}

const text = z.string().trim();
const isoDay = text.transform((value) => value.slice(0, 10)).pipe(z.iso.date());
const decimalValue = z
  .union([z.number(), text])
  .transform(String)
  .refine((value) => /^\d+(\.\d+)?$/.test(value), { message: 'not a non-negative decimal' })
  .transform((value) => formatDecimal(decimal(value)));
const integer = z.union([z.number().int(), text.regex(/^\d+$/).transform(Number)]);

const contract = z.object({
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

export type Contract = z.output<typeof contract>;

export function readContract(body: unknown): Contract {
  const result = contract.safeParse(body);
  if (!result.success) throw new ContractResourceError(`Unreadable repository contract: ${z.prettifyError(result.error)}`);
  return result.data;
}

/** One item of `GET /api/changes`. */
export interface ContractChange {
  changeId: string;
  sequence: number;
  changeType: string;
  occurredAt: Date;
  /** Null when the contract could not be read; `problem` says why, so the change is skipped, not retried forever. */
  contract: Contract | null;
  problem: string | null;
}

export interface ContractChangePage {
  changes: ContractChange[];
  /** The cursor to read on from: the last sequence read. */
  nextSince: string | null;
}

const changePage = z.object({
  changes: z.array(z.object({ change_id: text.min(1), sequence: integer, change_type: text, occurred_at: text, contract: z.unknown() })),
  next_since: z.union([text, z.number().transform(String)]).nullish(),
  has_more: z.boolean().default(false),
});

function readChangedContract(body: unknown): Pick<ContractChange, 'contract' | 'problem'> {
  try {
    return { contract: readContract(body), problem: null };
  } catch (error) {
    if (!(error instanceof ContractResourceError)) throw error;
    return { contract: null, problem: error.message };
  }
}

export function readChangePage(body: unknown): ContractChangePage {
  const result = changePage.safeParse(body);
  if (!result.success) throw new ContractResourceError(`Unreadable repository changes: ${z.prettifyError(result.error)}`);
  return {
    nextSince: result.data.next_since ?? null,
    changes: result.data.changes.map((change) => ({
      changeId: change.change_id,
      sequence: change.sequence,
      changeType: change.change_type,
      occurredAt: new Date(change.occurred_at),
      ...readChangedContract(change.contract),
    })),
  };
}

/** A page of `GET /api/contracts` (page numbers from 1), read as contracts. */
export function readContractPage(body: unknown): { items: Contract[]; totalPages: number } {
  const page = z
    .object({ data: z.array(z.unknown()), total_pages: z.number().int() })
    .loose()
    .parse(body);
  return { items: page.data.map(readContract), totalPages: page.total_pages };
}
