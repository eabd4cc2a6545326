import { and, count, eq, inArray, type SQL } from 'drizzle-orm';
import type { Queryable } from '@procuregraph/platform/db';
import { type PageRequest, afterCursor } from '@procuregraph/platform/graphql';
import type { UserCaller } from '@procuregraph/platform/auth';
import { contracts, priceTerms, type ContractStatus } from './tables.ts';

export interface ContractFilter {
  supplierId?: string | undefined;
  status?: ContractStatus | null | undefined;
}

/** A supplier's token sees its own contracts only, whatever it asks. */
function visibleTo(caller: UserCaller): SQL | undefined {
  return caller.kind === 'supplier' ? eq(contracts.supplierId, caller.supplierId) : undefined;
}

function filterCondition(caller: UserCaller, filter: ContractFilter): SQL | undefined {
  return and(
    visibleTo(caller),
    filter.supplierId ? eq(contracts.supplierId, filter.supplierId) : undefined,
    filter.status ? eq(contracts.status, filter.status) : undefined,
  );
}

export function listContracts(db: Queryable, caller: UserCaller, filter: ContractFilter, page: PageRequest) {
  return db
    .select()
    .from(contracts)
    .where(and(filterCondition(caller, filter), afterCursor(contracts.id, page)))
    .orderBy(contracts.id)
    .limit(page.limit + 1);
}

export async function countContracts(db: Queryable, caller: UserCaller, filter: ContractFilter): Promise<number> {
  const [row] = await db.select({ total: count() }).from(contracts).where(filterCondition(caller, filter));
  return row?.total ?? 0;
}

export function contractsOfSupplier(db: Queryable, caller: UserCaller, supplierId: string, fetch: PageRequest) {
  return db
    .select()
    .from(contracts)
    .where(and(visibleTo(caller), eq(contracts.supplierId, supplierId), afterCursor(contracts.id, fetch)))
    .orderBy(contracts.id)
    .limit(fetch.limit)
    .$dynamic();
}

export async function countContractsOfSuppliers(db: Queryable, caller: UserCaller, supplierIds: readonly string[]) {
  const rows = await db
    .select({ supplierId: contracts.supplierId, total: count() })
    .from(contracts)
    .where(and(visibleTo(caller), inArray(contracts.supplierId, [...supplierIds])))
    .groupBy(contracts.supplierId);
  return new Map(rows.map((row) => [row.supplierId, row.total]));
}

export function contractsByIds(db: Queryable, caller: UserCaller, ids: readonly string[]) {
  return db
    .select()
    .from(contracts)
    .where(and(visibleTo(caller), inArray(contracts.id, [...ids])));
}

export function termsOfContracts(db: Queryable, contractIds: readonly string[]) {
  return db
    .select()
    .from(priceTerms)
    .where(inArray(priceTerms.contractId, [...contractIds]))
    .orderBy(priceTerms.contractId, priceTerms.itemNumber);
}
