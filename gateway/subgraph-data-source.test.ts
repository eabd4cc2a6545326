import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CALLER_HEADER, type UserCaller, type VerificationResult } from '@procuregraph/platform/auth';
import { subgraphNames, supergraphPath } from '@procuregraph/schema';
import { startGateway, type RunningGateway } from './server.ts';

/**
 * The gateway's subgraph fetches, against a stand-in suppliers subgraph that answers after 100 ms
 * (so requests sent together overlap) with how many requests it had received by then: requests
 * that shared one fetch get the same figure.
 */
const callers: Record<string, UserCaller> = {
  alice: { kind: 'staff', subject: 'alice', role: 'procurement' },
  bob: { kind: 'staff', subject: 'bob', role: 'procurement' },
};
const received: { query: string; caller: string | undefined }[] = [];
let subgraph: Server;
let gateway: RunningGateway;

async function readBody(request: IncomingMessage): Promise<{ query: string }> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString()) as { query: string };
}

function answerFor(query: string, count: number) {
  return query.startsWith('mutation')
    ? { data: { approveSupplier: { userErrors: [{ code: `ANSWER_${count}` }] } } }
    : { data: { suppliers: { totalCount: count } } };
}

beforeAll(async () => {
  subgraph = createServer(async (request, response) => {
    const { query } = await readBody(request);
    received.push({ query, caller: request.headers[CALLER_HEADER] as string | undefined });
    const count = received.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify(answerFor(query, count)));
  });
  await new Promise<void>((resolve) => subgraph.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(subgraph.address() as AddressInfo).port}/graphql`;
  gateway = await startGateway({
    port: 0,
    host: '127.0.0.1',
    supergraph: { kind: 'file', path: supergraphPath },
    subgraphUrls: Object.fromEntries(subgraphNames.map((name) => [name, url])),
    // The callers' tokens are their names: this test is about fetches, not token checks.
    verifyToken: async (token): Promise<VerificationResult> => {
      const caller = callers[token];
      return caller ? { ok: true, caller } : { ok: false, reason: 'unknown' };
    },
    internalSecret: randomBytes(32),
  });
});

afterAll(async () => {
  await gateway?.close();
  subgraph?.closeAllConnections();
  await new Promise((resolve) => subgraph?.close(resolve));
});

beforeEach(() => {
  received.length = 0;
});

async function send(caller: string, query: string, variables: Record<string, unknown> = {}): Promise<unknown> {
  const response = await fetch(gateway.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${caller}` },
    body: JSON.stringify({ query, variables }),
  });
  return response.json();
}

const COUNT = 'query CountSuppliers($first: Int) { suppliers(first: $first) { totalCount } }';
const APPROVE = 'mutation ApproveOne { approveSupplier(id: "s-1") { userErrors { code } } }';

describe('subgraph fetches', () => {
  it('share one request among identical queries of one caller in flight together', async () => {
    const answers = await Promise.all(Array.from({ length: 5 }, () => send('alice', COUNT, { first: 5 })));
    expect(received).toHaveLength(1);
    expect(answers).toEqual(Array.from({ length: 5 }, () => ({ data: { suppliers: { totalCount: 1 } } })));
  });

  it('never share between two callers, each forwarded as itself', async () => {
    const answers = await Promise.all([send('alice', COUNT, { first: 5 }), send('bob', COUNT, { first: 5 })]);
    expect(received).toHaveLength(2);
    expect(new Set(received.map((request) => request.caller)).size).toBe(2);
    expect(answers).toContainEqual({ data: { suppliers: { totalCount: 1 } } });
    expect(answers).toContainEqual({ data: { suppliers: { totalCount: 2 } } });
  });

  it('never share queries whose variables differ', async () => {
    await Promise.all([send('alice', COUNT, { first: 5 }), send('alice', COUNT, { first: 6 })]);
    expect(received).toHaveLength(2);
  });

  it('never share mutations', async () => {
    const answers = await Promise.all(Array.from({ length: 3 }, () => send('alice', APPROVE)));
    expect(received).toHaveLength(3);
    const codes = answers.map((answer) => (answer as { data: { approveSupplier: { userErrors: { code: string }[] } } }).data);
    expect(new Set(codes.map((data) => data.approveSupplier.userErrors[0]?.code))).toEqual(new Set(['ANSWER_1', 'ANSWER_2', 'ANSWER_3']));
  });

  it('keep nothing once a fetch completes', async () => {
    expect(await send('alice', COUNT, { first: 5 })).toEqual({ data: { suppliers: { totalCount: 1 } } });
    expect(await send('alice', COUNT, { first: 5 })).toEqual({ data: { suppliers: { totalCount: 2 } } });
  });

  it('reuse one internal token per caller rather than signing one per fetch', async () => {
    await send('alice', COUNT, { first: 1 });
    await send('alice', COUNT, { first: 2 });
    await send('bob', COUNT, { first: 1 });
    const [first, second, third] = received.map((request) => request.caller);
    expect(first).toBeDefined();
    expect(second).toBe(first);
    expect(third).not.toBe(first);
  });
});
