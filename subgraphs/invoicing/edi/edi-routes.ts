import type { Database } from '@procuregraph/platform/db';
import type { FileRoute } from '@procuregraph/platform/subgraph';
import { InterchangeRefused, receiveInterchange, type InboundSettings } from './receive-interchange.ts';

export interface EdiRouteOptions extends InboundSettings {
  db: Database;
}

/** `POST /edi/inbound`: one X12 interchange in the body, its 997 in the answer (its file is written by a job). */
export function ediInboundRoute(options: EdiRouteOptions): FileRoute {
  return {
    path: '/edi/inbound',
    roles: ['integration'],
    handle: async (content) => {
      try {
        return { status: 200, body: await receiveInterchange(options.db, content, options) };
      } catch (error) {
        if (error instanceof InterchangeRefused) return { status: 400, body: { error: error.code, message: error.message } };
        throw error;
      }
    },
  };
}
