import { Router } from 'express';
import { z } from 'zod';
import { decimal, formatDecimal, sum, type ExactDecimal } from '@procuregraph/platform/money';
import { HttpError, decimalInput, parseInput } from '@procuregraph/reference-http';
import { recordEvent } from './business-events.ts';
import type { ErpContext } from './context.ts';
import { ErpErrorCode } from './fusion-errors.ts';
import { changeOrderStatus, findOrderByNumber } from './purchase-orders.ts';
import { BASE_PATH, fullView, type ResourceDescriptor } from './rest/resource-reader.ts';
import {
  nextNumber,
  type ErpPoLine,
  type ErpPoSchedule,
  type ErpPurchaseOrder,
  type ErpReceipt,
  type ErpReceiptLine,
  type ErpState,
} from './state.ts';

const RECEIPT_ATTRIBUTES = [
  'HeaderInterfaceId',
  'ReceiptNumber',
  'ReceiptSourceCode',
  'VendorId',
  'VendorName',
  'VendorNumber',
  'TransactionDate',
  'ProcessingStatusCode',
  'CreationDate',
] as const satisfies readonly (keyof ErpReceipt)[];

const LINE_ATTRIBUTES = [
  'InterfaceTransactionId',
  'TransactionType',
  'DocumentNumber',
  'DocumentLineNumber',
  'DocumentScheduleNumber',
  'POHeaderId',
  'POLineId',
  'ItemNumber',
  'Quantity',
  'UnitOfMeasure',
] as const satisfies readonly (keyof ErpReceiptLine)[];

export function receiptsResource(state: ErpState): ResourceDescriptor<ErpReceipt> {
  return {
    name: 'receivingReceiptRequests',
    key: 'HeaderInterfaceId',
    attributes: RECEIPT_ATTRIBUTES,
    children: [{ name: 'lines', key: 'InterfaceTransactionId', attributes: LINE_ATTRIBUTES, children: [] }],
    rows: () => state.receipts.all(),
    view: (row) => ({ ...row }),
  };
}

