import type { InvoiceToMatch, MatchContext, MatchFinding } from './match-context.ts';
import { finding } from './findings.ts';

/** Rules about the invoice as a whole: who sent it, whether it was sent before, what it bills. */
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
  if (context.duplicateNumber) {
    findings.push(finding('DUPLICATE_INVOICE', `The supplier already has an invoice numbered ${invoice.invoiceNumber}`, { actual: invoice.invoiceNumber }));
  }
  if (!context.purchaseOrder) {
    findings.push(finding('NO_PURCHASE_ORDER', 'The invoice names no purchase order of this supplier', { expected: 'a purchase order of the supplier' }));
  }
  return findings;
}
