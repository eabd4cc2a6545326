import { z } from 'zod';
import { decimal, formatDecimal } from '@procuregraph/platform/money';

/*
 * The ERP's resources as Oracle Fusion's REST API writes them (PascalCase attributes, numeric ids,
 * decimals as strings or JSON numbers, expanded children as `{ items: [...] }`), read tolerantly at
 * the boundary into exact types. What they mean canonically is each subgraph's mapping.
 */

export class ErpResourceError extends Error {
  override readonly name = 'ErpResourceError';
}

function read<Schema extends z.ZodType>(schema: Schema, value: unknown, what: string): z.output<Schema> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ErpResourceError(`Unreadable ERP ${what}: ${z.prettifyError(result.error)}`);
  return result.data;
}

const text = z.string().trim();
/** Fusion sends ids as numbers or strings depending on the attribute and version. */
const numericId = z.union([z.number().int(), text.regex(/^\d+$/).transform(Number)]);
/** The same ids, kept as the digits they are (the graph shows them as external ids). */
const idDigits = z.union([z.number().int().positive(), z.string().min(1)]).transform(String);
/** Payables ids, which are digits only. */
const payablesId = z.union([z.number().int().positive(), z.string().regex(/^\d+$/)]).transform(String);
const number = z.union([text, z.number()]).transform(String);
/** Decimals normalized through their printed digits, never through float arithmetic. */
const decimalValue = z
  .union([z.number(), text])
  .transform((value) => String(value))
  .refine((value) => /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(value), { message: 'not a decimal' })
  .transform((value) => formatDecimal(decimal(value)));

/** An expanded child is `{ items: [...] }`; some payloads (and older versions) carry a bare array. */
function childCollection<Item extends z.ZodType>(item: Item) {
  return z
    .union([
      z.array(item),
      z
        .object({ items: z.array(item) })
        .loose()
        .transform((collection) => collection.items),
    ])
    .default([]);
}

// ----- suppliers -----

export interface SupplierCreate {
  Supplier: string;
  AlternateName: string | null;
  TaxOrganizationTypeCode: 'CORPORATION' | 'PARTNERSHIP';
  BusinessRelationshipCode: 'SPEND_AUTHORIZED';
  TaxpayerId: string;
  TaxpayerCountryCode: string;
}

export interface SupplierAddressCreate {
  AddressName: string;
  CountryCode: string;
  AddressLine1: string;
  AddressLine2: string | null;
  City: string;
  State: string;
  PostalCode: string;
}

export interface SupplierSiteCreate {
  SupplierSite: string;
  ProcurementBU: string;
  SupplierAddressId: number;
  PaymentMethodCode: 'EFT' | 'CHECK';
}

export interface BankAccountCreate {
  BankAccountNumber: string;
  BankBranchNumber: string;
  AccountType: string;
  accountOwners: { AccountOwnerPartyIdentifier: number }[];
}

/** Everything a supplier is set up with; the ids that link the parts are filled in as they are created. */
export interface SupplierSetup {
  supplier: SupplierCreate;
  address: SupplierAddressCreate;
  site: Omit<SupplierSiteCreate, 'SupplierAddressId'>;
  bankAccount: Omit<BankAccountCreate, 'accountOwners'> | null;
}

/** The ERP's ids of a supplier set up by `setUpSupplier`. */
export interface SupplierSetupIds {
  supplierId: string;
  supplierNumber: string;
  partyId: string;
  addressId: string;
  siteId: string;
  bankAccountId: string | null;
}

const createdSupplier = z.object({ SupplierId: idDigits, SupplierPartyId: idDigits, SupplierNumber: number }).loose();

export function readCreatedSupplier(body: unknown): z.output<typeof createdSupplier> {
  return read(createdSupplier, body, 'created supplier');
}

export function readCreatedId(body: unknown, attribute: 'SupplierAddressId' | 'SupplierSiteId' | 'BankAccountId'): string {
  return read(z.object({ [attribute]: idDigits }).loose(), body, attribute)[attribute] as string;
}

/** The id a payables invoice POST answers with. */
export function readCreatedInvoiceId(body: unknown): string {
  return read(z.object({ InvoiceId: payablesId }).loose(), body, 'created invoice').InvoiceId;
}

const optionalText = z.string().nullish();

