import type { ParsedInterchange, X12Error, X12Group, X12TransactionSet } from './interchange.ts';
import { SegmentReader } from './segments.ts';
import { writeInterchange, type OutboundEnvelope, type SegmentSpec, type X12Segment } from './writer.ts';

/** AK9 01: accepted, accepted with errors, partially accepted, rejected. */
export type GroupAcknowledgmentCode = 'A' | 'E' | 'P' | 'R';

export interface TransactionOutcome {
  transaction: X12TransactionSet;
  accepted: boolean;
  errors: X12Error[];
}

export interface GroupOutcome {
  group: X12Group;
  code: GroupAcknowledgmentCode;
  transactions: TransactionOutcome[];
}

/**
 * Decides what each transaction set of an interchange comes to: one with errors (its own, or
 * those the caller found, such as an unknown purchase order) is rejected; the good ones beside it
 * are accepted unless the partner's profile rejects the whole group, or the group's envelope
 * itself is wrong.
 */
export function acknowledge(
  interchange: ParsedInterchange,
  errorsFound: Map<X12TransactionSet, X12Error[]>,
  rejectGroupOnError: boolean,
): GroupOutcome[] {
  return interchange.groups.map((group) => {
    const judged = group.transactions.map((transaction) => {
      const errors = [...transaction.errors, ...(errorsFound.get(transaction) ?? [])];
      return { transaction, errors, accepted: errors.length === 0 };
    });
    const anyRejected = judged.some((outcome) => !outcome.accepted);
    const rejectAll = interchange.errors.length > 0 || group.errors.length > 0 || (rejectGroupOnError && anyRejected);
    const transactions = rejectAll ? judged.map((outcome) => ({ ...outcome, accepted: false })) : judged;
    const acceptedCount = transactions.filter((outcome) => outcome.accepted).length;
    const code: GroupAcknowledgmentCode = acceptedCount === transactions.length ? 'A' : acceptedCount === 0 ? 'R' : 'P';
    return { group, code, transactions };
  });
}

function transactionSegments(outcome: TransactionOutcome): SegmentSpec[] {
  const { transaction, errors } = outcome;
  const segmentErrors = errors.filter((error) => error.segment !== 'SE');
  const fallbackPosition = String(transaction.segments.length + 1);
  const details = segmentErrors.flatMap((error) => [
    {
      tag: 'AK3',
      elements: [error.segment ?? '', String(error.position ?? fallbackPosition), '', error.element === null ? error.code : '8'],
    },
    ...(error.element === null ? [] : [{ tag: 'AK4', elements: [String(error.element), '', error.code] }]),
  ]);
  const codes = errors.filter((error) => error.segment === 'SE').map((error) => error.code);
  if (segmentErrors.length > 0) codes.push('5');
  return [
    { tag: 'AK2', elements: [transaction.type, transaction.controlNumber] },
    ...details,
    { tag: 'AK5', elements: [outcome.accepted ? 'A' : 'R', ...codes.slice(0, 5)] },
  ];
}

function groupSegments(outcome: GroupOutcome): SegmentSpec[] {
  const { group, code, transactions } = outcome;
  const accepted = transactions.filter((transaction) => transaction.accepted).length;
  return [
    { tag: 'AK1', elements: [group.functionalId, group.controlNumber] },
    ...transactions.flatMap(transactionSegments),
    {
      tag: 'AK9',
      elements: [
        code,
        String(transactions.length),
        String(transactions.length),
        String(accepted),
        ...group.errors.map((e) => e.code).slice(0, 5),
      ],
    },
  ];
}

/** The 997 answering an interchange: one transaction set per functional group received. */
export function writeAcknowledgment997(envelope: OutboundEnvelope, outcomes: GroupOutcome[]): string {
  return writeInterchange(envelope, 'FA', '997', outcomes.map(groupSegments));
}

export interface AcknowledgedTransaction {
  type: string;
  controlNumber: string;
  accepted: boolean;
  /** What the partner found wrong with it: each AK3 (with its AK4s) and the AK5 syntax error codes. */
  errors: X12Error[];
}

export interface ReceivedAcknowledgment {
  functionalId: string;
  groupControlNumber: string;
  code: string;
  transactions: AcknowledgedTransaction[];
  /** AK905 to AK909: what was wrong with the group as a whole. */
  groupErrors: X12Error[];
}

/** The codes of a segment from a first element on (AK502 to AK506, AK905 to AK909). */
function codesFrom(reader: SegmentReader, segment: X12Segment | undefined, from: number): string[] {
  if (!segment) return [];
  return Array.from({ length: 5 }, (_, at) => reader.optional(segment, from + at)).filter((code): code is string => code !== null);
}

/** The AK3 segment errors and their AK4 element errors between an AK2 and its AK5, as the partner reported them. */
function segmentErrors(reader: SegmentReader, segments: X12Segment[]): X12Error[] {
  let current: { segment: string; position: number | null } = { segment: '', position: null };
  return segments.flatMap((segment) => {
    if (segment.tag === 'AK3') {
      current = { segment: reader.optional(segment, 1) ?? '', position: Number(reader.optional(segment, 2)) || null };
      const code = reader.optional(segment, 4);
      return code && code !== '8'
        ? [{ ...current, element: null, code, message: `AK304 ${code}: segment ${current.segment} in error` }]
        : [];
    }
    if (segment.tag !== 'AK4') return [];
    const element = Number(reader.optional(segment, 1)?.split(/[^0-9]/)[0]) || null;
    const code = reader.optional(segment, 3) ?? '';
    return [{ ...current, element, code, message: `AK403 ${code}: element ${element ?? '?'} of ${current.segment} in error` }];
  });
}

function acknowledgedTransactions(reader: SegmentReader, segments: X12Segment[]): AcknowledgedTransaction[] {
  return segments.flatMap((segment, index) => {
    if (segment.tag !== 'AK2') return [];
    const rest = segments.slice(index + 1);
    const ak5At = rest.findIndex((later) => later.tag === 'AK5');
    const ak5 = rest[ak5At];
    const accepted = ['A', 'E'].includes(reader.optional(ak5, 1) ?? '');
    const errors = [
      ...segmentErrors(reader, rest.slice(0, Math.max(ak5At, 0))),
      ...codesFrom(reader, ak5, 2).map((code) => ({ segment: 'AK5', position: null, element: null, code, message: `AK5 code ${code}` })),
    ];
    return [
      {
        type: reader.text(segment, 1, 'transaction set'),
        controlNumber: reader.text(segment, 2, 'control number'),
        accepted,
        errors,
      },
    ];
  });
}

/** Reads a 997 a partner sent about what we sent them. */
export function readAcknowledgment997(transaction: X12TransactionSet): { acknowledgment: ReceivedAcknowledgment; errors: X12Error[] } {
  const reader = new SegmentReader(transaction.segments);
  const ak1 = reader.required('AK1');
  const ak9 = reader.required('AK9');
  const acknowledgment = {
    functionalId: ak1 ? reader.text(ak1, 1, 'functional identifier') : '',
    groupControlNumber: ak1 ? reader.text(ak1, 2, 'group control number') : '',
    code: ak9 ? reader.text(ak9, 1, 'group acknowledgment code') : '',
    transactions: acknowledgedTransactions(reader, transaction.segments),
    groupErrors: codesFrom(reader, ak9, 5).map((code) => ({
      segment: 'AK9',
      position: null,
      element: null,
      code,
      message: `AK9 code ${code}`,
    })),
  };
  return { acknowledgment, errors: reader.errors };
}
