/**
 * The form AP systems compare invoice numbers in for duplicates: case, blanks and separators
 * carry no meaning, nor do leading zeros of a number (`inv 00042`, `INV-42` and `Inv42` are one
 * invoice).
 */
export function normalizedInvoiceNumber(invoiceNumber: string): string {
  return invoiceNumber
    .toUpperCase()
    .replace(/[\s\-_./#]/g, '')
    .replace(/(^|\D)0+(?=\d)/g, '$1');
}
