import { contractRecord } from './contract-records.ts';
import { facilityRecord } from './facility-records.ts';
import { invoiceOutcome, invoiceRecord, paymentRecords, type InvoiceOutcome } from './invoice-records.ts';
import { orderDetail, orderSkeleton, type OrderDetail, type OrderSkeleton, type PlannedInvoice } from './order-records.ts';
import { DEFAULT_SEED, INVOICES_PER_BLOCK, ORDERS_PER_BLOCK, planWorld, worldContext, type WorldContext } from './plan.ts';
import { supplierRecord } from './supplier-records.ts';
import { AS_OF } from './timeline.ts';
import type { DemoInvoice, DemoPayment, World, WorldScale } from './world.ts';

/**
 * The demo world for a scale and seed. Every record is derived from its own index (and the seed),
 * never from a scan of the records before it, so the collections stream in constant memory and
 * the same scale and seed always give the same records.
 */
export function createWorld(options: { scale: WorldScale; seed?: number }): World {
  const context = worldContext(planWorld(options.scale, options.seed ?? DEFAULT_SEED));
  const { plan } = context;
  let payments: number | undefined;
  return {
    scale: plan.scale,
    asOf: new Date(AS_OF),
    counts: {
      facilities: plan.facilities,
      suppliers: plan.suppliers,
      contracts: plan.contracts,
      purchaseOrders: plan.purchaseOrders,
      invoices: plan.invoices,
      // Payments depend on each invoice's fate: counted by one pass over the cheap part of it, or
      // for free once anyone has streamed all the payments.
      get payments() {
        return (payments ??= countPayments(context));
      },
    },
    facilities: () => indexed(plan.facilities, (index) => facilityRecord(context, index)),
    suppliers: () => indexed(plan.suppliers, (index) => supplierRecord(context, index)),
    contracts: () => indexed(plan.contracts, (index) => contractRecord(context, index)),
    purchaseOrders: () => indexed(plan.purchaseOrders, (index) => orderDetail(context, orderSkeleton(context, index)).record),
    invoices: () => invoiceStream(context),
    payments: function* () {
      let streamed = 0;
      for (const payment of paymentStream(context)) {
        streamed++;
        yield payment;
      }
      payments = streamed;
    },
  };
}

function* indexed<T>(count: number, make: (index: number) => T): Generator<T> {
  for (let index = 0; index < count; index++) yield make(index);
}

interface BilledInvoice {
  order: OrderSkeleton;
  planned: PlannedInvoice;
  outcome: InvoiceOutcome;
}

/** A block's ten invoices in index order, each with its order and fate. */
function blockInvoices(context: WorldContext, block: number): BilledInvoice[] {
  const orders = Array.from({ length: ORDERS_PER_BLOCK }, (_, position) => orderSkeleton(context, block * ORDERS_PER_BLOCK + position));
  const billed = orders
    .flatMap((order) => order.invoices.map((planned) => ({ order, planned })))
    .sort((a, b) => a.planned.index - b.planned.index)
    .map(({ order, planned }) => ({ order, planned, outcome: invoiceOutcome(context, order, planned) }));
  if (billed.length !== INVOICES_PER_BLOCK) throw new Error(`Block ${block} plans ${billed.length} invoices`);
  return billed;
}

function* blocks(context: WorldContext): Generator<BilledInvoice[]> {
  for (let block = 0; block < context.plan.invoices / INVOICES_PER_BLOCK; block++) {
    yield context.memo.get('invoice-block', block, () => blockInvoices(context, block), RECENT_BLOCKS);
  }
}

/**
 * Streams walking the invoices side by side (invoices and payments, as the invoicing seed does)
 * build each block and each invoice once: both are remembered for a little while.
 */
const RECENT_BLOCKS = 64;

/** Invoices with their orders built once per block, as the orders' invoices all live in it. */
function* invoicesWithOutcomes(
  context: WorldContext,
  wanted: (outcome: InvoiceOutcome) => boolean,
): Generator<{ invoice: DemoInvoice; billed: BilledInvoice }> {
  for (const block of blocks(context)) {
    const details = new Map<number, OrderDetail>();
    const detailOf = (order: OrderSkeleton) => {
      if (!details.has(order.index)) details.set(order.index, orderDetail(context, order));
      return details.get(order.index)!;
    };
    for (const billed of block) {
      if (!wanted(billed.outcome)) continue;
      const invoice = context.memo.get(
        'invoice',
        billed.planned.index,
        () => invoiceRecord(context, detailOf(billed.order), billed.planned, billed.outcome),
        RECENT_BLOCKS * INVOICES_PER_BLOCK,
      );
      yield { invoice, billed };
    }
  }
}

function* invoiceStream(context: WorldContext): Generator<DemoInvoice> {
  for (const { invoice } of invoicesWithOutcomes(context, () => true)) yield invoice;
}

function* paymentStream(context: WorldContext): Generator<DemoPayment> {
  for (const { invoice, billed } of invoicesWithOutcomes(context, (outcome) => outcome.payments.length > 0)) {
    yield* paymentRecords(context, invoice, billed.outcome, billed.order.supplier.paymentMethod);
  }
}

function countPayments(context: WorldContext): number {
  let count = 0;
  for (const block of blocks(context)) for (const { outcome } of block) count += outcome.payments.length;
  return count;
}
