import { decimal, formatDecimal } from '@procuregraph/platform/money';
import { invoiceTotal } from '../intake/invoice-amounts.ts';
import type { InvoiceToMatch, MatchContext, MatchFinding } from './match-context.ts';
import { finding } from './findings.ts';
import { allowedTaxAndFreight } from './tolerances.ts';

/** Tax plus freight within the allowance on the goods amount (exactly at it passes). */
function taxAndFreightFinding(invoice: InvoiceToMatch, context: MatchContext): MatchFinding | null {
  const charged = decimal(invoice.taxAmount).plus(invoice.freightAmount);
  const allowed = allowedTaxAndFreight(invoiceTotal(invoice.lines), context.tolerances);
  if (charged.lessThanOrEqualTo(allowed)) return null;
  return finding(
    'TAX_FREIGHT_OVER_ALLOWANCE',
    `Tax and freight of ${formatDecimal(charged)} exceed the allowance of ${formatDecimal(allowed)}`,
    {
      expected: formatDecimal(allowed),
      actual: formatDecimal(charged),
    },
  );
}

/** Rules about the invoice as a whole: who sent it and what it bills (a repeated number is refused at intake). */
export function invoiceFindings(invoice: InvoiceToMatch, context: MatchContext): MatchFinding[] {
  const findings: MatchFinding[] = [];
  if (context.supplierStatus !== 'ACTIVE') {
    findings.push(
      finding('SUPPLIER_INACTIVE', `The supplier is ${context.supplierStatus ?? 'unknown'}; only active suppliers are paid`, {
        expected: 'ACTIVE',
        actual: context.supplierStatus ?? 'UNKNOWN',
      }),
    );
  }
  if (!context.purchaseOrder) {
    findings.push(
      finding('NO_PURCHASE_ORDER', 'The invoice names no purchase order of this supplier', {
        expected: 'a purchase order of the supplier',
      }),
    );
  }
  const taxAndFreight = taxAndFreightFinding(invoice, context);
  if (taxAndFreight) findings.push(taxAndFreight);
  return findings;
}
