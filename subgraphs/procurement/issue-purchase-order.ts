import { eq } from 'drizzle-orm';
import { type Database, type Queryable, isUuid, newId } from '@procuregraph/platform/db';
import type { UserError } from '@procuregraph/platform/graphql';
import { markSyncPending } from '@procuregraph/platform/jobs';
import {
  contractReferences,
  facilities,
  purchaseOrderLines,
  purchaseOrders,
  supplierReferences,
  syncStatus,
  type PurchaseOrderRow,
} from './db/tables.ts';
import { requestErpSubmission } from './events.ts';
import { fingerprint, orderLineErrors, priceLines, type OrderLineInput, type PricedOrder } from './purchase-order-rules.ts';

export interface IssuePurchaseOrderRequest {
  supplierId: string;
  contractId: string | null;
  idempotencyKey: string;
  shipToFacilityId: string | null;
  lines: readonly OrderLineInput[];
}

export type IssueOutcome = { purchaseOrder: PurchaseOrderRow | null; userErrors: UserError[] };

const refused = (userErrors: UserError[]): IssueOutcome => ({ purchaseOrder: null, userErrors });

/**
 * Accepts an order: checked, priced exactly and stored as DRAFT with the request to create it in
 * the ERP, in one transaction; the ERP job that request starts gives it its number.
 */
export async function issuePurchaseOrder(db: Database, request: IssuePurchaseOrderRequest): Promise<IssueOutcome> {
  const lineErrors = orderLineErrors(request.lines);
  if (lineErrors.length > 0) return refused(lineErrors);
  const priced = priceLines(request.lines);
  const requestFingerprint = fingerprint({ ...request, idempotencyKey: undefined, lines: priced.lines });
  const earlier = await replayOf(db, request.idempotencyKey, requestFingerprint);
  if (earlier) return earlier;
  const referenceErrors = await referenceErrorsOf(db, request);
  if (referenceErrors.length > 0) return refused(referenceErrors);
  const order = await storeDraft(db, request, priced, requestFingerprint);
  if (order) return { purchaseOrder: order, userErrors: [] };
  // Another request with the same key committed in between: answer as it was answered.
  const concurrent = await replayOf(db, request.idempotencyKey, requestFingerprint);
  if (!concurrent) throw new Error(`Idempotency key ${request.idempotencyKey} conflicted but names no order`);
  return concurrent;
}

/** The order an earlier request with this key issued, or the refusal to reuse the key for another order. */
async function replayOf(db: Queryable, idempotencyKey: string, requestFingerprint: string): Promise<IssueOutcome | null> {
  const [existing] = await db.select().from(purchaseOrders).where(eq(purchaseOrders.idempotencyKey, idempotencyKey));
  if (!existing) return null;
  if (existing.idempotencyFingerprint === requestFingerprint) return { purchaseOrder: existing, userErrors: [] };
  return refused([
    { field: ['input', 'idempotencyKey'], message: 'This idempotency key was used for a different order.', code: 'IDEMPOTENCY_KEY_REUSED' },
  ]);
}

async function referenceErrorsOf(db: Queryable, request: IssuePurchaseOrderRequest): Promise<UserError[]> {
  // A malformed id names nothing; the uuid columns would refuse it as a query error.
  const [supplier] = isUuid(request.supplierId)
    ? await db.select().from(supplierReferences).where(eq(supplierReferences.supplierId, request.supplierId))
    : [];
  if (!supplier) return [{ field: ['input', 'supplierId'], message: `No supplier ${request.supplierId}.`, code: 'NOT_FOUND' }];
  const errors: UserError[] = [];
  // The ERP accepts orders only for active, spend-authorized suppliers it knows by id.
  if (supplier.status !== 'ACTIVE' || supplier.erpSupplierId === null) {
    const message =
      supplier.status === 'ACTIVE'
        ? 'The supplier is ACTIVE but its ERP record is not linked here yet; try again in a moment.'
        : `The supplier is ${supplier.status}; orders need an ACTIVE supplier.`;
    errors.push({ field: ['input', 'supplierId'], message, code: 'SUPPLIER_NOT_ACTIVE' });
  }
  if (request.contractId && !(isUuid(request.contractId) && (await contractOfSupplier(db, request.contractId, request.supplierId)))) {
    errors.push({ field: ['input', 'contractId'], message: `No contract ${request.contractId} with this supplier.`, code: 'NOT_FOUND' });
  }
  if (request.shipToFacilityId && !isUuid(request.shipToFacilityId)) {
    errors.push({ field: ['input', 'shipToFacilityId'], message: `No facility ${request.shipToFacilityId}.`, code: 'NOT_FOUND' });
  } else if (
    request.shipToFacilityId &&
    (await db.select({ id: facilities.id }).from(facilities).where(eq(facilities.id, request.shipToFacilityId))).length === 0
  ) {
    errors.push({ field: ['input', 'shipToFacilityId'], message: `No facility ${request.shipToFacilityId}.`, code: 'NOT_FOUND' });
  }
  return errors;
}

async function contractOfSupplier(db: Queryable, contractId: string, supplierId: string): Promise<boolean> {
  const [contract] = await db.select().from(contractReferences).where(eq(contractReferences.contractId, contractId));
  return contract?.supplierId === supplierId;
}

async function storeDraft(
  db: Database,
  request: IssuePurchaseOrderRequest,
  priced: PricedOrder,
  requestFingerprint: string,
): Promise<PurchaseOrderRow | null> {
  return db.transaction(async (tx) => {
    const [order] = await tx
      .insert(purchaseOrders)
      .values({
        id: newId(),
        number: null,
        supplierId: request.supplierId,
        contractId: request.contractId,
        facilityId: request.shipToFacilityId,
        status: 'DRAFT',
        orderDate: new Date().toISOString().slice(0, 10),
        currency: 'USD',
        total: priced.total,
        idempotencyKey: request.idempotencyKey,
        idempotencyFingerprint: requestFingerprint,
      })
      .onConflictDoNothing({ target: purchaseOrders.idempotencyKey })
      .returning();
    if (!order) return null;
    await tx.insert(purchaseOrderLines).values(priced.lines.map((line) => ({ purchaseOrderId: order.id, ...line })));
    await markSyncPending(tx, syncStatus, order.id, 'ERP');
    await requestErpSubmission(tx, order.id);
    return order;
  });
}
