import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import postgres from 'postgres';
import { startProcuregraph, type ProcuregraphOptions, type RunningProcuregraph } from '@procuregraph/runtime';
import { createTokenVerifier, loadDevSigningKeys, loadInternalSecret, type UserCaller } from '@procuregraph/platform/auth';
import { executeSql } from '@procuregraph/platform/db';
import { startGateway, type GatewayOptions, type RunningGateway } from '@procuregraph/gateway';
import { domainSubgraphNames, subgraphNames, supergraphPath, type DomainSubgraphName, type SubgraphName } from '@procuregraph/schema';

export interface GraphQLResponse<Data> {
  status: number;
  data?: Data | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface TestGraph {
  readonly app: RunningProcuregraph;
  /** Where this graph's keys are: another service started against it needs the same ones. */
  readonly dataDir: string;
  readonly graphqlUrl: string;
  readonly baseUrl: string;
  /**
   * Sends an operation through the gateway over real HTTP as the given caller (admin by default).
   * A typed document (`graphql(…)` from `./generated/gql.ts`) types the result and variables; a
   * string is for what the schema does not allow (forbidden fields, limits, malformed input) or
   * what is built at run time, with the shape of data the test expects (none, by default).
   */
  query<Data, Variables>(
    document: TypedDocumentNode<Data, Variables>,
    variables?: Variables,
    caller?: UserCaller | null,
  ): Promise<GraphQLResponse<Data>>;
  query<Data = never>(document: string, variables?: Record<string, unknown>, caller?: UserCaller | null): Promise<GraphQLResponse<Data>>;
  tokenFor(caller: UserCaller): Promise<string>;
  close(): Promise<void>;
}

export const admin: UserCaller = { kind: 'staff', subject: 'test-admin', role: 'admin' };

/**
 * A fresh database for one test file: a new database on the server named by DATABASE_URL
 * (dropped afterwards), or an in-memory PGlite when it is unset.
 */
async function freshDatabase(): Promise<{ url: string | undefined; drop(): Promise<void> }> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return { url: undefined, drop: async () => {} };
  const name = `procuregraph_test_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const cleanup = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

export async function startTestGraph(
  options: Partial<
    Pick<
      ProcuregraphOptions,
      | 'seed'
      | 'supergraph'
      | 'supergraphPollIntervalMs'
      | 'introspection'
      | 'corsOrigins'
      | 'rateLimits'
      | 'trustedDocuments'
      | 'businessClock'
      | 'identityProvider'
      | 'erpFeedPollIntervalMs'
    >
  > = {},
): Promise<TestGraph> {
  const dataDir = await mkdtemp(join(tmpdir(), 'procuregraph-test-'));
  const database = await freshDatabase();
  const app = await startProcuregraph({
    databaseUrl: database.url,
    dataDir,
    ports: { gateway: 0, ...(Object.fromEntries(subgraphNames.map((name) => [name, 0])) as Record<SubgraphName, number>) },
    seed: options.seed ?? true,
    backingSystems: { ports: { erp: 0, vendorPlatform: 0, contractRepository: 0 }, webhookRetryDelaysMs: [100, 200, 400, 800] },
    host: '127.0.0.1',
    supergraph: options.supergraph,
    supergraphPollIntervalMs: options.supergraphPollIntervalMs,
    introspection: options.introspection,
    corsOrigins: options.corsOrigins,
    rateLimits: options.rateLimits,
    trustedDocuments: options.trustedDocuments,
    businessClock: options.businessClock,
    identityProvider: options.identityProvider,
    erpFeedPollIntervalMs: options.erpFeedPollIntervalMs,
  });
  const graphqlUrl = `http://127.0.0.1:${app.gateway.port}/graphql`;
  return {
    app,
    dataDir,
    graphqlUrl,
    baseUrl: `http://127.0.0.1:${app.gateway.port}`,
    tokenFor: (caller) => app.tokenFor(caller),
    async query(document: TypedDocumentNode | string, variables?: unknown, caller: UserCaller | null = admin) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (caller) headers.authorization = `Bearer ${await app.tokenFor(caller)}`;
      const query = typeof document === 'string' ? document : print(document);
      const response = await fetch(graphqlUrl, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
      return { status: response.status, ...((await response.json()) as object) };
    },
    async close() {
      await app.close();
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Another gateway in front of the test graph's subgraphs (or of `options.subgraphUrls` where
 * given), as a deployment's further instance would run; the test closes it.
 */
export async function anotherGateway(graph: TestGraph, options: Partial<GatewayOptions> = {}): Promise<RunningGateway> {
  return startGateway({
    port: 0,
    host: '127.0.0.1',
    supergraph: { kind: 'file', path: supergraphPath },
    verifyToken: createTokenVerifier({ devPublicKey: (await loadDevSigningKeys(graph.dataDir)).publicKey }),
    internalSecret: loadInternalSecret(graph.dataDir),
    ...options,
    subgraphUrls: {
      ...Object.fromEntries(subgraphNames.map((name) => [name, graph.app.subgraphs[name].graphqlUrl])),
      ...options.subgraphUrls,
    },
  });
}

/**
 * The secrets a separate process needs on PostgreSQL (production-secrets.ts refuses to start
 * without them): the ones the test graph generated under its data directory, so the processes
 * decrypt, sign and verify as the graph does.
 */
export async function deploymentSecretsOf(graph: TestGraph): Promise<Record<string, string>> {
  const secret = async (file: string) => (await readFile(join(graph.dataDir, 'keys', file), 'utf8')).trim();
  return {
    DATA_ENCRYPTION_KEY: await secret('data-encryption.key'),
    INTERNAL_TOKEN_SECRET: await secret('internal-token.secret'),
    VENDOR_PLATFORM_WEBHOOK_SECRET: await secret('vendor-platform-webhook.secret'),
    ERP_WEBHOOK_SECRET: await secret('erp-webhook.secret'),
  };
}

/** The value of one Prometheus counter sample, e.g. db_queries_total{service="suppliers"}. */
export async function readCounter(baseUrl: string, name: string, labels: Record<string, string>): Promise<number> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const selector = `${name}{${Object.entries(labels)
    .map(([key, value]) => `${key}="${value}"`)
    .join(',')}}`;
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${selector} `));
  return line ? Number(line.slice(selector.length + 1)) : 0;
}

/** Polls until `probe` returns a value (not undefined), or fails after the timeout. */
export async function eventually<Value>(
  probe: () => Promise<Value | undefined>,
  timeoutMs = 30_000,
  intervalMs = 200,
  what = 'condition',
): Promise<Value> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what} not reached within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Resolves when `condition` holds, polling; fails after `timeoutMs`. */
export async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  await eventually(async () => ((await condition()) ? true : undefined), timeoutMs, 20, what);
}

/**
 * Resolves once the event bus has more listeners than `before`, read just before a subscription
 * was opened: from then on that subscription hears every event.
 */
export async function listening(app: RunningProcuregraph, before: number): Promise<void> {
  await until(() => app.events.subscriberCount > before, 10_000, 'subscription listening');
}

/**
 * Waits until what was committed has propagated: every subgraph's outbox relayed, and the given
 * subgraphs' queued and running jobs (event projections, syncs) done; jobs waiting to retry a
 * failing system are not waited for. Read-your-writes across subgraphs is eventual;
 * tests that need the other side to know something wait for this instead of guessing a delay.
 */
export async function settled(app: RunningProcuregraph, subgraphs: readonly DomainSubgraphName[], timeoutMs = 30_000): Promise<void> {
  const pending = async () => {
    for (const name of domainSubgraphNames) {
      const [row] = await executeSql<{ pending: number }>(
        app.client,
        `select count(*)::int as pending from ${name}.outbox where dispatched_at is null`,
      );
      if ((row?.pending ?? 0) > 0) return true;
    }
    for (const name of subgraphs) {
      for (const state of ['created', 'active'] as const) {
        if ((await (await app.workers[name].jobs.listJobs({ state, first: 0 })).totalCount()) > 0) return true;
      }
    }
    return false;
  };
  await until(async () => !(await pending()), timeoutMs, `outboxes relayed and ${subgraphs.join(', ')} jobs done`);
}
