import { eq } from 'drizzle-orm';
import {
  envelopeTo,
  writeRemittance820,
  writeRemittanceCsv,
  writeToPartnerOutbox,
  type EdiRemittance,
  type OwnInterchangeAddress,
} from '@procuregraph/connector-files';
import { partnerOf, recordOutboundDocument, type Database, type Queryable, type TradingPartnerRow } from '@procuregraph/platform/db';
import type { JobContext } from '@procuregraph/platform/jobs';
import { PermanentError } from '@procuregraph/platform/resilience';
import { invoices, paymentApplications, payments, type PaymentRow } from '../db/tables.ts';
import { remittanceDue } from '../events.ts';

export interface RemittanceOptions {
  /** EDI_OUTBOX_DIR: each partner's documents go to its folder under it. */
  outbox: string;
  us: OwnInterchangeAddress;
}

/** An 820 for a partner that receives them, else a CSV remittance for one that takes those; null for neither. */
function remittanceTypeFor(partner: TradingPartnerRow | undefined) {
  if (partner?.outbound.includes('X12_820')) return 'X12_820' as const;
  if (partner?.outbound.includes('CSV_REMITTANCE')) return 'CSV_REMITTANCE' as const;
  return null;
}

/** Whether a cleared payment to this supplier is remitted by file. */
export async function takesRemittances(db: Queryable, supplierId: string): Promise<boolean> {
  return remittanceTypeFor(await partnerOf(db, supplierId)) !== null;
}

/** What the payment settled, invoice by invoice, as the ERP applied it. */
async function remittanceOf(db: Database, payment: PaymentRow, payer: string, payee: string): Promise<EdiRemittance> {
  const settled = await db
    .select({ invoiceNumber: invoices.invoiceNumber, invoiceAmount: invoices.total, amountPaid: paymentApplications.amount })
    .from(paymentApplications)
    .innerJoin(invoices, eq(invoices.id, paymentApplications.invoiceId))
    .where(eq(paymentApplications.paymentId, payment.id))
    .orderBy(invoices.invoiceNumber);
  return {
    paymentReference: payment.paymentNumber ?? payment.id,
    paymentDate: payment.clearedAt!.toISOString().slice(0, 10),
    currency: payment.currency,
    payer,
    payee,
    invoices: settled,
  };
}

/**
 * The job behind `invoicing.payment.remittance_due`: a payment that cleared is sent to a partner as
 * an 820 remittance advice (or a CSV remittance, by its profile), once per payment.
 */
export function sendRemittance(db: Database, options: RemittanceOptions) {
  return async (job: JobContext): Promise<void> => {
    const event = remittanceDue.parse(job.payload);
    const partner = await partnerOf(db, event.supplierId);
    const type = remittanceTypeFor(partner);
    if (!partner || !type) return;
    const [payment] = await db.select().from(payments).where(eq(payments.id, event.paymentId));
    if (!payment?.clearedAt) throw new PermanentError(`Payment ${event.paymentId} has not cleared`);
    const remittance = await remittanceOf(db, payment, options.us.interchangeId, partner.interchangeId);
    const at = new Date();
    const sent = await recordOutboundDocument(db, {
      type,
      supplierId: payment.supplierId,
      carries: { paymentId: payment.id },
      controlNumbered: type === 'X12_820',
      at,
      write: (profile, controlNumber) =>
        type === 'X12_820'
          ? writeRemittance820(envelopeTo(profile, options.us, controlNumber!, at), remittance)
          : writeRemittanceCsv(remittance),
    });
    const fileName =
      type === 'X12_820' ? `820-${sent?.document.interchangeControlNumber}.x12` : `remittance-${remittance.paymentReference}.csv`;
    // Content already purged by retention was delivered long ago.
    if (sent?.document.content) await writeToPartnerOutbox(options.outbox, sent.partner.interchangeId, fileName, sent.document.content);
  };
}
