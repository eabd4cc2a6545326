// Who is signed in: a token in this tab's session storage, and the role and supplier it carries.
import * as oauth from 'oauth4webapi';

const KEY = 'procuregraph-console:session';
const PENDING = 'procuregraph-console:oidc';
const REFRESH = 'procuregraph-console:refresh';

function claimsOf(token) {
  const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  return JSON.parse(atob(payload));
}

function sessionFor(token) {
  const claims = claimsOf(token);
  return {
    token,
    role: claims.role,
    supplierId: claims.supplier_id,
    subject: claims.sub,
    issuedAt: claims.iat === undefined ? undefined : claims.iat * 1000,
    expiresAt: claims.exp * 1000,
  };
}

function signedIn(token, refreshToken) {
  sessionStorage.setItem(KEY, token);
  if (refreshToken) sessionStorage.setItem(REFRESH, refreshToken);
  return sessionFor(token);
}

/** When to renew a token: a quarter of its life before it ends, and a minute at most. */
export function renewalTime(session) {
  const lifetime = session.issuedAt === undefined ? 240_000 : session.expiresAt - session.issuedAt;
  return session.expiresAt - Math.min(60_000, lifetime / 4);
}

/**
 * A new token for the same person before the current one ends: the development sign-in again, or
 * the provider's refresh token. Undefined where the provider issued none: only signing in again helps.
 */
export async function renewedSession(config, session) {
  if (config.signIn === 'development') return developmentSignIn(session.role, session.supplierId);
  const refreshToken = sessionStorage.getItem(REFRESH);
  if (config.signIn !== 'oidc' || !refreshToken) return undefined;
  const server = await authorizationServer(config);
  const client = { client_id: config.clientId };
  const response = await oauth.refreshTokenGrantRequest(server, client, oauth.None(), refreshToken);
  const result = await oauth.processRefreshTokenResponse(server, client, response);
  return signedIn(result.access_token, result.refresh_token);
}

export function currentSession() {
  const token = sessionStorage.getItem(KEY);
  if (!token) return undefined;
  const session = sessionFor(token);
  return session.expiresAt > Date.now() ? session : undefined;
}

export function signOut() {
  sessionStorage.removeItem(KEY);
  sessionStorage.removeItem(REFRESH);
}

/** The embedded default only: the gateway issues a development token for the chosen role. */
export async function developmentSignIn(role, supplierId) {
  const response = await fetch('/console/dev-sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ role, supplierId }),
  });
  const body = await response.json();
  if (!response.ok) throw new Error(body.message);
  return signedIn(body.token);
}

const redirectUri = () => `${location.origin}/console`;

async function authorizationServer(config) {
  const issuer = new URL(config.issuer);
  return oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer));
}

/** Production: off to the identity provider, authorization code with PKCE; back to this page after. */
export async function startOidcSignIn(config) {
  const server = await authorizationServer(config);
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, returnTo: location.hash }));
  const url = new URL(server.authorization_endpoint);
  url.search = new URLSearchParams({
    client_id: config.clientId,
    redirect_uri: redirectUri(),
    response_type: 'code',
    scope: config.scope,
    state,
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  }).toString();
  location.assign(url.toString());
}

/** Back from the identity provider with a code: exchanged for the token the gateway verifies. */
export async function finishOidcSignIn(config) {
  const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? 'null');
  if (!pending || !new URL(location.href).searchParams.has('code')) return undefined;
  sessionStorage.removeItem(PENDING);
  const server = await authorizationServer(config);
  const client = { client_id: config.clientId };
  const parameters = oauth.validateAuthResponse(server, client, new URL(location.href), pending.state);
  const response = await oauth.authorizationCodeGrantRequest(server, client, oauth.None(), parameters, redirectUri(), pending.verifier);
  const result = await oauth.processAuthorizationCodeResponse(server, client, response);
  // The provider sends people back to /console: the page they were on is put back in the address.
  history.replaceState(null, '', `/console${pending.returnTo ?? ''}`);
  dispatchEvent(new HashChangeEvent('hashchange'));
  return signedIn(result.access_token, result.refresh_token);
}
