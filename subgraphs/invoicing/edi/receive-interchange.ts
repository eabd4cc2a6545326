import { and, eq } from 'drizzle-orm';
import {
  acknowledge,
  envelopeTo,
  parseInterchange,
  readAcknowledgment997,
  readInvoice810,
  readOrderAcknowledgment855,
  writeAcknowledgment997,
  type GroupOutcome,
  type OwnInterchangeAddress,
  type ParsedInterchange,
  type X12Error,
  type X12TransactionSet,
} from '@procuregraph/connector-files';
import {
  ediDocuments,
  ediInterchanges,
  newId,
  partnerBySender,
  takeControlNumber,
  type EdiDocumentType,
  type Queryable,
  type TradingPartnerRow,
  type Transaction,
} from '@procuregraph/platform/db';
import { announceOperationsChanges } from '@procuregraph/platform/events';
import { appendToOutbox } from '@procuregraph/platform/outbox';
import { outbox, purchaseOrderProjections } from '../db/tables.ts';
import { acknowledgmentToDeliver, orderAcknowledgedByEdi } from '../events.ts';
import { submitInvoice } from '../intake/submit-invoice.ts';

export interface InboundSettings {
  us: OwnInterchangeAddress;
  priceTolerancePct: number;
  now?: () => Date;
}

export interface ReceivedInterchange {
  interchangeControlNumber: string;
  documents: { id: string; type: EdiDocumentType; status: string }[];
  acknowledgment: string;
}

export class InterchangeRefused extends Error {
  constructor(
    readonly code: 'X12_UNREADABLE' | 'UNKNOWN_TRADING_PARTNER',
    message: string,
  ) {
    super(message);
  }
}

/** Thrown to undo what a group's accepted sets wrote when the partner's profile rejects the whole group. */
class GroupRejected extends Error {}

/** Thrown inside a set's savepoint to undo it, carrying what the set came to. */
class SetUndone extends Error {
  constructor(readonly result: SetResult) {
    super('set undone');
  }
}

const documentTypes: Record<string, EdiDocumentType> = { '810': 'X12_810', '855': 'X12_855', '997': 'X12_997' };

/** Where each document names the order: BIG04 of an 810, BAK03 of an 855 (in the set, after ST). */
const orderNumberElement = { BIG: 4, BAK: 3 } as const;

/** A business reason the document cannot be taken, in X12 terms: its PO number is not a valid code. */
function orderError(segment: keyof typeof orderNumberElement, message: string): X12Error {
  return { segment, position: 2, element: orderNumberElement[segment], code: '7', message };
}

interface SetResult {
  errors: X12Error[];
  invoiceId: string | null;
  /** The order an 855 acknowledged. */
  purchaseOrderId?: string;
}

const nothingCreated: SetResult = { errors: [], invoiceId: null };

/** The partner's own order, by its number; an error addressed to the segment naming it otherwise. */
async function partnersOrder(tx: Transaction, number: string, segment: keyof typeof orderNumberElement, context: Applying) {
  const [order] = await tx
    .select({ id: purchaseOrderProjections.purchaseOrderId, supplierId: purchaseOrderProjections.supplierId })
    .from(purchaseOrderProjections)
    .where(eq(purchaseOrderProjections.number, number));
  if (!order) return { error: orderError(segment, `No purchase order ${number}`) };
  if (order.supplierId !== context.partner.supplierId)
    return { error: orderError(segment, `Purchase order ${number} was placed with another supplier`) };
  return { id: order.id };
}

