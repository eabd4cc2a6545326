import { z } from 'zod';
import { decimal, formatDecimal } from '@procuregraph/platform/money';
import type { PurchaseOrderStatus } from '../db/tables.ts';
import { lineAmount } from '../purchase-order-rules.ts';

/**
 * Between the canonical purchase order and receipt and Oracle Fusion's wire format (PascalCase,
 * numeric ids, decimal strings that may arrive as JSON numbers). Pure: no I/O here.
 */

/** An order as the ERP must receive it; `Description` carries the canonical id back to us. */
export interface ErpOrderRequest {
  SupplierId: number;
  CurrencyCode: string;
  OrderDate: string;
  Description: string;
  ShipToLocationCode?: string;
  lines: { LineNumber: number; Item: string; Description: string; Quantity: string; UOM: string; Price: string }[];
}

export interface ErpReceiptRequest {
  ReceiptNumber: string;
  TransactionDate: string;
  lines: { DocumentNumber: string; DocumentLineNumber: number; Quantity: string }[];
}

export interface CanonicalOrderForErp {
  id: string;
  currency: string;
  orderDate: string;
  shipToLocationCode: string | null;
  erpSupplierId: number;
  lines: readonly { lineNumber: number; itemNumber: string; description: string; quantity: string; unitOfMeasure: string; unitPrice: string }[];
}

export interface CanonicalReceiptForErp {
  id: string;
  receivedAt: Date;
  orderNumber: string;
  lines: readonly { lineNumber: number; quantityReceived: string }[];
}

/** What the canonical store needs from an ERP order. */
export interface ErpOrderSnapshot {
  poHeaderId: number;
  orderNumber: string;
  erpSupplierId: number;
  status: PurchaseOrderStatus;
  orderDate: string;
  currency: string;
  shipToLocationCode: string | null;
  /** Set when Procuregraph issued the order: the canonical id it was sent with. */
  canonicalId: string | null;
  lines: ErpOrderLineSnapshot[];
}

export interface ErpOrderLineSnapshot {
  lineNumber: number;
  itemNumber: string;
  description: string;
  quantity: string;
  unitOfMeasure: string;
  unitPrice: string;
  amount: string;
  quantityReceived: string;
}

export interface ErpReceiptSnapshot {
  headerInterfaceId: number;
  receiptNumber: string;
  receivedAt: Date;
  /** Set when Procuregraph recorded the receipt: decoded from the receipt number it chose. */
  canonicalId: string | null;
  lines: { poHeaderId: number; lineNumber: number; quantityReceived: string }[];
}

const ORDER_REFERENCE_PREFIX = 'Procuregraph order ';
const RECEIPT_NUMBER_PREFIX = 'PG';
const UUID_PATTERN = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** Fusion sends ids and decimals as numbers or strings depending on the attribute and version. */
const numericId = z.union([z.number().int(), z.string().trim().regex(/^\d+$/).transform(Number)]);
const decimalValue = z
  .union([z.number(), z.string().trim()])
  .transform((value) => String(value))
  .refine((value) => /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(value), { message: 'not a decimal' })
  .transform((value) => formatDecimal(decimal(value)));
const text = z.string().trim();

/** An expanded child is `{ items: [...] }`; some payloads (and older versions) carry a bare array. */
function childCollection<Item extends z.ZodType>(item: Item) {
  return z.union([z.array(item), z.object({ items: z.array(item) }).transform((collection) => collection.items)]).default([]);
}

const scheduleSchema = z.object({ QuantityReceived: decimalValue.nullish().transform((value) => value ?? '0') });

const orderLineSchema = z.object({
  LineNumber: numericId,
  Item: text.nullish(),
  Description: text.nullish(),
  Quantity: decimalValue,
  UOM: text,
  Price: decimalValue,
  Amount: decimalValue.nullish(),
  schedules: childCollection(scheduleSchema),
});

const orderSchema = z.object({
  POHeaderId: numericId,
  OrderNumber: z.union([text, z.number().transform(String)]),
  SupplierId: numericId,
  DocumentStatusCode: text.transform((code) => code.toUpperCase()),
  CurrencyCode: text.transform((code) => code.toUpperCase()).default('USD'),
  OrderDate: text.transform((value) => value.slice(0, 10)),
  Description: z.string().nullish(),
  ShipToLocationCode: text.nullish(),
  lines: childCollection(orderLineSchema),
});

const receiptSchema = z.object({
  HeaderInterfaceId: numericId,
  ReceiptNumber: z.union([text, z.number().transform(String)]),
  TransactionDate: text,
  lines: childCollection(
    z.object({ POHeaderId: numericId, DocumentLineNumber: numericId, Quantity: decimalValue }),
  ),
});

export class ErpMappingError extends Error {
  override readonly name = 'ErpMappingError';
}

function parse<Schema extends z.ZodType>(schema: Schema, value: unknown, what: string): z.output<Schema> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ErpMappingError(`Unreadable ERP ${what}: ${z.prettifyError(result.error)}`);
  return result.data;
}

export function orderReference(canonicalId: string): string {
  return `${ORDER_REFERENCE_PREFIX}${canonicalId}`;
}

function canonicalIdOfOrder(description: string | null | undefined): string | null {
  if (!description?.startsWith(ORDER_REFERENCE_PREFIX)) return null;
  return UUID_PATTERN.exec(description)?.[0]?.toLowerCase() ?? null;
}

