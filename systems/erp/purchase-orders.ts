import { Router } from 'express';
import { z } from 'zod';
import { decimal, formatAmount, formatDecimal, sum } from '@procuregraph/platform/money';
import { isoDate, HttpError, dateInput, decimalInput, parseInput } from '@procuregraph/reference-http';
import { recordEvent } from './business-events.ts';
import type { ErpContext } from './context.ts';
import { ErpErrorCode } from './fusion-errors.ts';
import { BASE_PATH, fullView, itemView, type ResourceDescriptor } from './rest/resource-reader.ts';
import {
  nextNumber,
  type ErpPoLine,
  type ErpPoSchedule,
  type ErpPurchaseOrder,
  type ErpState,
  type ErpSupplier,
  type PoStatusCode,
} from './state.ts';

const ORDER_ATTRIBUTES = [
  'POHeaderId',
  'OrderNumber',
  'SupplierId',
  'Supplier',
  'SupplierSiteId',
  'SupplierSite',
  'ProcurementBU',
  'ShipToLocationCode',
  'Buyer',
  'Description',
  'DocumentStatusCode',
  'CurrencyCode',
  'Total',
  'OrderDate',
  'CreationDate',
  'LastUpdateDate',
] as const satisfies readonly (keyof ErpPurchaseOrder)[];

const LINE_ATTRIBUTES = [
  'POLineId',
  'LineNumber',
  'Item',
  'Description',
  'Quantity',
  'UOM',
  'Price',
  'Amount',
] as const satisfies readonly (keyof ErpPoLine)[];

const SCHEDULE_ATTRIBUTES = [
  'LineLocationId',
  'ScheduleNumber',
  'Quantity',
  'QuantityReceived',
  'QuantityBilled',
  'ShipToLocationCode',
] as const satisfies readonly (keyof ErpPoSchedule)[];

export const DEFAULT_PROCUREMENT_BU = 'Health Network BU';

export function purchaseOrdersResource(state: ErpState): ResourceDescriptor<ErpPurchaseOrder> {
  return {
    name: 'purchaseOrders',
    key: 'POHeaderId',
    attributes: ORDER_ATTRIBUTES,
    children: [
      {
        name: 'lines',
        key: 'POLineId',
        attributes: LINE_ATTRIBUTES,
        children: [{ name: 'schedules', key: 'LineLocationId', attributes: SCHEDULE_ATTRIBUTES, children: [] }],
      },
    ],
    rows: () => state.purchaseOrders.all(),
    view: (row) => ({ ...row }),
  };
}

const createOrderBody = z
  .object({
    OrderNumber: z.string().trim().min(1).max(30).optional(),
    SupplierId: z.number().int().optional(),
    Supplier: z.string().optional(),
    SupplierSite: z.string().optional(),
    ProcurementBU: z.string().trim().min(1).default(DEFAULT_PROCUREMENT_BU),
    ShipToLocationCode: z.string().trim().min(1).nullable().default(null),
    Buyer: z.string().trim().min(1).nullable().default(null),
    Description: z.string().trim().max(240).nullable().default(null),
    CurrencyCode: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .default('USD'),
    OrderDate: dateInput.optional(),
    lines: z
      .array(
        z
          .object({
            LineNumber: z.number().int().positive().optional(),
            Item: z.string().trim().min(1).nullable().default(null),
            Description: z.string().trim().min(1).max(240),
            Quantity: decimalInput({ positive: true }),
            UOM: z.string().trim().min(1).max(25),
            Price: decimalInput(),
          })
          .strict(),
      )
      .min(1),
  })
  .strict()
  .refine((body) => body.SupplierId !== undefined || body.Supplier !== undefined, { message: 'give SupplierId or Supplier' });

function orderingSupplier(state: ErpState, body: z.output<typeof createOrderBody>): ErpSupplier {
  const supplier =
    body.SupplierId !== undefined ? state.suppliers.get(body.SupplierId) : state.suppliers.find((row) => row.Supplier === body.Supplier);
  if (!supplier)
    throw new HttpError(400, ErpErrorCode.poSupplierNotFound, `The supplier ${body.SupplierId ?? body.Supplier} does not exist.`);
  // Purchasing documents need an active supplier that is authorized for spend, not a prospect.
  if (supplier.Status !== 'ACTIVE' || supplier.BusinessRelationshipCode !== 'SPEND_AUTHORIZED') {
    throw new HttpError(
      400,
      ErpErrorCode.poSupplierNotSpendAuthorized,
      `The supplier ${supplier.Supplier} is not an active, spend-authorized supplier.`,
    );
  }
  return supplier;
}

function orderLines(state: ErpState, body: z.output<typeof createOrderBody>): ErpPoLine[] {
  const lines = body.lines.map((line, index): ErpPoLine => {
    const quantity = formatDecimal(line.Quantity);
    return {
      POLineId: nextNumber(state.sequences, 'id'),
      LineNumber: line.LineNumber ?? index + 1,
      Item: line.Item,
      Description: line.Description,
      Quantity: quantity,
      UOM: line.UOM,
      Price: line.Price,
      Amount: formatAmount(decimal(line.Quantity).times(line.Price), body.CurrencyCode),
      schedules: [
        {
          LineLocationId: nextNumber(state.sequences, 'id'),
          ScheduleNumber: 1,
          Quantity: quantity,
          QuantityReceived: '0',
          QuantityBilled: '0',
          ShipToLocationCode: body.ShipToLocationCode,
        },
      ],
    };
  });
  if (new Set(lines.map((line) => line.LineNumber)).size !== lines.length) {
    throw new HttpError(400, ErpErrorCode.poLineNumberDuplicate, 'Two lines have the same LineNumber.');
  }
  return lines;
}