async function applyInvoice(tx: Transaction, set: X12TransactionSet, context: Applying): Promise<SetResult> {
  const { invoice, errors } = readInvoice810(set);
  if (errors.length > 0 || set.errors.length > 0) return { errors, invoiceId: null };
  const order = await partnersOrder(tx, invoice.purchaseOrderNumber, 'BIG', context);
  if (order.error) return { errors: [order.error], invoiceId: null };
  const result = await submitInvoice(
    tx,
    {
      supplierId: context.partner.supplierId,
      purchaseOrderId: order.id,
      invoiceNumber: invoice.invoiceNumber,
      invoiceDate: invoice.invoiceDate,
      currency: invoice.currency,
      lines: invoice.lines,
      source: 'EDI',
      idempotencyKey: `edi:${context.sender}:${context.interchange.envelope.controlNumber}:${set.controlNumber}`,
      vendorPlatformInvoiceId: null,
      arrival: { system: 'FILES', action: `invoice received in 810 ${context.interchange.envelope.controlNumber}` },
      taxAmount: invoice.taxAmount,
      freightAmount: invoice.freightAmount,
    },
    context.settings.priceTolerancePct,
  );
  const refused = result.userErrors.map((error) => ({
    segment: 'BIG',
    position: 2,
    element: 2,
    code: '7',
    message: `${error.code}: ${error.message}`,
  }));
  return { errors: refused, invoiceId: result.invoice?.id ?? null };
}

/**
 * An 855: the supplier's answer to its order, line by line. The order is procurement's, so the
 * answer goes there as an event; the document is linked to the order it acknowledged.
 */
async function applyOrderAcknowledgment(tx: Transaction, set: X12TransactionSet, context: Applying): Promise<SetResult> {
  const { acknowledgment, errors } = readOrderAcknowledgment855(set);
  if (errors.length > 0 || set.errors.length > 0) return { errors, invoiceId: null };
  const order = await partnersOrder(tx, acknowledgment.orderNumber, 'BAK', context);
  if (order.error) return { errors: [order.error], invoiceId: null };
  await appendToOutbox(tx, outbox, {
    topic: orderAcknowledgedByEdi.name,
    aggregateId: order.id,
    payload: {
      transactionKey: `${context.sender}:${context.interchange.envelope.controlNumber}:${set.controlNumber}`,
      purchaseOrderId: order.id,
      orderNumber: acknowledgment.orderNumber,
      supplierId: context.partner.supplierId,
      accepted: acknowledgment.status !== 'REJECTED',
      lines: acknowledgment.lines,
    },
  });
  return { errors: [], invoiceId: null, purchaseOrderId: order.id };
}

const appliers: Record<string, (tx: Transaction, set: X12TransactionSet, context: Applying) => Promise<SetResult>> = {
  '810': applyInvoice,
  '855': applyOrderAcknowledgment,
  '997': applyAcknowledgment,
};

/**
 * A 997 from the partner about what we sent in the group it names (one transaction set per group):
 * ACKNOWLEDGED when it accepts it, REJECTED with the 997's error codes when it rejects it (AK5 or
 * AK9 R), so a refused 850 or 820 is not left looking merely unanswered.
 */
async function applyAcknowledgment(tx: Transaction, set: X12TransactionSet, context: Applying): Promise<SetResult> {
  const { acknowledgment, errors } = readAcknowledgment997(set);
  if (errors.length > 0 || set.errors.length > 0 || !['A', 'E', 'P', 'R'].includes(acknowledgment.code)) return { errors, invoiceId: null };
  const sent = await tx
    .select({ id: ediDocuments.id, transactionControlNumber: ediDocuments.transactionControlNumber })
    .from(ediDocuments)
    .where(
      and(
        eq(ediDocuments.direction, 'OUTBOUND'),
        eq(ediDocuments.supplierId, context.partner.supplierId),
        eq(ediDocuments.groupControlNumber, acknowledgment.groupControlNumber),
        eq(ediDocuments.status, 'SENT'),
      ),
    );
  for (const document of sent) {
    const answer = acknowledgment.transactions.find((t) => t.controlNumber === document.transactionControlNumber);
    const accepted = answer ? answer.accepted : acknowledgment.code !== 'R';
    await tx
      .update(ediDocuments)
      .set(
        accepted
          ? { status: 'ACKNOWLEDGED', acknowledgedAt: context.now }
          : { status: 'REJECTED', acknowledgedAt: context.now, errors: [...(answer?.errors ?? []), ...acknowledgment.groupErrors] },
      )
      .where(eq(ediDocuments.id, document.id));
  }
  return nothingCreated;
}

interface Applying {
  interchange: ParsedInterchange;
  partner: TradingPartnerRow;
  sender: string;
  settings: InboundSettings;
  now: Date;
}

