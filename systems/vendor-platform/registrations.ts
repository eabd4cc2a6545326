import { Router } from 'express';
import { z } from 'zod';
import { HttpError, lastFour, readStringParam, dateInput, parseInput } from '@procuregraph/reference-http';
import { amountInput } from './amounts.ts';
import type { VendorContext } from './context.ts';
import { newId, publish } from './events.ts';
import { pageOf } from './paging.ts';
import { VendorErrorCode } from './problem-details.ts';
import {
  DIVERSITY_TYPES,
  INSURANCE_KINDS,
  TAX_CLASSIFICATIONS,
  type Registration,
  type RegistrationStatus,
  type VendorState,
} from './state.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().default(null);

const registrationBody = z
  .object({
    legalName: text(200),
    dbaName: optionalText(200),
    // The platform only checks the W-9 shape; TIN rules (IRS prefixes) are the integration's job.
    tin: z.string().regex(/^(\d{2}-?\d{7}|\d{3}-?\d{2}-?\d{4})$/, { message: 'must be an EIN (12-3456789) or SSN (123-45-6789)' }),
    tinType: z.enum(['ein', 'ssn']).default('ein'),
    taxClassification: z.enum(TAX_CLASSIFICATIONS),
    address: z
      .object({
        street1: text(200),
        street2: optionalText(200),
        city: text(100),
        state: text(50),
        zip: text(20),
        country: z.string().length(2).default('US'),
      })
      .strict(),
    contact: z.object({ fullName: text(200), email: z.email(), phone: optionalText(40) }).strict(),
    bank: z
      .object({
        routingNumber: z.string().regex(/^\d{9}$/, { message: 'must be 9 digits' }),
        accountNumber: z.string().regex(/^\d{4,17}$/, { message: 'must be 4 to 17 digits' }),
        accountType: z.enum(['checking', 'savings']),
      })
      .strict()
      .nullable()
      .default(null),
    insurance: z
      .array(
        z
          .object({
            kind: z.enum(INSURANCE_KINDS),
            insurer: text(200),
            policyNumber: text(60),
            coverageLimit: amountInput,
            expirationDate: dateInput,
          })
          .strict(),
      )
      .default([]),
    diversity: z
      .array(
        z
          .object({
            type: z.enum(DIVERSITY_TYPES),
            certifyingAgency: text(200),
            certificateNumber: text(60),
            expirationDate: dateInput.nullable().default(null),
          })
          .strict(),
      )
      .default([]),
  })
  .strict();

const reviewBody = z.object({ note: z.string().trim().max(2000).optional() }).strict();

const erpReferenceBody = z
  .object({ supplierNumber: text(30), supplierId: z.union([z.string().min(1), z.number().int()]).optional() })
  .strict();

/** What leaves the platform unasked (lists, webhooks, the feed): no full TIN or account number. */
export function maskedRegistration(registration: Registration): unknown {
  const { tin, bank, ...rest } = registration;
  return {
    ...rest,
    tinLast4: lastFour(tin),
    bank: bank
      ? { routingNumber: bank.routingNumber, accountNumberLast4: lastFour(bank.accountNumber), accountType: bank.accountType }
      : null,
  };
}

function requireRegistration(state: VendorState, id: string): Registration {
  const registration = state.registrations.get(id);
  if (!registration) throw new HttpError(404, VendorErrorCode.notFound, `No registration ${id}.`);
  return registration;
}

/** The registration a portal document belongs to; documents are only exchanged with approved suppliers. */
export function approvedRegistration(state: VendorState, id: string): Registration {
  const registration = state.registrations.get(id);
  if (!registration) throw new HttpError(422, VendorErrorCode.unknownRegistration, `No registration ${id}.`);
  if (registration.status !== 'approved') {
    throw new HttpError(422, VendorErrorCode.registrationNotApproved, `The registration ${id} is ${registration.status}, not approved.`);
  }
  return registration;
}

function review(
  context: VendorContext,
  registration: Registration,
  status: Exclude<RegistrationStatus, 'submitted'>,
  note: string | undefined,
): void {
  if (registration.status === status) return;
  if (registration.status !== 'submitted') {
    throw new HttpError(409, VendorErrorCode.invalidState, `The registration ${registration.id} is already ${registration.status}.`);
  }
  const now = new Date().toISOString();
  Object.assign(registration, { status, reviewedAt: now, reviewNote: note ?? null, updatedAt: now });
  publish(context, status === 'approved' ? 'registration.approved' : 'registration.rejected', {
    registration: maskedRegistration(registration),
  });
}

/**
 * Supplier registrations (W-9 data, bank, insurance, diversity), their review, and the ERP
 * reference the integration writes back once the ERP supplier exists.
 */
export function registrationsRouter(context: VendorContext): Router {
  const { state } = context;
  const router = Router();

  router.post('/api/v1/registrations', context.idempotent, (request, response) => {
    const body = parseInput(registrationBody, request.body, VendorErrorCode.invalidRequest);
    const now = new Date().toISOString();
    const registration = state.registrations.insert({
      id: newId('reg'),
      status: 'submitted',
      ...body,
      erpReference: null,
      submittedAt: now,
      reviewedAt: null,
      reviewNote: null,
      updatedAt: now,
    });
    publish(context, 'registration.submitted', { registration: maskedRegistration(registration) });
    response.status(201).json(registration);
  });

  router.get('/api/v1/registrations', (request, response) => {
    const status = readStringParam(request.query.status, 'status', VendorErrorCode.invalidRequest);
    const matching = status ? state.registrations.filter((registration) => registration.status === status) : state.registrations.all();
    const page = pageOf(matching, request.query);
    response.json({ ...page, data: page.data.map(maskedRegistration) });
  });

  // The integration's full view, TIN and account number included: it needs them to create the ERP supplier.
  router.get('/api/v1/registrations/:id', (request, response) => {
    response.json(requireRegistration(state, request.params.id));
  });

  router.post('/api/v1/registrations/:id/approve', (request, response) => {
    const registration = requireRegistration(state, request.params.id);
    review(context, registration, 'approved', parseInput(reviewBody, request.body ?? {}, VendorErrorCode.invalidRequest).note);
    response.json(registration);
  });

  router.post('/api/v1/registrations/:id/reject', (request, response) => {
    const registration = requireRegistration(state, request.params.id);
    review(context, registration, 'rejected', parseInput(reviewBody, request.body ?? {}, VendorErrorCode.invalidRequest).note);
    response.json(registration);
  });

  router.put('/api/v1/registrations/:id/erp-reference', (request, response) => {
    const registration = requireRegistration(state, request.params.id);
    const body = parseInput(erpReferenceBody, request.body, VendorErrorCode.invalidRequest);
    const supplierId = body.supplierId === undefined ? null : String(body.supplierId);
    const current = registration.erpReference;
    if (current?.supplierNumber !== body.supplierNumber || current.supplierId !== supplierId) {
      const now = new Date().toISOString();
      registration.erpReference = { supplierNumber: body.supplierNumber, supplierId, linkedAt: now };
      registration.updatedAt = now;
      context.changed();
    }
    response.json(registration);
  });
  return router;
}
