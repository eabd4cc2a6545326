import type { MatchContext, MatchFinding } from './match-context.ts';
import { finding } from './findings.ts';

/** Rules about the invoice as a whole: who sent it and what it bills (a repeated number is refused at intake). */
export function invoiceFindings(context: MatchContext): MatchFinding[] {
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
  return findings;
}
