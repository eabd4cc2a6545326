import express, { type Request } from 'express';
import cors from 'cors';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloGateway, type GraphQLDataSource } from '@apollo/gateway';
import { createLogger } from '@procuregraph/platform/logging';
import { metricsRegistry } from '@procuregraph/platform/metrics';
import { serverSpans } from '@procuregraph/platform/tracing';
import { listen, type RunningServer, graphqlBodyErrorHandler } from '@procuregraph/platform/http';
import { createErrorFormatter, metricsPlugin } from '@procuregraph/platform/graphql';
import { createInternalTokenSigner, type UserCaller } from '@procuregraph/platform/auth';
import { SubgraphDataSource } from './subgraph-data-source.ts';
import { EntityCache, type EntityCacheSettings, type EntityCacheStats } from './entity-cache.ts';
import type { TokenVerifier } from './authentication.ts';
import { webhookForwarding } from './webhook-forwarding.ts';
import { FILE_PATHS, fileForwarding } from './file-forwarding.ts';
import { checkReadiness, subgraphHealthCheck, type ReadinessCheck } from './readiness.ts';
import { supergraphManager, type SupergraphSource } from './supergraph-source.ts';
import { subscriptionsOverHttpRefused } from './subscriptions/over-http.ts';
import { SubscriptionPlanner } from './subscriptions/subscription-planner.ts';
import { SubscriberGroups } from './subscriptions/subscriber-groups.ts';
import { DeliverySteps } from './subscriptions/delivery-steps.ts';
import { serveGatewaySubscriptions } from './subscriptions/websocket.ts';
import { queryLimits, withQueryLimitCode } from './query-limits.ts';
import { nodeLimitPlugin } from './node-count.ts';
import { admission } from './admission.ts';
import { clientAddressOf } from './client-address.ts';
import { createRateLimiter, type RateLimitSettings } from './rate-limit.ts';
import { RefusalAudit } from './refusal-audit.ts';
import { trustedDocumentsPlugin, type TrustedDocuments } from './trusted-documents.ts';
import type { AuditLog } from '@procuregraph/platform/audit';
import { listenForEntityChanges, type Database } from '@procuregraph/platform/db';
import { domainSubgraphNames } from '@procuregraph/schema';
import { schemaDisclosurePlugin, type IntrospectionPolicy } from './schema-disclosure.ts';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { graphiql } from './web/graphiql.ts';
import { consoleRoutes, type ConsoleSignIn } from './web/console.ts';

export interface GatewayContext {
  readonly caller: UserCaller;
  /** Where the request came from; subgraphs record it in the audit log. */
  readonly clientAddress?: string | undefined;
}

export interface GatewayOptions {
  port: number;
  host?: string;
  supergraph: SupergraphSource;
  /** Where each subgraph really is, by name; the supergraph's URLs are used for the others. */
  subgraphUrls?: Readonly<Record<string, string>>;
  verifyToken: TokenVerifier;
  internalSecret: Uint8Array;
  /** Dependencies besides the subgraphs that `/readyz` checks (the database). */
  readinessChecks?: readonly ReadinessCheck[];
  supergraphPollIntervalMs?: number;
  /** Events that may wait for one slow subscriber before it is disconnected (default 100). */
  subscriptionQueueLimit?: number;
  /** Who may introspect the schema (`INTROSPECTION`; default admins only). */
  introspection?: IntrospectionPolicy;
  /** Origins whose browser pages may call `/graphql` (`CORS_ORIGINS`; default none). */
  corsOrigins?: readonly string[];
  /** Proxies whose X-Forwarded-For names the client (`TRUSTED_PROXIES`; default none). */
  trustedProxies?: readonly string[];
  /** Requests per caller and per address (`RATE_LIMIT_*`); default off. */
  rateLimits?: RateLimitSettings;
  /** Where rate-limit counters are shared with other gateway instances (PostgreSQL); in memory without it. */
  rateLimitDatabase?: Database;
  /** Safelisting: only these operations run (`TRUSTED_DOCUMENTS`); without it, automatic persisted queries. */
  trustedDocuments?: TrustedDocuments;
  /** Where refused operations are recorded. */
  audit?: AuditLog;
  /** The platform database whose journey steps record each subscription event's delivery; without it, none are. */
  journeyDatabase?: Database;
  /** How people sign in to the console at `/console` (default: no sign-in offered). */
  consoleSignIn?: ConsoleSignIn;
  /**
   * The entity cache (`ENTITY_CACHE_MB`): the database whose change announcements drop its
   * entries, and its size. Without it, every entity is fetched from its subgraph.
   */
  entityCache?: EntityCacheSettings | undefined;
}

export interface RunningGateway extends RunningServer {
  readonly graphqlUrl: string;
  /** Open subscription (WebSocket) connections from clients. */
  openWebSockets(): number;
  /** Client subscriptions, and the upstream subscriptions they share (one per caller, operation and variables). */
  subscriptions(): { subscribers: number; upstream: number };
  /** What the entity cache holds and has answered, or null when it is off. */
  entityCache(): EntityCacheStats | null;
}

const SERVICE = 'gateway';
// A GraphQL operation is small; a larger body is refused (413) before it is parsed.
const MAX_BODY_BYTES = 1024 * 1024;

// Apollo's packages report anonymous usage to Apollo by default; nothing leaves this deployment.
process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';

