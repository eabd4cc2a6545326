import { ExactDecimal, decimal, sum } from '@procuregraph/platform/money';
import { FINANCE_STAFF } from './catalog.ts';
import { contractPriceList } from './contract-records.ts';
import { erpId, type Stamp } from './identifiers.ts';
import { EXCEPTION_QUEUES, matchFindings, type MatchFacts } from './match-rules.ts';
import { inWholeCents, lineAmount, type OrderDetail, type OrderSkeleton, type PlannedInvoice } from './order-records.ts';
import { MAX_EXCEPTIONS_PER_INVOICE, MAX_PAYMENTS_PER_INVOICE, type WorldContext } from './plan.ts';
import { randomFor, type Random } from './random.ts';
import { scalePrice, supplierAssortment, type SupplierProfile } from './supplier-records.ts';
import { AS_OF, DAY, HOUR, MINUTE, isoDate, startOfDay, wholeSeconds } from './timeline.ts';
import type { DemoExceptionResolution, DemoInvoice, DemoMatchException, DemoPayment } from './world.ts';

/**
 * What goes wrong with an invoice, decided up front from cheap facts (the order's role, dates,
 * supplier status, a draw of the dice), so that invoice statuses and payment counts are known
 * without building lines. The lines are then built to produce exactly these problems, and the
 * match rules confirm it.
 */
type Trouble = 'DUPLICATE' | 'STRAY' | 'EARLY' | 'PRICE' | 'QUANTITY' | 'CONTRACT_EXPIRED' | 'SUPPLIER_INACTIVE';

export interface PaymentPlan {
  attempt: number;
  createdAt: number;
  scheduledFor: string;
  sentAt: number;
  settledAt: number;
  status: DemoPayment['status'];
}

/** What is known when the invoice arrives. */
interface InvoiceArrival {
  index: number;
  stamp: Stamp;
  invoiceDate: string;
  source: NonNullable<DemoInvoice['source']>;
  perturbation: 'PRICE' | 'QUANTITY' | null;
  troubles: Trouble[];
  /** The supplier status the match saw; only recent invoices see a hold or deactivation. */
  supplierStatusAtMatch: SupplierProfile['status'];
}

/** How far the invoice got by today. */
interface InvoiceProgress {
  status: DemoInvoice['status'];
  matchedAt: number | null;
  resolution: DemoExceptionResolution | null;
  payments: PaymentPlan[];
  updatedAt: number;
}

export type InvoiceOutcome = InvoiceArrival & InvoiceProgress;

const RECENT = 60 * DAY;

type Resolution = { action: DemoExceptionResolution['action']; reason: string; resolvedAt: number };

/** How finance settles the most serious trouble, and when; null while it waits. */
function resolve(trouble: Trouble, matchedAt: number, order: OrderSkeleton, random: Random): Resolution | null {
  const after = (minDays: number, maxDays: number) => matchedAt + random.between(minDays, maxDays) * DAY;
  switch (trouble) {
    case 'DUPLICATE':
      return { action: 'REJECTED', reason: 'Duplicate of an invoice already in process', resolvedAt: after(1, 20) };
    case 'STRAY':
      return { action: 'REJECTED', reason: 'No purchase order; supplier asked to resubmit against a PO', resolvedAt: after(2, 30) };
    case 'EARLY': {
      const delivered = order.receiptTimes[0];
      if (delivered === undefined) return null;
      return {
        action: 'OVERRIDDEN',
        reason: 'Goods received since; receipt now on file',
        resolvedAt: delivered + random.between(1, 5) * DAY,
      };
    }
    case 'PRICE':
      return random.chance(0.4)
        ? { action: 'CREDIT_MEMO_REQUESTED', reason: 'Credit memo requested for the price difference', resolvedAt: after(5, 60) }
        : { action: 'OVERRIDDEN', reason: 'Price increase accepted by the buyer', resolvedAt: after(5, 60) };
    case 'QUANTITY':
      return random.chance(0.5)
        ? {
            action: 'CREDIT_MEMO_REQUESTED',
            reason: 'Credit memo requested for the quantity billed but not delivered',
            resolvedAt: after(5, 60),
          }
        : { action: 'OVERRIDDEN', reason: 'Receiving confirmed the additional quantity was delivered', resolvedAt: after(5, 60) };
    case 'CONTRACT_EXPIRED':
      return { action: 'OVERRIDDEN', reason: 'Contract pricing honoured while the renewal is negotiated', resolvedAt: after(5, 60) };
    case 'SUPPLIER_INACTIVE':
      return { action: 'OVERRIDDEN', reason: 'Delivered before the supplier was put on hold; payment released', resolvedAt: after(5, 40) };
  }
}

