import { and, eq } from 'drizzle-orm';
import type { BankAccount, ErpClient, Supplier } from '@procuregraph/connector-erp';
import type { FieldCipher } from '@procuregraph/platform/crypto';
import type { Database, Transaction } from '@procuregraph/platform/db';
import { markSyncPending } from '@procuregraph/platform/jobs';
import { appendToOutbox } from '@procuregraph/platform/outbox';
import {
  canonicalPageOf,
  driftAlerted,
  fieldMismatches,
  missingInCanonical,
  missingInSystem,
  PROCUREGRAPH,
  type CanonicalPage,
  type ComparedField,
  type ComparedRecord,
  type Checkpoint,
  type ComparedPage,
  type FindingInput,
  type ReconciliationComparer,
  type StoredFinding,
} from '@procuregraph/platform/reconciliation';
import { RemoteHttpError, type CallPolicy } from '@procuregraph/platform/resilience';
import { driftHoldReasons, type DriftHoldReason } from './compliance/drift-holds.ts';
import { placeHold } from './compliance/holds.ts';
import { externalReferences, outbox, suppliers, syncStatus, type AddressValue, type SupplierRow } from './db/tables.ts';
import { canonicalAddress, erpAddressBody, erpSiteBody, erpSiteName, fromErpSupplier, type ErpSupplierView } from './erp-mapping.ts';
import { lastFour, maskTaxId } from './supplier/identifiers.ts';
import { linkedSuppliersAfter, suppliersByExternalId } from './supplier/external-references.ts';
import { lockSupplier } from './supplier/status-change.ts';
import { SUPPLIER_ERP_REPUSH } from './supplier/topics.ts';

/**
 * The suppliers subgraph's part of an ERP reconciliation: the ERP's suppliers, a page at a time,
 * with the bank accounts their parties own (name, status; routing number and last four digits,
 * all the ERP shows of an account), then the canonical suppliers linked to the ERP it never listed. Procuregraph is
 * the record for the supplier master it pushed, so a changed name, status, address or site is
 * pushed again; a changed bank account is the classic payment-fraud path and a changed TIN
 * redirects tax reporting, so neither is ever overwritten: the supplier is held
 * (BANK_ACCOUNT_DRIFT, TAX_ID_DRIFT) and an alert raised.
 */

const PAGE_SIZE = 200;

const supplierKey = (erpSupplierId: string) => `supplier:${erpSupplierId}`;

/** The ERP status a canonical supplier should have there: INACTIVE or not (holds and approvals are Procuregraph's). */
const activeInErp = (status: SupplierRow['status']) => status !== 'INACTIVE';

/** A bank account as both sides can show it: routing number and last four digits. */
const maskedAccount = (routingNumber: string | null, last4: string | null) =>
  routingNumber ? `${routingNumber} ••••${last4 ?? ''}` : null;

/** Asks for the supplier master to be pushed again; the ERP job reads the canonical supplier when it runs. */
async function repush(tx: Transaction, finding: StoredFinding): Promise<'REPAIRED'> {
  await markSyncPending(tx, syncStatus, finding.recordId!, 'ERP');
  await appendToOutbox(tx, outbox, { topic: SUPPLIER_ERP_REPUSH, aggregateId: finding.recordId!, payload: { findingId: finding.id } });
  return 'REPAIRED';
}

/** Holds the supplier and raises the alert; the account or TIN in the ERP is left for a person to judge. */
const holdAndAlert =
  (reason: DriftHoldReason) =>
  async (tx: Transaction, finding: StoredFinding): Promise<'ALERTED'> => {
    const supplier = await lockSupplier(tx, finding.recordId!);
    if (supplier) await placeHold(tx, supplier, reason);
    await appendToOutbox(tx, outbox, {
      topic: driftAlerted.name,
      aggregateId: finding.recordId!,
      payload: { findingId: finding.id, system: 'ERP' },
    });
    return 'ALERTED';
  };

const supplierRecord = (erpSupplierId: string): ComparedRecord => ({
  recordType: 'SUPPLIER',
  recordKey: supplierKey(erpSupplierId),
  externalId: erpSupplierId,
  systemOfRecord: PROCUREGRAPH,
});

/** An address as both sides can show it, on one line. */
const addressLine = (address: AddressValue | null) =>
  address &&
  [address.line1, address.line2, address.city, `${address.region} ${address.postalCode}`.trim(), address.country]
    .filter(Boolean)
    .join(', ');

