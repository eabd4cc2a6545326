import { decimal, formatDecimal } from '@procuregraph/platform/money';
import type { ContractFacts, InvoiceToMatch, MatchContext, MatchFinding } from './match-context.ts';
import { finding } from './findings.ts';

/** Dates compare as YYYY-MM-DD strings. A contract's status only matters when it was never or is no longer in force at all. */
function inForceOn(contract: ContractFacts, date: string): boolean {
  if (contract.status === 'DRAFT' || contract.status === 'TERMINATED') return false;
  return contract.effectiveFrom <= date && (contract.effectiveTo === null || date <= contract.effectiveTo);
}

function validity(contract: ContractFacts): string {
  return `${contract.effectiveFrom}..${contract.effectiveTo ?? ''}`;
}

/** The invoice against the contract its prices are held to: in force on the invoice date, and no dearer than agreed. */
export function contractFindings(invoice: InvoiceToMatch, context: MatchContext): MatchFinding[] {
  const contract = context.contract;
  if (!contract || !context.purchaseOrder) return [];
  if (!inForceOn(contract, invoice.invoiceDate)) {
    return [
      finding('CONTRACT_EXPIRED', `Contract ${contract.number} (${contract.status}) is not in force on ${invoice.invoiceDate}`, {
        expected: validity(contract),
        actual: invoice.invoiceDate,
      }),
    ];
  }
  return invoice.lines.flatMap((line) => {
    const agreed = contract.prices.get(line.itemNumber);
    if (agreed === undefined) {
      if (contract.source === 'SUPPLIER') return [];
      return [
        finding('CONTRACT_PRICE_VARIANCE', `Item ${line.itemNumber} has no price on contract ${contract.number}`, {
          lineNumber: line.lineNumber,
          actual: formatDecimal(line.unitPrice),
        }),
      ];
    }
    if (decimal(line.unitPrice).lessThanOrEqualTo(agreed)) return [];
    return [
      finding(
        'CONTRACT_PRICE_VARIANCE',
        `Unit price ${formatDecimal(line.unitPrice)} is above the price ${formatDecimal(agreed)} on contract ${contract.number}`,
        {
          lineNumber: line.lineNumber,
          expected: formatDecimal(agreed),
          actual: formatDecimal(line.unitPrice),
        },
      ),
    ];
  });
}