const createReceiptBody = z
  .object({
    ReceiptNumber: z.string().trim().min(1).max(30).optional(),
    ReceiptSourceCode: z.literal('VENDOR').default('VENDOR'),
    TransactionDate: z.iso.datetime({ offset: true }).optional(),
    lines: z
      .array(
        z
          .object({
            DocumentNumber: z.string().min(1),
            DocumentLineNumber: z.number().int().positive(),
            DocumentScheduleNumber: z.number().int().positive().default(1),
            Quantity: decimalInput({ positive: true }),
            UnitOfMeasure: z.string().optional(),
            TransactionType: z.literal('RECEIVE').default('RECEIVE'),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

type ReceiptLineInput = z.output<typeof createReceiptBody>['lines'][number];

interface ResolvedLine {
  input: ReceiptLineInput;
  order: ErpPurchaseOrder;
  line: ErpPoLine;
  schedule: ErpPoSchedule;
}

function resolveLine(state: ErpState, input: ReceiptLineInput): ResolvedLine {
  const order = findOrderByNumber(state, input.DocumentNumber);
  if (!order) throw new HttpError(400, ErpErrorCode.receiptPoNotFound, `The purchase order ${input.DocumentNumber} does not exist.`);
  if (order.DocumentStatusCode !== 'OPEN') {
    throw new HttpError(
      400,
      ErpErrorCode.receiptPoNotOpen,
      `The purchase order ${order.OrderNumber} is ${order.DocumentStatusCode} and cannot be received against.`,
    );
  }
  const line = order.lines.find((candidate) => candidate.LineNumber === input.DocumentLineNumber);
  const schedule = line?.schedules.find((candidate) => candidate.ScheduleNumber === input.DocumentScheduleNumber);
  if (!line || !schedule) {
    throw new HttpError(
      400,
      ErpErrorCode.receiptPoLineNotFound,
      `The purchase order ${order.OrderNumber} has no line ${input.DocumentLineNumber} schedule ${input.DocumentScheduleNumber}.`,
    );
  }
  return { input, order, line, schedule };
}

/** Receiving tolerance is zero: a schedule never receives more than it ordered. */
function checkQuantities(lines: readonly ResolvedLine[]): void {
  const incoming = new Map<ErpPoSchedule, ExactDecimal>();
  for (const { schedule, input } of lines) incoming.set(schedule, (incoming.get(schedule) ?? decimal('0')).plus(input.Quantity));
  for (const { schedule, order, line } of lines) {
    const total = decimal(schedule.QuantityReceived).plus(incoming.get(schedule) ?? '0');
    if (total.greaterThan(schedule.Quantity)) {
      throw new HttpError(
        400,
        ErpErrorCode.overReceipt,
        `Receiving ${formatDecimal(total)} on ${order.OrderNumber} line ${line.LineNumber} exceeds the ordered quantity ${schedule.Quantity}.`,
      );
    }
  }
}

function fullyReceived(order: ErpPurchaseOrder): boolean {
  return order.lines.every((line) =>
    line.schedules.every((schedule) => decimal(schedule.QuantityReceived).greaterThanOrEqualTo(schedule.Quantity)),
  );
}

function recordReceipt(state: ErpState, body: z.output<typeof createReceiptBody>): { receipt: ErpReceipt; orders: ErpPurchaseOrder[] } {
  const lines = body.lines.map((input) => resolveLine(state, input));
  const orders = [...new Set(lines.map((line) => line.order))];
  const supplierIds = new Set(orders.map((order) => order.SupplierId));
  if (supplierIds.size > 1)
    throw new HttpError(400, ErpErrorCode.receiptMixedSuppliers, 'A receipt can only include purchase orders of one supplier.');
  checkQuantities(lines);
  for (const { schedule, input } of lines) schedule.QuantityReceived = formatDecimal(sum([schedule.QuantityReceived, input.Quantity]));
  const [first] = orders as [ErpPurchaseOrder];
  const supplier = state.suppliers.get(first.SupplierId);
  const now = new Date().toISOString();
  const receipt = state.receipts.insert({
    HeaderInterfaceId: nextNumber(state.sequences, 'id'),
    ReceiptNumber: body.ReceiptNumber ?? String(nextNumber(state.sequences, 'receiptNumber')),
    ReceiptSourceCode: body.ReceiptSourceCode,
    VendorId: first.SupplierId,
    VendorName: first.Supplier,
    VendorNumber: supplier?.SupplierNumber ?? '',
    TransactionDate: body.TransactionDate ?? now,
    ProcessingStatusCode: 'SUCCESS',
    CreationDate: now,
    lines: lines.map(({ input, order, line }) => ({
      InterfaceTransactionId: nextNumber(state.sequences, 'id'),
      TransactionType: 'RECEIVE',
      DocumentNumber: order.OrderNumber,
      DocumentLineNumber: line.LineNumber,
      DocumentScheduleNumber: input.DocumentScheduleNumber,
      POHeaderId: order.POHeaderId,
      POLineId: line.POLineId,
      ItemNumber: line.Item,
      Quantity: formatDecimal(input.Quantity),
      UnitOfMeasure: input.UnitOfMeasure ?? line.UOM,
    })),
  });
  return { receipt, orders };
}

/**
 * Receipts against purchase-order schedules. A receipt that completes an order moves it to
 * CLOSED_FOR_RECEIVING, which the feed reports after the ReceiptRecorded event.
 */
export function receiptsRouter(context: ErpContext): Router {
  const { state } = context;
  const resource = receiptsResource(state);
  const router = Router();
  router.post(`${BASE_PATH}/receivingReceiptRequests`, context.idempotent, (request, response) => {
    const { receipt, orders } = recordReceipt(state, parseInput(createReceiptBody, request.body, ErpErrorCode.badRequest));
    recordEvent(context, {
      type: 'ReceiptRecorded',
      resourceName: resource.name,
      resourceId: receipt.HeaderInterfaceId,
      resource: fullView(resource, receipt),
    });
    for (const order of orders) if (fullyReceived(order)) changeOrderStatus(context, order, 'CLOSED_FOR_RECEIVING');
    context.changed();
    response.status(201).json(fullView(resource, receipt));
  });
  return router;
}