/**
 * Each set in its own savepoint: a set refused leaves nothing behind, the good ones beside it
 * stay (unless `keep` is false: then every set is only checked).
 */
async function applySet(tx: Transaction, set: X12TransactionSet, context: Applying, keep: boolean): Promise<SetResult> {
  const type = documentTypes[set.type];
  if (!type || !context.partner.inbound.includes(type)) {
    return {
      errors: [{ segment: 'ST', position: 1, element: 1, code: '1', message: `Transaction set ${set.type} is not one this partner sends` }],
      invoiceId: null,
    };
  }
  try {
    return await tx.transaction(async (savepoint) => {
      const result = await appliers[set.type]!(savepoint, set, context);
      if (result.errors.length > 0 || !keep) throw new SetUndone({ errors: result.errors, invoiceId: null });
      return result;
    });
  } catch (error) {
    if (error instanceof SetUndone) return error.result;
    throw error;
  }
}

const wroteSomething = (result: SetResult) => result.invoiceId !== null || result.purchaseOrderId !== undefined;

async function applyAll(tx: Transaction, context: Applying, write: boolean) {
  const results = new Map<X12TransactionSet, SetResult>();
  for (const group of context.interchange.groups) {
    for (const set of group.transactions) {
      results.set(set, group.errors.length === 0 ? await applySet(tx, set, context, write) : nothingCreated);
    }
  }
  const errorsFound = new Map([...results].map(([set, result]) => [set, result.errors]));
  const outcomes = acknowledge(context.interchange, errorsFound, context.partner.rejectGroupOnError);
  const undone = outcomes.some((outcome) => outcome.transactions.some((t) => !t.accepted && wroteSomething(results.get(t.transaction)!)));
  if (undone) throw new GroupRejected();
  return { results, outcomes };
}

async function recordDocuments(
  tx: Transaction,
  context: Applying,
  outcomes: GroupOutcome[],
  results: Map<X12TransactionSet, SetResult>,
  content: string,
) {
  const rows = outcomes.flatMap((outcome) =>
    outcome.transactions.map((t) => ({
      id: newId(),
      direction: 'INBOUND' as const,
      type: documentTypes[t.transaction.type] ?? ('X12_810' as const),
      interchangeControlNumber: context.interchange.envelope.controlNumber,
      groupControlNumber: outcome.group.controlNumber,
      transactionControlNumber: t.transaction.controlNumber,
      supplierId: context.partner.supplierId,
      status: t.accepted ? ('ACCEPTED' as const) : ('REJECTED' as const),
      errors: t.accepted ? [] : [...outcome.group.errors, ...t.errors],
      invoiceId: t.accepted ? (results.get(t.transaction)?.invoiceId ?? null) : null,
      purchaseOrderId: t.accepted ? (results.get(t.transaction)?.purchaseOrderId ?? null) : null,
      receivedAt: context.now,
      content,
    })),
  );
  if (rows.length > 0) await tx.insert(ediDocuments).values(rows);
  return rows;
}

async function sendAcknowledgment(tx: Transaction, context: Applying, outcomes: GroupOutcome[]) {
  const controlNumber = await takeControlNumber(tx, context.partner.supplierId);
  const text = writeAcknowledgment997(envelopeTo(context.partner, context.settings.us, controlNumber, context.now), outcomes);
  const id = newId();
  await tx.insert(ediDocuments).values({
    id,
    direction: 'OUTBOUND',
    type: 'X12_997',
    interchangeControlNumber: String(controlNumber).padStart(9, '0'),
    groupControlNumber: String(controlNumber),
    transactionControlNumber: '0001',
    supplierId: context.partner.supplierId,
    status: 'SENT',
    receivedAt: context.now,
    content: text,
  });
  // Written by a durable job once this commits: a crash between the commit and the file loses nothing.
  await appendToOutbox(tx, outbox, {
    topic: acknowledgmentToDeliver.name,
    aggregateId: id,
    payload: {
      documentId: id,
      partnerInterchangeId: context.partner.interchangeId,
      fileName: `997-${context.interchange.envelope.controlNumber}.x12`,
    },
  });
  return text;
}

