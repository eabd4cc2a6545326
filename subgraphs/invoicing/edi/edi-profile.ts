import { and, eq, sql } from 'drizzle-orm';
import type { OutboundEnvelope, X12Envelope } from '@procuregraph/connector-files';
import { ediControlNumbers, tradingPartners, type Queryable } from '@procuregraph/platform/db';

export type TradingPartnerRow = typeof tradingPartners.$inferSelect;

/** Procuregraph's own interchange address (EDI_INTERCHANGE_QUALIFIER / EDI_INTERCHANGE_ID). */
export interface OwnInterchangeAddress {
  interchangeQualifier: string;
  interchangeId: string;
}

export async function partnerBySender(db: Queryable, envelope: X12Envelope): Promise<TradingPartnerRow | undefined> {
  const [partner] = await db
    .select()
    .from(tradingPartners)
    .where(and(eq(tradingPartners.interchangeQualifier, envelope.senderQualifier), eq(tradingPartners.interchangeId, envelope.senderId)));
  return partner;
}

/** The next interchange control number: a database sequence, so none repeats across processes. */
export async function nextControlNumber(db: Queryable): Promise<number> {
  const result = await db.execute<{ value: string }>(sql.raw(`select nextval('platform.${ediControlNumbers.seqName}')::text as value`));
  const rows = (Array.isArray(result) ? result : (result as { rows: { value: string }[] }).rows) as { value: string }[];
  return Number(rows[0]!.value);
}

/** The envelope of a document we send this partner. */
export function envelopeTo(partner: TradingPartnerRow, us: OwnInterchangeAddress, controlNumber: number, at: Date): OutboundEnvelope {
  return {
    sender: { interchangeQualifier: us.interchangeQualifier, interchangeId: us.interchangeId, groupId: us.interchangeId },
    receiver: { interchangeQualifier: partner.interchangeQualifier, interchangeId: partner.interchangeId, groupId: partner.groupId },
    controlNumber,
    version: partner.version as OutboundEnvelope['version'],
    at,
    separators: { element: partner.elementSeparator, segment: partner.segmentTerminator, subElement: '>' },
  };
}