function createOrder(state: ErpState, body: z.output<typeof createOrderBody>): ErpPurchaseOrder {
  const supplier = orderingSupplier(state, body);
  const site =
    body.SupplierSite === undefined ? undefined : supplier.sites.find((candidate) => candidate.SupplierSite === body.SupplierSite);
  if (body.SupplierSite !== undefined && !site) {
    throw new HttpError(400, ErpErrorCode.poSupplierSiteNotFound, `The supplier ${supplier.Supplier} has no site ${body.SupplierSite}.`);
  }
  if (body.OrderNumber !== undefined && state.purchaseOrders.find((row) => row.OrderNumber === body.OrderNumber)) {
    throw new HttpError(400, ErpErrorCode.orderNumberExists, `The order number ${body.OrderNumber} is already used.`);
  }
  const lines = orderLines(state, body);
  const now = new Date();
  return state.purchaseOrders.insert({
    POHeaderId: nextNumber(state.sequences, 'id'),
    OrderNumber: body.OrderNumber ?? String(nextNumber(state.sequences, 'orderNumber')),
    SupplierId: supplier.SupplierId,
    Supplier: supplier.Supplier,
    SupplierSiteId: site?.SupplierSiteId ?? null,
    SupplierSite: site?.SupplierSite ?? null,
    ProcurementBU: body.ProcurementBU,
    ShipToLocationCode: body.ShipToLocationCode,
    Buyer: body.Buyer,
    Description: body.Description,
    DocumentStatusCode: 'OPEN',
    CurrencyCode: body.CurrencyCode,
    Total: formatAmount(sum(lines.map((line) => line.Amount)), body.CurrencyCode),
    OrderDate: body.OrderDate ?? isoDate(now),
    CreationDate: now.toISOString(),
    LastUpdateDate: now.toISOString(),
    lines,
  });
}

export function findOrderByNumber(state: ErpState, orderNumber: string): ErpPurchaseOrder | undefined {
  return state.purchaseOrders.find((row) => row.OrderNumber === orderNumber);
}

/** Moves an order to another status and tells the feed (`PurchaseOrderChanged`). */
export function changeOrderStatus(context: ErpContext, order: ErpPurchaseOrder, status: PoStatusCode): void {
  const previous = order.DocumentStatusCode;
  order.DocumentStatusCode = status;
  order.LastUpdateDate = new Date().toISOString();
  const resource = purchaseOrdersResource(context.state);
  recordEvent(context, {
    type: 'PurchaseOrderChanged',
    resourceName: resource.name,
    resourceId: order.POHeaderId,
    previousStatus: previous,
    resource: fullView(resource, order),
  });
  context.changed();
}

function nothingReceived(order: ErpPurchaseOrder): boolean {
  return order.lines.every((line) => line.schedules.every((schedule) => decimal(schedule.QuantityReceived).isZero()));
}

/** Which statuses each action may start from. */
const ACTIONS: Record<
  'cancel' | 'close',
  { from: readonly PoStatusCode[]; to: PoStatusCode; done: string; allowed?: (order: ErpPurchaseOrder) => boolean }
> = {
  cancel: { from: ['INCOMPLETE', 'OPEN'], to: 'CANCELED', done: 'canceled', allowed: nothingReceived },
  close: { from: ['OPEN', 'CLOSED_FOR_RECEIVING'], to: 'CLOSED', done: 'closed' },
};

/** Purchase orders: create (issued directly as OPEN, idempotent) and the `cancel` and `close` actions. */
export function purchaseOrdersRouter(context: ErpContext): Router {
  const { state } = context;
  const resource = purchaseOrdersResource(state);
  const router = Router();

  router.post(`${BASE_PATH}/purchaseOrders`, context.idempotent, (request, response) => {
    const order = createOrder(state, parseInput(createOrderBody, request.body, ErpErrorCode.badRequest));
    recordEvent(context, {
      type: 'PurchaseOrderIssued',
      resourceName: resource.name,
      resourceId: order.POHeaderId,
      resource: fullView(resource, order),
    });
    context.changed();
    response.status(201).json(fullView(resource, order));
  });

  router.post(`${BASE_PATH}/purchaseOrders/:POHeaderId/action/:action`, (request, response) => {
    const order = state.purchaseOrders.get(Number(request.params.POHeaderId));
    const action = request.params.action === 'cancel' || request.params.action === 'close' ? ACTIONS[request.params.action] : undefined;
    if (!order || !action) throw new HttpError(404, ErpErrorCode.notFound, `No resource at ${request.path}.`);
    if (!action.from.includes(order.DocumentStatusCode) || (action.allowed && !action.allowed(order))) {
      throw new HttpError(
        409,
        ErpErrorCode.poStatusConflict,
        `The order ${order.OrderNumber} cannot be ${action.done} in status ${order.DocumentStatusCode}.`,
      );
    }
    changeOrderStatus(context, order, action.to);
    response.json(itemView(resource, order));
  });
  return router;
}
