import type { Database } from '@procuregraph/platform/db';
import type { UserCaller } from '@procuregraph/platform/auth';
import { recordsById, rowsByParent, journeyLoader, syncStatusLoader } from '@procuregraph/platform/graphql';
import { certificatesOfSuppliers, referencesOfSuppliers, suppliersByIds } from './db/queries.ts';
import { syncStatus } from './db/tables.ts';
import { holdsOfSuppliers } from './compliance/holds.ts';
import { decisionsOfSuppliers } from './compliance/screening-decisions.ts';

/** Per-request batching: every field below a page of suppliers costs one statement, not one per supplier. */
export function createLoaders(db: Database, caller: UserCaller) {
  return {
    supplier: recordsById((ids) => suppliersByIds(db, caller, ids)),
    certificates: rowsByParent(
      (ids) => certificatesOfSuppliers(db, ids),
      (row) => row.supplierId,
    ),
    externalReferences: rowsByParent(
      (ids) => referencesOfSuppliers(db, ids),
      (row) => row.supplierId,
    ),
    syncStatus: syncStatusLoader(db, syncStatus),
    journey: journeyLoader(db),
    holds: rowsByParent(
      (ids) => holdsOfSuppliers(db, ids),
      (row) => row.supplierId,
    ),
    complianceDecisions: rowsByParent(
      (ids) => decisionsOfSuppliers(db, ids),
      (row) => row.supplierId,
    ),
  };
}

export type SuppliersLoaders = ReturnType<typeof createLoaders>;
