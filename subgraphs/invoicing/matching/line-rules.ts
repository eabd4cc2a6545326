import { decimal, formatDecimal, sum, type ExactDecimal } from '@procuregraph/platform/money';
import type { InvoiceLineToMatch, MatchContext, MatchFinding, OrderLineFacts } from './match-context.ts';
import { finding } from './findings.ts';
import { allowedPriceDifference, allowedQuantity, type MatchTolerances } from './tolerances.ts';

/** The PO unit price may differ by at most the price tolerance, either way; exactly at the limit passes. */
function priceFinding(line: InvoiceLineToMatch, orderLine: OrderLineFacts, tolerances: MatchTolerances): MatchFinding | null {
  const ordered = decimal(orderLine.unitPrice);
  const allowed = allowedPriceDifference(ordered, tolerances);
  if (decimal(line.unitPrice).minus(ordered).abs().lessThanOrEqualTo(allowed)) return null;
  return finding(
    'PRICE_VARIANCE',
    `Unit price ${formatDecimal(line.unitPrice)} differs from the ordered ${formatDecimal(ordered)} by more than ${formatDecimal(allowed)}`,
    {
      lineNumber: line.lineNumber,
      expected: formatDecimal(ordered),
      actual: formatDecimal(line.unitPrice),
    },
  );
}

/** Rules for the invoice lines billing one PO line: ordered quantity, then everything billed against what was received. */
function quantityFindings(lineNumber: number, billed: ExactDecimal, orderLine: OrderLineFacts, context: MatchContext): MatchFinding[] {
  const findings: MatchFinding[] = [];
  if (billed.greaterThan(allowedQuantity(orderLine.quantity, context.tolerances))) {
    findings.push(
      finding('QUANTITY_VARIANCE', `Billed quantity ${formatDecimal(billed)} exceeds the ordered ${formatDecimal(orderLine.quantity)}`, {
        lineNumber,
        expected: formatDecimal(orderLine.quantity),
        actual: formatDecimal(billed),
      }),
    );
  }
  const received = decimal(context.receivedByLine.get(lineNumber) ?? '0');
  const billedInAll = billed.plus(context.billedElsewhereByLine.get(lineNumber) ?? '0');
  if (billedInAll.greaterThan(received)) {
    findings.push(
      finding('NOT_RECEIVED', `Billed ${formatDecimal(billedInAll)} in all, but only ${formatDecimal(received)} received`, {
        lineNumber,
        expected: formatDecimal(received),
        actual: formatDecimal(billedInAll),
      }),
    );
  }
  return findings;
}

/** Matches the invoice lines against the purchase order's lines and receipts (three-way match). */
export function lineFindings(lines: readonly InvoiceLineToMatch[], context: MatchContext): MatchFinding[] {
  const order = context.purchaseOrder;
  if (!order) return [];
  const findings: MatchFinding[] = [];
  const billedLines = [...new Set(lines.map((line) => line.lineNumber))];
  for (const lineNumber of billedLines) {
    const orderLine = order.lines.find((candidate) => candidate.lineNumber === lineNumber);
    const billing = lines.filter((line) => line.lineNumber === lineNumber);
    if (!orderLine) {
      findings.push(
        finding('NO_PURCHASE_ORDER', `Purchase order ${order.number} has no line ${lineNumber}`, {
          lineNumber,
          actual: String(lineNumber),
        }),
      );
      continue;
    }
    for (const line of billing) {
      const price = priceFinding(line, orderLine, context.tolerances);
      if (price) findings.push(price);
    }
    findings.push(...quantityFindings(lineNumber, sum(billing.map((line) => line.quantity)), orderLine, context));
  }
  return findings;
}
