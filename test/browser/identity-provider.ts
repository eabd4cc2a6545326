import { createHash, randomUUID } from 'node:crypto';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { AUDIENCE } from '@procuregraph/platform/auth';

/**
 * A small OpenID provider for the browser tests, over real HTTPS (a self-signed certificate the
 * test's browser accepts; oauth4webapi refuses plain HTTP): discovery, an authorize endpoint that
 * signs in one configured person at once (no login form) and sends the code back, a token endpoint
 * that insists on the PKCE verifier and renews with refresh tokens when `issuing` says so, and the JWKS the gateway verifies its tokens with, also on a
 * plain-HTTP port because the gateway's fetch does not trust the self-signed certificate.
 */
export interface IdentityProvider {
  issuer: string;
  jwksUrl: string;
  /** Each token request as it arrived: what a test can check of the PKCE exchange. */
  tokenRequests: { grantType: string | null; verifierMatched?: boolean }[];
  /** How the provider issues tokens from now on; a test may change it between sign-ins. */
  issuing: Issuing;
  close(): Promise<void>;
}

interface PendingCode {
  clientId: string;
  redirectUri: string;
  challenge: string;
}

export interface Issuing {
  /** How long an access token lasts. */
  accessTokenSeconds: number;
  /** Whether a refresh token comes with the access token (one use each: a refresh returns a new one). */
  refreshTokens: boolean;
}

/** One staff member, as the provider's claims carry them (README, Authentication). */
export interface Person {
  subject: string;
  role: string;
}

export async function startIdentityProvider(clientId: string, person: Person): Promise<IdentityProvider> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-provider', alg: 'RS256', use: 'sig' };
  const codes = new Map<string, PendingCode>();
  const refreshTokens = new Set<string>();
  const issuing: Issuing = { accessTokenSeconds: 3600, refreshTokens: false };
  const tokenRequests: IdentityProvider['tokenRequests'] = [];
  let issuer = '';

  const sign = (claims: Record<string, unknown>, audience: string, seconds = 3600) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: jwk.kid })
      .setIssuer(issuer)
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime(`${seconds}s`)
      .sign(privateKey);

  const authorize = (url: URL, response: ServerResponse) => {
    const query = url.searchParams;
    if (query.get('client_id') !== clientId || query.get('response_type') !== 'code' || query.get('code_challenge_method') !== 'S256')
      return json(response, 400, { error: 'invalid_request' });
    const code = randomUUID();
    codes.set(code, { clientId, redirectUri: query.get('redirect_uri')!, challenge: query.get('code_challenge')! });
    const back = new URL(query.get('redirect_uri')!);
    back.searchParams.set('code', code);
    back.searchParams.set('state', query.get('state')!);
    response.writeHead(302, { location: back.toString() }).end();
  };

  const accessToken = async () => {
    const refreshToken = issuing.refreshTokens ? randomUUID() : undefined;
    if (refreshToken) refreshTokens.add(refreshToken);
    return {
      access_token: await sign({ sub: person.subject, role: person.role }, AUDIENCE, issuing.accessTokenSeconds),
      token_type: 'Bearer',
      expires_in: issuing.accessTokenSeconds,
      ...(refreshToken ? { refresh_token: refreshToken } : {}),
    };
  };

  const refresh = async (form: URLSearchParams, response: ServerResponse) => {
    const known = refreshTokens.delete(form.get('refresh_token') ?? '');
    tokenRequests.push({ grantType: 'refresh_token' });
    if (!known || form.get('client_id') !== clientId) return json(response, 400, { error: 'invalid_grant' });
    json(response, 200, await accessToken());
  };

  const token = async (request: IncomingMessage, response: ServerResponse) => {
    const form = new URLSearchParams(await text(request));
    if (form.get('grant_type') === 'refresh_token') return refresh(form, response);
    const pending = codes.get(form.get('code') ?? '');
    codes.delete(form.get('code') ?? '');
    const verifier = form.get('code_verifier') ?? '';
    const verifierMatched = pending?.challenge === createHash('sha256').update(verifier).digest('base64url');
    tokenRequests.push({ grantType: form.get('grant_type'), verifierMatched });
    if (!pending || !verifierMatched || form.get('redirect_uri') !== pending.redirectUri || form.get('client_id') !== pending.clientId)
      return json(response, 400, { error: 'invalid_grant' });
    json(response, 200, { ...(await accessToken()), id_token: await sign({ sub: person.subject }, clientId) });
  };

  const handle: RequestListener = (request, response) => {
    const url = new URL(request.url!, issuer);
    if (request.method === 'OPTIONS') return void response.writeHead(204, corsHeaders).end();
    if (url.pathname === '/.well-known/openid-configuration')
      return json(response, 200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        grant_types_supported: ['authorization_code', 'refresh_token'],
        code_challenge_methods_supported: ['S256'],
        id_token_signing_alg_values_supported: ['RS256'],
        subject_types_supported: ['public'],
      });
    if (url.pathname === '/jwks') return json(response, 200, { keys: [jwk] });
    if (url.pathname === '/authorize' && request.method === 'GET') return authorize(url, response);
    if (url.pathname === '/token' && request.method === 'POST') return void token(request, response);
    json(response, 404, { error: 'not_found' });
  };
  const secure = createHttpsServer(await selfSignedCertificate(), handle);
  const plain = createServer(handle);
  for (const server of [secure, plain]) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `https://127.0.0.1:${(secure.address() as AddressInfo).port}`;
  return {
    issuer,
    jwksUrl: `http://127.0.0.1:${(plain.address() as AddressInfo).port}/jwks`,
    tokenRequests,
    issuing,
    close: async () => {
      for (const server of [secure, plain]) await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A certificate for 127.0.0.1, made by openssl for this run only. */
async function selfSignedCertificate(): Promise<{ key: Buffer; cert: Buffer }> {
  const folder = await mkdtemp(join(tmpdir(), 'identity-provider-'));
  const [key, cert] = [join(folder, 'key.pem'), join(folder, 'cert.pem')];
  await promisify(execFile)('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '1',
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    'subjectAltName=IP:127.0.0.1',
    '-keyout',
    key,
    '-out',
    cert,
  ]);
  const pair = { key: await readFile(key), cert: await readFile(cert) };
  await rm(folder, { recursive: true });
  return pair;
}

// The console calls discovery and the token endpoint from its own origin.
const corsHeaders = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'content-type, accept, authorization',
  'access-control-allow-methods': 'GET, POST',
};

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json', ...corsHeaders }).end(JSON.stringify(body));
}

async function text(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