const PAYMENT_OUTCOMES: Readonly<Record<DemoPayment['method'], readonly (readonly ['CLEARED' | 'FAILED' | 'VOIDED', number])[]>> = {
  ACH: [
    ['CLEARED', 91],
    ['FAILED', 8],
    ['VOIDED', 1],
  ],
  CHECK: [
    ['CLEARED', 85],
    ['VOIDED', 15],
  ],
  WIRE: [
    ['CLEARED', 96],
    ['FAILED', 4],
  ],
  VIRTUAL_CARD: [
    ['CLEARED', 94],
    ['FAILED', 3],
    ['VOIDED', 3],
  ],
};

/** Days from sending to the final word: checks wait to be cashed, cards to be charged, returns take a few days. */
function settlementDays(method: DemoPayment['method'], outcome: 'CLEARED' | 'FAILED' | 'VOIDED', random: Random): number {
  if (outcome === 'VOIDED') return method === 'CHECK' ? random.between(20, 45) : random.between(0.2, 2);
  if (outcome === 'FAILED') return method === 'WIRE' ? random.between(0.2, 1) : random.between(1, 4);
  const days: Record<DemoPayment['method'], [number, number]> = { ACH: [1, 3], WIRE: [0.1, 1], CHECK: [5, 25], VIRTUAL_CARD: [2, 12] };
  return random.between(...days[method]);
}

/** The payment scheduled at approval and, when it fails or is voided, its reissue; as far as they got by today. */
function paymentChain(approvedAt: number, method: DemoPayment['method'], random: Random): PaymentPlan[] {
  const plans: PaymentPlan[] = [];
  let createdAt = approvedAt;
  for (let attempt = 0; attempt < MAX_PAYMENTS_PER_INVOICE && createdAt <= AS_OF; attempt++) {
    const scheduled = startOfDay(createdAt + (attempt === 0 ? random.between(10, 30) : random.between(1, 3)) * DAY);
    const sentAt = scheduled + random.between(13, 18) * HOUR;
    const outcome = attempt === 0 ? random.weighted(PAYMENT_OUTCOMES[method]) : 'CLEARED';
    const settledAt = sentAt + settlementDays(method, outcome, random) * DAY;
    const status = sentAt > AS_OF ? 'SCHEDULED' : settledAt > AS_OF ? 'SENT' : outcome;
    plans.push({ attempt, createdAt, scheduledFor: isoDate(scheduled), sentAt, settledAt, status });
    if (status !== 'FAILED' && status !== 'VOIDED') break;
    createdAt = settledAt + random.between(0.5, 2) * DAY;
  }
  return plans;
}

function troublesOf(
  planned: PlannedInvoice,
  facts: { perturbation: InvoiceOutcome['perturbation']; supplierStatus: string; contractLapsed: boolean },
): Trouble[] {
  const troubles: Trouble[] = [];
  if (planned.kind === 'DUPLICATE') troubles.push('DUPLICATE');
  if (planned.kind === 'STRAY') troubles.push('STRAY');
  if (planned.kind === 'EARLY') troubles.push('EARLY');
  if (facts.perturbation) troubles.push(facts.perturbation);
  if (facts.contractLapsed) troubles.push('CONTRACT_EXPIRED');
  if (facts.supplierStatus !== 'ACTIVE') troubles.push('SUPPLIER_INACTIVE');
  return troubles;
}

