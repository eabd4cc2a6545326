import { ExactDecimal, decimal, sum } from '@procuregraph/platform/money';
import { contractIndexOfSupplier, contractInForce, contractPrices, contractTerm, type ContractTerm } from './contract-records.ts';
import { facilityId } from './facility-records.ts';
import { erpId, type Stamp } from './identifiers.ts';
import { INVOICES_PER_BLOCK, MAX_RECEIPTS_PER_ORDER, ORDERS_PER_BLOCK, type WorldContext } from './plan.ts';
import { randomFor, type Random } from './random.ts';
import {
  scalePrice,
  supplierAssortment,
  supplierProfile,
  suppliersRegisteredBy,
  type OfferedItem,
  type SupplierProfile,
} from './supplier-records.ts';
import { AS_OF, DAY, HISTORY_START, HOUR, MINUTE, isoDate, wholeSeconds } from './timeline.ts';
import type { DemoPurchaseOrder, DemoPurchaseOrderLine, DemoReceipt } from './world.ts';

/**
 * Orders come in blocks of eight, billed by ten invoices. Inside a block every order plays one of
 * these roles (shuffled per block), which fixes how it is received and invoiced; that is what lets
 * invoice i find its order, and an order its invoices, without looking at any other block.
 */
export type OrderRole = 'SINGLE' | 'SPLIT' | 'PARTIAL' | 'TRIPLE' | 'OPEN';
const ROLE_SLOTS: readonly OrderRole[] = ['SINGLE', 'SINGLE', 'SINGLE', 'SPLIT', 'PARTIAL', 'TRIPLE', 'OPEN', 'SINGLE'];
/** For each invoice of a block: the role slot of the order it bills, and which of that order's invoices it is. */
const INVOICE_SLOTS: readonly (readonly [roleSlot: number, ordinal: number])[] = [
  [0, 0],
  [1, 0],
  [2, 0],
  [3, 0],
  [3, 1],
  [4, 0],
  [5, 0],
  [5, 1],
  [5, 2],
  [7, 0],
];

/**
 * What an invoice bills: the goods of some receipts (`last` when no later invoice follows), all of
 * the order before anything arrived, a copy of the order's first invoice, or goods without an order.
 */
type InvoiceKind = { kind: 'RECEIPTS'; receipts: number[]; last: boolean } | { kind: 'EARLY' } | { kind: 'DUPLICATE' } | { kind: 'STRAY' };
type InvoiceDraft = InvoiceKind & { at: number };
/** An invoice the order will receive, and when it arrives. */
export type PlannedInvoice = InvoiceDraft & { index: number; ordinal: number };

/** An order's who and when, without its lines: cheap enough to compute for every invoice. */
export interface OrderSkeleton {
  index: number;
  role: OrderRole;
  stamp: Stamp;
  orderDate: string;
  supplier: SupplierProfile;
  /** The supplier's contract when it was in force on the order date; the lines then come from it. */
  contract: ContractTerm | null;
  facilityIndex: number;
  status: DemoPurchaseOrder['status'];
  receiptTimes: number[];
  partialReceipt: boolean;
  invoices: PlannedInvoice[];
  publicationState: DemoPurchaseOrder['publicationState'];
  publishedAt: number | null;
}

/** An order with its lines, and each line's ordering unit (what receipts and bills come in multiples of). */
export interface OrderDetail {
  skeleton: OrderSkeleton;
  record: DemoPurchaseOrder;
  multiples: ReadonlyMap<number, number>;
}

const ORDER_START = HISTORY_START + 20 * DAY;
const ORDER_SPAN = AS_OF - DAY - ORDER_START;
/** Orders get denser towards today (order time grows as index^0.6), so recent weeks have work in flight. */
const ORDER_CURVE = 0.6;
/** An order's receipts and invoices all arrive within this time; recent orders have it compressed to fit before today. */
const ORDER_HISTORY = 60 * DAY;
const OLD_ORDER = 60 * DAY;
const CLOSED_AFTER = 150 * DAY;
const LINE_COUNTS = [
  [1, 25],
  [2, 25],
  [3, 20],
  [4, 13],
  [5, 10],
  [6, 7],
] as const;

interface BlockLayout {
  roleSlotOfPosition: number[];
  /** The TRIPLE order is billed once, then gets a duplicate of that bill and an invoice without a PO. */
  duplicateVariant: boolean;
}