/** The ERP child the supplier was set up with (by the id recorded then), or its only one for a supplier linked without them. */
function linkedChild<Child>(
  items: readonly Child[],
  linkedId: string | undefined,
  idOf: (child: Child) => string | undefined,
): Child | null {
  if (linkedId === undefined) return items[0] ?? null;
  return items.find((child) => idOf(child) === linkedId) ?? null;
}

/** Address and site, which Procuregraph pushed: both sides as the ERP would show them. */
function addressAndSite(erp: Supplier, canonical: SupplierRow): ComparedField[] {
  const links = canonical.erpLinks ?? undefined;
  const address = linkedChild(erp.addresses?.items ?? [], links?.addressId, (item) => item.SupplierAddressId);
  const site = linkedChild(erp.sites?.items ?? [], links?.siteId, (item) => item.SupplierSiteId);
  return [
    ['address', addressLine(canonical.address), addressLine(address && canonicalAddress(address))],
    ['site', erpSiteName(canonical.address), site?.SupplierSite ?? null],
  ];
}

/** The TIN compared by keyed fingerprint, shown masked on both sides: never in the clear. */
function taxIdField(view: ErpSupplierView, canonical: SupplierRow, cipher: Pick<FieldCipher, 'fingerprint'>): ComparedField[] {
  if (view.taxId !== null && cipher.fingerprint(view.taxId) === canonical.taxIdFingerprint) return [];
  return [['taxId', maskTaxId(canonical.taxIdLast4), view.taxId === null ? null : maskTaxId(lastFour(view.taxId))]];
}

function compareSupplier(
  erp: Supplier,
  accounts: readonly BankAccount[],
  canonical: SupplierRow | undefined,
  cipher: Pick<FieldCipher, 'fingerprint'>,
): FindingInput[] {
  const record = supplierRecord(erp.SupplierId);
  if (!canonical) return [missingInCanonical(record, erp.Supplier)];
  const view = fromErpSupplier(erp);
  // Holds and approvals are Procuregraph's: only INACTIVE or not is compared.
  const statusDrifted = view.status !== null && activeInErp(canonical.status) !== (view.status !== 'INACTIVE');
  const status: ComparedField[] = statusDrifted ? [['status', canonical.status, view.status]] : [];
  const canonicalAccount = maskedAccount(canonical.bankRoutingNumber, canonical.bankAccountLast4);
  const erpAccounts = accounts.map((account) => maskedAccount(account.BankBranchNumber, account.BankAccountNumber.slice(-4))).sort();
  return [
    ...fieldMismatches(
      record,
      canonical.id,
      [['legalName', canonical.legalName, view.legalName], ...status, ...addressAndSite(erp, canonical)],
      repush,
    ),
    ...fieldMismatches(
      record,
      canonical.id,
      [['bankAccount', canonicalAccount, erpAccounts.join(', ') || null]],
      holdAndAlert(driftHoldReasons.bankAccount),
    ),
    ...fieldMismatches(record, canonical.id, taxIdField(view, canonical, cipher), holdAndAlert(driftHoldReasons.taxId)),
  ];
}

export function erpSupplierComparer(
  db: Database,
  erp: ErpClient,
  policy: CallPolicy,
  cipher: Pick<FieldCipher, 'fingerprint'>,
): ReconciliationComparer {
  /** The bank accounts of the page's suppliers, by owner party: every page of the accounts in their party range. */
  async function accountsOf(page: readonly Supplier[], signal?: AbortSignal): Promise<Map<string, BankAccount[]>> {
    const parties = page.map((item) => item.SupplierPartyId).filter((party) => party !== undefined);
    const byParty = new Map<string, BankAccount[]>(parties.map((party) => [party, []]));
    if (parties.length === 0) return byParty;
    const numeric = parties.map(Number);
    const range = { from: String(Math.min(...numeric)), to: String(Math.max(...numeric)) };
    for (let offset = 0, more = true; more;) {
      const accounts = await policy.execute((callSignal) => erp.bankAccountsOfParties(range, offset, PAGE_SIZE, signal ?? callSignal));
      for (const account of accounts.items) {
        for (const owner of account.accountOwners) byParty.get(owner.AccountOwnerPartyIdentifier)?.push(account);
      }
      offset += accounts.items.length;
      more = accounts.hasMore;
    }
    return byParty;
  }

  return {
    async comparePage(checkpoint: Checkpoint | null, signal?: AbortSignal): Promise<ComparedPage> {
      const offset = Number(checkpoint?.offset ?? 0);
      const page = await policy.execute((callSignal) => erp.suppliersPage(offset, PAGE_SIZE, signal ?? callSignal));
      const ids = page.items.map((item) => item.SupplierId);
      const [accounts, canonical] = await Promise.all([accountsOf(page.items, signal), suppliersByExternalId(db, 'ERP', ids)]);
      return {
        compared: page.items.length,
        seenKeys: ids.map(supplierKey),
        findings: page.items.flatMap((item) =>
          compareSupplier(item, accounts.get(item.SupplierPartyId ?? '') ?? [], canonical.get(item.SupplierId), cipher),
        ),
        next: page.hasMore ? { offset: offset + page.items.length } : null,
      };
    },

    async canonicalPage(afterKey: string | null): Promise<CanonicalPage> {
      const rows = await linkedSuppliersAfter(db, 'ERP', afterKey, PAGE_SIZE);
      return canonicalPageOf(
        rows,
        PAGE_SIZE,
        (row) => row.externalId,
        (row) => missingInSystem(supplierRecord(row.externalId), row.supplierId, row.legalName),
      );
    },
  };
}