export function invoiceOutcome(context: WorldContext, order: OrderSkeleton, planned: PlannedInvoice): InvoiceOutcome {
  const random = randomFor(context.plan.seed, 'invoice', planned.index);
  const stamp = context.ids.stamp('INVOICE', planned.index, planned.at);
  const receivedAt = stamp.createdAt.getTime();
  const invoiceDate = isoDate(Math.max(Date.parse(order.orderDate), receivedAt - random.int(0, 2) * DAY));
  const source =
    planned.kind === 'DUPLICATE'
      ? 'EDI'
      : random.weighted([
          ['VENDOR_PLATFORM', 65],
          ['EDI', 20],
          ['ERP', 10],
          ['GRAPH', 5],
        ] as const);
  const drawn =
    planned.kind === 'RECEIPTS' && planned.last
      ? random.weighted([
          ['PRICE', 8],
          ['QUANTITY', 5],
          ['NONE', 87],
        ] as const)
      : 'NONE';
  const perturbation = drawn === 'NONE' ? null : drawn;
  // Duplicates and invoices without an order are stopped before the line, supplier and contract checks.
  const compared = planned.kind !== 'DUPLICATE' && planned.kind !== 'STRAY';
  const supplierStatusAtMatch = compared && receivedAt >= AS_OF - RECENT ? order.supplier.status : 'ACTIVE';
  const effectiveTo = order.contract?.effectiveTo;
  const contractLapsed = compared && effectiveTo != null && invoiceDate > effectiveTo;
  const troubles = troublesOf(planned, { perturbation, supplierStatus: supplierStatusAtMatch, contractLapsed });
  const arrival: InvoiceArrival = { index: planned.index, stamp, invoiceDate, source, perturbation, troubles, supplierStatusAtMatch };
  // Portal and API invoices are matched on arrival; EDI and ERP-keyed ones wait for the nightly batch.
  const matchDelay = source === 'VENDOR_PLATFORM' || source === 'GRAPH' ? random.int(5, 90) * MINUTE : random.between(2, 30) * HOUR;
  // Whatever the channel, a number the supplier already billed under is caught at intake (the
  // unique index on it): a duplicate never waits unmatched holding the first invoice's number.
  // Its delay is drawn all the same, so the rest of its dice fall as before.
  const matchedAt = planned.kind === 'DUPLICATE' ? receivedAt : receivedAt + matchDelay;
  return { ...arrival, ...progress(arrival, matchedAt, order, random) };
}

/** From the match on: exception queue, rejection, or approval and payment. */
function progress(arrival: InvoiceArrival, matchedAt: number, order: OrderSkeleton, random: Random): InvoiceProgress {
  if (matchedAt > AS_OF)
    return { status: 'RECEIVED', matchedAt: null, resolution: null, payments: [], updatedAt: arrival.stamp.createdAt.getTime() };
  const matched = { matchedAt, resolution: null, payments: [], updatedAt: matchedAt };
  if (arrival.troubles.length === 0) {
    const approvedAt = matchedAt + random.between(0.5, 3) * DAY;
    return approvedAt > AS_OF
      ? { ...matched, status: 'MATCHED' }
      : { ...matched, ...paid(approvedAt, order.supplier.paymentMethod, random) };
  }
  const resolution = resolve(arrival.troubles[0]!, matchedAt, order, random);
  if (!resolution || resolution.resolvedAt > AS_OF) return { ...matched, status: 'EXCEPTION' };
  const resolved = {
    ...matched,
    resolution: {
      action: resolution.action,
      reason: resolution.reason,
      resolvedBy: random.pick(FINANCE_STAFF),
      resolvedAt: wholeSeconds(resolution.resolvedAt),
    },
    updatedAt: resolution.resolvedAt,
  };
  if (resolution.action !== 'OVERRIDDEN') return { ...resolved, status: 'REJECTED' };
  return { ...resolved, ...paid(resolution.resolvedAt, order.supplier.paymentMethod, random) };
}

function paid(
  approvedAt: number,
  method: DemoPayment['method'],
  random: Random,
): Pick<InvoiceProgress, 'status' | 'payments' | 'updatedAt'> {
  const payments = paymentChain(approvedAt, method, random);
  const events = payments
    .flatMap((payment) => [payment.createdAt, payment.sentAt, payment.settledAt])
    .filter((instant) => instant <= AS_OF);
  return {
    payments,
    status: payments.some((payment) => payment.status === 'CLEARED') ? 'PAID' : 'APPROVED',
    updatedAt: Math.max(approvedAt, ...events),
  };
}

interface LineDraft {
  lineNumber: number;
  itemNumber: string;
  quantity: ExactDecimal;
  unitPrice: string;
}

/** Quantity of each order line delivered by the given receipts. */
function delivered(detail: OrderDetail, receiptPositions: readonly number[]): Map<number, ExactDecimal> {
  const quantities = new Map<number, ExactDecimal>();
  for (const position of receiptPositions) {
    for (const line of detail.record.receipts[position]!.lines) {
      quantities.set(line.lineNumber, (quantities.get(line.lineNumber) ?? decimal('0')).plus(line.quantityReceived));
    }
  }
  return quantities;
}

/** A price raised by `factor`, nudged up a cent at a time until it bills `quantity` in whole cents. */
function raisedPrice(price: string, factor: number, quantity: ExactDecimal): string {
  let raised = scalePrice(price, factor, ExactDecimal.ROUND_UP);
  const places = raised.split('.')[1]?.length ?? 0;
  while (!inWholeCents(quantity, raised))
    raised = decimal(raised)
      .plus(decimal(`1e-${places}`))
      .toFixed(places);
  return raised;
}

