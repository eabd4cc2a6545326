// The public entry of connectors/files: the only code that knows the X12 and CSV wire formats.
export { INVOICE_CSV_COLUMNS, readInvoiceCsv, type CsvError, type CsvInvoice, type CsvInvoiceLine } from './csv/invoices.ts';
export { REMITTANCE_CSV_COLUMNS, writeRemittanceCsv } from './csv/remittance.ts';
export {
  acknowledge,
  readAcknowledgment997,
  writeAcknowledgment997,
  type GroupAcknowledgmentCode,
  type GroupOutcome,
  type ReceivedAcknowledgment,
  type TransactionOutcome,
} from './x12/functional-acknowledgment-997.ts';
export {
  X12FormatError,
  parseInterchange,
  sameControlNumber,
  type ParsedInterchange,
  type X12Envelope,
  type X12Error,
  type X12Group,
  type X12TransactionSet,
} from './x12/interchange.ts';
export { readInvoice810, type EdiInvoice, type EdiInvoiceLine } from './x12/invoice-810.ts';
export {
  readOrderAcknowledgment855,
  type AcknowledgedLineStatus,
  type EdiOrderAcknowledgment,
  type EdiOrderAcknowledgmentLine,
} from './x12/order-acknowledgment-855.ts';
export { readOrder850, writeOrder850, type EdiOrder, type EdiOrderLine } from './x12/purchase-order-850.ts';
export { readRemittance820, writeRemittance820, type EdiRemittance, type EdiRemittedInvoice } from './x12/remittance-820.ts';
export {
  DEFAULT_SEPARATORS,
  envelopeTo,
  writeInterchange,
  type OutboundEnvelope,
  type OwnInterchangeAddress,
  type PartnerEnvelopeProfile,
  type SegmentSpec,
  type X12Party,
  type X12Separators,
} from './x12/writer.ts';
export { writeToPartnerOutbox } from './outbox-folder.ts';