function blockLayout(context: WorldContext, block: number): BlockLayout {
  const random = randomFor(context.plan.seed, 'order-block', block);
  const roleSlotOfPosition = random.sample(
    ROLE_SLOTS.map((_, slot) => slot),
    ROLE_SLOTS.length,
  );
  return { roleSlotOfPosition, duplicateVariant: random.chance(0.12) };
}

function invoiceIndexOf(block: number, roleSlot: number, ordinal: number): number {
  const slot = INVOICE_SLOTS.findIndex(([candidate, n]) => candidate === roleSlot && n === ordinal);
  if (slot < 0) throw new Error(`Role slot ${roleSlot} has no invoice ${ordinal}`);
  return block * INVOICES_PER_BLOCK + slot;
}

/** Busy suppliers get most orders: the pick leans towards the earliest registered. */
function pickSupplier(context: WorldContext, orderedAt: number, random: Random): SupplierProfile {
  const { plan } = context;
  const trading = Math.min(suppliersRegisteredBy(plan, orderedAt - DAY), plan.suppliers - plan.suppliersInOnboarding);
  return supplierProfile(context, Math.floor(Math.max(1, trading) * random.next() ** 1.5));
}

function contractInForceOn(context: WorldContext, supplier: SupplierProfile, orderDate: string): ContractTerm | null {
  const index = contractIndexOfSupplier(context, supplier.index);
  if (index === null) return null;
  const term = contractTerm(context, index);
  return contractInForce(term, orderDate) ? term : null;
}

interface History {
  receiptTimes: number[];
  invoices: InvoiceDraft[];
  status: DemoPurchaseOrder['status'];
}

/** When goods arrive and bills come in, for each role; `after` spaces events, compressed for recent orders. */
function orderHistory(role: OrderRole, duplicateVariant: boolean, orderedAt: number, random: Random): History {
  const pace = Math.min(1, (AS_OF - orderedAt - 2 * HOUR) / ORDER_HISTORY);
  const after = (instant: number, minDays: number, maxDays: number) => instant + pace * random.between(minDays, maxDays) * DAY;
  const deliveries = (count: number) => {
    const times = [after(orderedAt, 2, 9)];
    while (times.length < count) times.push(after(times.at(-1)!, 5, 12));
    return times;
  };
  const billFor = (receiptTimes: number[], receipts: number[], last: boolean): InvoiceDraft => ({
    kind: 'RECEIPTS',
    receipts,
    last,
    at: after(receiptTimes[receipts.at(-1)!]!, 1, 12),
  });
  const old = orderedAt < AS_OF - OLD_ORDER;
  const received = (partial = false): History['status'] =>
    AS_OF - orderedAt > CLOSED_AFTER ? 'CLOSED' : partial ? 'PARTIALLY_RECEIVED' : 'RECEIVED';
  switch (role) {
    case 'SINGLE': {
      if (random.chance(0.06)) {
        // Billed before the goods arrived; older orders have been received since.
        const invoices: InvoiceDraft[] = [{ kind: 'EARLY', at: after(orderedAt, 1, 4) }];
        if (!old) return { receiptTimes: [], invoices, status: 'OPEN' };
        return { receiptTimes: [after(orderedAt, 10, 25)], invoices, status: received() };
      }
      const times = deliveries(random.chance(0.3) ? 2 : 1);
      return {
        receiptTimes: times,
        invoices: [
          billFor(
            times,
            times.map((_, k) => k),
            true,
          ),
        ],
        status: received(),
      };
    }
    case 'SPLIT':
    case 'TRIPLE': {
      if (role === 'TRIPLE' && duplicateVariant) {
        const times = deliveries(1);
        const first = billFor(times, [0], true);
        const invoices: InvoiceDraft[] = [
          first,
          { kind: 'DUPLICATE', at: after(first.at, 3, 10) },
          { kind: 'STRAY', at: after(orderedAt, 3, 30) },
        ];
        return { receiptTimes: times, invoices, status: received() };
      }
      const times = deliveries(role === 'SPLIT' ? 2 : 3);
      return { receiptTimes: times, invoices: times.map((_, k) => billFor(times, [k], k === times.length - 1)), status: received() };
    }
    case 'PARTIAL': {
      const times = deliveries(1);
      return { receiptTimes: times, invoices: [billFor(times, [0], true)], status: received(true) };
    }
    case 'OPEN': {
      if (!old) return { receiptTimes: [], invoices: [], status: 'OPEN' };
      if (random.chance(0.5)) return { receiptTimes: [], invoices: [], status: 'CANCELLED' };
      // Received but never billed: the supplier's invoice is still missing.
      return { receiptTimes: deliveries(1), invoices: [], status: 'RECEIVED' };
    }
  }
}

