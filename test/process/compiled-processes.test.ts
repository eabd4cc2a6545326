/**
 * The production build: `npm run build`, then a subgraph and the gateway as compiled processes run
 * with plain `node` (as the start:* scripts run them) on PostgreSQL, beside an in-process graph on
 * the same database. Both gateways must answer alike; SIGTERM must stop each process cleanly.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repositoryRoot } from '@procuregraph/platform/config';
import { subgraphNames } from '@procuregraph/schema';
import { admin, deploymentSecretsOf, eventually, startTestGraph, type TestGraph } from '../harness.ts';
import { runProcess, type RunningProcess } from './running-process.ts';

const query = '{ suppliers(first: 3) { totalCount nodes { legalName purchaseOrders(first: 1) { totalCount } } } }';

describe.skipIf(!process.env.DATABASE_URL)('compiled processes (npm run build)', () => {
  let graph: TestGraph;
  const processes: RunningProcess[] = [];

  beforeAll(async () => {
    execFileSync(process.execPath, ['--import', 'tsx', join('runtime', 'build.ts')], { cwd: repositoryRoot, stdio: 'ignore' });
    graph = await startTestGraph();
  });

  afterAll(async () => {
    for (const running of processes) running.kill();
    await graph?.close();
  });

  it('serve the same graph as the in-process runtime and stop cleanly on SIGTERM', { timeout: 180_000 }, async () => {
    const common = {
      DATABASE_URL: (graph.app.client as { url: string }).url,
      DATA_DIR: graph.dataDir,
      PORT: '0',
      ...(await deploymentSecretsOf(graph)),
    };
    const suppliers = runProcess(process.execPath, [join('dist', 'subgraph-process.js'), 'suppliers'], common);
    processes.push(suppliers);
    const [, suppliersUrl] = await suppliers.waitFor(/"url":"(http:[^"]+\/graphql)","msg":"subgraph listening"/, 90_000);
    const subgraphUrls = Object.fromEntries(
      subgraphNames.map((name) => [
        `SUBGRAPH_${name.toUpperCase()}_URL`,
        name === 'suppliers' ? suppliersUrl : graph.app.subgraphs[name].graphqlUrl,
      ]),
    );
    const gateway = runProcess(process.execPath, [join('dist', 'gateway.js')], { ...common, ...subgraphUrls });
    processes.push(gateway);
    const [, gatewayUrl] = await gateway.waitFor(/"url":"(http:[^"]+)\/graphql","msg":"gateway listening"/, 90_000);
    await eventually(async () => ((await fetch(`${gatewayUrl}/readyz`)).ok ? true : undefined), 30_000, 200, 'compiled gateway ready');

    const response = await fetch(`${gatewayUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await graph.tokenFor(admin)}` },
      body: JSON.stringify({ query }),
    });
    const compiled = await response.json();
    const inProcess = await graph.query(query);
    expect(compiled).toEqual({ data: inProcess.data });
    expect((compiled as { data: { suppliers: { totalCount: number } } }).data.suppliers.totalCount).toBe(60);

    for (const running of [gateway, suppliers]) {
      const exit = await running.stop('SIGTERM');
      expect(exit).toMatchObject({ code: 0, signal: null });
      expect(running.output()).toMatch(/"msg":"stopped cleanly"/);
    }
  });
});
