import { X12Parser, type X12FunctionalGroup, type X12Interchange, type X12Segment, type X12Transaction } from 'node-x12';

/**
 * One problem found in an interchange, addressed the way a 997 addresses it: the segment (tag
 * and its position in the transaction set, ST being 1), the element's position, and the X12 code
 * (AK304 segment codes, AK403 element codes, AK502 transaction codes, AK905 group codes).
 */
export interface X12Error {
  segment: string | null;
  position: number | null;
  element: number | null;
  code: string;
  message: string;
}

export interface X12TransactionSet {
  type: string;
  controlNumber: string;
  /** The segments between ST and SE. */
  segments: X12Segment[];
  errors: X12Error[];
}

export interface X12Group {
  functionalId: string;
  senderId: string;
  receiverId: string;
  controlNumber: string;
  version: string;
  transactions: X12TransactionSet[];
  errors: X12Error[];
}

export interface X12Envelope {
  senderQualifier: string;
  senderId: string;
  receiverQualifier: string;
  receiverId: string;
  controlNumber: string;
  date: string;
  time: string;
  test: boolean;
  elementSeparator: string;
  segmentTerminator: string;
  subElementSeparator: string;
}

export interface ParsedInterchange {
  envelope: X12Envelope;
  groups: X12Group[];
  /** Problems with the ISA/IEA envelope itself (TA1-level): the whole interchange is unusable. */
  errors: X12Error[];
}

export class X12FormatError extends Error {
  readonly code = 'X12_UNREADABLE';
}

const envelopeError = (segment: string, element: number | null, code: string, message: string): X12Error => ({
  segment,
  position: null,
  element,
  code,
  message,
});

/** X12 control numbers are numeric; 000000001 and 1 are the same number. */
export function sameControlNumber(a: string, b: string): boolean {
  return /^\d+$/.test(a.trim()) && /^\d+$/.test(b.trim()) && Number(a) === Number(b);
}

function value(segment: X12Segment | undefined, position: number): string {
  return (segment?.elements[position - 1]?.value ?? '').trim();
}

/** AK5/AK3/AK4 codes for what the envelope of one transaction set gets wrong. */
function transactionErrors(transaction: X12Transaction): X12Error[] {
  const errors: X12Error[] = [];
  const header = transaction.header;
  const trailer = transaction.trailer as X12Segment | undefined;
  const controlNumber = value(header, 2);
  if (!trailer) {
    return [{ segment: 'SE', position: null, element: null, code: '2', message: `Transaction set ${controlNumber} has no SE trailer` }];
  }
  const counted = transaction.segments.length + 2;
  if (Number(value(trailer, 1)) !== counted) {
    errors.push({
      segment: 'SE',
      position: counted,
      element: 1,
      code: '4',
      message: `SE01 says ${value(trailer, 1)} segments, transaction set ${controlNumber} has ${counted}`,
    });
  }
  if (value(trailer, 2) !== controlNumber) {
    errors.push({
      segment: 'SE',
      position: counted,
      element: 2,
      code: '3',
      message: `SE02 ${value(trailer, 2)} does not match ST02 ${controlNumber}`,
    });
  }
  return errors;
}

function readTransaction(transaction: X12Transaction): X12TransactionSet {
  return {
    type: value(transaction.header, 1),
    controlNumber: value(transaction.header, 2),
    segments: transaction.segments,
    errors: transactionErrors(transaction),
  };
}

/** AK9 (AK905) codes for what the GS/GE envelope gets wrong. */
function groupErrors(group: X12FunctionalGroup): X12Error[] {
  const trailer = group.trailer as X12Segment | undefined;
  if (!trailer) return [envelopeError('GE', null, '3', `Functional group ${value(group.header, 6)} has no GE trailer`)];
  const errors: X12Error[] = [];
  if (Number(value(trailer, 1)) !== group.transactions.length)
    errors.push(envelopeError('GE', 1, '5', `GE01 says ${value(trailer, 1)} transaction sets, the group has ${group.transactions.length}`));
  if (!sameControlNumber(value(trailer, 2), value(group.header, 6)))
    errors.push(envelopeError('GE', 2, '4', `GE02 ${value(trailer, 2)} does not match GS06 ${value(group.header, 6)}`));
  return errors;
}

function readGroup(group: X12FunctionalGroup): X12Group {
  return {
    functionalId: value(group.header, 1),
    senderId: value(group.header, 2),
    receiverId: value(group.header, 3),
    controlNumber: value(group.header, 6),
    version: value(group.header, 8),
    transactions: group.transactions.map(readTransaction),
    errors: groupErrors(group),
  };
}

function interchangeErrors(interchange: X12Interchange): X12Error[] {
  const trailer = interchange.trailer as X12Segment | undefined;
  if (!trailer) return [envelopeError('IEA', null, '023', 'The interchange has no IEA trailer')];
  const errors: X12Error[] = [];
  if (Number(value(trailer, 1)) !== interchange.functionalGroups.length)
    errors.push(
      envelopeError('IEA', 1, '021', `IEA01 says ${value(trailer, 1)} groups, the interchange has ${interchange.functionalGroups.length}`),
    );
  if (!sameControlNumber(value(trailer, 2), value(interchange.header, 13)))
    errors.push(envelopeError('IEA', 2, '001', `IEA02 ${value(trailer, 2)} does not match ISA13 ${value(interchange.header, 13)}`));
  return errors;
}

function readEnvelope(interchange: X12Interchange): X12Envelope {
  const isa = interchange.header;
  return {
    senderQualifier: value(isa, 5),
    senderId: value(isa, 6),
    receiverQualifier: value(isa, 7),
    receiverId: value(isa, 8),
    controlNumber: value(isa, 13).padStart(9, '0'),
    date: value(isa, 9),
    time: value(isa, 10),
    test: value(isa, 15) === 'T',
    elementSeparator: interchange.elementDelimiter,
    segmentTerminator: interchange.segmentTerminator,
    subElementSeparator: value(isa, 16) || '>',
  };
}

/**
 * Reads one X12 interchange with node-x12 (which finds the separators from the ISA segment) and
 * checks its envelopes: trailers present, counts (SE01, GE01, IEA01) and control numbers (SE02,
 * GE02, IEA02) matching their headers. What a document's own segments must hold is checked by
 * the reader of that document type.
 */
export function parseInterchange(text: string): ParsedInterchange {
  if (!text.trimStart().startsWith('ISA')) throw new X12FormatError('An X12 interchange starts with an ISA segment');
  let parsed: ReturnType<X12Parser['parse']>;
  try {
    parsed = new X12Parser(false).parse(text.trim());
  } catch (error) {
    throw new X12FormatError(`Not a readable X12 interchange: ${(error as Error).message}`);
  }
  if (Array.isArray(parsed)) throw new X12FormatError('One interchange per document: this one holds several ISA envelopes');
  const interchange = parsed as X12Interchange;
  return {
    envelope: readEnvelope(interchange),
    groups: interchange.functionalGroups.map(readGroup),
    errors: interchangeErrors(interchange),
  };
}

/** The value of a segment's element (1-based), trimmed; empty when absent. */
export { value as elementValue };
