import { Router } from 'express';
import { z } from 'zod';
import { decimal, formatAmount, formatDecimal, sum } from '@procuregraph/platform/money';
import { HttpError, dateInput, decimalInput, parseInput } from '@procuregraph/reference-http';
import { recordEvent } from './business-events.ts';
import type { ErpContext } from './context.ts';
import { ErpErrorCode } from './fusion-errors.ts';
import { DEFAULT_PROCUREMENT_BU, findOrderByNumber } from './purchase-orders.ts';
import { BASE_PATH, fullView, type ResourceDescriptor } from './rest/resource-reader.ts';
import { nextNumber, type ErpInvoice, type ErpInvoiceLine, type ErpPoSchedule, type ErpState, type ErpSupplier } from './state.ts';

const INVOICE_ATTRIBUTES = [
  'InvoiceId',
  'InvoiceNumber',
  'InvoiceType',
  'InvoiceCurrency',
  'InvoiceAmount',
  'InvoiceDate',
  'SupplierId',
  'Supplier',
  'SupplierNumber',
  'SupplierSite',
  'BusinessUnit',
  'Description',
  'ValidationStatus',
  'ApprovalStatus',
  'PaidStatus',
  'AmountPaid',
  'AmountRemaining',
  'CanceledFlag',
  'CreationDate',
  'LastUpdateDate',
] as const satisfies readonly (keyof ErpInvoice)[];

const LINE_ATTRIBUTES = [
  'LineNumber',
  'LineType',
  'LineAmount',
  'Description',
  'Item',
  'Quantity',
  'UnitPrice',
  'UOM',
  'PurchaseOrderNumber',
  'PurchaseOrderLineNumber',
  'PurchaseOrderScheduleLineNumber',
  'CorrectedInvoiceNumber',
] as const satisfies readonly (keyof ErpInvoiceLine)[];

export function invoicesResource(state: ErpState): ResourceDescriptor<ErpInvoice> {
  return {
    name: 'invoices',
    key: 'InvoiceId',
    attributes: INVOICE_ATTRIBUTES,
    children: [{ name: 'invoiceLines', key: 'LineNumber', attributes: LINE_ATTRIBUTES, children: [] }],
    rows: () => state.invoices.all(),
    view: (row) => ({ ...row }),
  };
}

const createInvoiceBody = z
  .object({
    InvoiceNumber: z.string().trim().min(1).max(50),
    InvoiceType: z.enum(['Standard', 'Credit memo']).default('Standard'),
    InvoiceAmount: decimalInput(),
    InvoiceDate: dateInput,
    InvoiceCurrency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .default('USD'),
    Supplier: z.string().optional(),
    SupplierNumber: z.string().optional(),
    SupplierSite: z.string().nullable().default(null),
    BusinessUnit: z.string().trim().min(1).default(DEFAULT_PROCUREMENT_BU),
    Description: z.string().trim().max(240).nullable().default(null),
    invoiceLines: z
      .array(
        z
          .object({
            LineNumber: z.number().int().positive().optional(),
            LineType: z.enum(['Item', 'Freight', 'Tax']).default('Item'),
            LineAmount: decimalInput(),
            Description: z.string().trim().max(240).nullable().default(null),
            Item: z.string().trim().min(1).nullable().default(null),
            Quantity: decimalInput().nullable().default(null),
            UnitPrice: decimalInput().nullable().default(null),
            UOM: z.string().trim().min(1).nullable().default(null),
            PurchaseOrderNumber: z.string().min(1).nullable().default(null),
            PurchaseOrderLineNumber: z.number().int().positive().nullable().default(null),
            PurchaseOrderScheduleLineNumber: z.number().int().positive().nullable().default(null),
            CorrectedInvoiceNumber: z.string().trim().min(1).nullable().default(null),
          })
          .strict()
          .refine((line) => (line.PurchaseOrderNumber === null) === (line.PurchaseOrderLineNumber === null), {
            message: 'PurchaseOrderNumber and PurchaseOrderLineNumber go together',
          }),
      )
      .min(1),
  })
  .strict()
  .refine((body) => body.Supplier !== undefined || body.SupplierNumber !== undefined, { message: 'give Supplier or SupplierNumber' });

type InvoiceBody = z.output<typeof createInvoiceBody>;

function invoicingSupplier(state: ErpState, body: InvoiceBody): ErpSupplier {
  const supplier = state.suppliers.find((row) =>
    body.SupplierNumber !== undefined ? row.SupplierNumber === body.SupplierNumber : row.Supplier === body.Supplier,
  );
  if (!supplier)
    throw new HttpError(400, ErpErrorCode.invoiceSupplierNotFound, `The supplier ${body.SupplierNumber ?? body.Supplier} does not exist.`);
  if (supplier.Status !== 'ACTIVE')
    throw new HttpError(400, ErpErrorCode.invoiceSupplierInactive, `The supplier ${supplier.Supplier} is inactive.`);
  return supplier;
}