/** The child's PATCH, or, when the ERP answers it has no such child (deleted there) or there is none to patch, its creation. */
async function updatedOrCreated(
  id: string | undefined,
  update: (id: string) => Promise<void>,
  create: () => Promise<string>,
): Promise<string> {
  if (id === undefined) return create();
  try {
    await update(id);
    return id;
  } catch (error) {
    if (error instanceof RemoteHttpError && error.status === 404) return create();
    throw error;
  }
}

/**
 * The re-push a name, status, address or site drift asked for: the ERP gets the canonical values
 * again. An address or site deleted there is created again, and its new id kept in the supplier's
 * ERP links. Its idempotency key names the child it replaces, so the re-pushes of one run (one per
 * drifted field), even in two processes at once, create one; one linked without ids has only the job's.
 */
export async function repushSupplierToErp(
  db: Database,
  erp: ErpClient,
  job: { supplierId: string; idempotencyKey: string; signal: AbortSignal },
): Promise<void> {
  const { signal } = job;
  const [row] = await db
    .select({ supplier: suppliers, erpSupplierId: externalReferences.externalId })
    .from(suppliers)
    .innerJoin(externalReferences, and(eq(externalReferences.supplierId, suppliers.id), eq(externalReferences.system, 'ERP')))
    .where(eq(suppliers.id, job.supplierId));
  if (!row) return;
  const { supplier, erpSupplierId } = row;
  await erp.updateSupplier(
    erpSupplierId,
    { Supplier: supplier.legalName, Status: activeInErp(supplier.status) ? 'ACTIVE' : 'INACTIVE' },
    signal,
  );
  const links = supplier.erpLinks ?? (await firstChildrenInErp(erp, erpSupplierId, signal));
  const replacing = (id: string | undefined, child: string) =>
    id === undefined ? `${job.idempotencyKey}:${child}` : `erp-supplier-repush:${erpSupplierId}:${child}:${id}`;
  const { AddressName: _name, ...address } = erpAddressBody(supplier.address);
  const addressId = await updatedOrCreated(
    links.addressId,
    (id) => erp.updateSupplierAddress(erpSupplierId, id, address, signal),
    () => erp.createSupplierAddress(erpSupplierId, erpAddressBody(supplier.address), replacing(links.addressId, 'address'), signal),
  );
  const site = { ...erpSiteBody(supplier.address, supplier.bankRoutingNumber !== null), SupplierAddressId: Number(addressId) };
  const siteId = await updatedOrCreated(
    links.siteId,
    (id) => erp.updateSupplierSite(erpSupplierId, id, { SupplierSite: site.SupplierSite }, signal),
    () => erp.createSupplierSite(erpSupplierId, site, replacing(links.siteId, 'site'), signal),
  );
  // A supplier linked without its setup's ids is compared by its first children, which these now are.
  if (supplier.erpLinks && (addressId !== links.addressId || siteId !== links.siteId))
    await db
      .update(suppliers)
      .set({ erpLinks: { ...supplier.erpLinks, addressId, siteId } })
      .where(eq(suppliers.id, supplier.id));
}

/** A supplier linked to the ERP without its setup's ids (seeded, or linked before they were kept): its first address and site, as compared. */
async function firstChildrenInErp(
  erp: ErpClient,
  erpSupplierId: string,
  signal: AbortSignal,
): Promise<{ addressId: string | undefined; siteId: string | undefined }> {
  const current = await erp.getSupplier(erpSupplierId, signal);
  return { addressId: current.addresses?.items[0]?.SupplierAddressId, siteId: current.sites?.items[0]?.SupplierSiteId };
}
