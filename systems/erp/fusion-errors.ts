import { STATUS_CODES } from 'node:http';
import type { ErrorShape } from '@procuregraph/reference-http';

/**
 * Error codes of the reference ERP. Real Fusion codes are opaque (`POZ-2130389`); these keep
 * Fusion's product prefixes (POZ suppliers, IBY payments, PO purchasing, RCV receiving,
 * AP payables, FND the REST framework) but say what went wrong.
 */
export const ErpErrorCode = {
  badRequest: 'FND-REST-BAD-REQUEST',
  badQuery: 'FND-REST-BAD-QUERY',
  limitTooLarge: 'FND-REST-LIMIT-EXCEEDED',
  notFound: 'FND-REST-NOT-FOUND',
  internal: 'FND-REST-INTERNAL',
  unavailable: 'FND-REST-UNAVAILABLE',
  idempotencyMismatch: 'FND-REST-IDEMPOTENCY-KEY-REUSED',
  idempotencyInFlight: 'FND-REST-IDEMPOTENCY-KEY-IN-USE',
  taxpayerIdInvalid: 'POZ-TAXPAYER-ID-INVALID',
  supplierNameExists: 'POZ-SUPPLIER-NAME-EXISTS',
  supplierNumberExists: 'POZ-SUPPLIER-NUMBER-EXISTS',
  taxpayerIdExists: 'POZ-TAXPAYER-ID-EXISTS',
  supplierAddressNotFound: 'POZ-SUPPLIER-ADDRESS-NOT-FOUND',
  supplierSiteExists: 'POZ-SUPPLIER-SITE-EXISTS',
  routingNumberInvalid: 'IBY-ROUTING-NUMBER-INVALID',
  bankAccountExists: 'IBY-BANK-ACCOUNT-EXISTS',
  accountOwnerNotFound: 'IBY-ACCOUNT-OWNER-NOT-FOUND',
  paymentStatusConflict: 'IBY-PAYMENT-STATUS-CONFLICT',
  poSupplierNotFound: 'PO-SUPPLIER-NOT-FOUND',
  poSupplierNotSpendAuthorized: 'PO-SUPPLIER-NOT-SPEND-AUTHORIZED',
  poSupplierSiteNotFound: 'PO-SUPPLIER-SITE-NOT-FOUND',
  orderNumberExists: 'PO-ORDER-NUMBER-EXISTS',
  poLineNumberDuplicate: 'PO-LINE-NUMBER-DUPLICATE',
  poStatusConflict: 'PO-STATUS-CONFLICT',
  receiptPoNotFound: 'RCV-PO-NOT-FOUND',
  receiptPoLineNotFound: 'RCV-PO-SCHEDULE-NOT-FOUND',
  receiptPoNotOpen: 'RCV-PO-NOT-OPEN',
  receiptMixedSuppliers: 'RCV-MIXED-SUPPLIERS',
  overReceipt: 'RCV-OVER-RECEIPT',
  invoiceSupplierNotFound: 'AP-SUPPLIER-NOT-FOUND',
  invoiceSupplierInactive: 'AP-SUPPLIER-INACTIVE',
  duplicateInvoice: 'AP-DUPLICATE-INVOICE-NUMBER',
  invoiceAmountMismatch: 'AP-INVOICE-AMOUNT-MISMATCH',
  invoicePoNotFound: 'AP-PO-NOT-FOUND',
  invoicePoLineNotFound: 'AP-PO-LINE-NOT-FOUND',
  invoiceAmountSign: 'AP-INVOICE-AMOUNT-SIGN',
  correctedInvoiceNotFound: 'AP-CORRECTED-INVOICE-NOT-FOUND',
  creditExceedsInvoice: 'AP-CREDIT-EXCEEDS-INVOICE',
} as const;

/** Fusion's REST error document: a title, the status and `o:errorDetails`. */
export const fusionErrorShape: ErrorShape = {
  contentType: 'application/vnd.oracle.adf.error+json',
  body: (error) => ({
    title: STATUS_CODES[error.status] ?? 'Error',
    status: error.status,
    detail: error.message,
    'o:errorCode': error.code,
    'o:errorDetails': [{ detail: error.message, 'o:errorCode': error.code }],
  }),
  invalidInputCode: ErpErrorCode.badRequest,
  notFoundCode: ErpErrorCode.notFound,
  internalCode: ErpErrorCode.internal,
  unavailableCode: ErpErrorCode.unavailable,
};