async function duplicate(db: Queryable, context: Applying, content: string): Promise<ReceivedInterchange> {
  const [earlier] = await db
    .select({ acknowledgment: ediInterchanges.acknowledgment })
    .from(ediInterchanges)
    .where(and(eq(ediInterchanges.sender, context.sender), eq(ediInterchanges.controlNumber, context.interchange.envelope.controlNumber)));
  const type = documentTypes[context.interchange.groups[0]?.transactions[0]?.type ?? ''] ?? 'X12_810';
  const id = newId();
  await db.insert(ediDocuments).values({
    id,
    direction: 'INBOUND',
    type,
    interchangeControlNumber: context.interchange.envelope.controlNumber,
    supplierId: context.partner.supplierId,
    status: 'DUPLICATE',
    errors: [
      {
        segment: 'ISA',
        position: null,
        element: 13,
        code: 'DUPLICATE',
        message: `Interchange ${context.interchange.envelope.controlNumber} was received before`,
      },
    ],
    receivedAt: context.now,
    content,
  });
  return {
    interchangeControlNumber: context.interchange.envelope.controlNumber,
    documents: [{ id, type, status: 'DUPLICATE' }],
    acknowledgment: earlier?.acknowledgment ?? '',
  };
}

async function receiveOnce(db: Queryable, context: Applying, content: string, write: boolean): Promise<ReceivedInterchange | null> {
  return db.transaction(async (tx) => {
    const [first] = await tx
      .insert(ediInterchanges)
      .values({ sender: context.sender, controlNumber: context.interchange.envelope.controlNumber, acknowledgment: '' })
      .onConflictDoNothing()
      .returning();
    if (!first) return null;
    const { results, outcomes } = await applyAll(tx, context, write);
    const rows = await recordDocuments(tx, context, outcomes, results, content);
    const acknowledgment = await sendAcknowledgment(tx, context, outcomes);
    await tx
      .update(ediInterchanges)
      .set({ acknowledgment })
      .where(
        and(eq(ediInterchanges.sender, context.sender), eq(ediInterchanges.controlNumber, context.interchange.envelope.controlNumber)),
      );
    return {
      interchangeControlNumber: context.interchange.envelope.controlNumber,
      documents: rows.map((row) => ({ id: row.id, type: row.type, status: row.status })),
      acknowledgment,
    };
  });
}

/**
 * Receives one X12 interchange from a partner, in one database transaction: checks it, applies
 * each transaction set (810 invoices through the same intake and match as submitInvoice; a 997
 * acknowledging what we sent), records every set in the document log and writes the 997 answer.
 * An interchange received before (same sender, ISA13) is recorded as DUPLICATE and changes nothing.
 * The documents page hears of it once it is recorded.
 */
export async function receiveInterchange(db: Queryable, text: string, settings: InboundSettings): Promise<ReceivedInterchange> {
  let interchange: ParsedInterchange;
  try {
    interchange = parseInterchange(text);
  } catch (error) {
    throw new InterchangeRefused('X12_UNREADABLE', (error as Error).message);
  }
  const partner = await partnerBySender(db, interchange.envelope.senderQualifier, interchange.envelope.senderId);
  if (!partner) {
    const { senderQualifier, senderId } = interchange.envelope;
    throw new InterchangeRefused('UNKNOWN_TRADING_PARTNER', `No trading partner trades under ${senderQualifier}:${senderId}`);
  }
  const context: Applying = {
    interchange,
    partner,
    sender: `${partner.interchangeQualifier}:${partner.interchangeId}`,
    settings,
    now: (settings.now ?? (() => new Date()))(),
  };
  const received = await receiveOrNoteDuplicate(db, context, text);
  await announceOperationsChanges(db, [{ topic: 'EDI_DOCUMENTS' }]);
  return received;
}

async function receiveOrNoteDuplicate(db: Queryable, context: Applying, text: string): Promise<ReceivedInterchange> {
  try {
    return (await receiveOnce(db, context, text, true)) ?? (await duplicate(db, context, text));
  } catch (error) {
    if (!(error instanceof GroupRejected)) throw error;
    return (await receiveOnce(db, context, text, false)) ?? (await duplicate(db, context, text));
  }
}
