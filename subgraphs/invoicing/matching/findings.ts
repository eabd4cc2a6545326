import type { ExceptionCode, ExceptionQueue } from '../db/tables.ts';
import type { MatchFinding } from './match-context.ts';

/** Which finance team resolves each kind of exception. */
const QUEUE_OF: Readonly<Record<ExceptionCode, ExceptionQueue>> = {
  DUPLICATE_INVOICE: 'ACCOUNTS_PAYABLE',
  QUANTITY_VARIANCE: 'ACCOUNTS_PAYABLE',
  NOT_RECEIVED: 'ACCOUNTS_PAYABLE',
  SUPPLIER_INACTIVE: 'ACCOUNTS_PAYABLE',
  TAX_FREIGHT_OVER_ALLOWANCE: 'ACCOUNTS_PAYABLE',
  PRICE_VARIANCE: 'BUYER',
  NO_PURCHASE_ORDER: 'BUYER',
  CONTRACT_PRICE_VARIANCE: 'CONTRACT_MANAGEMENT',
  CONTRACT_EXPIRED: 'CONTRACT_MANAGEMENT',
};

export function finding(
  code: ExceptionCode,
  message: string,
  detail: Partial<Pick<MatchFinding, 'lineNumber' | 'expected' | 'actual'>> = {},
): MatchFinding {
  return {
    code,
    queue: QUEUE_OF[code],
    message,
    lineNumber: detail.lineNumber ?? null,
    expected: detail.expected ?? null,
    actual: detail.actual ?? null,
  };
}
