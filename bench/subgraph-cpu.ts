/**
 * The suppliers subgraph's own CPU per request, measured alone (not the whole bench): the product
 * in this process on DATABASE_URL (PostgreSQL keeps the database's CPU out of the figure; without
 * it PGlite runs in this process and its CPU counts too), seeded with the demo world; N sequential
 * page-of-50 requests straight to the suppliers subgraph with a gateway-signed internal token;
 * `process.cpuUsage()` over the window ÷ N, repeated, the median reported.
 *
 *   tsx bench/subgraph-cpu.ts [requests=2000] [repeats=3]
 *   node --cpu-prof --import tsx bench/subgraph-cpu.ts   (a profile of the same run)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadInternalSecret, signInternalToken, CALLER_HEADER } from '@procuregraph/platform/auth';
import { startProcuregraph } from '@procuregraph/runtime';
import { subgraphNames, type SubgraphName } from '@procuregraph/schema';
import { benchAdmin } from './config.ts';
import { operationBody } from './operations.ts';
import { percentile } from './stats.ts';

const requests = Number(process.argv[2] ?? 2000);
const repeats = Number(process.argv[3] ?? 3);
const warmup = 200;

const dataDir = await mkdtemp(join(tmpdir(), 'procuregraph-subgraph-cpu-'));
const app = await startProcuregraph({
  databaseUrl: process.env.DATABASE_URL,
  dataDir,
  ports: { gateway: 0, ...(Object.fromEntries(subgraphNames.map((name) => [name, 0])) as Record<SubgraphName, number>) },
  seed: true,
  host: '127.0.0.1',
});
try {
  const url = app.subgraphs.suppliers.graphqlUrl;
  const body = operationBody('suppliersPage', 50, '');
  // A token lives 60 s, and a loaded machine may take longer for a repeat: sign anew every 20 s,
  // as the gateway reuses its signed token for part of its life.
  const secret = loadInternalSecret(dataDir);
  let token = { value: '', signedAt: 0 };
  const headers = async () => {
    if (performance.now() - token.signedAt > 20_000)
      token = { value: await signInternalToken(secret, benchAdmin), signedAt: performance.now() };
    return { 'content-type': 'application/json', [CALLER_HEADER]: token.value };
  };
  const send = async (count: number) => {
    for (let index = 0; index < count; index += 1) {
      const response = await fetch(url, { method: 'POST', headers: await headers(), body });
      const result = (await response.json()) as { data?: { suppliers?: { nodes: unknown[] } }; errors?: unknown };
      if (!result.data?.suppliers || result.errors) throw new Error(`unexpected answer: ${JSON.stringify(result).slice(0, 300)}`);
    }
  };
  await send(warmup);
  const figures: number[] = [];
  for (let repeat = 0; repeat < repeats; repeat += 1) {
    const started = performance.now();
    const before = process.cpuUsage();
    await send(requests);
    const used = process.cpuUsage(before);
    const seconds = (performance.now() - started) / 1000;
    const perRequest = (used.user + used.system) / 1000 / requests;
    figures.push(perRequest);
    console.log(
      `repeat ${repeat + 1}: ${perRequest.toFixed(3)} CPU ms/request (user ${(used.user / 1000 / requests).toFixed(3)}, ` +
        `system ${(used.system / 1000 / requests).toFixed(3)}), ${(requests / seconds).toFixed(1)} req/s`,
    );
  }
  console.log(`median: ${percentile(figures, 50).toFixed(3)} CPU ms/request over ${requests} requests × ${repeats}`);
} finally {
  await app.close();
  await rm(dataDir, { recursive: true, force: true });
}
