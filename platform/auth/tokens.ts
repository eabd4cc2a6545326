import { SignJWT, jwtVerify, createRemoteJWKSet, errors, type JWTVerifyGetKey, type CryptoKey } from 'jose';
import { AUDIENCE, DEV_ISSUER, DEV_SIGNING_ALGORITHM, type DevSigningKeys } from './keys.ts';
import { LRUCache } from 'lru-cache';
import { callerFromClaims, claimsFromCaller, type Caller } from './caller.ts';
import { rememberVerified, type CheckedToken, type RememberOptions } from './remembered-tokens.ts';

export type UserCaller = Exclude<Caller, { kind: 'system' }>;

/** Signs a development token for the embedded default (`npm run token`, tests). */
export async function signDevToken(keys: DevSigningKeys, caller: UserCaller, lifetime = '12h'): Promise<string> {
  return new SignJWT({ ...claimsFromCaller(caller) })
    .setProtectedHeader({ alg: DEV_SIGNING_ALGORITHM, kid: keys.keyId })
    .setIssuer(DEV_ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(lifetime)
    .sign(keys.privateKey);
}

export interface TokenVerifierOptions {
  /** Production: the identity provider's JWKS URL, issuer and audience. */
  jwksUrl?: string | undefined;
  issuer?: string | undefined;
  audience?: string | undefined;
  /** The embedded default: the local development key. */
  devPublicKey?: CryptoKey | undefined;
  clockToleranceSeconds?: number;
  /** Verified tokens kept until they expire (default: 10,000 for at most 5 minutes). */
  remember?: RememberOptions;
}

export type VerificationResult = { ok: true; caller: UserCaller } | { ok: false; reason: string };

/** Verifies bearer tokens: signature, issuer, audience, expiry (with clock skew), and our claims. */
export function createTokenVerifier(options: TokenVerifierOptions): (token: string) => Promise<VerificationResult> {
  const key: CryptoKey | JWTVerifyGetKey | undefined = options.jwksUrl
    ? createRemoteJWKSet(new URL(options.jwksUrl))
    : options.devPublicKey;
  if (!key) throw new Error('Token verification needs AUTH_JWKS_URL or the development key');
  const verifyOptions = {
    issuer: options.issuer ?? (options.jwksUrl ? undefined : DEV_ISSUER),
    audience: options.audience ?? AUDIENCE,
    clockTolerance: options.clockToleranceSeconds ?? 30,
    algorithms: options.jwksUrl ? ['RS256', 'ES256', 'PS256', 'EdDSA'] : [DEV_SIGNING_ALGORITHM],
  };
  return rememberVerified(async (token): Promise<CheckedToken> => {
    try {
      const { payload } = await jwtVerify(token, key as CryptoKey, verifyOptions);
      const caller = callerFromClaims(payload);
      return caller && caller.kind !== 'system'
        ? { ok: true, caller, expiresAt: payload.exp }
        : { ok: false, reason: 'token has no valid role' };
    } catch (error) {
      return { ok: false, reason: error instanceof errors.JOSEError ? error.code : 'invalid token' };
    }
  }, options.remember);
}

const INTERNAL_ISSUER = 'urn:procuregraph:gateway';
const INTERNAL_LIFETIME_SECONDS = 60;
const INTERNAL_AUDIENCE = 'urn:procuregraph:subgraph';

/** The header that carries the caller from the gateway to a subgraph. */
export const CALLER_HEADER = 'x-procuregraph-caller';

/**
 * The gateway forwards the caller as a short-lived token it signs; a subgraph believes an identity
 * only from that token, so a request sent straight to a subgraph cannot claim to be anyone. The
 * token also carries the client's address (claim `ip`), which only the gateway sees.
 */
export async function signInternalToken(secret: Uint8Array, caller: UserCaller, clientAddress?: string): Promise<string> {
  return new SignJWT({ ...claimsFromCaller(caller), ...(clientAddress ? { ip: clientAddress } : {}) })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(INTERNAL_ISSUER)
    .setAudience(INTERNAL_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${INTERNAL_LIFETIME_SECONDS}s`)
    .sign(secret);
}

/**
 * Signs internal tokens and reuses each for the first half of its life: one HMAC per caller and
 * address every 30 s instead of one per subgraph fetch. A subgraph accepts a token for its whole
 * life, so a reused one always has at least 30 s left.
 */
export function createInternalTokenSigner(secret: Uint8Array): (caller: UserCaller, clientAddress?: string) => Promise<string> {
  const signed = new LRUCache<string, Promise<string>>({ max: 10_000, ttl: (INTERNAL_LIFETIME_SECONDS * 1000) / 2 });
  return (caller, clientAddress) => {
    const key = internalScopeKey(caller, clientAddress);
    const known = signed.get(key);
    if (known) return known;
    const token = signInternalToken(secret, caller, clientAddress);
    signed.set(key, token);
    token.catch(() => signed.delete(key));
    return token;
  };
}

/** Who a subgraph request is made for, as the subgraph will see it: the caller and its address. */
export function internalScopeKey(caller: UserCaller, clientAddress?: string): string {
  return JSON.stringify([claimsFromCaller(caller), clientAddress ?? null]);
}

/** A subgraph's check of the gateway's tokens, each remembered until it expires. */
export function createInternalTokenVerifier(secret: Uint8Array): (token: string) => Promise<UserCaller | null> {
  const verify = rememberVerified((token) => checkInternalToken(secret, token));
  return async (token) => {
    const result = await verify(token);
    return result.ok ? result.caller : null;
  };
}

async function checkInternalToken(secret: Uint8Array, token: string): Promise<CheckedToken> {
  try {
    const { payload } = await jwtVerify(token, secret, {
      issuer: INTERNAL_ISSUER,
      audience: INTERNAL_AUDIENCE,
      algorithms: ['HS256'],
      clockTolerance: 5,
    });
    const caller = callerFromClaims(payload);
    if (!caller || caller.kind === 'system') return { ok: false, reason: 'token has no valid role' };
    const withAddress = typeof payload.ip === 'string' ? { ...caller, clientAddress: payload.ip } : caller;
    return { ok: true, caller: withAddress, expiresAt: payload.exp };
  } catch {
    return { ok: false, reason: 'invalid token' };
  }
}
