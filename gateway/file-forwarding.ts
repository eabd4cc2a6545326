import express, { type Request, type Response, type Router } from 'express';
import { GraphQLError } from 'graphql';
import { CALLER_HEADER, signInternalToken } from '@procuregraph/platform/auth';
import type { Logger } from '@procuregraph/platform/logging';
import type { Admitted } from './admission.ts';
import { combine, forward } from './webhook-forwarding.ts';

/** The files partners and integrations send (contract.md, "Files and EDI"). */
export const FILE_PATHS = ['/edi/inbound', '/files/invoices'];
const MAX_FILE_BYTES = '10mb';

async function admitted(request: Request, response: Response, admit: (request: Request) => Promise<Admitted>): Promise<Admitted | null> {
  try {
    return await admit(request);
  } catch (error) {
    const code = error instanceof GraphQLError ? error.extensions.code : 'UNAUTHENTICATED';
    const status = code === 'RATE_LIMITED' ? 429 : 401;
    response.status(status).json({ error: code, message: error instanceof Error ? error.message : 'refused' });
    return null;
  }
}

/**
 * `POST /edi/inbound` and `POST /files/invoices`: the caller is admitted as for GraphQL (bearer
 * token, rate limits), then the file goes to every subgraph with the caller's signed identity;
 * the one that owns the path answers, the others 404. The gateway knows no file format.
 */
export function fileForwarding(
  subgraphUrls: () => readonly string[],
  admit: (request: Request) => Promise<Admitted>,
  internalSecret: Uint8Array,
  logger: Logger,
): Router {
  const router = express.Router();
  router.post(FILE_PATHS, express.raw({ type: '*/*', limit: MAX_FILE_BYTES }), async (request, response) => {
    const entry = await admitted(request, response, admit);
    if (!entry) return;
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const headers = {
      'content-type': request.header('content-type') ?? 'text/plain',
      [CALLER_HEADER]: await signInternalToken(internalSecret, entry.caller, entry.clientAddress),
    };
    const answers = await Promise.all(subgraphUrls().map((url) => forward(new URL(request.path, url), headers, body, logger)));
    const answer = combine(answers);
    if (!answer) {
      response.status(404).json({ error: 'NOT_FOUND' });
      return;
    }
    response.status(answer.status).type(answer.contentType).send(answer.body);
  });
  return router;
}
