import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { supergraphPath } from '@procuregraph/schema';
import { startTestGraph, until, type TestGraph } from '../harness.ts';

let graph: TestGraph;
let directory: string;
let servedSupergraph: string;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'procuregraph-supergraph-'));
  servedSupergraph = join(directory, 'supergraph.graphql');
  await copyFile(supergraphPath, servedSupergraph);
  graph = await startTestGraph({ seed: false, supergraph: { kind: 'file', path: servedSupergraph }, supergraphPollIntervalMs: 50 });
});

afterAll(async () => {
  await graph?.close();
  await rm(directory, { recursive: true, force: true });
});

describe('the gateway reloads its supergraph', () => {
  const dbaQuery = `{ suppliers(first: 1) { nodes { dbaName } } }`;

  it('serves a changed supergraph without dropping requests in flight, and keeps the old one when the new one is broken', async () => {
    expect((await graph.query(dbaQuery)).errors).toBeUndefined();

    let stop = false;
    const statuses: number[] = [];
    const traffic = (async () => {
      while (!stop) {
        const responses = await Promise.all(Array.from({ length: 5 }, () => graph.query(`{ suppliers { totalCount } }`)));
        statuses.push(...responses.map((response) => response.status));
      }
    })();

    try {
      const original = await readFile(servedSupergraph, 'utf8');
      await writeFile(servedSupergraph, original.replace(/(type Supplier[^{]*\{[^}]*?)\n\s+dbaName: String[^\n]*/, '$1'));
      await until(
        async () => (await graph.query(dbaQuery)).errors?.[0]?.extensions?.code === 'GRAPHQL_VALIDATION_FAILED',
        10_000,
        'the new supergraph served',
      );

      await writeFile(servedSupergraph, 'this is not a supergraph');
      // A rejected supergraph is only logged, nothing to wait for: the traffic runs over several 50 ms polls.
      await new Promise((resolve) => setTimeout(resolve, 300));
    } finally {
      stop = true;
      await traffic;
    }

    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set([200]));
    const stillServing = await graph.query(`{ suppliers { totalCount } }`);
    expect(stillServing).toMatchObject({ status: 200, data: { suppliers: { totalCount: 0 } } });
  });
});

describe('the gateway follows a supergraph served over HTTP', () => {
  it('loads it from SUPERGRAPH_URL and picks up a new version', async () => {
    let served = await readFile(supergraphPath, 'utf8');
    const registry = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/plain' }).end(served));
    await new Promise<void>((resolve) => registry.listen(0, '127.0.0.1', () => resolve()));
    const url = `http://127.0.0.1:${(registry.address() as AddressInfo).port}/supergraph.graphql`;
    const fromUrl = await startTestGraph({ seed: false, supergraph: { kind: 'url', url }, supergraphPollIntervalMs: 50 });
    try {
      const dbaQuery = `{ suppliers(first: 1) { nodes { dbaName } } }`;
      expect((await fromUrl.query(dbaQuery)).errors).toBeUndefined();
      served = served.replace(/(type Supplier[^{]*\{[^}]*?)\n\s+dbaName: String[^\n]*/, '$1');
      await until(
        async () => (await fromUrl.query(dbaQuery)).errors?.[0]?.extensions?.code === 'GRAPHQL_VALIDATION_FAILED',
        10_000,
        'the new supergraph served',
      );
    } finally {
      await fromUrl.close();
      await new Promise((resolve) => registry.close(resolve));
    }
  });
});

describe('readiness', () => {
  it('turns 503 and names the subgraph that stopped answering', async () => {
    expect((await fetch(`${graph.baseUrl}/readyz`)).status).toBe(200);
    await graph.app.subgraphs.contracts.close();
    const response = await fetch(`${graph.baseUrl}/readyz`);
    expect(response.status).toBe(503);
    const report = (await response.json()) as { ready: boolean; checks: Record<string, string> };
    expect(report.ready).toBe(false);
    expect(report.checks['subgraph:contracts']).not.toBe('ok');
    expect(report.checks['subgraph:suppliers']).toBe('ok');
    expect((await fetch(`${graph.baseUrl}/healthz`)).status).toBe(200);
  });
});
