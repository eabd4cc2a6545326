import { eq } from 'drizzle-orm';
import { writeToPartnerOutbox } from '@procuregraph/connector-files';
import { ediDocuments, type Database } from '@procuregraph/platform/db';
import type { JobContext } from '@procuregraph/platform/jobs';
import { PermanentError } from '@procuregraph/platform/resilience';
import { acknowledgmentToDeliver } from '../events.ts';

/**
 * The job behind `edi.acknowledgment_to_deliver`: the 997 recorded with the interchange it answers
 * is written to the partner's outbox folder, named by that interchange (writing it again, on a
 * retry, gives the same file).
 */
export function deliverAcknowledgment(db: Database, outboxDirectory: string) {
  return async (job: JobContext): Promise<void> => {
    const event = acknowledgmentToDeliver.parse(job.payload);
    const [document] = await db.select({ content: ediDocuments.content }).from(ediDocuments).where(eq(ediDocuments.id, event.documentId));
    if (!document) throw new PermanentError(`No EDI document ${event.documentId}`);
    // Content already purged by retention was delivered long ago.
    if (document.content) await writeToPartnerOutbox(outboxDirectory, event.partnerInterchangeId, event.fileName, document.content);
  };
}
