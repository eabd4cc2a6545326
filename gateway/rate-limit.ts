import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { RateLimiterDrizzle, RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Environment } from '@procuregraph/platform/config';
import { type Database, rateLimitCounters } from '@procuregraph/platform/db';

export const RATE_LIMITED = 'RATE_LIMITED';

/** Requests allowed per window; 0 turns that limit off. */
export interface RateLimitSettings {
  readonly perCaller: number;
  readonly perAddress: number;
  readonly windowSeconds: number;
}

/**
 * Counts requests per caller (the token's subject) and per client address. On PostgreSQL the
 * counters live in `platform.rate_limit_counters`, so every gateway instance counts one caller
 * together; on PGlite, one process, they live in memory. If the database cannot answer, each
 * instance counts in memory meanwhile (rate-limiter-flexible's insurance limiter) rather than
 * refusing every request or letting every request through.
 */
export interface GatewayRateLimiter {
  /** Counts one request from `address`; throws RATE_LIMITED (HTTP 429, Retry-After) when over. */
  consumeAddress(address: string | undefined): Promise<void>;
  /** Counts one request by the caller with this subject; throws as consumeAddress does. */
  consumeCaller(subject: string): Promise<void>;
}

/** The limits RATE_LIMIT_PER_CALLER, RATE_LIMIT_PER_ADDRESS and RATE_LIMIT_WINDOW_SECONDS set. */
export function rateLimitsFrom(environment: Environment): RateLimitSettings {
  return {
    perCaller: environment.RATE_LIMIT_PER_CALLER,
    perAddress: environment.RATE_LIMIT_PER_ADDRESS,
    windowSeconds: environment.RATE_LIMIT_WINDOW_SECONDS,
  };
}

export function createRateLimiter(settings: RateLimitSettings, database?: Database): GatewayRateLimiter {
  const callers = limiter('caller', settings.perCaller, settings.windowSeconds, database);
  const addresses = limiter('address', settings.perAddress, settings.windowSeconds, database);
  return {
    consumeAddress: async (address) => {
      if (addresses && address) await consume(addresses, address, 'this address');
    },
    consumeCaller: async (subject) => {
      if (callers) await consume(callers, subject, 'this caller');
    },
  };
}

function limiter(keyPrefix: string, points: number, duration: number, database: Database | undefined): RateLimiterAbstract | undefined {
  if (points <= 0) return undefined;
  const inMemory = new RateLimiterMemory({ keyPrefix, points, duration });
  if (!database) return inMemory;
  return new RateLimiterDrizzle({
    storeClient: database,
    schema: rateLimitCounters,
    keyPrefix,
    points,
    duration,
    insuranceLimiter: inMemory,
  });
}

async function consume(limiter: RateLimiterAbstract, key: string, who: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    throw rateLimited(who, Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)));
  }
}

function rateLimited(who: string, retryAfterSeconds: number): GraphQLError {
  // Apollo Server takes `http.headers` only as a Map; graphql-yoga's typings (loaded for the
  // benchmarks) declare it a plain record for every program.
  const http: object = { status: 429, headers: new HeaderMap([['retry-after', String(retryAfterSeconds)]]) };
  return new GraphQLError(`Too many requests from ${who}; retry after ${retryAfterSeconds} s`, {
    extensions: { code: RATE_LIMITED, retryAfterSeconds, http },
  });
}
