import { isDeepStrictEqual } from 'node:util';
import { Router } from 'express';
import { z } from 'zod';
import { decimal, formatDecimal, sum } from '@procuregraph/platform/money';
import { HttpError, readStringParam, dateInput, decimalInput, parseInput } from '@procuregraph/reference-http';
import { amount, amountInput, currencyInput } from './amounts.ts';
import type { VendorContext } from './context.ts';
import { publish } from './events.ts';
import { pageOf } from './paging.ts';
import { VendorErrorCode } from './problem-details.ts';
import { approvedRegistration } from './registrations.ts';
import type { PortalOrder, PortalOrderLine, VendorState } from './state.ts';

const orderBody = z
  .object({
    registrationId: z.string().min(1),
    poNumber: z.string().trim().min(1).max(40),
    orderDate: dateInput,
    currency: currencyInput.default('USD'),
    shipTo: z.string().trim().min(1).nullable().default(null),
    status: z.enum(['open', 'closed', 'cancelled']).default('open'),
    lines: z
      .array(
        z
          .object({
            lineNo: z.number().int().positive(),
            sku: z.string().trim().min(1).nullable().default(null),
            description: z.string().trim().min(1).max(240),
            qty: decimalInput({ positive: true }),
            uom: z.string().trim().min(1).max(10),
            unitPrice: amountInput,
          })
          .strict(),
      )
      .min(1),
  })
  .strict()
  .refine((body) => body.lines.every((line) => line.unitPrice.currency === body.currency), {
    message: 'every unitPrice must be in the order currency',
    path: ['lines'],
  })
  .refine((body) => new Set(body.lines.map((line) => line.lineNo)).size === body.lines.length, {
    message: 'line numbers must be unique',
    path: ['lines'],
  });

type OrderBody = z.output<typeof orderBody>;

const acknowledgeBody = z
  .object({ response: z.enum(['accepted', 'rejected']).default('accepted'), note: z.string().trim().max(2000).nullable().default(null) })
  .strict();

function orderLines(body: OrderBody): PortalOrderLine[] {
  return body.lines.map((line) => ({
    lineNo: line.lineNo,
    sku: line.sku,
    description: line.description,
    qty: formatDecimal(line.qty),
    uom: line.uom,
    unitPrice: { value: line.unitPrice.value, currency: body.currency },
    extendedPrice: amount(decimal(line.qty).times(line.unitPrice.value).toString(), body.currency),
  }));
}

/** The part of an order the integration publishes; a change here is a new revision. */
function publishedContent(
  order: Pick<PortalOrder, 'registrationId' | 'poNumber' | 'orderDate' | 'currency' | 'shipTo' | 'status' | 'lines'>,
) {
  const { registrationId, poNumber, orderDate, currency, shipTo, status, lines } = order;
  return { registrationId, poNumber, orderDate, currency, shipTo, status, lines };
}

/** Creates or replaces a published order. Changed lines need the supplier to acknowledge again. */
function upsertOrder(state: VendorState, externalId: string, body: OrderBody): { order: PortalOrder; created: boolean; changed: boolean } {
  approvedRegistration(state, body.registrationId);
  const lines = orderLines(body);
  const content = {
    registrationId: body.registrationId,
    poNumber: body.poNumber,
    orderDate: body.orderDate,
    currency: body.currency,
    shipTo: body.shipTo,
    status: body.status,
    lines,
  };
  const total = amount(sum(lines.map((line) => line.extendedPrice.value)).toString(), body.currency);
  const now = new Date().toISOString();
  const existing = state.orders.get(externalId);
  if (!existing) {
    const order = state.orders.insert({
      externalId,
      ...content,
      total,
      acknowledgement: { status: 'pending', respondedAt: null, note: null },
      revision: 1,
      publishedAt: now,
      updatedAt: now,
    });
    return { order, created: true, changed: true };
  }
  if (isDeepStrictEqual(publishedContent(existing), content)) return { order: existing, created: false, changed: false };
  if (!isDeepStrictEqual(existing.lines, lines)) existing.acknowledgement = { status: 'pending', respondedAt: null, note: null };
  Object.assign(existing, content, { total, revision: existing.revision + 1, updatedAt: now });
  return { order: existing, created: false, changed: true };
}

/** The supplier portal's purchase orders: published by the integration, acknowledged by the supplier. */
export function portalOrdersRouter(context: VendorContext): Router {
  const { state } = context;
  const router = Router();

  router.put('/api/v1/portal/purchase-orders/:externalId', (request, response) => {
    const { order, created, changed } = upsertOrder(
      state,
      request.params.externalId,
      parseInput(orderBody, request.body, VendorErrorCode.invalidRequest),
    );
    if (changed) context.changed();
    response.status(created ? 201 : 200).json(order);
  });

  router.get('/api/v1/portal/purchase-orders', (request, response) => {
    const registrationId = readStringParam(request.query.registrationId, 'registrationId', VendorErrorCode.invalidRequest);
    const orders = registrationId ? state.orders.filter((order) => order.registrationId === registrationId) : state.orders.all();
    response.json(pageOf(orders, request.query));
  });

  router.get('/api/v1/portal/purchase-orders/:externalId', (request, response) => {
    const order = state.orders.get(request.params.externalId);
    if (!order) throw new HttpError(404, VendorErrorCode.notFound, `No purchase order ${request.params.externalId}.`);
    response.json(order);
  });

  router.post('/api/v1/portal/purchase-orders/:externalId/acknowledge', (request, response) => {
    const order = state.orders.get(request.params.externalId);
    if (!order) throw new HttpError(404, VendorErrorCode.notFound, `No purchase order ${request.params.externalId}.`);
    const body = parseInput(acknowledgeBody, request.body ?? {}, VendorErrorCode.invalidRequest);
    // A repeated click is not a second acknowledgement: the first answer stands.
    if (order.acknowledgement.status !== 'pending') return void response.json(order);
    if (order.status !== 'open')
      throw new HttpError(409, VendorErrorCode.invalidState, `The purchase order ${order.poNumber} is ${order.status}.`);
    const now = new Date().toISOString();
    order.acknowledgement = { status: body.response, respondedAt: now, note: body.note };
    order.updatedAt = now;
    publish(context, 'purchase_order.acknowledged', {
      purchaseOrder: {
        externalId: order.externalId,
        poNumber: order.poNumber,
        registrationId: order.registrationId,
        revision: order.revision,
      },
      acknowledgement: order.acknowledgement,
    });
    response.json(order);
  });
  return router;
}
