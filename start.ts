/**
 * `npm start`: the whole product in one process on the embedded default — PGlite under `.data/`,
 * the demo health network seeded on first run, the four subgraphs and the gateway on :4000.
 */
import { dataPath, readEnvironment } from '@procuregraph/platform/config';
import { defaultSubgraphPorts } from '@procuregraph/schema';
import { startProcuregraph } from '@procuregraph/runtime';
import { createLogger } from '@procuregraph/platform/logging';
import { closeOnSignal, requireDeploymentSecrets } from '@procuregraph/platform/process';
import { startTracing } from '@procuregraph/platform/tracing';

const environment = readEnvironment();
requireDeploymentSecrets(
  ['DATA_ENCRYPTION_KEY', 'INTERNAL_TOKEN_SECRET', 'VENDOR_PLATFORM_WEBHOOK_SECRET', 'ERP_WEBHOOK_SECRET'],
  environment,
);
const startedAt = Date.now();
const tracing = startTracing(environment, 'procuregraph');

const procuregraph = await startProcuregraph({
  databaseUrl: environment.DATABASE_URL,
  pgliteDirectory: environment.DATABASE_URL ? undefined : dataPath(environment.DATA_DIR, 'pglite'),
  dataDir: environment.DATA_DIR,
  ports: { gateway: environment.PORT ?? 4000, ...defaultSubgraphPorts },
  seed: true,
  // The reference systems run beside the product unless real ones are configured.
  backingSystems: environment.backingSystemsConfigured
    ? undefined
    : { ports: { erp: 4101, vendorPlatform: 4102, contractRepository: 4103 }, storageDirectory: dataPath(environment.DATA_DIR, 'systems') },
});

const adminToken = await procuregraph.tokenFor({ kind: 'staff', subject: 'dev-admin', role: 'admin' });
const url = `http://localhost:${procuregraph.gateway.port}/graphql`;
console.log(`
Procuregraph is running (started in ${((Date.now() - startedAt) / 1000).toFixed(1)} s, database: ${environment.DATABASE_URL ? 'PostgreSQL' : `PGlite in ${dataPath(environment.DATA_DIR, 'pglite')}`}).

  GraphQL (HTTP and WebSocket)  ${url}
  Health / readiness / metrics  http://localhost:${procuregraph.gateway.port}/healthz  /readyz  /metrics
  Reference ERP                 ${procuregraph.systems.erpUrl}
  Reference vendor platform     ${procuregraph.systems.vendorPlatformUrl}
  Reference contract repository ${procuregraph.systems.contractRepositoryUrl}
  Subgraphs                     ${Object.entries(procuregraph.subgraphs)
    .map(([name, server]) => `${name} ${server.graphqlUrl}`)
    .join('\n                                ')}

An admin token for this checkout (others: npm run -s token -- --role finance):

  ${adminToken}

Try:

  curl -s ${url} -H 'content-type: application/json' -H "authorization: Bearer $(npm run -s token -- --role admin)" \\
    -d '{"query":"{ suppliers(first: 3) { totalCount nodes { legalName status purchaseOrders(first: 2) { nodes { number total { amount currency } invoices(first: 2) { nodes { invoiceNumber status } } } } contracts(first: 1) { nodes { number title } } } } }"}'

Stop with Ctrl-C.
`);

closeOnSignal(
  async () => {
    await procuregraph.close();
    await tracing.shutdown();
  },
  createLogger('procuregraph'),
  environment.SHUTDOWN_DEADLINE_MS,
);
