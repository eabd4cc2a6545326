import { and, eq, sql } from 'drizzle-orm';
import { announceOperationsChanges } from '../events/operations-changes.ts';
import type { Queryable, Transaction } from './database.ts';
import { ediDocuments, tradingPartners, type EdiDocumentType } from './edi-tables.ts';
import { newId } from './ids.ts';

export type TradingPartnerRow = typeof tradingPartners.$inferSelect;
export type EdiDocumentRow = typeof ediDocuments.$inferSelect;

/** ISA13 has nine digits: after the last one the partner's numbers start again at 1. */
const LAST_CONTROL_NUMBER = 999_999_999;

export async function partnerOf(db: Queryable, supplierId: string): Promise<TradingPartnerRow | undefined> {
  const [partner] = await db.select().from(tradingPartners).where(eq(tradingPartners.supplierId, supplierId));
  return partner;
}

export async function partnerBySender(db: Queryable, qualifier: string, interchangeId: string): Promise<TradingPartnerRow | undefined> {
  const [partner] = await db
    .select()
    .from(tradingPartners)
    .where(and(eq(tradingPartners.interchangeQualifier, qualifier), eq(tradingPartners.interchangeId, interchangeId)));
  return partner;
}

/**
 * The next interchange control number for this partner. The update holds the partner's row until
 * the caller's transaction ends, so two senders never take the same number, and a rolled-back
 * document gives its number back.
 */
export async function takeControlNumber(tx: Transaction, supplierId: string): Promise<number> {
  const [row] = await tx
    .update(tradingPartners)
    .set({
      lastControlNumber: sql`case when ${tradingPartners.lastControlNumber} >= ${LAST_CONTROL_NUMBER} then 1 else ${tradingPartners.lastControlNumber} + 1 end`,
    })
    .where(eq(tradingPartners.supplierId, supplierId))
    .returning({ value: tradingPartners.lastControlNumber });
  if (!row) throw new Error(`Supplier ${supplierId} is no trading partner`);
  return row.value;
}

export interface OutboundDocumentRequest {
  type: EdiDocumentType;
  supplierId: string;
  /** The record the document carries: one document of a type per record, however often it is asked for. */
  carries: { purchaseOrderId: string } | { paymentId: string };
  /** X12 documents take the partner's next control number; a CSV file takes none. */
  controlNumbered: boolean;
  /** Writes the document's content for the partner, under its control number (null without one). */
  write(partner: TradingPartnerRow, controlNumber: number | null): string;
  at: Date;
}

const carriedBy = (carries: OutboundDocumentRequest['carries']) =>
  'purchaseOrderId' in carries ? eq(ediDocuments.purchaseOrderId, carries.purchaseOrderId) : eq(ediDocuments.paymentId, carries.paymentId);

/**
 * Records a document we send a partner (status SENT), once per record and type: asked again (a
 * job retried after the commit, a republication), it returns the document recorded the first
 * time, with its content and control number unchanged, so the file written again is the same.
 * Null when the supplier is no trading partner.
 */
export async function recordOutboundDocument(
  db: Queryable,
  request: OutboundDocumentRequest,
): Promise<{ partner: TradingPartnerRow; document: EdiDocumentRow } | null> {
  return db.transaction(async (tx) => {
    // Locked first: whoever records the record's document second finds it.
    const [partner] = await tx.select().from(tradingPartners).where(eq(tradingPartners.supplierId, request.supplierId)).for('update');
    if (!partner) return null;
    const [earlier] = await tx
      .select()
      .from(ediDocuments)
      .where(and(eq(ediDocuments.direction, 'OUTBOUND'), eq(ediDocuments.type, request.type), carriedBy(request.carries)));
    if (earlier) return { partner, document: earlier };
    const controlNumber = request.controlNumbered ? await takeControlNumber(tx, partner.supplierId) : null;
    const [document] = await tx
      .insert(ediDocuments)
      .values({
        id: newId(),
        direction: 'OUTBOUND',
        type: request.type,
        interchangeControlNumber: controlNumber === null ? null : String(controlNumber).padStart(9, '0'),
        groupControlNumber: controlNumber === null ? null : String(controlNumber),
        transactionControlNumber: controlNumber === null ? null : '0001',
        supplierId: partner.supplierId,
        status: 'SENT',
        ...request.carries,
        receivedAt: request.at,
        content: request.write(partner, controlNumber),
      })
      .returning();
    await announceOperationsChanges(tx, [{ topic: 'EDI_DOCUMENTS', recordId: document!.id }]);
    return { partner, document: document! };
  });
}
