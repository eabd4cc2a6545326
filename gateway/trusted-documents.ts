import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { z } from 'zod';
import type { UserCaller } from '@procuregraph/platform/auth';
import type { RefusalAudit } from './refusal-audit.ts';

export const TRUSTED_DOCUMENT_CODES = {
  /** A hash that is not in the manifest. */
  unknownHash: 'PERSISTED_QUERY_NOT_FOUND',
  /** A full document whose hash is not in the manifest. */
  untrusted: 'OPERATION_NOT_TRUSTED',
} as const;

/**
 * The operations a safelisting gateway runs, by the SHA-256 of their text. The manifest is the
 * file Apollo's client tooling generates (`generate-persisted-query-manifest`), which Apollo
 * Router's and Hive's safelisting read too:
 * `{ "format": "apollo-persisted-query-manifest", "version": 1, "operations": [{ "id", "name", "type", "body" }] }`.
 */
export type TrustedDocuments = ReadonlyMap<string, string>;

const manifestSchema = z.object({
  format: z.literal('apollo-persisted-query-manifest'),
  version: z.literal(1),
  operations: z.array(z.object({ id: z.string(), name: z.string().optional(), type: z.string().optional(), body: z.string() })),
});

/** Reads a manifest; a malformed one, or an id that is not its body's hash, stops start-up. */
export function loadTrustedDocuments(path: string): TrustedDocuments {
  const parsed = manifestSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`TRUSTED_DOCUMENTS ${path} is not a persisted query manifest: ${parsed.error.issues[0]?.message}`);
  const documents = new Map<string, string>();
  for (const operation of parsed.data.operations) {
    if (documentHash(operation.body) !== operation.id)
      throw new Error(`TRUSTED_DOCUMENTS ${path}: the id of ${operation.name ?? operation.id} is not the SHA-256 of its body`);
    documents.set(operation.id, operation.body);
  }
  return documents;
}

/** The hash Apollo's persisted queries use: SHA-256 of the document's text, hex. */
export function documentHash(document: string): string {
  return createHash('sha256').update(document).digest('hex');
}

/** The refusal of an operation that is not in the manifest; over HTTP, `http` gives its status (400). */
export function untrustedOperation(http?: { status: number }): GraphQLError {
  return new GraphQLError('This gateway runs only registered operations, and this is not one of them', {
    extensions: { code: TRUSTED_DOCUMENT_CODES.untrusted, ...(http ? { http } : {}) },
  });
}

/**
 * Safelisting: only the manifest's operations run. A client sends a registered operation's hash as
 * an automatic persisted query does (`extensions.persistedQuery.sha256Hash`), or its full text.
 * An unknown hash is answered as Apollo Server answers any hash it does not know (HTTP 200,
 * PERSISTED_QUERY_NOT_FOUND: the client may send the text); a text that is not registered is
 * refused (HTTP 400, OPERATION_NOT_TRUSTED) and is never kept as a persisted query. Both are
 * recorded in the audit log. Subscriptions over WebSocket are held to the manifest by their text
 * (subscriptions/websocket.ts).
 */
export function trustedDocumentsPlugin<Context extends { caller: UserCaller; clientAddress?: string | undefined }>(
  documents: TrustedDocuments,
  audit: RefusalAudit,
): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ request }) {
      const hash = (request.extensions?.persistedQuery as { sha256Hash?: unknown } | undefined)?.sha256Hash;
      const registered = typeof hash === 'string' ? documents.get(hash) : undefined;
      // Apollo Server checks that the text matches the hash: the manifest's does, by construction.
      if (registered) request.query = registered;
      return {
        async didResolveOperation({ queryHash }) {
          if (!documents.has(queryHash)) throw untrustedOperation({ status: 400 });
        },
        async didEncounterErrors({ errors, contextValue, request: { operationName } }) {
          const code = errors
            .map((error) => error.extensions.code)
            .find((found) => found === TRUSTED_DOCUMENT_CODES.untrusted || found === TRUSTED_DOCUMENT_CODES.unknownHash);
          if (typeof code === 'string')
            audit.record({
              caller: contextValue.caller,
              clientAddress: contextValue.clientAddress,
              code,
              operationName: operationName ?? undefined,
            });
        },
      };
    },
  };
}
