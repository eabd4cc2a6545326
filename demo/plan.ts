import { RecordIds } from './identifiers.ts';
import type { WorldScale } from './world.ts';

/** Purchase orders and invoices come in blocks of 8 orders billed by 10 invoices (see order-records.ts). */
export const ORDERS_PER_BLOCK = 8;
export const INVOICES_PER_BLOCK = 10;

/** How big a world is; everything else about it follows from these numbers and the seed. */
export interface WorldPlan {
  readonly scale: WorldScale;
  readonly seed: number;
  readonly facilities: number;
  readonly suppliers: number;
  /** Every third supplier holds one contract. */
  readonly contracts: number;
  readonly purchaseOrders: number;
  readonly invoices: number;
  /** The newest suppliers, still in onboarding and therefore not in the ERP yet. */
  readonly suppliersInOnboarding: number;
}

export interface WorldContext {
  readonly plan: WorldPlan;
  readonly ids: RecordIds;
  readonly memo: Memo;
}

/**
 * Remembers recently derived parts (a supplier's profile, a contract's prices) that thousands of
 * orders and invoices ask for again. Records stay pure functions of their index; this only saves
 * recomputing them. Each kind is forgotten wholesale when it grows past a bound, so memory stays flat.
 */
export class Memo {
  readonly #kinds = new Map<string, Map<number, unknown>>();

  get<T>(kind: string, index: number, derive: () => T, bound = 20_000): T {
    let known = this.#kinds.get(kind);
    if (!known) this.#kinds.set(kind, (known = new Map()));
    if (known.has(index)) return known.get(index) as T;
    if (known.size >= bound) known.clear();
    const value = derive();
    known.set(index, value);
    return value;
  }
}

export const DEFAULT_SEED = 20_261_101;

/** One certificate per insurance type at most. */
export const MAX_CERTIFICATES_PER_SUPPLIER = 5;
export const MAX_RECEIPTS_PER_ORDER = 3;
/** Six lines not received, plus an inactive supplier and an expired contract. */
export const MAX_EXCEPTIONS_PER_INVOICE = 8;
/** A payment that failed or was voided, and its reissue. */
export const MAX_PAYMENTS_PER_INVOICE = 2;

const SIZES: Readonly<Record<WorldScale, { facilities: number; suppliers: number; blocks: number; suppliersInOnboarding: number }>> = {
  default: { facilities: 5, suppliers: 60, blocks: 50, suppliersInOnboarding: 5 },
  large: { facilities: 24, suppliers: 100_000, blocks: 100_000, suppliersInOnboarding: 1_000 },
};

export function planWorld(scale: WorldScale, seed: number): WorldPlan {
  const size = SIZES[scale];
  return {
    scale,
    seed,
    facilities: size.facilities,
    suppliers: size.suppliers,
    contracts: Math.ceil(size.suppliers / 3),
    purchaseOrders: size.blocks * ORDERS_PER_BLOCK,
    invoices: size.blocks * INVOICES_PER_BLOCK,
    suppliersInOnboarding: size.suppliersInOnboarding,
  };
}

/** Ids are allotted per kind of record from these upper bounds. */
export function worldContext(plan: WorldPlan): WorldContext {
  const ids = new RecordIds({
    FACILITY: plan.facilities,
    SUPPLIER: plan.suppliers,
    CERTIFICATE: plan.suppliers * MAX_CERTIFICATES_PER_SUPPLIER,
    CONTRACT: plan.contracts,
    PURCHASE_ORDER: plan.purchaseOrders,
    RECEIPT: plan.purchaseOrders * MAX_RECEIPTS_PER_ORDER,
    INVOICE: plan.invoices,
    MATCH_EXCEPTION: plan.invoices * MAX_EXCEPTIONS_PER_INVOICE,
    PAYMENT: plan.invoices * MAX_PAYMENTS_PER_INVOICE,
  });
  return { plan, ids, memo: new Memo() };
}
