import type { Database } from '@procuregraph/platform/db';
import type { JobContext } from '@procuregraph/platform/jobs';
import { auditAlertRelease, driftAlertResolved, findFinding } from '@procuregraph/platform/reconciliation';
import { PermanentError } from '@procuregraph/platform/resilience';
import { lockSupplier } from '../supplier/status-change.ts';
import { driftHoldOf } from './drift-holds.ts';
import { clearHold, openHolds } from './holds.ts';

/**
 * The job behind a resolved bank-account or TIN alert: the supplier's hold for that drift
 * (BANK_ACCOUNT_DRIFT or TAX_ID_DRIFT) is lifted
 * (any other hold stays, and with it ON_HOLD), and the audit log says who lifted it, why and when.
 * A hold lifted already makes this a no-op, so a repeated job changes and writes nothing.
 */
export async function releaseDriftHold(db: Database, payload: JobContext['payload']): Promise<void> {
  const release = driftAlertResolved.parse(payload);
  const finding = await findFinding(db, release.findingId);
  if (!finding) throw new PermanentError(`Drift finding ${release.findingId} does not exist`);
  // The release is requested just before the resolution commits; a retry meets it committed.
  if (finding.state !== 'RESOLVED') throw new Error(`Drift finding ${finding.id} is not resolved yet`);
  const reason = driftHoldOf(finding.field);
  if (finding.recordType !== 'SUPPLIER' || !finding.recordId || !reason) return;
  const supplierId = finding.recordId;
  await db.transaction(async (tx) => {
    const supplier = await lockSupplier(tx, supplierId);
    if (!supplier || !(await openHolds(tx, supplier.id)).includes(reason)) return;
    await clearHold(tx, supplier, reason);
    await auditAlertRelease(tx, finding, release, 'suppliers');
  });
}
