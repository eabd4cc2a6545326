import { Router } from 'express';
import { z } from 'zod';
import { decimal, formatDecimal, sum } from '@procuregraph/platform/money';
import { HttpError, readStringParam, dateInput, decimalInput, parseInput } from '@procuregraph/reference-http';
import { amount, amountInput, currencyInput } from './amounts.ts';
import type { VendorContext } from './context.ts';
import { newId, publish } from './events.ts';
import { pageOf } from './paging.ts';
import { VendorErrorCode } from './problem-details.ts';
import { approvedRegistration } from './registrations.ts';
import { PORTAL_INVOICE_STATUSES, type PortalInvoice, type VendorState } from './state.ts';

const invoiceBody = z
  .object({
    registrationId: z.string().min(1),
    invoiceNumber: z.string().trim().min(1).max(50),
    invoiceDate: dateInput,
    purchaseOrderExternalId: z.string().min(1).nullable().default(null),
    currency: currencyInput.default('USD'),
    lines: z
      .array(
        z
          .object({
            poLineNo: z.number().int().positive().nullable().default(null),
            sku: z.string().trim().min(1).nullable().default(null),
            description: z.string().trim().max(240).nullable().default(null),
            qty: decimalInput({ positive: true }),
            unitPrice: amountInput,
          })
          .strict(),
      )
      .min(1),
  })
  .strict()
  .refine((body) => body.lines.every((line) => line.unitPrice.currency === body.currency), {
    message: 'every unitPrice must be in the invoice currency',
    path: ['lines'],
  });

const statusBody = z
  .object({ status: z.enum(PORTAL_INVOICE_STATUSES), reason: z.string().trim().max(2000).nullable().default(null) })
  .strict();

/**
 * Duplicate invoice numbers are accepted on purpose: catching them is the integration's
 * matching rule (DUPLICATE_INVOICE), which this platform must not hide.
 */
function submitInvoice(state: VendorState, body: z.output<typeof invoiceBody>): PortalInvoice {
  approvedRegistration(state, body.registrationId);
  const order = body.purchaseOrderExternalId === null ? undefined : state.orders.get(body.purchaseOrderExternalId);
  if (body.purchaseOrderExternalId !== null && (!order || order.registrationId !== body.registrationId)) {
    throw new HttpError(
      422,
      VendorErrorCode.unknownPurchaseOrder,
      `No purchase order ${body.purchaseOrderExternalId} was published to this supplier.`,
    );
  }
  const lines = body.lines.map((line, index) => ({
    lineNo: index + 1,
    poLineNo: line.poLineNo,
    sku: line.sku,
    description: line.description,
    qty: formatDecimal(line.qty),
    unitPrice: { value: line.unitPrice.value, currency: body.currency },
    amount: amount(decimal(line.qty).times(line.unitPrice.value).toString(), body.currency),
  }));
  const now = new Date().toISOString();
  return state.invoices.insert({
    id: newId('vinv'),
    registrationId: body.registrationId,
    invoiceNumber: body.invoiceNumber,
    invoiceDate: body.invoiceDate,
    purchaseOrderExternalId: body.purchaseOrderExternalId,
    poNumber: order?.poNumber ?? null,
    currency: body.currency,
    lines,
    total: amount(sum(lines.map((line) => line.amount.value)).toString(), body.currency),
    status: 'submitted',
    statusReason: null,
    submittedAt: now,
    updatedAt: now,
  });
}

function requireInvoice(state: VendorState, id: string): PortalInvoice {
  const invoice = state.invoices.get(id);
  if (!invoice) throw new HttpError(404, VendorErrorCode.notFound, `No invoice ${id}.`);
  return invoice;
}

/** Invoices suppliers submit on the portal, and the status the integration reports back to them. */
export function portalInvoicesRouter(context: VendorContext): Router {
  const { state } = context;
  const router = Router();

  router.post('/api/v1/portal/invoices', context.idempotent, (request, response) => {
    const invoice = submitInvoice(state, parseInput(invoiceBody, request.body, VendorErrorCode.invalidRequest));
    publish(context, 'invoice.submitted', { invoice });
    response.status(201).json(invoice);
  });

  router.get('/api/v1/portal/invoices', (request, response) => {
    const registrationId = readStringParam(request.query.registrationId, 'registrationId', VendorErrorCode.invalidRequest);
    const invoices = registrationId ? state.invoices.filter((invoice) => invoice.registrationId === registrationId) : state.invoices.all();
    response.json(pageOf(invoices, request.query));
  });

  router.get('/api/v1/portal/invoices/:id', (request, response) => {
    response.json(requireInvoice(state, request.params.id));
  });

  router.put('/api/v1/portal/invoices/:id/status', (request, response) => {
    const invoice = requireInvoice(state, request.params.id);
    const body = parseInput(statusBody, request.body, VendorErrorCode.invalidRequest);
    if (invoice.status !== body.status || invoice.statusReason !== body.reason) {
      Object.assign(invoice, { status: body.status, statusReason: body.reason, updatedAt: new Date().toISOString() });
      context.changed();
    }
    response.json(invoice);
  });
  return router;
}
