import { closeDatabaseClient, executeSql, openDatabaseClient, type DatabaseClient } from '@procuregraph/platform/db/client';
import { createServiceDatabase, type ServiceDatabase } from '@procuregraph/platform/db/database';
import { startSubgraphServer, type RunningSubgraph } from '@procuregraph/platform/graphql/subgraph-server';
import { loadDevSigningKeys, loadInternalSecret } from '@procuregraph/platform/auth/keys';
import { createTokenVerifier, signDevToken, type UserCaller } from '@procuregraph/platform/auth/tokens';
import { loadFieldCipher } from '@procuregraph/platform/crypto/field-encryption';
import { createLogger } from '@procuregraph/platform/logging';
import { startGateway, type RunningGateway } from '@procuregraph/gateway/server';
import { subgraphNames, type SubgraphName } from '@procuregraph/schema/subgraphs';
import { supergraphPath } from '@procuregraph/schema/compose';
import { subgraphModules } from './subgraph-modules.ts';
import { seedDemoNetwork } from './demo-seed.ts';

export interface ProcuregraphOptions {
  /** PostgreSQL URL; without it, PGlite (in `pgliteDirectory`, or in memory when that is unset). */
  databaseUrl?: string | undefined;
  pgliteDirectory?: string | undefined;
  /** Where keys are kept (and generated at first start). */
  dataDir: string;
  /** 0 picks a free port (tests run side by side). */
  ports: { gateway: number } & Record<SubgraphName, number>;
  /** Load the demo health network into an empty database. */
  seed: boolean;
  host?: string;
}

export interface RunningProcuregraph {
  readonly gateway: RunningGateway;
  readonly subgraphs: Readonly<Record<SubgraphName, RunningSubgraph>>;
  readonly client: DatabaseClient;
  readonly databases: Readonly<Record<SubgraphName, ServiceDatabase>>;
  /** A development token for a caller, valid against this instance. */
  tokenFor(caller: UserCaller): Promise<string>;
  close(): Promise<void>;
}

const logger = createLogger('procuregraph');

/**
 * Runs the whole product in one process: one database connection shared by the four subgraphs
 * (each in its own schema, migrated on start), their servers, and the gateway in front of them.
 * `npm start`, the end-to-end tests and the benchmarks all start it this way.
 */
export async function startProcuregraph(options: ProcuregraphOptions): Promise<RunningProcuregraph> {
  const client = await openDatabaseClient({ url: options.databaseUrl, pgliteDirectory: options.pgliteDirectory });
  const started: { close(): Promise<void> }[] = [];
  try {
    const databases = Object.fromEntries(subgraphNames.map((name) => [name, createServiceDatabase(client, name)])) as Record<SubgraphName, ServiceDatabase>;
    for (const name of subgraphNames) await databases[name].migrate(subgraphModules[name].migrationsFolder);
    if (options.seed) await seedDemoNetwork(databases, loadFieldCipher({ dataDir: options.dataDir, keyFromEnvironment: process.env.DATA_ENCRYPTION_KEY }), logger);

    const internalSecret = loadInternalSecret(options.dataDir);
    const subgraphs = {} as Record<SubgraphName, RunningSubgraph>;
    for (const name of subgraphNames) {
      subgraphs[name] = await startSubgraphServer({
        definition: subgraphModules[name].definition(databases[name].db),
        port: options.ports[name],
        host: options.host,
        internalSecret,
      });
      started.push(subgraphs[name]);
    }

    const devKeys = await loadDevSigningKeys(options.dataDir);
    const gateway = await startGateway({
      port: options.ports.gateway,
      host: options.host,
      supergraph: { kind: 'file', path: supergraphPath },
      subgraphUrls: Object.fromEntries(subgraphNames.map((name) => [name, subgraphs[name].graphqlUrl])),
      verifyToken: createTokenVerifier({ devPublicKey: devKeys.publicKey }),
      internalSecret,
      readinessChecks: [{ name: 'database', check: async () => void (await executeSql(client, 'select 1')) }],
    });
    started.push(gateway);

    return {
      gateway,
      subgraphs,
      client,
      databases,
      tokenFor: (caller) => signDevToken(devKeys, caller),
      close: async () => {
        for (const service of started.reverse()) await service.close();
        await closeDatabaseClient(client);
      },
    };
  } catch (error) {
    for (const service of started.reverse()) await service.close();
    await closeDatabaseClient(client);
    throw error;
  }
}
