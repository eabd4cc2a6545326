import { decimal, sum } from '@procuregraph/platform/money';
import type { X12Error, X12TransactionSet } from './interchange.ts';
import { SegmentReader, yyyymmdd } from './segments.ts';
import { writeInterchange, type OutboundEnvelope, type SegmentSpec } from './writer.ts';

export interface EdiRemittedInvoice {
  invoiceNumber: string;
  amountPaid: string;
  invoiceAmount: string;
}

export interface EdiRemittance {
  /** TRN02: the payment's reference, which the supplier's bank statement shows. */
  paymentReference: string;
  paymentDate: string;
  currency: string;
  payer: string;
  payee: string;
  invoices: EdiRemittedInvoice[];
}

const cents = (amount: string) => decimal(amount).toFixed(2);

/** An 820 remittance advice: BPR (total, ACH credit), TRN, CUR, payer and payee N1, one RMR per invoice. */
export function writeRemittance820(envelope: OutboundEnvelope, remittance: EdiRemittance): string {
  const total = sum(remittance.invoices.map((invoice) => invoice.amountPaid));
  const body: SegmentSpec[] = [
    {
      tag: 'BPR',
      elements: ['I', total.toFixed(2), 'C', 'ACH', 'CCP', '', '', '', '', '', '', '', '', '', '', yyyymmdd(remittance.paymentDate)],
    },
    { tag: 'TRN', elements: ['1', remittance.paymentReference] },
    { tag: 'CUR', elements: ['PR', remittance.currency] },
    { tag: 'N1', elements: ['PR', remittance.payer] },
    { tag: 'N1', elements: ['PE', remittance.payee] },
    { tag: 'ENT', elements: ['1'] },
    ...remittance.invoices.map((invoice) => ({
      tag: 'RMR',
      elements: ['IV', invoice.invoiceNumber, '', cents(invoice.amountPaid), cents(invoice.invoiceAmount)],
    })),
  ];
  return writeInterchange(envelope, 'RA', '820', [body]);
}

/** Reads an 820 back; BPR02 must equal the RMR amounts paid. */
export function readRemittance820(transaction: X12TransactionSet): { remittance: EdiRemittance & { total: string }; errors: X12Error[] } {
  const reader = new SegmentReader(transaction.segments);
  const bpr = reader.required('BPR');
  const trn = reader.required('TRN');
  const party = (code: string) =>
    reader.optional(
      reader.all('N1').find((n1) => reader.optional(n1, 1) === code),
      2,
    ) ?? '';
  const invoices = reader.all('RMR').map((rmr) => ({
    invoiceNumber: reader.text(rmr, 2, 'invoice number'),
    amountPaid: reader.decimal(rmr, 4, 'amount paid'),
    invoiceAmount: reader.decimal(rmr, 5, 'invoice amount'),
  }));
  const total = bpr ? reader.decimal(bpr, 2, 'total payment amount') : '0';
  if (bpr && invoices.length > 0 && !decimal(total).equals(sum(invoices.map((invoice) => invoice.amountPaid))))
    reader.fail(bpr, 2, '7', `BPR02 ${total} does not equal the RMR amounts paid`);
  const remittance = {
    paymentReference: trn ? reader.text(trn, 2, 'payment reference') : '',
    paymentDate: bpr ? reader.date(bpr, 16, 'payment date') : '',
    currency: reader.optional(reader.first('CUR'), 2) ?? 'USD',
    payer: party('PR'),
    payee: party('PE'),
    invoices,
    total,
  };
  return { remittance, errors: reader.errors };
}
