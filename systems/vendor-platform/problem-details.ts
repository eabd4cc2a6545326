import { STATUS_CODES } from 'node:http';
import type { ErrorShape } from '@procuregraph/reference-http';

export const VendorErrorCode = {
  invalidRequest: 'invalid_request',
  notFound: 'not_found',
  internal: 'internal_error',
  unavailable: 'service_unavailable',
  idempotencyKeyReused: 'idempotency_key_reused',
  idempotencyKeyInUse: 'idempotency_key_in_use',
  invalidState: 'invalid_state',
  unknownRegistration: 'unknown_registration',
  registrationNotApproved: 'registration_not_approved',
  unknownPurchaseOrder: 'unknown_purchase_order',
} as const;

/** Errors as RFC 9457 problem details, with a machine-readable `code`. */
export const problemDetailsShape: ErrorShape = {
  contentType: 'application/problem+json',
  body: (error) => ({
    type: `https://vendor-platform.invalid/problems/${error.code}`,
    title: STATUS_CODES[error.status] ?? 'Error',
    status: error.status,
    detail: error.message,
    code: error.code,
  }),
  invalidInputCode: VendorErrorCode.invalidRequest,
  notFoundCode: VendorErrorCode.notFound,
  internalCode: VendorErrorCode.internal,
  unavailableCode: VendorErrorCode.unavailable,
};
