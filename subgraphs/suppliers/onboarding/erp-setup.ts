import { eq } from 'drizzle-orm';
import type { Database } from '@procuregraph/platform/db';
import type { FieldCipher } from '@procuregraph/platform/crypto';
import { appendToOutbox } from '@procuregraph/platform/outbox';
import { PermanentError } from '@procuregraph/platform/resilience';
import { externalReferences, outbox, suppliers, type ErpLinks } from '../db/tables.ts';
import type { ErpClient } from '@procuregraph/connector-erp';
import { erpSupplierSetup, fromErpSupplier } from '../erp-mapping.ts';
import { supplierIdentity } from '../supplier/identity.ts';
import { lockSupplier, transition } from '../supplier/status-change.ts';
import { SUPPLIER_ERP_LINKED } from '../supplier/topics.ts';
import { portalRegistrationOf } from '../supplier/external-references.ts';

export interface ErpSetupDependencies {
  db: Database;
  cipher: FieldCipher;
  erp: ErpClient;
}

/** Records the ERP's ids; an APPROVED supplier turns ACTIVE now that the ERP confirmed it. */
async function recordErpLinks(db: Database, supplierId: string, links: ErpLinks): Promise<void> {
  await db.transaction(async (tx) => {
    const supplier = await lockSupplier(tx, supplierId);
    if (!supplier) return;
    await tx.insert(externalReferences).values({ supplierId, system: 'ERP', externalId: links.supplierId }).onConflictDoNothing();
    const changes = { erpLinks: links, lastSyncedAt: new Date() };
    // A hold that came meanwhile (an expired certificate) stays; the links are kept all the same.
    if (supplier.status === 'APPROVED') await transition(tx, supplier, 'ACTIVE', changes);
    else await tx.update(suppliers).set(changes).where(eq(suppliers.id, supplierId));
    // Procurement and invoicing learn the ERP ids from this event, whichever way the supplier came in.
    await appendToOutbox(tx, outbox, {
      topic: SUPPLIER_ERP_LINKED,
      aggregateId: supplierId,
      payload: {
        supplierId,
        vendorRegistrationId: await portalRegistrationOf(tx, supplierId),
        erpSupplierId: links.supplierId,
        erpSupplierNumber: links.supplierNumber,
      },
    });
  });
}

/**
 * The ERP setup job: creates the supplier's ERP records (idempotently, so retries and replays
 * never create two) and then activates it. A supplier that already has its links is
 * only activated.
 */
export async function setUpInErp(
  deps: ErpSetupDependencies,
  supplierId: string,
  idempotencyKey: string,
  signal?: AbortSignal,
): Promise<void> {
  const [supplier] = await deps.db.select().from(suppliers).where(eq(suppliers.id, supplierId));
  if (!supplier) throw new PermanentError(`Supplier ${supplierId} does not exist`);
  // Set up before (e.g. approved again after a screening hold): confirm with the links in hand.
  if (supplier.erpLinks) return recordErpLinks(deps.db, supplierId, supplier.erpLinks);
  const links = await deps.erp.setUpSupplier(erpSupplierSetup(supplierIdentity(supplier, deps.cipher)), idempotencyKey, signal);
  // Active only when the ERP says so: its record must read back as an active, spend-authorized supplier.
  const confirmed = fromErpSupplier(await deps.erp.getSupplier(links.supplierId, signal));
  if (confirmed.status !== 'ACTIVE') {
    throw new Error(
      `The ERP holds supplier ${links.supplierId} as ${confirmed.status ?? 'unknown'} (${confirmed.issues.join('; ') || 'no details'})`,
    );
  }
  await recordErpLinks(deps.db, supplierId, links);
}