/** The PO schedules the lines bill, checked before anything is written. */
function billedSchedules(state: ErpState, supplier: ErpSupplier, body: InvoiceBody): (ErpPoSchedule | undefined)[] {
  return body.invoiceLines.map((line) => {
    if (line.PurchaseOrderNumber === null) return undefined;
    const order = findOrderByNumber(state, line.PurchaseOrderNumber);
    if (!order || order.SupplierId !== supplier.SupplierId) {
      throw new HttpError(
        400,
        ErpErrorCode.invoicePoNotFound,
        `The purchase order ${line.PurchaseOrderNumber} of supplier ${supplier.Supplier} does not exist.`,
      );
    }
    const schedule = order.lines
      .find((candidate) => candidate.LineNumber === line.PurchaseOrderLineNumber)
      ?.schedules.find((candidate) => candidate.ScheduleNumber === (line.PurchaseOrderScheduleLineNumber ?? 1));
    if (!schedule)
      throw new HttpError(
        400,
        ErpErrorCode.invoicePoLineNotFound,
        `The purchase order ${order.OrderNumber} has no line ${line.PurchaseOrderLineNumber}.`,
      );
    return schedule;
  });
}

/** A credit memo's lines name one Standard invoice of the same supplier, not canceled, with the credit still left on it. */
function checkCreditedInvoice(state: ErpState, supplier: ErpSupplier, body: InvoiceBody): void {
  const numbers = [...new Set(body.invoiceLines.map((line) => line.CorrectedInvoiceNumber))];
  if (numbers.length !== 1 || numbers[0] === null)
    throw new HttpError(
      400,
      ErpErrorCode.badRequest,
      'Every line of a credit memo names the one invoice it credits (CorrectedInvoiceNumber).',
    );
  const credited = state.invoices.find(
    (row) =>
      row.SupplierId === supplier.SupplierId && row.InvoiceNumber === numbers[0] && row.InvoiceType === 'Standard' && !row.CanceledFlag,
  );
  if (!credited)
    throw new HttpError(
      400,
      ErpErrorCode.correctedInvoiceNotFound,
      `The invoice ${numbers[0]} of supplier ${supplier.Supplier} does not exist.`,
    );
  const credits = sum(
    state.invoices
      .filter(
        (row) =>
          row.InvoiceType === 'Credit memo' &&
          !row.CanceledFlag &&
          row.invoiceLines[0]?.CorrectedInvoiceNumber === credited.InvoiceNumber &&
          row.SupplierId === supplier.SupplierId,
      )
      .map((row) => row.InvoiceAmount),
  );
  if (credits.plus(body.InvoiceAmount).plus(credited.InvoiceAmount).lessThan(0))
    throw new HttpError(
      400,
      ErpErrorCode.creditExceedsInvoice,
      `The credit ${body.InvoiceAmount} exceeds what is left of invoice ${credited.InvoiceNumber} (${formatDecimal(credits.plus(credited.InvoiceAmount))}).`,
    );
}

/** A Standard invoice bills zero or more, naming no invoice it corrects; a credit memo credits less than zero. */
function checkType(state: ErpState, supplier: ErpSupplier, body: InvoiceBody): void {
  const amount = decimal(body.InvoiceAmount);
  if (body.InvoiceType === 'Standard') {
    if (amount.lessThan(0))
      throw new HttpError(
        400,
        ErpErrorCode.invoiceAmountSign,
        `A Standard invoice amount must be zero or more, not ${body.InvoiceAmount}.`,
      );
    if (body.invoiceLines.some((line) => line.CorrectedInvoiceNumber !== null))
      throw new HttpError(400, ErpErrorCode.badRequest, 'Only a credit memo names a CorrectedInvoiceNumber.');
    return;
  }
  if (!amount.lessThan(0))
    throw new HttpError(400, ErpErrorCode.invoiceAmountSign, `A credit memo amount must be less than zero, not ${body.InvoiceAmount}.`);
  checkCreditedInvoice(state, supplier, body);
}

function checkInvoice(state: ErpState, supplier: ErpSupplier, body: InvoiceBody): void {
  const duplicate = state.invoices.find(
    (row) => row.SupplierId === supplier.SupplierId && row.InvoiceNumber === body.InvoiceNumber && !row.CanceledFlag,
  );
  if (duplicate)
    throw new HttpError(
      400,
      ErpErrorCode.duplicateInvoice,
      `The supplier ${supplier.Supplier} already has an invoice ${body.InvoiceNumber}.`,
    );
  checkType(state, supplier, body);
  const lineNumbers = body.invoiceLines.map((line, index) => line.LineNumber ?? index + 1);
  if (new Set(lineNumbers).size !== lineNumbers.length)
    throw new HttpError(400, ErpErrorCode.badRequest, 'Two invoice lines have the same LineNumber.');
  const lineTotal = sum(body.invoiceLines.map((line) => line.LineAmount));
  if (!lineTotal.equals(body.InvoiceAmount)) {
    throw new HttpError(
      400,
      ErpErrorCode.invoiceAmountMismatch,
      `The invoice amount ${body.InvoiceAmount} differs from the sum of its lines ${formatDecimal(lineTotal)}.`,
    );
  }
}