export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const logger = createLogger(SERVICE);
  const subgraphUrls = new Map<string, string>();
  const dataSources = new Map<string, GraphQLDataSource>();
  const signInternalToken = createInternalTokenSigner(options.internalSecret);
  const entityCache = options.entityCache ? new EntityCache(new Set(domainSubgraphNames), options.entityCache.maxBytes) : undefined;
  // Listening before the first fetch: a change committed before it cannot be missed.
  const stopHearingChanges = options.entityCache
    ? await listenForEntityChanges(
        options.entityCache.changes,
        (schema) => entityCache!.invalidate(schema),
        () => entityCache!.invalidateAll(),
      )
    : undefined;
  const gateway = new ApolloGateway({
    supergraphSdl: supergraphManager({ source: options.supergraph, logger, pollIntervalMs: options.supergraphPollIntervalMs }),
    buildService: ({ name, url }) => {
      const target = options.subgraphUrls?.[name] ?? url;
      if (!target) throw new Error(`No URL for subgraph ${name}`);
      const dataSource = new SubgraphDataSource<GatewayContext>(name, target, signInternalToken, entityCache);
      subgraphUrls.set(name, target);
      dataSources.set(name, dataSource);
      return dataSource;
    },
    logger,
  });
  // Follows the supergraph from its first load, so it must listen before the gateway starts.
  const subscriptionPlanner = new SubscriptionPlanner(gateway, logger);

  const formatError = createErrorFormatter(logger);
  const introspection = options.introspection ?? 'admin';
  const refusals = new RefusalAudit(options.audit, logger);
  const rateLimiter = createRateLimiter(
    options.rateLimits ?? { perCaller: 0, perAddress: 0, windowSeconds: 60 },
    options.rateLimitDatabase,
  );
  const guardPlugins = [nodeLimitPlugin<GatewayContext>(), refusals.plugin<GatewayContext>()];
  if (options.trustedDocuments) guardPlugins.push(trustedDocumentsPlugin<GatewayContext>(options.trustedDocuments, refusals));
  const admit = admission(options.verifyToken, rateLimiter, refusals);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    includeStacktraceInErrorResponses: false,
    formatError: (formatted, error) => withQueryLimitCode(formatError(formatted, error), error),
    // Who may introspect is decided per caller by schemaDisclosurePlugin, not by NODE_ENV.
    introspection: true,
    parseOptions: queryLimits.parseOptions,
    validationRules: queryLimits.validationRules,
    // A browser cannot send a cross-site request with an Authorization header without a CORS
    // preflight, so such requests (GET included) are safe from CSRF.
    csrfPrevention: { requestHeaders: ['authorization', 'x-apollo-operation-name', 'apollo-require-preflight'] },
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      metricsPlugin(SERVICE),
      subscriptionsOverHttpRefused(),
      schemaDisclosurePlugin(introspection),
      ...guardPlugins,
    ],
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', [...(options.trustedProxies ?? [])]);
  app.get('/healthz', (_request, response) => {
    response.json({ status: 'ok' });
  });
  app.get('/readyz', async (_request, response) => {
    const checks = [...(options.readinessChecks ?? []), ...[...subgraphUrls].map(([name, url]) => subgraphHealthCheck(name, url))];
    const report = await checkReadiness(checks);
    response.status(report.ready ? 200 : 503).json(report);
  });
  // Webhooks and files are traced as GraphQL is: the sender's trace continued to the subgraph that takes them.
  app.use(['/webhooks', ...FILE_PATHS], serverSpans(SERVICE));
  app.use(webhookForwarding(() => subgraphUrls, logger));
  app.use(fileForwarding(() => [...subgraphUrls.values()], admit, options.internalSecret, logger));
  app.get('/metrics', async (_request, response) => {
    response.type(metricsRegistry.contentType).send(await metricsRegistry.metrics());
  });
  app.use('/console', consoleRoutes(options.consoleSignIn ?? { kind: 'none' }));
  app.get('/graphql', graphiql());
  app.use(
    '/graphql',
    serverSpans(SERVICE),
    cors({
      origin: [...(options.corsOrigins ?? [])],
      methods: ['GET', 'POST'],
      allowedHeaders: ['authorization', 'content-type', 'apollo-require-preflight', 'x-apollo-operation-name'],
      maxAge: 600,
    }),
    express.json({ limit: MAX_BODY_BYTES }),
    expressMiddleware(apollo, {
      context: async ({ req }) => admit(req),
    }),
  );
  app.use(graphqlBodyErrorHandler);

  const server = await listen(app, options.port, options.host);
  const groups = new SubscriberGroups();
  const deliverySteps = new DeliverySteps({ db: options.journeyDatabase, logger });
  const subscriptions = serveGatewaySubscriptions(server.server, {
    planner: subscriptionPlanner,
    services: { url: (name) => subgraphUrls.get(name), dataSources: () => Object.fromEntries(dataSources) },
    verifyToken: options.verifyToken,
    internalSecret: options.internalSecret,
    logger,
    queueLimit: options.subscriptionQueueLimit ?? 100,
    groups,
    deliverySteps,
    introspection,
    trustedDocuments: options.trustedDocuments,
    rateLimiter,
    refusals,
    // Express's own way with every request: its prototype reads the client's address through the trusted proxies.
    clientAddress: (request) => clientAddressOf(Object.setPrototypeOf(request, app.request) as Request),
  });
  logger.info({ url: `${server.url}/graphql` }, 'gateway listening');
  return {
    ...server,
    graphqlUrl: `${server.url}/graphql`,
    openWebSockets: () => subscriptions.connectionCount,
    subscriptions: () => ({ subscribers: groups.subscriberCount, upstream: groups.groupCount }),
    entityCache: () => entityCache?.stats() ?? null,
    close: async () => {
      // Upgraded sockets keep an HTTP server open, so they close first; closing a client's
      // socket ends its subscriptions, and with them the subgraph subscriptions behind them.
      await subscriptions.close();
      await deliverySteps.flush();
      await server.close();
      subscriptionPlanner.close();
      await apollo.stop();
      await stopHearingChanges?.();
    },
  };
}
