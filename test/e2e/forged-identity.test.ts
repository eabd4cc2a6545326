import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { loadInternalSecret, CALLER_HEADER, signInternalToken, type UserCaller } from '@procuregraph/platform/auth';
import { subgraphNames } from '@procuregraph/schema';
import { admin, startTestGraph, type TestGraph } from '../harness.ts';
import { webSocketUrl } from '../subscriber.ts';

/**
 * Subgraphs believe an identity only from the gateway's short-lived signed token: a request sent
 * straight to a subgraph, over HTTP or WebSocket, with no token, a token signed with another
 * secret, an expired one, or a user's own JWT, is refused. Each case has a control: the same
 * request with a valid gateway token is accepted, so a refusal is not an accident of the request.
 */
let graph: TestGraph;
let secret: Uint8Array;

beforeAll(async () => {
  graph = await startTestGraph({ seed: false });
  secret = loadInternalSecret(graph.dataDir);
});

afterAll(async () => {
  await graph?.close();
});

/** A gateway token that expired five minutes ago, otherwise exactly what the gateway signs. */
function expiredToken(caller: UserCaller): Promise<string> {
  const issuedAt = Math.floor(Date.now() / 1000) - 360;
  return new SignJWT({ sub: caller.subject, role: caller.role })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer('urn:procuregraph:gateway')
    .setAudience('urn:procuregraph:subgraph')
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + 60)
    .sign(secret);
}

const forgeries: Record<string, () => Promise<string | undefined>> = {
  'no caller token': async () => undefined,
  'a token signed with another secret': () => signInternalToken(randomBytes(32), admin),
  'an expired token': () => expiredToken(admin),
  "a user's own bearer JWT": () => graph.tokenFor(admin),
};

async function postToSubgraph(url: string, token: string | undefined) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers[CALLER_HEADER] = token;
  // The user JWT also travels as a bearer token: subgraphs must ignore it.
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query: '{ __typename }' }) });
  return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] } };
}

/** Opens a graphql-transport-ws connection to a subgraph: 'ack' when accepted, else the close code. */
function connectToSubgraph(url: string, token: string | undefined): Promise<'ack' | number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(webSocketUrl(url), 'graphql-transport-ws');
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: token ? { [CALLER_HEADER]: token } : {} })));
    socket.on('message', (message) => {
      if ((JSON.parse(message.toString()) as { type: string }).type !== 'connection_ack') return;
      resolve('ack');
      socket.close();
    });
    socket.on('close', (code) => resolve(code));
    socket.on('error', reject);
  });
}

describe.each(subgraphNames)('the %s subgraph', (name) => {
  const url = () => graph.app.subgraphs[name].graphqlUrl;

  it('answers a request carrying a valid gateway token (control)', async () => {
    const answer = await postToSubgraph(url(), await signInternalToken(secret, admin));
    expect(answer).toEqual({ status: 200, body: { data: { __typename: 'Query' } } });
    expect(await connectToSubgraph(url(), await signInternalToken(secret, admin))).toBe('ack');
  });

  it.each(Object.keys(forgeries))('refuses %s over HTTP with 401 UNAUTHENTICATED and no data', async (forgery) => {
    const answer = await postToSubgraph(url(), await forgeries[forgery]!());
    expect(answer.status).toBe(401);
    expect(answer.body.data).toBeUndefined();
    expect(answer.body.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  });

  it.each(Object.keys(forgeries))('closes a WebSocket opened with %s with 4401', async (forgery) => {
    expect(await connectToSubgraph(url(), await forgeries[forgery]!())).toBe(4401);
  });
});
