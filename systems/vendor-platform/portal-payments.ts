import { Router } from 'express';
import { z } from 'zod';
import { HttpError, readStringParam, parseInput } from '@procuregraph/reference-http';
import { amount, amountInput } from './amounts.ts';
import type { VendorContext } from './context.ts';
import { pageOf } from './paging.ts';
import { VendorErrorCode } from './problem-details.ts';
import { approvedRegistration } from './registrations.ts';
import { PORTAL_PAYMENT_METHODS, PORTAL_PAYMENT_STATUSES, type PortalPayment, type VendorState } from './state.ts';

const paymentBody = z
  .object({
    registrationId: z.string().min(1),
    invoiceNumber: z.string().trim().min(1).nullable().default(null),
    // A remittance may settle several invoices; without this list it names `invoiceNumber` only.
    invoiceNumbers: z.array(z.string().trim().min(1)).optional(),
    paymentNumber: z.string().trim().min(1).max(40),
    amount: amountInput,
    method: z.enum(PORTAL_PAYMENT_METHODS),
    status: z.enum(PORTAL_PAYMENT_STATUSES),
    statusChangedAt: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

/**
 * Creates or updates the payment a supplier sees. Last write wins: the platform does not
 * order updates, so the integration must send them in order. A status change is added to
 * the history the supplier sees.
 */
function upsertPayment(
  state: VendorState,
  externalId: string,
  body: z.output<typeof paymentBody>,
): { payment: PortalPayment; created: boolean; changed: boolean } {
  approvedRegistration(state, body.registrationId);
  const now = new Date().toISOString();
  const at = body.statusChangedAt ?? now;
  const fields = {
    registrationId: body.registrationId,
    invoiceNumber: body.invoiceNumber,
    invoiceNumbers: body.invoiceNumbers ?? (body.invoiceNumber === null ? [] : [body.invoiceNumber]),
    paymentNumber: body.paymentNumber,
    amount: amount(body.amount.value, body.amount.currency),
    method: body.method,
  };
  const existing = state.payments.get(externalId);
  if (!existing) {
    const payment = state.payments.insert({
      externalId,
      ...fields,
      status: body.status,
      statusHistory: [{ status: body.status, at }],
      createdAt: now,
      updatedAt: now,
    });
    return { payment, created: true, changed: true };
  }
  const sameFields = (Object.keys(fields) as (keyof typeof fields)[]).every(
    (key) => JSON.stringify(existing[key]) === JSON.stringify(fields[key]),
  );
  if (sameFields && existing.status === body.status) return { payment: existing, created: false, changed: false };
  if (existing.status !== body.status) existing.statusHistory.push({ status: body.status, at });
  Object.assign(existing, fields, { status: body.status, updatedAt: now });
  return { payment: existing, created: false, changed: true };
}

/** Payment status as the supplier sees it on the portal, maintained by the integration. */
export function portalPaymentsRouter(context: VendorContext): Router {
  const { state } = context;
  const router = Router();

  router.put('/api/v1/portal/payments/:externalId', (request, response) => {
    const { payment, created, changed } = upsertPayment(
      state,
      request.params.externalId,
      parseInput(paymentBody, request.body, VendorErrorCode.invalidRequest),
    );
    if (changed) context.changed();
    response.status(created ? 201 : 200).json(payment);
  });

  router.get('/api/v1/portal/payments', (request, response) => {
    const registrationId = readStringParam(request.query.registrationId, 'registrationId', VendorErrorCode.invalidRequest);
    const payments = registrationId ? state.payments.filter((payment) => payment.registrationId === registrationId) : state.payments.all();
    response.json(pageOf(payments, request.query));
  });

  router.get('/api/v1/portal/payments/:externalId', (request, response) => {
    const payment = state.payments.get(request.params.externalId);
    if (!payment) throw new HttpError(404, VendorErrorCode.notFound, `No payment ${request.params.externalId}.`);
    response.json(payment);
  });
  return router;
}