/**
 * Creates a payables invoice, or a credit memo (InvoiceType "Credit memo", negative amount, each
 * line naming the invoice it credits in CorrectedInvoiceNumber). Validation runs synchronously and invoice approval is not
 * required in this stand-in's payables setup, so a created invoice is at once eligible for the
 * next payment run.
 */
function createInvoice(state: ErpState, body: InvoiceBody, idempotencyKey: string | null): ErpInvoice {
  const supplier = invoicingSupplier(state, body);
  checkInvoice(state, supplier, body);
  const schedules = billedSchedules(state, supplier, body);
  schedules.forEach((schedule, index) => {
    const quantity = body.invoiceLines[index]?.Quantity;
    if (schedule && quantity) schedule.QuantityBilled = formatDecimal(decimal(schedule.QuantityBilled).plus(quantity));
  });
  const now = new Date().toISOString();
  return state.invoices.insert({
    InvoiceId: nextNumber(state.sequences, 'id'),
    InvoiceNumber: body.InvoiceNumber,
    InvoiceType: body.InvoiceType,
    InvoiceCurrency: body.InvoiceCurrency,
    InvoiceAmount: formatAmount(body.InvoiceAmount, body.InvoiceCurrency),
    InvoiceDate: body.InvoiceDate,
    SupplierId: supplier.SupplierId,
    Supplier: supplier.Supplier,
    SupplierNumber: supplier.SupplierNumber,
    SupplierSite: body.SupplierSite,
    BusinessUnit: body.BusinessUnit,
    Description: body.Description,
    ValidationStatus: 'Validated',
    ApprovalStatus: 'Not required',
    PaidStatus: 'Unpaid',
    AmountPaid: formatAmount('0', body.InvoiceCurrency),
    AmountRemaining: formatAmount(body.InvoiceAmount, body.InvoiceCurrency),
    CanceledFlag: false,
    CreationDate: now,
    LastUpdateDate: now,
    idempotencyKey,
    invoiceLines: body.invoiceLines.map((line, index) => ({
      ...line,
      LineNumber: line.LineNumber ?? index + 1,
      LineAmount: formatAmount(line.LineAmount, body.InvoiceCurrency),
    })),
  });
}

/**
 * The invoice created before with this Idempotency-Key, when there is one. The key is kept on the
 * invoice itself, so a retry finds it however the first answer was lost; the same key for
 * another invoice (supplier, number or amount) is refused.
 */
function createdWithKey(state: ErpState, body: InvoiceBody, idempotencyKey: string | null): ErpInvoice | undefined {
  if (idempotencyKey === null) return undefined;
  const existing = state.invoices.find((row) => row.idempotencyKey === idempotencyKey);
  if (!existing) return undefined;
  const supplier =
    body.SupplierNumber !== undefined ? existing.SupplierNumber === body.SupplierNumber : existing.Supplier === body.Supplier;
  const same =
    supplier &&
    existing.InvoiceNumber === body.InvoiceNumber &&
    existing.InvoiceType === body.InvoiceType &&
    decimal(existing.InvoiceAmount).equals(body.InvoiceAmount);
  if (!same) {
    throw new HttpError(
      422,
      ErpErrorCode.idempotencyMismatch,
      `Idempotency-Key ${JSON.stringify(idempotencyKey)} was used for another invoice.`,
    );
  }
  return existing;
}

/**
 * Payables invoices: create, idempotent as Fusion's payables are: the invoice keeps the key it
 * was created with, and a create with that key answers the existing invoice (200). Payment is
 * the payment run's business.
 */
export function invoicesRouter(context: ErpContext): Router {
  const { state } = context;
  const resource = invoicesResource(state);
  const router = Router();
  router.post(`${BASE_PATH}/invoices`, (request, response) => {
    const body = parseInput(createInvoiceBody, request.body, ErpErrorCode.badRequest);
    const idempotencyKey = request.get('Idempotency-Key') ?? null;
    const existing = createdWithKey(state, body, idempotencyKey);
    if (existing) {
      response.set('Idempotent-Replayed', 'true').status(200).json(fullView(resource, existing));
      return;
    }
    const invoice = createInvoice(state, body, idempotencyKey);
    recordEvent(context, {
      type: 'InvoiceCreated',
      resourceName: resource.name,
      resourceId: invoice.InvoiceId,
      resource: fullView(resource, invoice),
    });
    context.changed();
    response.status(201).json(fullView(resource, invoice));
  });
  return router;
}
