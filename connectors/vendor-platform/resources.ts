import { z } from 'zod';

/*
 * The vendor platform's resources as its API writes them (camelCase, `reg_…`/`vinv_…` ids,
 * lower-case enums, Money as `{ value, currency }`), read at the boundary into exact types.
 */

const optionalText = z.string().nullish();
const decimalText = z.union([
  z
    .string()
    .trim()
    .regex(/^-?\d+(\.\d+)?$/),
  z
    .number()
    .finite()
    .transform((value) => String(value)),
]);
const money = z.object({ value: decimalText, currency: z.string().trim().toUpperCase() }).loose();

// ----- registrations -----

/** Read leniently: what is wrong with a registration is for onboarding validation to report. */
const registration = z
  .object({
    id: z.string(),
    status: z.string(),
    legalName: optionalText,
    dbaName: optionalText,
    tin: optionalText,
    address: z
      .object({
        street1: optionalText,
        street2: optionalText,
        city: optionalText,
        state: optionalText,
        zip: optionalText,
        country: optionalText,
      })
      .loose()
      .nullish(),
    contact: z.object({ fullName: optionalText, email: optionalText, phone: optionalText }).loose().nullish(),
    bank: z.object({ routingNumber: optionalText, accountNumber: optionalText, accountType: optionalText }).loose().nullish(),
    insurance: z
      .array(
        z
          .object({
            kind: z.string(),
            insurer: optionalText,
            policyNumber: optionalText,
            coverageLimit: z
              .object({ value: z.union([z.string(), z.number()]) })
              .loose()
              .nullish(),
            expirationDate: optionalText,
          })
          .loose(),
      )
      .nullish(),
  })
  .loose();

export type Registration = z.output<typeof registration>;

/** `GET /api/v1/registrations/{id}`: the full record, TIN and account number included. */
export function readRegistration(body: unknown): Registration {
  return registration.parse(body);
}

/** The body of `POST /api/v1/registrations`. */
export interface RegistrationCreate {
  legalName: string;
  dbaName: string | null;
  tin: string;
  tinType: 'ein';
  taxClassification: 'llc' | 'partnership' | 'c_corporation';
  address: { street1: string; street2: string | null; city: string; state: string; zip: string; country: string };
  contact: { fullName: string; email: string | null; phone: string | null };
  bank: { routingNumber: string; accountNumber: string; accountType: string } | null;
  insurance: {
    kind: string;
    insurer: string;
    policyNumber: string;
    coverageLimit: { value: string; currency: string };
    expirationDate: string;
  }[];
}

export function readCreatedRegistrationId(body: unknown): string {
  return z
    .object({ id: z.string().min(1) })
    .loose()
    .parse(body).id;
}

/** What a `registration.*` event says: which registration, and the reviewer's note on a decision. */
export function readRegistrationEvent(data: unknown): { registrationId: string; reviewNote: string | null } {
  const parsed = z
    .object({ registration: z.object({ id: z.string().min(1), reviewNote: z.string().nullish() }).loose() })
    .loose()
    .parse(data);
  return { registrationId: parsed.registration.id, reviewNote: parsed.registration.reviewNote ?? null };
}

// ----- the supplier portal -----

/** The body of `PUT /api/v1/portal/purchase-orders/{externalId}`. */
export interface PortalOrderPut {
  registrationId: string;
  poNumber: string;
  orderDate: string;
  currency: string;
  shipTo: string | null;
  status: 'open' | 'closed' | 'cancelled';
  lines: {
    lineNo: number;
    sku: string | null;
    description: string;
    qty: string;
    uom: string;
    unitPrice: { value: string; currency: string };
  }[];
}

const acknowledgement = z.object({
  purchaseOrder: z.object({ externalId: z.string().min(1) }).loose(),
  acknowledgement: z.object({ status: z.enum(['pending', 'accepted', 'rejected']), respondedAt: z.string().nullish() }).loose(),
});

export type OrderAcknowledgement = z.output<typeof acknowledgement>;

/** The `data` of a `purchase_order.acknowledged` event. */
export function readOrderAcknowledgement(data: unknown): OrderAcknowledgement {
  return acknowledgement.parse(data);
}

const portalInvoice = z
  .object({
    id: z.string().min(1),
    registrationId: z.string().min(1),
    invoiceNumber: z.string().trim().min(1),
    invoiceDate: z.iso.date(),
    purchaseOrderExternalId: z.string().nullish(),
    currency: z.string().trim().toUpperCase().default('USD'),
    lines: z.array(
      z
        .object({
          lineNo: z.number().int().positive(),
          poLineNo: z.number().int().positive().nullish(),
          sku: z.string().nullish(),
          qty: decimalText,
          unitPrice: money,
        })
        .loose(),
    ),
  })
  .loose();

export type PortalInvoice = z.output<typeof portalInvoice>;

/** The invoice of an `invoice.submitted` event (`data.invoice`). */
export function readSubmittedInvoice(data: unknown): PortalInvoice {
  return z.object({ invoice: portalInvoice }).loose().parse(data).invoice;
}

/** The body of `PUT /api/v1/portal/payments/{externalId}`. */
export interface PortalPaymentPut {
  registrationId: string;
  invoiceNumber: string;
  /** Every invoice the payment pays (a remittance may settle several), `invoiceNumber` first. */
  invoiceNumbers: string[];
  paymentNumber: string;
  amount: { value: string; currency: string };
  method: string;
  status: string;
  statusChangedAt: string;
}

/** The body of `PUT /api/v1/portal/invoices/{id}/status`. */
export interface PortalInvoiceStatusPut {
  status: 'received' | 'approved' | 'rejected' | 'paid';
  reason: string | null;
}

// ----- portal purchase orders and payments, as listed (reconciliation) -----

/** One page of a portal listing, with the cursor of the next one (null after the last). */
export interface PortalPage<Item> {
  items: Item[];
  nextCursor: string | null;
}

function readPortalPage<Item extends z.ZodType>(item: Item, body: unknown): PortalPage<z.output<Item>> {
  const page = z
    .object({ data: z.array(item), nextCursor: z.string().nullable() })
    .loose()
    .parse(body);
  return { items: page.data, nextCursor: page.nextCursor };
}

const publishedOrder = z.object({ externalId: z.string().min(1), poNumber: z.string(), total: money }).loose();

export type PublishedOrder = z.output<typeof publishedOrder>;

/** A page of `GET /api/v1/portal/purchase-orders`. */
export function readPublishedOrderPage(body: unknown): PortalPage<PublishedOrder> {
  return readPortalPage(publishedOrder, body);
}

/** A registration as listed (TIN and account number masked by the platform): its status and name. */
const listedRegistration = z.object({ id: z.string().min(1), status: z.string().trim(), legalName: optionalText }).loose();

export type ListedRegistration = z.output<typeof listedRegistration>;

/** A page of `GET /api/v1/registrations`. */
export function readListedRegistrationPage(body: unknown): PortalPage<ListedRegistration> {
  return readPortalPage(listedRegistration, body);
}

/** A payment as the supplier sees it: the status in upper case, as the canonical model names it. */
const shownPayment = z.object({ externalId: z.string().min(1), status: z.string().trim().toUpperCase(), amount: money }).loose();

export type ShownPayment = z.output<typeof shownPayment>;

/** A page of `GET /api/v1/portal/payments`. */
export function readShownPaymentPage(body: unknown): PortalPage<ShownPayment> {
  return readPortalPage(shownPayment, body);
}
