import { SignJWT, jwtVerify, createRemoteJWKSet, errors, type JWTVerifyGetKey, type CryptoKey } from 'jose';
import { AUDIENCE, DEV_ISSUER, DEV_SIGNING_ALGORITHM, type DevSigningKeys } from './keys.ts';
import { callerFromClaims, claimsFromCaller, type Caller } from './caller.ts';

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
  return async (token) => {
    try {
      const { payload } = await jwtVerify(token, key as CryptoKey, verifyOptions);
      const caller = callerFromClaims(payload);
      return caller && caller.kind !== 'system' ? { ok: true, caller } : { ok: false, reason: 'token has no valid role' };
    } catch (error) {
      return { ok: false, reason: error instanceof errors.JOSEError ? error.code : 'invalid token' };
    }
  };
}

const INTERNAL_ISSUER = 'urn:procuregraph:gateway';
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
    .setExpirationTime('60s')
    .sign(secret);
}

export async function verifyInternalToken(secret: Uint8Array, token: string): Promise<UserCaller | null> {
  try {
    const { payload } = await jwtVerify(token, secret, {
      issuer: INTERNAL_ISSUER,
      audience: INTERNAL_AUDIENCE,
      algorithms: ['HS256'],
      clockTolerance: 5,
    });
    const caller = callerFromClaims(payload);
    if (!caller || caller.kind === 'system') return null;
    return typeof payload.ip === 'string' ? { ...caller, clientAddress: payload.ip } : caller;
  } catch {
    return null;
  }
}