const supplierAddress = z
  .object({
    SupplierAddressId: idDigits.optional(),
    AddressLine1: optionalText,
    AddressLine2: optionalText,
    City: optionalText,
    State: optionalText,
    PostalCode: optionalText,
    CountryCode: optionalText,
  })
  .loose();

const supplierSite = z
  .object({
    SupplierSiteId: idDigits,
    SupplierSite: z.string(),
    SupplierAddressId: idDigits.optional(),
  })
  .loose();

const supplier = z
  .object({
    SupplierId: idDigits,
    SupplierPartyId: idDigits.optional(),
    SupplierNumber: number,
    Supplier: z.string(),
    AlternateName: optionalText,
    TaxpayerId: optionalText,
    Status: optionalText,
    BusinessRelationshipCode: optionalText,
    addresses: z
      .object({ items: z.array(supplierAddress) })
      .loose()
      .nullish(),
    sites: z
      .object({ items: z.array(supplierSite) })
      .loose()
      .nullish(),
  })
  .loose();

export type Supplier = z.output<typeof supplier>;
export type SupplierAddress = z.output<typeof supplierAddress>;
export type SupplierSite = z.output<typeof supplierSite>;

/** `GET /suppliers/{id}?expand=addresses`, or a business event's supplier. */
export function readSupplier(body: unknown): Supplier {
  return read(supplier, body, 'supplier');
}

// ----- purchase orders and receipts -----

export interface PurchaseOrderCreate {
  SupplierId: number;
  CurrencyCode: string;
  OrderDate: string;
  Description: string;
  ShipToLocationCode?: string;
  lines: { LineNumber: number; Item: string; Description: string; Quantity: string; UOM: string; Price: string }[];
}

export interface ReceiptCreate {
  ReceiptNumber: string;
  TransactionDate: string;
  lines: { DocumentNumber: string; DocumentLineNumber: number; Quantity: string }[];
}

const purchaseOrderLine = z.object({
  LineNumber: numericId,
  Item: text.nullish(),
  Description: text.nullish(),
  Quantity: decimalValue,
  UOM: text,
  Price: decimalValue,
  Amount: decimalValue.nullish(),
  schedules: childCollection(z.object({ QuantityReceived: decimalValue.nullish().transform((value) => value ?? '0') })),
});

const purchaseOrder = z.object({
  POHeaderId: numericId,
  OrderNumber: number,
  SupplierId: numericId,
  DocumentStatusCode: text.transform((code) => code.toUpperCase()),
  CurrencyCode: text.transform((code) => code.toUpperCase()).default('USD'),
  OrderDate: text.transform((value) => value.slice(0, 10)),
  Description: z.string().nullish(),
  ShipToLocationCode: text.nullish(),
  /** The order's total as the ERP shows it; older payloads leave it out. */
  Total: decimalValue.nullish(),
  lines: childCollection(purchaseOrderLine),
});

export type PurchaseOrder = z.output<typeof purchaseOrder>;

export function readPurchaseOrder(body: unknown): PurchaseOrder {
  return read(purchaseOrder, body, 'purchase order');
}

const receipt = z.object({
  HeaderInterfaceId: numericId,
  ReceiptNumber: number,
  TransactionDate: text.transform((value) => new Date(value)).refine((date) => !Number.isNaN(date.getTime()), { message: 'not a date' }),
  lines: childCollection(z.object({ POHeaderId: numericId, DocumentLineNumber: numericId, Quantity: decimalValue })),
});

export type Receipt = z.output<typeof receipt>;

export function readReceipt(body: unknown): Receipt {
  return read(receipt, body, 'receipt');
}

// ----- payables -----

/**
 * A payables invoice to create. A credit memo is one too: InvoiceType "Credit memo", a negative
 * InvoiceAmount and line amounts, and each line naming the supplier's invoice it credits
 * (CorrectedInvoiceNumber).
 */
export interface InvoiceCreate {
  InvoiceNumber: string;
  /** Standard when left out. */
  InvoiceType?: 'Standard' | 'Credit memo';
  InvoiceAmount: string;
  InvoiceDate: string;
  InvoiceCurrency: string;
  SupplierNumber: string;
  invoiceLines: {
    LineNumber: number;
    /** Item when left out; a Freight or Tax line names no item, quantity, price or order. */
    LineType?: 'Item' | 'Freight' | 'Tax';
    LineAmount: string;
    Item: string | null;
    Quantity: string | null;
    UnitPrice: string | null;
    PurchaseOrderNumber: string | null;
    PurchaseOrderLineNumber: number | null;
    /** On a credit memo's line: the number of the invoice it credits. */
    CorrectedInvoiceNumber?: string;
  }[];
}

