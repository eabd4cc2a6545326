import type { ListedRegistration, VendorPlatformClient } from '@procuregraph/connector-vendor-platform';
import type { Database } from '@procuregraph/platform/db';
import {
  canonicalPageOf,
  compareCursorPage,
  fieldMismatches,
  missingInCanonical,
  missingInSystem,
  PROCUREGRAPH,
  type CanonicalPage,
  type Checkpoint,
  type ComparedPage,
  type ComparedRecord,
  type FindingInput,
  type ReconciliationComparer,
} from '@procuregraph/platform/reconciliation';
import type { CallPolicy } from '@procuregraph/platform/resilience';
import type { SupplierRow } from './db/tables.ts';
import { linkedSuppliersAfter, suppliersByExternalId } from './supplier/external-references.ts';

/**
 * The suppliers subgraph's part of a vendor-platform reconciliation: the platform's registrations
 * against the canonical suppliers registered there. Procuregraph is the record for the decision on
 * a registration (it approves or rejects it there) and for the supplier master; a registration
 * decided otherwise on the platform, renamed there, or gone, is left to a person, since the
 * platform's record is also the applicant's own words.
 */

const PAGE_SIZE = 200;

const registrationKey = (registrationId: string) => `registration:${registrationId}`;

const registrationRecord = (registrationId: string): ComparedRecord => ({
  recordType: 'SUPPLIER',
  recordKey: registrationKey(registrationId),
  externalId: registrationId,
  systemOfRecord: PROCUREGRAPH,
});

/** The platform's status a canonical supplier's registration should have: the decision Procuregraph sent. */
function decidedStatus(status: SupplierRow['status']): string {
  if (status === 'PENDING_APPROVAL') return 'submitted';
  return status === 'REJECTED' ? 'rejected' : 'approved';
}

function compareRegistration(registration: ListedRegistration, canonical: SupplierRow | undefined): FindingInput[] {
  const record = registrationRecord(registration.id);
  if (!canonical) return [missingInCanonical(record, registration.legalName ?? null)];
  return fieldMismatches(record, canonical.id, [
    ['status', decidedStatus(canonical.status), registration.status],
    ['legalName', canonical.legalName, registration.legalName ?? null],
  ]);
}

export function registrationComparer(db: Database, portal: VendorPlatformClient, policy: CallPolicy): ReconciliationComparer {
  return {
    comparePage: (checkpoint: Checkpoint | null, signal?: AbortSignal): Promise<ComparedPage> =>
      compareCursorPage(
        {
          read: (cursor, pageSignal) =>
            policy.execute((callSignal) => portal.registrationsPage(cursor, PAGE_SIZE, pageSignal ?? callSignal)),
          canonicalOf: (items) =>
            suppliersByExternalId(
              db,
              'VENDOR_PLATFORM',
              items.map((item) => item.id),
            ),
          itemId: (item) => item.id,
          recordKey: (item) => registrationKey(item.id),
          compare: compareRegistration,
        },
        checkpoint,
        signal,
      ),

    async canonicalPage(afterKey: string | null): Promise<CanonicalPage> {
      const rows = await linkedSuppliersAfter(db, 'VENDOR_PLATFORM', afterKey, PAGE_SIZE);
      return canonicalPageOf(
        rows,
        PAGE_SIZE,
        (row) => row.externalId,
        (row) => missingInSystem(registrationRecord(row.externalId), row.supplierId, row.legalName),
      );
    },
  };
}
