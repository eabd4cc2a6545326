// The public entry of subgraphs/invoicing: what other workspaces may import.
export { loadMatchContext, type InvoiceKey } from './db/match-context.ts';
export { invoicingSeeded, seedInvoicing } from './db/seed.ts';
export type { InvoiceToMatch } from './matching/match-context.ts';
export { matchInvoice } from './matching/match-invoice.ts';
export * from './service.ts';
