import { and, asc, count, desc, eq, gt, lt, not, type SQL } from 'drizzle-orm';
import {
  ediDocuments,
  isAcknowledgmentOverdue,
  isUuid,
  overdueAcknowledgment,
  tradingPartners,
  x12Versions,
  type Database,
} from '@procuregraph/platform/db';
import { pageRequest, toConnection, type UserError } from '@procuregraph/platform/graphql';
import type { EdiDocumentFilter, Resolvers, TradingPartnerInput } from './generated/resolvers-types.ts';

const reference = (id: string | null) => (id ? { id } : null);

function overdueCondition(overdue: boolean | null | undefined, deadlineHours: number): SQL | undefined {
  if (overdue === null || overdue === undefined) return undefined;
  const rule = overdueAcknowledgment(deadlineHours, new Date());
  return overdue ? rule : not(rule);
}

function filterCondition(filter: EdiDocumentFilter | null | undefined, deadlineHours: number): SQL | undefined {
  return and(
    overdueCondition(filter?.overdue, deadlineHours),
    filter?.direction ? eq(ediDocuments.direction, filter.direction) : undefined,
    filter?.type ? eq(ediDocuments.type, filter.type) : undefined,
    filter?.status ? eq(ediDocuments.status, filter.status) : undefined,
    filter?.supplierId && isUuid(filter.supplierId) ? eq(ediDocuments.supplierId, filter.supplierId) : undefined,
  );
}

async function listDocuments(
  db: Database,
  filter: EdiDocumentFilter | null | undefined,
  args: { first?: number | null; after?: string | null },
  deadlineHours: number,
) {
  const page = pageRequest('EdiDocument', args);
  const rows = await db
    .select()
    .from(ediDocuments)
    .where(and(filterCondition(filter, deadlineHours), page.afterId ? lt(ediDocuments.id, page.afterId) : undefined))
    .orderBy(desc(ediDocuments.id))
    .limit(page.limit + 1);
  return toConnection('EdiDocument', rows, page, async () => {
    const [row] = await db.select({ total: count() }).from(ediDocuments).where(filterCondition(filter, deadlineHours));
    return row?.total ?? 0;
  });
}

async function listPartners(db: Database, args: { first?: number | null; after?: string | null }) {
  const page = pageRequest('TradingPartner', args);
  const rows = await db
    .select()
    .from(tradingPartners)
    .where(page.afterId ? gt(tradingPartners.supplierId, page.afterId) : undefined)
    .orderBy(asc(tradingPartners.supplierId))
    .limit(page.limit + 1);
  return toConnection(
    'TradingPartner',
    rows.map((row) => ({ ...row, id: row.supplierId })),
    page,
    async () => (await db.select({ total: count() }).from(tradingPartners))[0]?.total ?? 0,
  );
}

function inputErrors(input: TradingPartnerInput): UserError[] {
  const errors: UserError[] = [];
  const fail = (field: string, code: string, message: string) => errors.push({ field: ['input', field], code, message });
  if (!isUuid(input.supplierId)) fail('supplierId', 'INVALID_ID', 'supplierId is not a valid id');
  if (!/^[A-Z0-9]{2}$/.test(input.interchangeQualifier))
    fail('interchangeQualifier', 'INVALID_QUALIFIER', 'interchangeQualifier is two letters or digits');
  if (!/^[\x20-\x7e]{1,15}$/.test(input.interchangeId) || input.interchangeId.trim() === '')
    fail('interchangeId', 'INVALID_INTERCHANGE_ID', 'interchangeId is 1 to 15 printable characters');
  if (!/^[\x20-\x7e]{2,15}$/.test(input.groupId)) fail('groupId', 'INVALID_GROUP_ID', 'groupId is 2 to 15 printable characters');
  if (!(x12Versions as readonly string[]).includes(input.version)) fail('version', 'UNSUPPORTED_VERSION', 'version is 004010 or 005010');
  const separators = [input.elementSeparator ?? '*', input.segmentTerminator ?? '~'];
  if (separators.some((separator) => separator.length !== 1 || /[A-Za-z0-9 ]/.test(separator)) || separators[0] === separators[1])
    fail('elementSeparator', 'INVALID_SEPARATOR', 'separators are two different single characters, neither a letter, digit nor space');
  if (input.orderDelivery === 'EDI_ONLY' && !input.outbound.includes('X12_850'))
    fail('orderDelivery', 'EDI_ONLY_WITHOUT_850', 'orderDelivery EDI_ONLY needs X12_850 among the outbound documents');
  return errors;
}

async function setTradingPartner(db: Database, input: TradingPartnerInput) {
  const userErrors = inputErrors(input);
  if (userErrors.length > 0) return { partner: null, userErrors };
  const values = {
    supplierId: input.supplierId,
    interchangeQualifier: input.interchangeQualifier,
    interchangeId: input.interchangeId.trim(),
    groupId: input.groupId.trim(),
    version: input.version,
    inbound: [...new Set(input.inbound)],
    outbound: [...new Set(input.outbound)],
    elementSeparator: input.elementSeparator ?? '*',
    segmentTerminator: input.segmentTerminator ?? '~',
    rejectGroupOnError: input.rejectGroupOnError ?? false,
    orderDelivery: input.orderDelivery ?? 'EDI_AND_PORTAL',
    updatedAt: new Date(),
  };
  const [taken] = await db
    .select({ supplierId: tradingPartners.supplierId })
    .from(tradingPartners)
    .where(
      and(eq(tradingPartners.interchangeQualifier, values.interchangeQualifier), eq(tradingPartners.interchangeId, values.interchangeId)),
    );
  if (taken && taken.supplierId !== input.supplierId) {
    return {
      partner: null,
      userErrors: [
        { field: ['input', 'interchangeId'], code: 'INTERCHANGE_ID_TAKEN', message: 'Another supplier trades under this interchange id' },
      ],
    };
  }
  const [row] = await db
    .insert(tradingPartners)
    .values(values)
    .onConflictDoUpdate({ target: tradingPartners.supplierId, set: values })
    .returning();
  return { partner: { ...row!, id: row!.supplierId }, userErrors: [] };
}

/** Trading partners and the EDI document log: platform tables, written by the subgraphs that exchange the documents. */
export const ediResolvers: Pick<Resolvers, 'EdiDocument' | 'TradingPartner'> & {
  Query: Pick<NonNullable<Resolvers['Query']>, 'ediDocuments' | 'tradingPartners'>;
  Mutation: Pick<NonNullable<Resolvers['Mutation']>, 'setTradingPartner'>;
} = {
  Query: {
    ediDocuments: (_parent, { first, after, filter }, { db, ediAcknowledgmentDeadlineHours }) =>
      listDocuments(db, filter, { first, after }, ediAcknowledgmentDeadlineHours),
    tradingPartners: (_parent, { first, after }, { db }) => listPartners(db, { first, after }),
  },
  Mutation: {
    setTradingPartner: (_parent, { input }, { db }) => setTradingPartner(db, input),
  },
  TradingPartner: {
    supplier: (partner) => ({ id: partner.supplierId }),
  },
  EdiDocument: {
    supplier: (document) => reference(document.supplierId),
    invoice: (document) => reference(document.invoiceId),
    purchaseOrder: (document) => reference(document.purchaseOrderId),
    payment: (document) => reference(document.paymentId),
    errors: (document) => document.errors,
    overdue: (document, _args, { ediAcknowledgmentDeadlineHours }) =>
      isAcknowledgmentOverdue(document, ediAcknowledgmentDeadlineHours, new Date()),
  },
};
