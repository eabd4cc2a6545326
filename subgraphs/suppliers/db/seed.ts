import type { Database } from '@procuregraph/platform/db';
import type { FieldCipher } from '@procuregraph/platform/crypto';
import { seedTables, type DemoSupplier, type World } from '@procuregraph/demo';
import { legalNameKey } from '../supplier/legal-name.ts';
import { bankAccountFingerprint } from '../supplier/identifiers.ts';
import { externalReferences, insuranceCertificates, supplierHolds, suppliers, syncStatus } from './tables.ts';

/**
 * Writes the demo world's suppliers into the canonical store: the suppliers with their TINs and
 * account numbers encrypted, their certificates, and their ids in (and sync state with) the ERP
 * and the vendor platform. Meant for an empty schema; returns the number of rows written.
 */
export async function seedSuppliers(db: Database, world: World, cipher: FieldCipher): Promise<number> {
  return seedTables(db, [suppliers, supplierHolds, insuranceCertificates, externalReferences, syncStatus], async (batches) => {
    for (const supplier of world.suppliers()) {
      await batches.add(suppliers, supplierRow(supplier, cipher));
      // A demo supplier is on hold because its general liability lapsed after approval, so a renewed
      // certificate returns it to ACTIVE.
      if (supplier.status === 'ON_HOLD')
        await batches.add(supplierHolds, { supplierId: supplier.id, reason: 'INSURANCE_EXPIRED', openedAt: lastSynced(supplier) });
      for (const certificate of certificateRows(supplier)) await batches.add(insuranceCertificates, certificate);
      for (const reference of referenceRows(supplier)) await batches.add(externalReferences, reference);
      for (const sync of syncRows(supplier)) await batches.add(syncStatus, sync);
    }
  });
}

export async function suppliersSeeded(db: Database): Promise<boolean> {
  return (await db.select({ id: suppliers.id }).from(suppliers).limit(1)).length > 0;
}

/** Every demo supplier is registered on the vendor platform, so its last change has been synchronized. */
function lastSynced(supplier: DemoSupplier): Date {
  return supplier.updatedAt ?? supplier.createdAt;
}

function supplierRow(supplier: DemoSupplier, cipher: FieldCipher): typeof suppliers.$inferInsert {
  const taxIdDigits = supplier.taxId.replace(/\D/g, '');
  const { accountNumber, routingNumber, accountType } = supplier.bankAccount;
  return {
    id: supplier.id,
    supplierNumber: supplier.supplierNumber,
    legalName: supplier.legalName,
    legalNameKey: legalNameKey(supplier.legalName),
    dbaName: supplier.dbaName,
    category: supplier.category,
    status: supplier.status,
    taxIdCiphertext: cipher.encrypt(taxIdDigits),
    taxIdLast4: taxIdDigits.slice(-4),
    taxIdFingerprint: cipher.fingerprint(taxIdDigits),
    address: supplier.address,
    contact: supplier.contact,
    bankRoutingNumber: routingNumber,
    bankAccountCiphertext: cipher.encrypt(accountNumber),
    bankAccountLast4: accountNumber.slice(-4),
    bankAccountFingerprint: bankAccountFingerprint(cipher, routingNumber, accountNumber),
    bankAccountType: accountType,
    // Screened against the exclusion list when the registration came in.
    screeningStatus: 'CLEAR',
    screeningCheckedAt: supplier.createdAt,
    idempotencyKey: null,
    statusBeforeHold: supplier.status === 'ON_HOLD' ? 'ACTIVE' : null,
    createdAt: supplier.createdAt,
    updatedAt: lastSynced(supplier),
    lastSyncedAt: lastSynced(supplier),
  };
}

function certificateRows(supplier: DemoSupplier): (typeof insuranceCertificates.$inferInsert)[] {
  return supplier.insuranceCertificates.map((certificate) => ({
    id: certificate.id,
    supplierId: supplier.id,
    type: certificate.type,
    carrier: certificate.carrier,
    policyNumber: certificate.policyNumber,
    coverageAmount: certificate.coverageAmount,
    currency: 'USD',
    expiresOn: certificate.expiresOn,
  }));
}

function referenceRows(supplier: DemoSupplier): (typeof externalReferences.$inferInsert)[] {
  const rows: (typeof externalReferences.$inferInsert)[] = [
    {
      supplierId: supplier.id,
      system: 'VENDOR_PLATFORM',
      externalId: supplier.vendorPlatform.registrationId,
      createdAt: supplier.createdAt,
    },
  ];
  if (supplier.erp)
    rows.push({ supplierId: supplier.id, system: 'ERP', externalId: String(supplier.erp.supplierId), createdAt: lastSynced(supplier) });
  return rows;
}

function syncRows(supplier: DemoSupplier): (typeof syncStatus.$inferInsert)[] {
  const systems = supplier.erp ? (['VENDOR_PLATFORM', 'ERP'] as const) : (['VENDOR_PLATFORM'] as const);
  const syncedAt = lastSynced(supplier);
  return systems.map((system) => ({
    entityId: supplier.id,
    system,
    state: 'SYNCED',
    attempts: 1,
    lastError: null,
    syncedAt,
    updatedAt: syncedAt,
  }));
}
