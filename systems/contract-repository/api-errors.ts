import type { ErrorShape } from '@procuregraph/reference-http';

export const ClmErrorCode = {
  badRequest: 'bad_request',
  notFound: 'not_found',
  internal: 'internal_error',
  unavailable: 'unavailable',
  idempotencyKeyReused: 'idempotency_key_reused',
  idempotencyKeyInUse: 'idempotency_key_in_use',
  duplicateContractNumber: 'duplicate_contract_number',
  notAmendable: 'contract_not_amendable',
  unknownItem: 'unknown_item',
} as const;

/** The repository's error document: `{ "error": { "code", "message" } }`. */
export const clmErrorShape: ErrorShape = {
  contentType: 'application/json',
  body: (error) => ({ error: { code: error.code, message: error.message } }),
  invalidInputCode: ClmErrorCode.badRequest,
  notFoundCode: ClmErrorCode.notFound,
  internalCode: ClmErrorCode.internal,
  unavailableCode: ClmErrorCode.unavailable,
};
