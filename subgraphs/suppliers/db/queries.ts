import { and, count, eq, ilike, inArray, type SQL } from 'drizzle-orm';
import { countedRows, type Queryable } from '@procuregraph/platform/db';
import { type PageRequest, afterCursor } from '@procuregraph/platform/graphql';
import type { UserCaller } from '@procuregraph/platform/auth';
import {
  externalReferences,
  insuranceCertificates,
  supplierCounts,
  suppliers,
  type SupplierCategory,
  type SupplierStatus,
} from './tables.ts';

export interface SupplierFilter {
  status?: SupplierStatus | null | undefined;
  category?: SupplierCategory | null | undefined;
  search?: string | null | undefined;
}

/** A supplier's token sees its own record only, whatever it asks. */
function visibleTo(caller: UserCaller): SQL | undefined {
  return caller.kind === 'supplier' ? eq(suppliers.id, caller.supplierId) : undefined;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

function filterCondition(caller: UserCaller, filter: SupplierFilter): SQL | undefined {
  return and(
    visibleTo(caller),
    filter.status ? eq(suppliers.status, filter.status) : undefined,
    filter.category ? eq(suppliers.category, filter.category) : undefined,
    filter.search ? ilike(suppliers.legalName, `%${escapeLike(filter.search)}%`) : undefined,
  );
}

export function listSuppliers(db: Queryable, caller: UserCaller, filter: SupplierFilter, page: PageRequest) {
  return db
    .select()
    .from(suppliers)
    .where(and(filterCondition(caller, filter), afterCursor(suppliers.id, page)))
    .orderBy(suppliers.id)
    .limit(page.limit + 1);
}

/**
 * Whether `supplier_counts` holds the filter's count: not for a search of names (counted from the
 * rows: a leading wildcard uses no index) nor for a supplier's token, which sees one row.
 */
function counterAnswers(caller: UserCaller, filter: SupplierFilter): boolean {
  return caller.kind !== 'supplier' && !filter.search;
}

export async function countSuppliers(db: Queryable, caller: UserCaller, filter: SupplierFilter): Promise<number> {
  if (counterAnswers(caller, filter)) {
    return countedRows(
      db,
      supplierCounts,
      and(
        filter.status ? eq(supplierCounts.status, filter.status) : undefined,
        filter.category ? eq(supplierCounts.category, filter.category) : undefined,
      ),
    );
  }
  const [row] = await db.select({ total: count() }).from(suppliers).where(filterCondition(caller, filter));
  return row?.total ?? 0;
}

export function suppliersByIds(db: Queryable, caller: UserCaller, ids: readonly string[]) {
  return db
    .select()
    .from(suppliers)
    .where(and(visibleTo(caller), inArray(suppliers.id, [...ids])));
}

export function certificatesOfSuppliers(db: Queryable, supplierIds: readonly string[]) {
  return db
    .select()
    .from(insuranceCertificates)
    .where(inArray(insuranceCertificates.supplierId, [...supplierIds]))
    .orderBy(insuranceCertificates.supplierId, insuranceCertificates.type, insuranceCertificates.expiresOn);
}

export function referencesOfSuppliers(db: Queryable, supplierIds: readonly string[]) {
  return db
    .select()
    .from(externalReferences)
    .where(inArray(externalReferences.supplierId, [...supplierIds]))
    .orderBy(externalReferences.supplierId, externalReferences.system);
}
