/**
 * The gateway as its own process (`npm run start:gateway`). It serves `SUPERGRAPH_PATH` or
 * `SUPERGRAPH_URL` (default: the checked-in supergraph) and reloads it when it changes; subgraph
 * URLs come from the supergraph unless `SUBGRAPH_<NAME>_URL` says otherwise.
 */
import { readEnvironment } from '@procuregraph/platform/config';
import { closeDatabaseClient, executeSql, openDatabaseClient, createServiceDatabase } from '@procuregraph/platform/db';
import { loadDevSigningKeys, loadInternalSecret, createTokenVerifier } from '@procuregraph/platform/auth';
import { createLogger } from '@procuregraph/platform/logging';
import { closeOnSignal, requireDeploymentSecrets } from '@procuregraph/platform/process';
import { startTracing } from '@procuregraph/platform/tracing';
import { subgraphNames, supergraphPath } from '@procuregraph/schema';
import { startGateway } from './server.ts';
import type { SupergraphSource } from './supergraph-source.ts';
import type { ReadinessCheck } from './readiness.ts';
import { rateLimitsFrom } from './rate-limit.ts';
import { entityCacheFrom } from './entity-cache.ts';
import { loadTrustedDocuments } from './trusted-documents.ts';
import { createAuditLog } from '@procuregraph/platform/audit';

const environment = readEnvironment();
requireDeploymentSecrets(['INTERNAL_TOKEN_SECRET'], environment);
const logger = createLogger('gateway');
const tracing = startTracing(environment, 'procuregraph-gateway');

const supergraph: SupergraphSource = environment.SUPERGRAPH_URL
  ? { kind: 'url', url: environment.SUPERGRAPH_URL }
  : { kind: 'file', path: environment.SUPERGRAPH_PATH ?? supergraphPath };

const subgraphUrls = Object.fromEntries(
  subgraphNames.flatMap((name) => (environment.subgraphUrls[name] ? [[name, environment.subgraphUrls[name]]] : [])),
);

const verifyToken = environment.AUTH_JWKS_URL
  ? createTokenVerifier({ jwksUrl: environment.AUTH_JWKS_URL, issuer: environment.AUTH_ISSUER, audience: environment.AUTH_AUDIENCE })
  : createTokenVerifier({ devPublicKey: (await loadDevSigningKeys(environment.DATA_DIR)).publicKey });

const client = environment.DATABASE_URL ? await openDatabaseClient({ url: environment.DATABASE_URL, maxConnections: 2 }) : null;
const platformDatabase = client ? createServiceDatabase(client, 'platform', 'gateway').db : undefined;
const readinessChecks: ReadinessCheck[] = client
  ? [{ name: 'database', check: async () => void (await executeSql(client, 'select 1')) }]
  : [];

const gateway = await startGateway({
  port: environment.PORT ?? 4000,
  supergraph,
  subgraphUrls,
  verifyToken,
  internalSecret: loadInternalSecret(environment.DATA_DIR, environment.INTERNAL_TOKEN_SECRET),
  readinessChecks,
  introspection: environment.INTROSPECTION,
  corsOrigins: environment.CORS_ORIGINS,
  trustedProxies: environment.TRUSTED_PROXIES,
  rateLimits: rateLimitsFrom(environment),
  rateLimitDatabase: platformDatabase,
  trustedDocuments: environment.TRUSTED_DOCUMENTS ? loadTrustedDocuments(environment.TRUSTED_DOCUMENTS) : undefined,
  audit: client ? createAuditLog(client) : undefined,
  journeyDatabase: platformDatabase,
  entityCache: entityCacheFrom(environment, client),
  // The console signs people in at the identity provider whose tokens the gateway verifies.
  consoleSignIn:
    environment.CONSOLE_OIDC_CLIENT_ID && environment.AUTH_ISSUER
      ? {
          kind: 'oidc',
          issuer: environment.AUTH_ISSUER,
          clientId: environment.CONSOLE_OIDC_CLIENT_ID,
          scope: environment.CONSOLE_OIDC_SCOPE,
        }
      : { kind: 'none' },
});
closeOnSignal(
  async () => {
    await gateway.close();
    if (client) await closeDatabaseClient(client);
    await tracing.shutdown();
  },
  logger,
  environment.SHUTDOWN_DEADLINE_MS,
);
