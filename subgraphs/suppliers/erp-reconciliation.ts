import { and, eq } from 'drizzle-orm';
import type { BankAccount, ErpClient, Supplier } from '@procuregraph/connector-erp';
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
import type { CallPolicy } from '@procuregraph/platform/resilience';
import { placeHold } from './compliance/holds.ts';
import { externalReferences, outbox, suppliers, syncStatus, type SupplierRow } from './db/tables.ts';
import { fromErpSupplier } from './erp-mapping.ts';
import { linkedSuppliersAfter, suppliersByExternalId } from './supplier/external-references.ts';
import { lockSupplier } from './supplier/status-change.ts';
import { SUPPLIER_ERP_REPUSH } from './supplier/topics.ts';

/**
 * The suppliers subgraph's part of an ERP reconciliation: the ERP's suppliers, a page at a time,
 * with the bank accounts their parties own (name, status; routing number and last four digits,
 * all the ERP shows of an account), then the canonical suppliers linked to the ERP it never listed. Procuregraph is
 * the record for the supplier master it pushed, so a changed name or status is pushed again; a
 * changed bank account is the classic payment-fraud path, so it is never overwritten: the
 * supplier is held (BANK_ACCOUNT_DRIFT) and an alert raised.
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

/** Holds the supplier and raises the alert; the account in the ERP is left for a person to judge. */
async function holdAndAlert(tx: Transaction, finding: StoredFinding): Promise<'ALERTED'> {
  const supplier = await lockSupplier(tx, finding.recordId!);
  if (supplier) await placeHold(tx, supplier, 'BANK_ACCOUNT_DRIFT');
  await appendToOutbox(tx, outbox, {
    topic: driftAlerted.name,
    aggregateId: finding.recordId!,
    payload: { findingId: finding.id, system: 'ERP' },
  });
  return 'ALERTED';
}

const supplierRecord = (erpSupplierId: string): ComparedRecord => ({
  recordType: 'SUPPLIER',
  recordKey: supplierKey(erpSupplierId),
  externalId: erpSupplierId,
  systemOfRecord: PROCUREGRAPH,
});

function compareSupplier(erp: Supplier, accounts: readonly BankAccount[], canonical: SupplierRow | undefined): FindingInput[] {
  const record = supplierRecord(erp.SupplierId);
  if (!canonical) return [missingInCanonical(record, erp.Supplier)];
  const view = fromErpSupplier(erp);
  // Holds and approvals are Procuregraph's: only INACTIVE or not is compared.
  const statusDrifted = view.status !== null && activeInErp(canonical.status) !== (view.status !== 'INACTIVE');
  const status: ComparedField[] = statusDrifted ? [['status', canonical.status, view.status]] : [];
  const canonicalAccount = maskedAccount(canonical.bankRoutingNumber, canonical.bankAccountLast4);
  const erpAccounts = accounts.map((account) => maskedAccount(account.BankBranchNumber, account.BankAccountNumber.slice(-4))).sort();
  return [
    ...fieldMismatches(record, canonical.id, [['legalName', canonical.legalName, view.legalName], ...status], repush),
    ...fieldMismatches(record, canonical.id, [['bankAccount', canonicalAccount, erpAccounts.join(', ') || null]], holdAndAlert),
  ];
}

export function erpSupplierComparer(db: Database, erp: ErpClient, policy: CallPolicy): ReconciliationComparer {
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
          compareSupplier(item, accounts.get(item.SupplierPartyId ?? '') ?? [], canonical.get(item.SupplierId)),
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

/** The re-push a name or status drift asked for: the ERP gets the canonical values again. */
export async function repushSupplierToErp(db: Database, erp: ErpClient, supplierId: string, signal: AbortSignal): Promise<void> {
  const [row] = await db
    .select({ supplier: suppliers, erpSupplierId: externalReferences.externalId })
    .from(suppliers)
    .innerJoin(externalReferences, and(eq(externalReferences.supplierId, suppliers.id), eq(externalReferences.system, 'ERP')))
    .where(eq(suppliers.id, supplierId));
  if (!row) return;
  const { supplier } = row;
  await erp.updateSupplier(
    row.erpSupplierId,
    { Supplier: supplier.legalName, Status: activeInErp(supplier.status) ? 'ACTIVE' : 'INACTIVE' },
    signal,
  );
}