/** Decimal strings; a JSON number arrives as its literal text too (the client reads numbers as text), never as a float. */
const amount = text.regex(/^-?\d+(\.\d+)?$/);
/**
 * One document a payment settles and how much of it: an invoice it pays, or a credit memo it
 * applies (AmountPaid negative), so the payment amount is their net. A payment of one invoice may
 * leave the amount out; a document that gives no type is a Standard invoice.
 */
const relatedInvoice = z
  .object({ InvoiceId: payablesId, InvoiceType: text.toLowerCase().default('standard'), AmountPaid: amount.optional() })
  .loose();

const payment = z
  .object({
    PaymentId: payablesId,
    PaymentNumber: number,
    PaymentAmount: amount,
    PaymentCurrency: text.toUpperCase().default('USD'),
    PaymentDate: z.iso.date().nullish(),
    /** Fusion writes statuses in title case; casing and stray blanks are not meaning. */
    PaymentStatus: text.toLowerCase(),
    PaymentMethodCode: text.toUpperCase().nullish(),
    relatedInvoices: z
      .union([z.array(relatedInvoice), z.object({ items: z.array(relatedInvoice) }).loose()])
      .transform((related) => (Array.isArray(related) ? related : related.items)),
  })
  .loose()
  .refine(
    (payment) => payment.relatedInvoices.length <= 1 || payment.relatedInvoices.every((related) => related.AmountPaid !== undefined),
    {
      message: 'A payment of several invoices must say what it pays on each (AmountPaid)',
    },
  );

export type Payment = z.output<typeof payment>;

/** A `payablesPayments` resource, as a business event carries it. */
export function readPayment(body: unknown): Payment {
  return read(payment, body, 'payment');
}

// ----- collection pages (reconciliation) -----

/** One page of a collection in Fusion's limit/offset paging. */
export interface CollectionPage<Item> {
  items: Item[];
  hasMore: boolean;
}

function collectionPage<Item extends z.ZodType>(item: Item) {
  return z.object({ items: z.array(item), hasMore: z.boolean() }).loose();
}

/** Where an account is: the ERP shows only the last four digits of its number. */
const bankAccount = z
  .object({
    BankAccountId: idDigits,
    BankAccountNumber: text,
    BankBranchNumber: text,
    AccountType: text.nullish(),
    accountOwners: childCollection(z.object({ AccountOwnerPartyIdentifier: idDigits }).loose()),
  })
  .loose();

export type BankAccount = z.output<typeof bankAccount>;

export function readSupplierPage(body: unknown): CollectionPage<Supplier> {
  return read(collectionPage(supplier), body, 'supplier page');
}

export function readBankAccountPage(body: unknown): CollectionPage<BankAccount> {
  return read(collectionPage(bankAccount), body, 'bank account page');
}

export function readPaymentPage(body: unknown): CollectionPage<Payment> {
  return read(collectionPage(payment), body, 'payment page');
}

/** A payables invoice as reconciliation compares it: its amount and whether it still stands. */
const payablesInvoice = z
  .object({
    InvoiceId: payablesId,
    InvoiceNumber: text,
    InvoiceAmount: amount,
    InvoiceCurrency: text.toUpperCase().default('USD'),
    CanceledFlag: z.boolean().default(false),
  })
  .loose();

export type PayablesInvoice = z.output<typeof payablesInvoice>;

export function readPayablesInvoicePage(body: unknown): CollectionPage<PayablesInvoice> {
  return read(collectionPage(payablesInvoice), body, 'invoice page');
}

export function readPurchaseOrderPage(body: unknown): CollectionPage<PurchaseOrder> {
  return read(collectionPage(purchaseOrder), body, 'purchase order page');
}

/** The supplier attributes Procuregraph keeps in the ERP (a re-push after drift). */
export interface SupplierUpdate {
  Supplier?: string;
  Status?: 'ACTIVE' | 'INACTIVE';
}

/** An address's attributes Procuregraph is the record for (its name, which sites refer to, stays). */
export type SupplierAddressUpdate = Omit<SupplierAddressCreate, 'AddressName'>;

export interface SupplierSiteUpdate {
  SupplierSite: string;
}
