import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { SignJWT, generateKeyPair, type CryptoKey } from 'jose';
import { AUDIENCE, DEV_ISSUER, loadDevSigningKeys, type DevSigningKeys } from '@procuregraph/platform/auth';
import { TOKEN_EXPIRED } from '@procuregraph/gateway';
import { admin, startTestGraph, type TestGraph } from '../harness.ts';
import { webSocketUrl } from '../subscriber.ts';

let graph: TestGraph;
let devKeys: DevSigningKeys;
let otherKey: CryptoKey;

beforeAll(async () => {
  graph = await startTestGraph({ seed: false });
  devKeys = await loadDevSigningKeys(graph.dataDir);
  otherKey = (await generateKeyPair('ES256')).privateKey;
});

afterAll(async () => {
  await graph?.close();
});

interface TokenShape {
  key?: CryptoKey;
  issuer?: string;
  audience?: string;
  role?: string;
  /** Seconds from now (negative: in the past). */
  expiresIn?: number;
}

/** A token like the development key's, with one thing changed. */
async function tokenWith(shape: TokenShape = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ role: shape.role ?? 'admin' })
    .setProtectedHeader({ alg: 'ES256', kid: devKeys.keyId })
    .setSubject('test-user')
    .setIssuer(shape.issuer ?? DEV_ISSUER)
    .setAudience(shape.audience ?? AUDIENCE)
    .setIssuedAt(now - 300)
    .setExpirationTime(now + (shape.expiresIn ?? 3600))
    .sign(shape.key ?? devKeys.privateKey);
}

/** An unsigned token (`alg: none`) with otherwise valid claims, built by hand as an attacker would. */
function unsignedToken(): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ sub: 'test-user', role: 'admin', iss: DEV_ISSUER, aud: AUDIENCE, iat: now, exp: now + 3600 })}.`;
}

async function queryWith(
  authorization: string | undefined,
): Promise<{ status: number; body: { data?: unknown; errors?: { message: string; extensions: { code: string } }[] } }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (authorization) headers.authorization = authorization;
  const response = await fetch(graph.graphqlUrl, { method: 'POST', headers, body: JSON.stringify({ query: '{ __typename }' }) });
  return { status: response.status, body: (await response.json()) as never };
}

describe('over HTTP', () => {
  it('answers a valid token', async () => {
    expect(await queryWith(`Bearer ${await graph.tokenFor(admin)}`)).toEqual({ status: 200, body: { data: { __typename: 'Query' } } });
  });

  it.each<[string, () => Promise<string | undefined>, string]>([
    ['no token', async () => undefined, 'Missing bearer token: send "Authorization: Bearer <JWT>"'],
    ['an expired token', async () => `Bearer ${await tokenWith({ expiresIn: -120 })}`, 'Invalid token (ERR_JWT_EXPIRED)'],
    [
      'a token signed by another key',
      async () => `Bearer ${await tokenWith({ key: otherKey })}`,
      'Invalid token (ERR_JWS_SIGNATURE_VERIFICATION_FAILED)',
    ],
    [
      'a token for another audience',
      async () => `Bearer ${await tokenWith({ audience: 'another-api' })}`,
      'Invalid token (ERR_JWT_CLAIM_VALIDATION_FAILED)',
    ],
    [
      'a token from another issuer',
      async () => `Bearer ${await tokenWith({ issuer: 'urn:someone:else' })}`,
      'Invalid token (ERR_JWT_CLAIM_VALIDATION_FAILED)',
    ],
    ['an unsigned token (alg: none)', async () => `Bearer ${unsignedToken()}`, 'Invalid token (ERR_JOSE_ALG_NOT_ALLOWED)'],
    [
      'a token with an unknown role',
      async () => `Bearer ${await tokenWith({ role: 'superuser' })}`,
      'Invalid token (token has no valid role)',
    ],
    [
      'a token in the wrong scheme',
      async () => `Basic ${Buffer.from('admin:admin').toString('base64')}`,
      'Missing bearer token: send "Authorization: Bearer <JWT>"',
    ],
  ])('refuses %s with 401 UNAUTHENTICATED', async (_what, authorization, message) => {
    expect(await queryWith(await authorization())).toEqual({
      status: 401,
      body: { errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] },
    });
  });
});

describe('over WebSocket', () => {
  interface Closed {
    code: number;
    reason: string;
    afterMs: number;
  }

  /** Opens a raw graphql-ws connection, authenticates with `authorization` and subscribes; settles when the server closes it. */
  async function connect(authorization: string | undefined): Promise<{ acknowledged: boolean; closed: Promise<Closed> }> {
    const socket = new WebSocket(webSocketUrl(graph.graphqlUrl), 'graphql-transport-ws');
    const closed = once(socket, 'close');
    await once(socket, 'open');
    const opened = Date.now();
    socket.send(JSON.stringify({ type: 'connection_init', payload: authorization ? { authorization } : {} }));
    const first = await Promise.race([
      once(socket, 'message').then(([data]) => JSON.parse(String(data)) as { type: string }),
      closed.then(() => null),
    ]);
    const acknowledged = first?.type === 'connection_ack';
    if (acknowledged)
      socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: 'subscription { supplierStatusChanged { status } }' } }));
    return {
      acknowledged,
      closed: closed.then(([code, reason]) => ({ code: code as number, reason: String(reason), afterMs: Date.now() - opened })),
    };
  }

  it.each<[string, () => Promise<string | undefined>]>([
    ['no token', async () => undefined],
    ['an expired token', async () => `Bearer ${await tokenWith({ expiresIn: -120 })}`],
    ['a token expired within the clock tolerance', async () => `Bearer ${await tokenWith({ expiresIn: -5 })}`],
    ['a token signed by another key', async () => `Bearer ${await tokenWith({ key: otherKey })}`],
    ['an unsigned token', async () => `Bearer ${unsignedToken()}`],
  ])('refuses %s at connection_init with 4401', async (_what, authorization) => {
    const connection = await connect(await authorization());
    expect(connection.acknowledged).toBe(false);
    expect(await connection.closed).toMatchObject({ code: 4401, reason: expect.stringMatching(/^Unauthorized: /) });
  });

  it('closes a connection with 4403 once its token expires', async () => {
    const connection = await connect(`Bearer ${await tokenWith({ expiresIn: 2 })}`);
    expect(connection.acknowledged).toBe(true);
    const closed = await connection.closed;
    expect({ code: closed.code, reason: closed.reason }).toEqual({ code: TOKEN_EXPIRED, reason: 'Forbidden: token expired' });
    // The token expires on a whole second 1 to 2 s after it was signed: closed then, not at once, not much later.
    expect(closed.afterMs).toBeGreaterThan(900);
    expect(closed.afterMs).toBeLessThan(5_000);
  });
});

describe('introspection in the embedded default', () => {
  it('is answered for every role', async () => {
    const finance = await graph.query(
      '{ __schema { queryType { name } } }',
      {},
      { kind: 'staff', subject: 'test-finance', role: 'finance' },
    );
    expect(finance).toEqual({ status: 200, data: { __schema: { queryType: { name: 'Query' } } } });
  });
});
