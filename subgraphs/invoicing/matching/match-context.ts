import type { ExceptionCode, ExceptionQueue, MatchOutcome } from '../db/tables.ts';
import type { MatchTolerances } from './tolerances.ts';

/** One line of the invoice being matched; amounts are decimal strings. */
export interface InvoiceLineToMatch {
  /** The purchase-order line billed. */
  lineNumber: number;
  itemNumber: string;
  quantity: string;
  unitPrice: string;
}

export interface InvoiceToMatch {
  invoiceNumber: string;
  /** YYYY-MM-DD. */
  invoiceDate: string;
  lines: readonly InvoiceLineToMatch[];
  /** Decimal strings, 0 when the invoice bills none. */
  taxAmount: string;
  freightAmount: string;
}

export interface OrderLineFacts {
  lineNumber: number;
  itemNumber: string;
  quantity: string;
  unitPrice: string;
}

export interface ContractFacts {
  contractId: string;
  number: string;
  /**
   * ORDER: the contract the order was placed under, which must price every item billed.
   * SUPPLIER: the supplier's active contract covering the items, for an order that names none
   * (every order from the ERP); it binds the items it prices.
   */
  source: 'ORDER' | 'SUPPLIER';
  status: string;
  effectiveFrom: string;
  /** Null for an evergreen contract. */
  effectiveTo: string | null;
  /** Contract unit price by item number. */
  prices: ReadonlyMap<string, string>;
}

/**
 * Everything the rules look at, loaded beforehand from the invoicing projections, so matching
 * itself is a pure function. Quantities already billed and received are per purchase-order line.
 */
export interface MatchContext {
  tolerances: MatchTolerances;
  /** The supplier's status as last projected; null when invoicing has never heard of it. */
  supplierStatus: string | null;
  /** Null when the invoice names no purchase order, or one unknown or of another supplier. */
  purchaseOrder: { number: string; lines: readonly OrderLineFacts[] } | null;
  receivedByLine: ReadonlyMap<number, string>;
  /** Quantities billed on the same PO lines by the supplier's other invoices, rejected ones left out. */
  billedElsewhereByLine: ReadonlyMap<number, string>;
  /** The contract the prices are held to, if any and known: the order's, or else the supplier's covering the items. */
  contract: ContractFacts | null;
}

export interface MatchFinding {
  code: ExceptionCode;
  queue: ExceptionQueue;
  message: string;
  lineNumber: number | null;
  expected: string | null;
  actual: string | null;
}

export interface MatchResult {
  outcome: MatchOutcome;
  exceptions: MatchFinding[];
  /** The contract the prices were compared with. */
  contractId: string | null;
}