function publication(
  status: DemoPurchaseOrder['status'],
  orderedAt: number,
  random: Random,
): Pick<OrderSkeleton, 'publicationState' | 'publishedAt'> {
  const publicationState =
    status === 'OPEN' && random.chance(0.3)
      ? random.weighted([
          ['PENDING', 2],
          ['FAILED', 1],
        ] as const)
      : random.weighted([
          ['ACKNOWLEDGED', 65],
          ['PUBLISHED', 35],
        ] as const);
  const published = publicationState === 'PUBLISHED' || publicationState === 'ACKNOWLEDGED';
  return { publicationState, publishedAt: published ? orderedAt + random.between(1, 20) * MINUTE : null };
}

export function orderSkeleton(context: WorldContext, index: number): OrderSkeleton {
  const { plan } = context;
  const block = Math.floor(index / ORDERS_PER_BLOCK);
  const layout = blockLayout(context, block);
  const roleSlot = layout.roleSlotOfPosition[index % ORDERS_PER_BLOCK]!;
  const role = ROLE_SLOTS[roleSlot]!;
  const random = randomFor(plan.seed, 'order', index);
  const stamp = context.ids.stamp(
    'PURCHASE_ORDER',
    index,
    ORDER_START + ORDER_SPAN * ((index + random.next()) / plan.purchaseOrders) ** ORDER_CURVE,
  );
  const orderedAt = stamp.createdAt.getTime();
  const orderDate = isoDate(orderedAt);
  const supplier = pickSupplier(context, orderedAt, random);
  const facilityIndex = random.chance(0.4) ? 0 : random.int(0, plan.facilities - 1);
  const history = orderHistory(role, layout.duplicateVariant, orderedAt, random);
  return {
    index,
    role,
    stamp,
    orderDate,
    supplier,
    contract: contractInForceOn(context, supplier, orderDate),
    facilityIndex,
    status: history.status,
    receiptTimes: history.receiptTimes,
    partialReceipt: role === 'PARTIAL',
    invoices: history.invoices.map((draft, ordinal) => ({ ...draft, ordinal, index: invoiceIndexOf(block, roleSlot, ordinal) })),
    ...publication(history.status, orderedAt, random),
  };
}

/** Whether quantity × price comes to whole cents, as every amount must. */
export function inWholeCents(quantity: ExactDecimal, unitPrice: string): boolean {
  return quantity.times(unitPrice).decimalPlaces() <= 2;
}

export function lineAmount(quantity: ExactDecimal, unitPrice: string): string {
  const amount = quantity.times(unitPrice);
  if (amount.decimalPlaces() > 2) throw new Error(`${quantity.toFixed()} × ${unitPrice} is not a whole-cent amount`);
  return amount.toFixed(2);
}

interface DraftLine {
  line: DemoPurchaseOrderLine;
  units: number;
  multiple: number;
}

function orderLine(offer: OfferedItem, lineNumber: number, minimumUnits: number, onContract: boolean, random: Random): DraftLine {
  const { item } = offer;
  const unitPrice =
    onContract && random.chance(0.15) ? scalePrice(offer.unitPrice, random.between(0.95, 0.99), ExactDecimal.ROUND_DOWN) : offer.unitPrice;
  const units = Math.max(minimumUnits, random.int(item.quantity[0], item.quantity[1]));
  let quantity = decimal(String(units * item.orderMultiple));
  if (item.halfUnits && random.chance(0.3) && inWholeCents(quantity.plus('0.5'), unitPrice)) quantity = quantity.plus('0.5');
  return {
    line: {
      lineNumber,
      itemNumber: item.itemNumber,
      description: item.description,
      quantity: quantity.toFixed(),
      unitOfMeasure: item.unitOfMeasure,
      unitPrice,
      amount: lineAmount(quantity, unitPrice),
    },
    units,
    multiple: item.orderMultiple,
  };
}