/**
 * The ERP keeps no foreign reference on a receipt and limits its number to 30 characters, so the
 * canonical id is sent as the receipt number, base 36 (`PG` + 25 characters): reversible, unique.
 */
export function receiptNumberFor(canonicalId: string): string {
  return RECEIPT_NUMBER_PREFIX + BigInt(`0x${canonicalId.replaceAll('-', '')}`).toString(36);
}

export function canonicalIdOfReceipt(receiptNumber: string): string | null {
  const match = /^PG([0-9a-z]{1,25})$/.exec(receiptNumber);
  if (!match) return null;
  let value = 0n;
  for (const digit of match[1]!) value = value * 36n + BigInt(parseInt(digit, 36));
  const hex = value.toString(16).padStart(32, '0');
  if (hex.length !== 32) return null;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Fusion's `DocumentStatusCode`; OPEN splits by whether anything was received yet. */
function orderStatus(code: string, lines: readonly ErpOrderLineSnapshot[]): PurchaseOrderStatus {
  switch (code) {
    case 'INCOMPLETE':
      return 'DRAFT';
    case 'OPEN':
      return lines.some((line) => decimal(line.quantityReceived).greaterThan(0)) ? 'PARTIALLY_RECEIVED' : 'OPEN';
    case 'CLOSED_FOR_RECEIVING':
      return 'RECEIVED';
    case 'CLOSED':
      return 'CLOSED';
    case 'CANCELED':
    case 'CANCELLED':
      return 'CANCELLED';
    default:
      throw new ErpMappingError(`Unknown ERP DocumentStatusCode ${code}`);
  }
}

export function fromErpOrder(resource: unknown): ErpOrderSnapshot {
  const order = parse(orderSchema, resource, 'purchase order');
  const lines = order.lines.map((line) => ({
    lineNumber: line.LineNumber,
    // A non-catalog line has no item in Fusion; the canonical item number is then empty.
    itemNumber: line.Item ?? '',
    description: line.Description ?? '',
    quantity: line.Quantity,
    unitOfMeasure: line.UOM,
    unitPrice: line.Price,
    amount: line.Amount ?? lineAmount(line.Quantity, line.Price),
    quantityReceived: formatDecimal(line.schedules.reduce((total, schedule) => total.plus(schedule.QuantityReceived), decimal('0'))),
  }));
  return {
    poHeaderId: order.POHeaderId,
    orderNumber: order.OrderNumber,
    erpSupplierId: order.SupplierId,
    status: orderStatus(order.DocumentStatusCode, lines),
    orderDate: order.OrderDate,
    currency: order.CurrencyCode,
    shipToLocationCode: order.ShipToLocationCode ?? null,
    canonicalId: canonicalIdOfOrder(order.Description),
    lines,
  };
}

export function fromErpReceipt(resource: unknown): ErpReceiptSnapshot {
  const receipt = parse(receiptSchema, resource, 'receipt');
  const receivedAt = new Date(receipt.TransactionDate);
  if (Number.isNaN(receivedAt.getTime())) throw new ErpMappingError(`Unreadable ERP TransactionDate ${receipt.TransactionDate}`);
  return {
    headerInterfaceId: receipt.HeaderInterfaceId,
    receiptNumber: receipt.ReceiptNumber,
    receivedAt,
    canonicalId: canonicalIdOfReceipt(receipt.ReceiptNumber),
    lines: receipt.lines.map((line) => ({ poHeaderId: line.POHeaderId, lineNumber: line.DocumentLineNumber, quantityReceived: line.Quantity })),
  };
}

export function toErpOrderRequest(order: CanonicalOrderForErp): ErpOrderRequest {
  return {
    SupplierId: order.erpSupplierId,
    CurrencyCode: order.currency,
    OrderDate: order.orderDate,
    Description: orderReference(order.id),
    ...(order.shipToLocationCode ? { ShipToLocationCode: order.shipToLocationCode } : {}),
    lines: order.lines.map((line) => ({
      LineNumber: line.lineNumber,
      Item: line.itemNumber,
      Description: line.description,
      Quantity: formatDecimal(line.quantity),
      UOM: line.unitOfMeasure,
      Price: formatDecimal(line.unitPrice),
    })),
  };
}

export function toErpReceiptRequest(receipt: CanonicalReceiptForErp): ErpReceiptRequest {
  return {
    ReceiptNumber: receiptNumberFor(receipt.id),
    TransactionDate: receipt.receivedAt.toISOString(),
    lines: receipt.lines.map((line) => ({
      DocumentNumber: receipt.orderNumber,
      DocumentLineNumber: line.lineNumber,
      Quantity: formatDecimal(line.quantityReceived),
    })),
  };
}

/** One item of the ERP's `businessEvents` feed. */
export interface ErpBusinessEvent {
  eventId: string;
  sequence: number;
  eventType: string;
  occurredAt: Date;
  resource: unknown;
}

const businessEventSchema = z.object({
  EventId: text,
  Sequence: numericId,
  EventType: text,
  OccurredAt: text.transform((value) => new Date(value)),
  Resource: z.unknown(),
});

export function fromErpBusinessEvents(body: unknown): { items: ErpBusinessEvent[]; hasMore: boolean } {
  const page = parse(z.object({ items: z.array(businessEventSchema), hasMore: z.boolean().default(false) }), body, 'business events page');
  return {
    hasMore: page.hasMore,
    items: page.items.map((item) => ({ eventId: item.EventId, sequence: item.Sequence, eventType: item.EventType, occurredAt: item.OccurredAt, resource: item.Resource })),
  };
}
