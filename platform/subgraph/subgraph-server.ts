import express from 'express';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/index.js';
import type { DocumentNode } from 'graphql';
import { CALLER_HEADER, createInternalTokenVerifier, type UserCaller } from '../auth/tokens.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import { auditPlugin } from '../audit/audit-plugin.ts';
import { auditSensitiveFields } from '../audit/sensitive-fields.ts';
import { createLogger } from '../logging.ts';
import { metricsRegistry } from '../metrics.ts';
import { listen, type RunningServer } from '../http/server.ts';
import { graphqlBodyErrorHandler } from '../http/json-errors.ts';
import { webhookRouter, type WebhookSubscription } from '../inbound/webhook-router.ts';
import { enforceRoleDirectives } from './authorization-directive.ts';
import { createErrorFormatter } from '../graphql/error-formatting.ts';
import { graphqlError } from '../graphql/errors.ts';
import { metricsPlugin } from '../graphql/metrics-plugin.ts';
import { uncacheableResponses } from '../graphql/uncacheable-responses.ts';
import { serveSubgraphSubscriptions } from './subgraph-subscriptions.ts';
import { fileRouter, type FileRoute } from './file-routes.ts';
import { serverSpans } from '../tracing/server-spans.ts';

/** What every subgraph's request context carries. */
export interface SubgraphContext {
  readonly caller: UserCaller;
}

/** What a subgraph is: its schema, its resolvers, and how it builds a request's context. */
export interface SubgraphDefinition<Context extends SubgraphContext> {
  readonly name: string;
  readonly typeDefs: DocumentNode;
  readonly resolvers: object;
  createContext(caller: UserCaller): Context;
  /** The backing systems' webhook event types it handles, served at `POST /webhooks/<system>`. */
  readonly webhooks?: readonly WebhookSubscription[];
  /** Whole files it takes (X12 interchanges, CSVs), served at their `POST` paths; the gateway forwards them. */
  readonly fileRoutes?: readonly FileRoute[];
  /** Fields (`Type.field`) whose every read is recorded in the audit log, e.g. bank details. */
  readonly sensitiveFields?: readonly string[];
}

export interface SubgraphServerOptions<Context extends SubgraphContext> {
  definition: SubgraphDefinition<Context>;
  port: number;
  host?: string;
  /** The secret the gateway signs forwarded identities with. */
  internalSecret: Uint8Array;
  /** Where every mutation and every read of a sensitive field is recorded. */
  audit: AuditLog;
  /** Whether to serve `/metrics` (a subgraph run alone; in one process the gateway serves it). */
  serveMetrics?: boolean;
}

export interface RunningSubgraph extends RunningServer {
  readonly graphqlUrl: string;
  /** Open subscription (WebSocket) connections from gateways. */
  openWebSockets(): number;
}

/** Serves GraphQL over HTTP (queries, mutations, the gateway's entity fetches) and subscriptions over WebSocket, on one port. */
export async function startSubgraphServer<Context extends SubgraphContext>(
  options: SubgraphServerOptions<Context>,
): Promise<RunningSubgraph> {
  const { definition } = options;
  const logger = createLogger(definition.name);
  const schema = auditSensitiveFields(
    enforceRoleDirectives(
      buildSubgraphSchema({ typeDefs: definition.typeDefs, resolvers: definition.resolvers as GraphQLResolverMap<unknown> }),
    ),
    definition.sensitiveFields ?? [],
  );
  const audit = { service: definition.name, log: options.audit, logger };
  const apollo = new ApolloServer<Context>({
    schema,
    includeStacktraceInErrorResponses: false,
    formatError: createErrorFormatter(logger),
    // Inline traces feed Apollo Studio, which this deployment does not use; they cost time per field.
    // So does cache control's per-field hint: no field has a hint, so every answer is `no-store`.
    plugins: [
      auditPlugin(audit),
      metricsPlugin(definition.name),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      uncacheableResponses(),
    ],
  });
  await apollo.start();

  const verifyCaller = createInternalTokenVerifier(options.internalSecret);
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_request, response) => {
    response.json({ status: 'ok', service: definition.name });
  });
  if (options.serveMetrics) {
    app.get('/metrics', async (_request, response) => {
      response.type(metricsRegistry.contentType).send(await metricsRegistry.metrics());
    });
  }
  // A server span per delivery and per file posted, continuing the sender's trace when it sent one.
  if (definition.webhooks) app.use('/webhooks', serverSpans(definition.name));
  if (definition.webhooks) app.use(webhookRouter(definition.webhooks, logger));
  if (definition.fileRoutes)
    app.use(
      definition.fileRoutes.map((route) => route.path),
      serverSpans(definition.name),
    );
  if (definition.fileRoutes) app.use(fileRouter(definition.fileRoutes, options.internalSecret, logger));
  app.use(
    '/graphql',
    serverSpans(definition.name),
    express.json({ limit: '2mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const token = req.header(CALLER_HEADER);
        const caller = token ? await verifyCaller(token) : null;
        if (!caller) {
          throw graphqlError('UNAUTHENTICATED', 'Subgraphs accept only requests forwarded by the gateway', { http: { status: 401 } });
        }
        return definition.createContext(caller);
      },
    }),
  );
  app.use(graphqlBodyErrorHandler);

  const server = await listen(app, options.port, options.host);
  const subscriptions = serveSubgraphSubscriptions(server.server, {
    schema,
    createContext: (caller) => definition.createContext(caller),
    verifyCaller,
    logger,
    audit,
  });
  logger.info({ url: `${server.url}/graphql` }, 'subgraph listening');
  return {
    ...server,
    graphqlUrl: `${server.url}/graphql`,
    openWebSockets: () => subscriptions.connectionCount,
    close: async () => {
      // Upgraded sockets keep an HTTP server open, so they close first.
      await subscriptions.close();
      await server.close();
      await apollo.stop();
    },
  };
}