function billReceipts(detail: OrderDetail, receipts: readonly number[], outcome: InvoiceOutcome, random: Random): LineDraft[] {
  const quantities = delivered(detail, receipts);
  const drafts = detail.record.lines
    .filter((line) => quantities.has(line.lineNumber))
    .map((line) => ({
      lineNumber: line.lineNumber,
      itemNumber: line.itemNumber,
      quantity: quantities.get(line.lineNumber)!,
      unitPrice: line.unitPrice,
    }));
  const target = random.pick(drafts);
  const multiple = detail.multiples.get(target.lineNumber)!;
  if (outcome.perturbation === 'PRICE') target.unitPrice = raisedPrice(target.unitPrice, random.between(1.03, 1.09), target.quantity);
  if (outcome.perturbation === 'QUANTITY') {
    const units = Math.floor(target.quantity.dividedBy(multiple).toNumber());
    target.quantity = target.quantity.plus(String(multiple * random.int(1, Math.max(1, Math.floor(units * 0.15)))));
  }
  return outcome.perturbation ? drafts : drafts.flatMap((draft) => splitSometimes(draft, detail.multiples.get(draft.lineNumber)!, random));
}

/** Now and then a supplier bills one order line on two invoice lines (two shipments, two references). */
function splitSometimes(draft: LineDraft, multiple: number, random: Random): LineDraft[] {
  const units = Math.floor(draft.quantity.dividedBy(multiple).toNumber());
  if (units < 2 || !random.chance(0.05)) return [draft];
  const first = decimal(String(Math.floor(units / 2) * multiple));
  return [
    { ...draft, quantity: first },
    { ...draft, quantity: draft.quantity.minus(first) },
  ];
}

function billStray(context: WorldContext, supplier: SupplierProfile, random: Random): LineDraft[] {
  return random.sample(supplierAssortment(context, supplier), random.int(1, 3)).map((offer, position) => ({
    lineNumber: position + 1,
    itemNumber: offer.item.itemNumber,
    quantity: decimal(String(random.int(offer.item.quantity[0], offer.item.quantity[1]) * offer.item.orderMultiple)),
    unitPrice: offer.unitPrice,
  }));
}

function draftLines(context: WorldContext, detail: OrderDetail, planned: PlannedInvoice, outcome: InvoiceOutcome): LineDraft[] {
  const random = randomFor(context.plan.seed, 'invoice-lines', planned.index);
  switch (planned.kind) {
    case 'RECEIPTS':
      return billReceipts(detail, planned.receipts, outcome, random);
    case 'EARLY':
      return detail.record.lines.map((line) => ({
        lineNumber: line.lineNumber,
        itemNumber: line.itemNumber,
        quantity: decimal(line.quantity),
        unitPrice: line.unitPrice,
      }));
    case 'STRAY':
      return billStray(context, detail.skeleton.supplier, random);
    case 'DUPLICATE': {
      const original = detail.skeleton.invoices[0]!;
      return draftLines(context, detail, original, invoiceOutcome(context, detail.skeleton, original));
    }
  }
}

const CATEGORY_CODES: Readonly<Record<SupplierProfile['category'], string>> = {
  MEDICAL_SURGICAL: 'MS',
  PHARMACEUTICAL: 'RX',
  FACILITIES_MAINTENANCE: 'FM',
  BIOMEDICAL_EQUIPMENT_SERVICE: 'BM',
  STAFFING: 'ST',
  LABORATORY: 'LB',
  FOOD_SERVICE: 'FS',
  IT_SERVICES: 'IT',
};

/** Each supplier numbers its invoices its own way; the serial keeps them unique. */
function invoiceNumber(outcome: InvoiceOutcome, supplier: SupplierProfile): string {
  const serial = outcome.index + 1;
  switch (supplier.index % 4) {
    case 0:
      return `INV-${String(serial).padStart(7, '0')}`;
    case 1:
      return `${outcome.invoiceDate.slice(2, 4)}${String(serial).padStart(7, '0')}`;
    case 2:
      return `${CATEGORY_CODES[supplier.category]}-${serial}`;
    default:
      return String(serial).padStart(8, '0');
  }
}

/** Quantity per order line that the order's earlier invoices billed (all of them clean by construction). */
function billedBefore(detail: OrderDetail, planned: PlannedInvoice): Map<number, ExactDecimal> {
  const earlier = detail.skeleton.invoices.filter((other) => other.ordinal < planned.ordinal && other.kind === 'RECEIPTS');
  return delivered(
    detail,
    earlier.flatMap((other) => (other.kind === 'RECEIPTS' ? other.receipts : [])),
  );
}

