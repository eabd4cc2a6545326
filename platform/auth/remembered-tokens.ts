import { LRUCache } from 'lru-cache';
import type { UserCaller, VerificationResult } from './tokens.ts';

/** A signature check's answer, with the token's expiry (seconds since the epoch) when it passed. */
export type CheckedToken = { ok: true; caller: UserCaller; expiresAt: number | undefined } | { ok: false; reason: string };

export interface RememberOptions {
  /** How many verified tokens are kept; the least recently used are forgotten first. */
  max?: number;
  /** The longest a verified token is trusted without checking it again, even if it lives longer. */
  maxAgeMs?: number;
}

/**
 * Remembers the callers of verified tokens until each token expires (capped by `maxAgeMs`), so a
 * client's repeat requests skip the signature check, the gateway's largest cost per request. Only
 * successes are remembered: a bad token is checked, and refused, every time. A token without an
 * expiry is never remembered.
 */
export function rememberVerified(
  check: (token: string) => Promise<CheckedToken>,
  { max = 10_000, maxAgeMs = 300_000 }: RememberOptions = {},
): (token: string) => Promise<VerificationResult> {
  const verified = new LRUCache<string, UserCaller>({ max, ttl: maxAgeMs });
  return async (token) => {
    const known = verified.get(token);
    if (known) return { ok: true, caller: known };
    const result = await check(token);
    if (!result.ok) return result;
    const ttl = Math.min(maxAgeMs, (result.expiresAt ?? 0) * 1000 - Date.now());
    if (ttl > 0) verified.set(token, result.caller, { ttl });
    return { ok: true, caller: result.caller };
  };
}