/**
 * Quantity of each line per delivery: even shares with the remainder (and any half unit) in the
 * last one; a partial delivery short-ships the first line and some of the others.
 */
function deliveredQuantities(lines: DraftLine[], deliveries: number, partial: boolean, random: Random): ExactDecimal[][] {
  return lines.map((draft, position) => {
    const ordered = decimal(draft.line.quantity);
    if (partial) {
      const outcome =
        position === 0
          ? 'SOME'
          : random.weighted([
              ['ALL', 2],
              ['SOME', 1],
              ['NONE', 1],
            ] as const);
      if (outcome === 'ALL') return [ordered];
      if (outcome === 'NONE') return [decimal('0')];
      const units = Math.min(draft.units - 1, Math.max(1, Math.floor(draft.units * random.between(0.3, 0.8))));
      return [decimal(String(units * draft.multiple))];
    }
    const part = decimal(String(Math.floor(draft.units / deliveries) * draft.multiple));
    return Array.from({ length: deliveries }, (_, k) => (k < deliveries - 1 ? part : ordered.minus(part.times(deliveries - 1))));
  });
}

function receipts(context: WorldContext, skeleton: OrderSkeleton, lines: DraftLine[], random: Random): DemoReceipt[] {
  const quantities = deliveredQuantities(lines, skeleton.receiptTimes.length, skeleton.partialReceipt, random);
  return skeleton.receiptTimes.map((at, k) => {
    const number = skeleton.index * MAX_RECEIPTS_PER_ORDER + k;
    const { id, createdAt } = context.ids.stamp('RECEIPT', number, at);
    return {
      id,
      receiptNumber: `RCV-${String(number + 1).padStart(8, '0')}`,
      receivedAt: createdAt,
      lines: lines
        .map((draft, position) => ({ lineNumber: draft.line.lineNumber, quantityReceived: quantities[position]![k]! }))
        .filter((line) => line.quantityReceived.greaterThan(0))
        .map((line) => ({ lineNumber: line.lineNumber, quantityReceived: line.quantityReceived.toFixed() })),
      erpReceiptId: erpId('RECEIPT', number),
    };
  });
}

export function orderDetail(context: WorldContext, skeleton: OrderSkeleton): OrderDetail {
  const random = randomFor(context.plan.seed, 'order-lines', skeleton.index);
  const offers = skeleton.contract ? contractPrices(context, skeleton.contract) : supplierAssortment(context, skeleton.supplier);
  const count = Math.min(offers.length, random.weighted(LINE_COUNTS));
  const minimumUnits = Math.max(1, skeleton.receiptTimes.length, skeleton.partialReceipt ? 2 : 1);
  const lines = random.sample(offers, count).map((offer, k) => orderLine(offer, k + 1, minimumUnits, skeleton.contract !== null, random));
  const orderReceipts = receipts(context, skeleton, lines, random);
  const lastEvent = Math.max(
    skeleton.stamp.createdAt.getTime(),
    skeleton.publishedAt ?? 0,
    ...orderReceipts.map((receipt) => receipt.receivedAt.getTime()),
  );
  const record: DemoPurchaseOrder = {
    id: skeleton.stamp.id,
    number: `PO-${skeleton.orderDate.slice(0, 4)}-${String(skeleton.index + 1).padStart(6, '0')}`,
    supplierId: skeleton.supplier.id,
    contractId: skeleton.contract?.id ?? null,
    facilityId: facilityId(context, skeleton.facilityIndex),
    status: skeleton.status,
    orderDate: skeleton.orderDate,
    total: sum(lines.map((draft) => draft.line.amount)).toFixed(2),
    lines: lines.map((draft) => draft.line),
    receipts: orderReceipts,
    publicationState: skeleton.publicationState,
    publishedAt: skeleton.publishedAt === null ? null : wholeSeconds(skeleton.publishedAt),
    createdAt: skeleton.stamp.createdAt,
    erpPoHeaderId: erpId('PURCHASE_ORDER', skeleton.index),
    updatedAt: wholeSeconds(lastEvent),
  };
  return { skeleton, record, multiples: new Map(lines.map((draft) => [draft.line.lineNumber, draft.multiple])) };
}
