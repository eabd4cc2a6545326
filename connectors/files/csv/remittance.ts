import { decimal } from '@procuregraph/platform/money';
import type { EdiRemittance } from '../x12/remittance-820.ts';

/** The documented columns of a remittance CSV: one row per invoice a payment settled. */
export const REMITTANCE_CSV_COLUMNS = [
  'payment_reference',
  'payment_date',
  'currency',
  'invoice_number',
  'invoice_amount',
  'amount_paid',
] as const;

/** RFC 4180: every field quoted, quotes doubled, CRLF line ends. */
const quoted = (field: string) => `"${field.replaceAll('"', '""')}"`;

/** The same remittance an 820 carries, for partners without EDI. */
export function writeRemittanceCsv(remittance: EdiRemittance): string {
  const rows = remittance.invoices.map((invoice) => [
    remittance.paymentReference,
    remittance.paymentDate,
    remittance.currency,
    invoice.invoiceNumber,
    decimal(invoice.invoiceAmount).toFixed(2),
    decimal(invoice.amountPaid).toFixed(2),
  ]);
  return [REMITTANCE_CSV_COLUMNS, ...rows].map((row) => row.map(quoted).join(',')).join('\r\n') + '\r\n';
}
