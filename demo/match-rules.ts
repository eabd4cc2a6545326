import { ExactDecimal, decimal } from '@procuregraph/platform/money';
import type { DemoMatchException, DemoPurchaseOrder, DemoSupplier } from './world.ts';

/**
 * The three-way match as the demo world applies it, so that every exception in the seed data is
 * one the rules would raise from that data (expected and actual values included), and every
 * invoice without exceptions passes them.
 */

/** The product's default MATCH_PRICE_TOLERANCE_PCT. */
export const PRICE_TOLERANCE_PERCENT = 2;

export const EXCEPTION_QUEUES: Readonly<Record<DemoMatchException['code'], DemoMatchException['queue']>> = {
  PRICE_VARIANCE: 'BUYER',
  QUANTITY_VARIANCE: 'ACCOUNTS_PAYABLE',
  NOT_RECEIVED: 'ACCOUNTS_PAYABLE',
  NO_PURCHASE_ORDER: 'BUYER',
  DUPLICATE_INVOICE: 'ACCOUNTS_PAYABLE',
  CONTRACT_PRICE_VARIANCE: 'CONTRACT_MANAGEMENT',
  CONTRACT_EXPIRED: 'CONTRACT_MANAGEMENT',
  SUPPLIER_INACTIVE: 'ACCOUNTS_PAYABLE',
};

export type Finding = Pick<DemoMatchException, 'code' | 'message' | 'lineNumber' | 'expected' | 'actual'>;

export interface MatchFacts {
  invoiceNumber: string;
  invoiceDate: string;
  lines: readonly { lineNumber: number; itemNumber: string; quantity: string; unitPrice: string }[];
  /** True when the same supplier already sent this invoice number. */
  duplicate: boolean;
  supplierStatus: DemoSupplier['status'];
  order: Pick<DemoPurchaseOrder, 'lines' | 'receipts'> | null;
  /** Quantity per PO line already billed by the order's earlier invoices. */
  billedBefore: ReadonlyMap<number, ExactDecimal>;
  contract: { number: string; effectiveTo: string | null; prices: ReadonlyMap<string, string> } | null;
  matchedAt: Date;
}

/** A duplicate or an invoice without an order stops the match: there is nothing to compare lines with. */
export function matchFindings(facts: MatchFacts): Finding[] {
  if (facts.duplicate) {
    return [
      finding(
        'DUPLICATE_INVOICE',
        `Invoice ${facts.invoiceNumber} was already received from this supplier`,
        null,
        null,
        facts.invoiceNumber,
      ),
    ];
  }
  if (!facts.order) return [finding('NO_PURCHASE_ORDER', 'The invoice does not reference a purchase order', null, null, null)];
  const findings: Finding[] = [];
  if (facts.supplierStatus !== 'ACTIVE') {
    findings.push(
      finding('SUPPLIER_INACTIVE', `The supplier is ${facts.supplierStatus}, not ACTIVE`, null, 'ACTIVE', facts.supplierStatus),
    );
  }
  const contractLapsed = facts.contract?.effectiveTo != null && facts.invoiceDate > facts.contract.effectiveTo;
  if (contractLapsed) {
    findings.push(
      finding(
        'CONTRACT_EXPIRED',
        `Contract ${facts.contract!.number} ended on ${facts.contract!.effectiveTo}`,
        null,
        facts.contract!.effectiveTo,
        facts.invoiceDate,
      ),
    );
  }
  for (const orderLine of facts.order.lines) findings.push(...lineFindings(facts, orderLine, contractLapsed));
  return findings;
}

function lineFindings(facts: MatchFacts, orderLine: DemoPurchaseOrder['lines'][number], contractLapsed: boolean): Finding[] {
  const billedLines = facts.lines.filter((line) => line.lineNumber === orderLine.lineNumber);
  if (billedLines.length === 0) return [];
  const { lineNumber } = orderLine;
  const findings: Finding[] = [];
  const billed = billedLines.reduce((total, line) => total.plus(line.quantity), decimal('0'));
  const before = facts.billedBefore.get(lineNumber) ?? decimal('0');
  const remaining = decimal(orderLine.quantity).minus(before);
  const receivable = receivedBy(facts, lineNumber).minus(before);
  if (billed.greaterThan(remaining)) {
    findings.push(
      finding(
        'QUANTITY_VARIANCE',
        `Billed ${billed.toFixed()} but ${remaining.toFixed()} remain on the order line`,
        lineNumber,
        remaining.toFixed(),
        billed.toFixed(),
      ),
    );
  } else if (billed.greaterThan(receivable)) {
    const expected = ExactDecimal.max(receivable, 0).toFixed();
    findings.push(
      finding(
        'NOT_RECEIVED',
        `Billed ${billed.toFixed()} but ${expected} received and not yet billed`,
        lineNumber,
        expected,
        billed.toFixed(),
      ),
    );
  }
  const price = highestPrice(billedLines);
  const ceiling = decimal(orderLine.unitPrice).times(decimal(String(PRICE_TOLERANCE_PERCENT)).dividedBy(100).plus(1));
  if (decimal(price).greaterThan(ceiling)) {
    findings.push(
      finding(
        'PRICE_VARIANCE',
        `Unit price ${price} is over the order price ${orderLine.unitPrice} by more than ${PRICE_TOLERANCE_PERCENT}%`,
        lineNumber,
        orderLine.unitPrice,
        price,
      ),
    );
  }
  const contractPrice = facts.contract?.prices.get(orderLine.itemNumber);
  if (!contractLapsed && contractPrice !== undefined && decimal(price).greaterThan(contractPrice)) {
    findings.push(
      finding(
        'CONTRACT_PRICE_VARIANCE',
        `Unit price ${price} is over the contract price ${contractPrice}`,
        lineNumber,
        contractPrice,
        price,
      ),
    );
  }
  return findings;
}

function receivedBy(facts: MatchFacts, lineNumber: number): ExactDecimal {
  return facts
    .order!.receipts.filter((receipt) => receipt.receivedAt <= facts.matchedAt)
    .flatMap((receipt) => receipt.lines.filter((line) => line.lineNumber === lineNumber))
    .reduce((total, line) => total.plus(line.quantityReceived), decimal('0'));
}

function highestPrice(lines: readonly { unitPrice: string }[]): string {
  return lines.reduce((highest, line) => (decimal(line.unitPrice).greaterThan(highest) ? line.unitPrice : highest), lines[0]!.unitPrice);
}

function finding(
  code: Finding['code'],
  message: string,
  lineNumber: number | null,
  expected: string | null,
  actual: string | null,
): Finding {
  return { code, message, lineNumber, expected, actual };
}
