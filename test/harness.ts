import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { startProcuregraph, type RunningProcuregraph } from '@procuregraph/runtime/procuregraph';
import type { UserCaller } from '@procuregraph/platform/auth/tokens';

export interface GraphQLResponse<Data = Record<string, any>> {
  status: number;
  data?: Data | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface TestGraph {
  readonly app: RunningProcuregraph;
  readonly graphqlUrl: string;
  readonly baseUrl: string;
  /** Sends an operation through the gateway over real HTTP as the given caller (admin by default). */
  query<Data = Record<string, any>>(document: string, variables?: Record<string, unknown>, caller?: UserCaller | null): Promise<GraphQLResponse<Data>>;
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

export async function startTestGraph(options: { seed?: boolean } = {}): Promise<TestGraph> {
  const dataDir = await mkdtemp(join(tmpdir(), 'procuregraph-test-'));
  const database = await freshDatabase();
  const app = await startProcuregraph({
    databaseUrl: database.url,
    dataDir,
    ports: { gateway: 0, suppliers: 0, procurement: 0, invoicing: 0, contracts: 0 },
    seed: options.seed ?? true,
    host: '127.0.0.1',
  });
  const graphqlUrl = `http://127.0.0.1:${app.gateway.port}/graphql`;
  return {
    app,
    graphqlUrl,
    baseUrl: `http://127.0.0.1:${app.gateway.port}`,
    tokenFor: (caller) => app.tokenFor(caller),
    async query(document, variables, caller = admin) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (caller) headers.authorization = `Bearer ${await app.tokenFor(caller)}`;
      const response = await fetch(graphqlUrl, { method: 'POST', headers, body: JSON.stringify({ query: document, variables }) });
      return { status: response.status, ...((await response.json()) as object) };
    },
    async close() {
      await app.close();
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
