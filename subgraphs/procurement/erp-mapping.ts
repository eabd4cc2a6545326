import type { PurchaseOrder, PurchaseOrderCreate, Receipt, ReceiptCreate } from '@procuregraph/connector-erp';
import { decimal, formatDecimal, sum } from '@procuregraph/platform/money';
import type { PurchaseOrderStatus } from './db/tables.ts';
import { lineAmount } from './purchase-order-rules.ts';

/** Between the canonical purchase order and receipt and the ERP's purchasing resources. Pure: no I/O here. */

export interface CanonicalOrderForErp {
  id: string;
  currency: string;
  orderDate: string;
  shipToLocationCode: string | null;
  erpSupplierId: number;
  lines: readonly {
    lineNumber: number;
    itemNumber: string;
    description: string;
    quantity: string;
    unitOfMeasure: string;
    unitPrice: string;
  }[];
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
  /** The ERP's total, or its lines' amounts added up when it shows none. */
  total: string;
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

export class ErpMappingError extends Error {
  override readonly name = 'ErpMappingError';
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

export function fromErpOrder(order: PurchaseOrder): ErpOrderSnapshot {
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
    total: order.Total ?? formatDecimal(sum(lines.map((line) => line.amount))),
    canonicalId: canonicalIdOfOrder(order.Description),
    lines,
  };
}

export function fromErpReceipt(receipt: Receipt): ErpReceiptSnapshot {
  return {
    headerInterfaceId: receipt.HeaderInterfaceId,
    receiptNumber: receipt.ReceiptNumber,
    receivedAt: receipt.TransactionDate,
    canonicalId: canonicalIdOfReceipt(receipt.ReceiptNumber),
    lines: receipt.lines.map((line) => ({
      poHeaderId: line.POHeaderId,
      lineNumber: line.DocumentLineNumber,
      quantityReceived: line.Quantity,
    })),
  };
}

export function toErpOrderRequest(order: CanonicalOrderForErp): PurchaseOrderCreate {
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

export function toErpReceiptRequest(receipt: CanonicalReceiptForErp): ReceiptCreate {
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
