// Who is signed in: a token in this tab's session storage, and the role and supplier it carries.
import * as oauth from 'oauth4webapi';

const KEY = 'procuregraph-console:session';
const PENDING = 'procuregraph-console:oidc';

function claimsOf(token) {
  const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  return JSON.parse(atob(payload));
}

function sessionFor(token) {
  const claims = claimsOf(token);
  return { token, role: claims.role, supplierId: claims.supplier_id, subject: claims.sub, expiresAt: claims.exp * 1000 };
}

export function currentSession() {
  const token = sessionStorage.getItem(KEY);
  if (!token) return undefined;
  const session = sessionFor(token);
  return session.expiresAt > Date.now() ? session : undefined;
}

export function signOut() {
  sessionStorage.removeItem(KEY);
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
  sessionStorage.setItem(KEY, body.token);
  return sessionFor(body.token);
}

const redirectUri = () => `${location.origin}/console`;

async function authorizationServer(config) {
  const issuer = new URL(config.issuer);
  return oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer));
}

/** Production: off to the identity provider, authorization code with PKCE. */
export async function startOidcSignIn(config) {
  const server = await authorizationServer(config);
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state }));
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
  history.replaceState(null, '', '/console');
  sessionStorage.setItem(KEY, result.access_token);
  return sessionFor(result.access_token);
}
