import { writeToPartnerOutbox } from '@procuregraph/connector-files';
import type { Database } from '@procuregraph/platform/db';
import type { FileRoute } from '@procuregraph/platform/subgraph';
import { InterchangeRefused, receiveInterchange, type InboundSettings, type ReceivedInterchange } from './receive-interchange.ts';

export interface EdiRouteOptions extends InboundSettings {
  db: Database;
  /** EDI_OUTBOX_DIR: the 997 is written to the partner's folder under it. */
  outbox: string;
}

/** The 997 in the partner's outbox folder, named by the interchange it answers: writing it again changes nothing. */
export async function deliverAcknowledgment(outbox: string, received: ReceivedInterchange): Promise<void> {
  if (received.acknowledgment === '') return;
  await writeToPartnerOutbox(outbox, received.partnerFolder, `997-${received.interchangeControlNumber}.x12`, received.acknowledgment);
}

/** Receives an interchange from any channel (the endpoint, the drop folder) and delivers its 997. */
export async function receiveAndAcknowledge(options: EdiRouteOptions, content: string): Promise<ReceivedInterchange> {
  const received = await receiveInterchange(options.db, content, options);
  await deliverAcknowledgment(options.outbox, received);
  return received;
}

/** `POST /edi/inbound`: one X12 interchange in the body, its 997 in the answer. */
export function ediInboundRoute(options: EdiRouteOptions): FileRoute {
  return {
    path: '/edi/inbound',
    roles: ['integration'],
    handle: async (content) => {
      try {
        const { partnerFolder: _folder, ...answer } = await receiveAndAcknowledge(options, content);
        return { status: 200, body: answer };
      } catch (error) {
        if (error instanceof InterchangeRefused) return { status: 400, body: { error: error.code, message: error.message } };
        throw error;
      }
    },
  };
}
