import { X12Interchange, type X12Segment } from 'node-x12';

/** Who is on each end of an interchange: ISA05/06 and GS02 for one party. */
export interface X12Party {
  interchangeQualifier: string;
  interchangeId: string;
  groupId: string;
}

export interface X12Separators {
  element: string;
  segment: string;
  subElement: string;
}

export const DEFAULT_SEPARATORS: X12Separators = { element: '*', segment: '~', subElement: '>' };

/** What every document Procuregraph sends needs: the two parties, its control numbers and when. */
export interface OutboundEnvelope {
  sender: X12Party;
  receiver: X12Party;
  /** ISA13 and GS06. */
  controlNumber: number;
  version: '004010' | '005010';
  at: Date;
  separators?: X12Separators;
  test?: boolean;
}

/** Procuregraph's own interchange address (EDI_INTERCHANGE_QUALIFIER / EDI_INTERCHANGE_ID). */
export interface OwnInterchangeAddress {
  interchangeQualifier: string;
  interchangeId: string;
}

/** What a trading partner's profile says about its envelopes. */
export interface PartnerEnvelopeProfile extends X12Party {
  version: string;
  elementSeparator: string;
  segmentTerminator: string;
}

/** The envelope of a document we send this partner. */
export function envelopeTo(partner: PartnerEnvelopeProfile, us: OwnInterchangeAddress, controlNumber: number, at: Date): OutboundEnvelope {
  return {
    sender: { interchangeQualifier: us.interchangeQualifier, interchangeId: us.interchangeId, groupId: us.interchangeId },
    receiver: { interchangeQualifier: partner.interchangeQualifier, interchangeId: partner.interchangeId, groupId: partner.groupId },
    controlNumber,
    version: partner.version as OutboundEnvelope['version'],
    at,
    separators: { element: partner.elementSeparator, segment: partner.segmentTerminator, subElement: '>' },
  };
}

export interface SegmentSpec {
  tag: string;
  elements: string[];
}

const pad = (text: string, length: number) => text.padEnd(length, ' ').slice(0, length);
const digits = (n: number, length: number) => String(n).padStart(length, '0');

function stamp(at: Date) {
  const iso = at.toISOString();
  return { date8: iso.slice(0, 10).replaceAll('-', ''), time: iso.slice(11, 16).replace(':', '') };
}

function isaElements(envelope: OutboundEnvelope, separators: X12Separators): string[] {
  const { date8, time } = stamp(envelope.at);
  const repetition = envelope.version === '005010' ? '^' : 'U';
  return [
    '00',
    pad('', 10),
    '00',
    pad('', 10),
    pad(envelope.sender.interchangeQualifier, 2),
    pad(envelope.sender.interchangeId, 15),
    pad(envelope.receiver.interchangeQualifier, 2),
    pad(envelope.receiver.interchangeId, 15),
    date8.slice(2),
    time,
    repetition,
    envelope.version === '005010' ? '00501' : '00401',
    digits(envelope.controlNumber, 9),
    '0',
    envelope.test ? 'T' : 'P',
    separators.subElement,
  ];
}

/**
 * Writes one interchange holding one functional group and its transaction sets (ST02 0001, 0002,
 * ...), with node-x12 computing the trailers (SE01 counts, GE/IEA control numbers).
 */
export function writeInterchange(envelope: OutboundEnvelope, functionalId: string, type: string, bodies: SegmentSpec[][]): string {
  const separators = envelope.separators ?? DEFAULT_SEPARATORS;
  const { date8, time } = stamp(envelope.at);
  const interchange = new X12Interchange({
    elementDelimiter: separators.element,
    segmentTerminator: separators.segment,
    subElementDelimiter: separators.subElement,
  });
  interchange.setHeader(isaElements(envelope, separators));
  const group = interchange.addFunctionalGroup();
  group.setHeader([
    functionalId,
    envelope.sender.groupId,
    envelope.receiver.groupId,
    date8,
    time,
    String(envelope.controlNumber),
    'X',
    envelope.version,
  ]);
  bodies.forEach((body, index) => {
    const transaction = group.addTransaction();
    transaction.setHeader([type, digits(index + 1, 4)]);
    for (const segment of body) transaction.addSegment(segment.tag, segment.elements);
  });
  return interchange.toString({ format: true, endOfLine: '\n' });
}

export type { X12Segment };
