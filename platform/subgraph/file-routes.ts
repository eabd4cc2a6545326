import express, { type Router } from 'express';
import { CALLER_HEADER, createInternalTokenVerifier, type UserCaller } from '../auth/tokens.ts';
import type { Role } from '../auth/caller.ts';
import type { Logger } from '../logging.ts';

/** What a file route answers: an HTTP status and a JSON body. */
export interface FileAnswer {
  status: number;
  body: unknown;
}

/**
 * A document a partner or an integration sends as a whole file rather than through GraphQL
 * (an X12 interchange, a CSV), forwarded by the gateway with the caller's identity.
 */
export interface FileRoute {
  readonly path: string;
  /** Who may send it (admin always may). */
  readonly roles: readonly Role[];
  handle(content: string, caller: UserCaller): Promise<FileAnswer>;
}

const MAX_FILE_BYTES = '10mb';

/** Serves a subgraph's file routes; the caller must be one the gateway signed. */
export function fileRouter(routes: readonly FileRoute[], internalSecret: Uint8Array, logger: Logger): Router {
  const router = express.Router();
  const verifyCaller = createInternalTokenVerifier(internalSecret);
  for (const route of routes) {
    router.post(route.path, express.text({ type: '*/*', limit: MAX_FILE_BYTES }), async (request, response) => {
      const token = request.header(CALLER_HEADER);
      const caller = token ? await verifyCaller(token) : null;
      if (!caller) {
        response.status(401).json({ error: 'UNAUTHENTICATED', message: 'Files are accepted only through the gateway' });
        return;
      }
      if (caller.role !== 'admin' && !route.roles.includes(caller.role)) {
        response.status(403).json({ error: 'FORBIDDEN', message: `Sending ${route.path} needs the role ${route.roles.join(' or ')}` });
        return;
      }
      try {
        const answer = await route.handle(typeof request.body === 'string' ? request.body : '', caller);
        response.status(answer.status).json(answer.body);
      } catch (error) {
        logger.error({ err: error, path: route.path }, 'a file could not be processed');
        response.status(500).json({ error: 'INTERNAL', message: 'The file could not be processed; send it again later' });
      }
    });
  }
  return router;
}