/** The match's findings as exceptions; the dice said whether there would be any, and the match must agree. */
function exceptions(context: WorldContext, outcome: InvoiceOutcome, facts: Omit<MatchFacts, 'matchedAt'>): DemoMatchException[] {
  if (outcome.matchedAt === null) return [];
  const findings = matchFindings({ ...facts, matchedAt: new Date(outcome.matchedAt) });
  if (findings.length > 0 !== outcome.troubles.length > 0) {
    throw new Error(
      `Invoice ${outcome.index}: planned ${outcome.troubles.join(', ') || 'no trouble'} but the match found ${findings.map((f) => f.code).join(', ') || 'none'}`,
    );
  }
  if (findings.length > MAX_EXCEPTIONS_PER_INVOICE) throw new Error(`Invoice ${outcome.index} has ${findings.length} exceptions`);
  return findings.map((found, k) => ({
    id: context.ids.stamp('MATCH_EXCEPTION', outcome.index * MAX_EXCEPTIONS_PER_INVOICE + k, outcome.matchedAt!).id,
    ...found,
    queue: EXCEPTION_QUEUES[found.code],
    resolution: outcome.resolution,
  }));
}

export function invoiceRecord(context: WorldContext, detail: OrderDetail, planned: PlannedInvoice, outcome: InvoiceOutcome): DemoInvoice {
  const { skeleton } = detail;
  const drafts = draftLines(context, detail, planned, outcome);
  const numbered = planned.kind === 'DUPLICATE' ? invoiceOutcome(context, skeleton, skeleton.invoices[0]!) : outcome;
  const number = invoiceNumber(numbered, skeleton.supplier);
  const lines = drafts.map((draft, position) => ({
    position: position + 1,
    lineNumber: draft.lineNumber,
    itemNumber: draft.itemNumber,
    quantity: draft.quantity.toFixed(),
    unitPrice: draft.unitPrice,
    amount: lineAmount(draft.quantity, draft.unitPrice),
  }));
  const contract = skeleton.contract;
  return {
    id: outcome.stamp.id,
    invoiceNumber: number,
    supplierId: skeleton.supplier.id,
    purchaseOrderId: planned.kind === 'STRAY' ? null : detail.record.id,
    invoiceDate: outcome.invoiceDate,
    total: sum(lines.map((line) => line.amount)).toFixed(2),
    status: outcome.status,
    lines,
    exceptions: exceptions(context, outcome, {
      invoiceNumber: number,
      invoiceDate: outcome.invoiceDate,
      lines,
      duplicate: planned.kind === 'DUPLICATE',
      supplierStatus: outcome.supplierStatusAtMatch,
      order: planned.kind === 'STRAY' ? null : detail.record,
      billedBefore: billedBefore(detail, planned),
      contract: contract && {
        number: contract.number,
        effectiveTo: contract.effectiveTo,
        prices: contractPriceList(context, contract),
      },
    }),
    matchedAt: outcome.matchedAt === null ? null : wholeSeconds(outcome.matchedAt),
    createdAt: outcome.stamp.createdAt,
    erpInvoiceId: outcome.status === 'APPROVED' || outcome.status === 'PAID' ? erpId('INVOICE', outcome.index) : null,
    source: outcome.source,
    updatedAt: wholeSeconds(outcome.updatedAt),
  };
}

export function paymentRecords(
  context: WorldContext,
  invoice: DemoInvoice,
  outcome: InvoiceOutcome,
  method: DemoPayment['method'],
): DemoPayment[] {
  return outcome.payments.map((plan) => {
    const number = outcome.index * MAX_PAYMENTS_PER_INVOICE + plan.attempt;
    const { id, createdAt } = context.ids.stamp('PAYMENT', number, plan.createdAt);
    const lastEvent = [plan.settledAt, plan.sentAt].find((instant) => instant <= AS_OF) ?? createdAt.getTime();
    return {
      id,
      invoiceId: invoice.id,
      supplierId: invoice.supplierId,
      paymentNumber: `PMT-${String(number + 1).padStart(8, '0')}`,
      amount: invoice.total,
      status: plan.status,
      method,
      scheduledFor: plan.scheduledFor,
      paidAt: plan.sentAt <= AS_OF ? wholeSeconds(plan.sentAt) : null,
      clearedAt: plan.status === 'CLEARED' ? wholeSeconds(plan.settledAt) : null,
      createdAt,
      erpPaymentId: erpId('PAYMENT', number),
      updatedAt: wholeSeconds(Math.max(createdAt.getTime(), lastEvent)),
    };
  });
}
