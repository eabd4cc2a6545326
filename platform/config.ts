import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The checkout's root: `.data/` and the checked-in schema files are found from here. */
export const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const environmentSchema = z.object({
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default(join(repositoryRoot, '.data')),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MATCH_PRICE_TOLERANCE_PCT: z.coerce.number().min(0).max(100).default(2),
  SCREENING_LEIE_FILE: z.string().optional(),
  /** Minimum general-liability cover a supplier must hold (decimal). */
  INSURANCE_MIN_GENERAL_LIABILITY: z.string().optional(),
  ERP_URL: z.string().url().default('http://localhost:4101'),
  VENDOR_PLATFORM_URL: z.string().url().default('http://localhost:4102'),
  CONTRACT_REPOSITORY_URL: z.string().url().default('http://localhost:4103'),
  /**
   * How long audit rows are kept before the purge deletes them; default six years (HIPAA's
   * documentation retention). The database refuses deleting rows younger than its own floor
   * (six years unless a database owner lowers it), so a smaller value here cannot shorten it.
   */
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).default(2190),
  /** The identity provider's key set; unset means the embedded default's development key. */
  AUTH_JWKS_URL: z.string().url().optional(),
  /** Who may introspect the schema: `all`, or `admin` only; by default `all` only in the embedded default. */
  INTROSPECTION: z.enum(['all', 'admin']).optional(),
  /**
   * The reverse proxies in front of the gateway (addresses, CIDRs, or Express's names such as
   * `loopback`), comma-separated: only behind them is X-Forwarded-For believed for the client's
   * address in the audit log. Unset means none: the socket's peer is the client.
   */
  TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((proxies) => proxies.split(',').map((proxy) => proxy.trim()).filter(Boolean)),
  /** Origins whose browser pages may call the API, comma-separated; unset means none. */
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((origins) => origins.split(',').map((origin) => origin.trim()).filter(Boolean)),
  /**
   * Requests one caller (a token's subject) may send to the gateway per RATE_LIMIT_WINDOW_SECONDS;
   * 0 turns the limit off. Counted across gateway instances on PostgreSQL.
   */
  RATE_LIMIT_PER_CALLER: z.coerce.number().int().min(0).default(3_000),
  /** Requests one client address may send per window, whoever the caller; 0 turns it off. */
  RATE_LIMIT_PER_ADDRESS: z.coerce.number().int().min(0).default(6_000),
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).default(60),
  /**
   * A persisted query manifest (Apollo's format): when set, the gateway runs only its operations
   * (safelisting); unset, any operation runs and clients may use automatic persisted queries.
   */
  TRUSTED_DOCUMENTS: z.string().optional(),
}).transform((environment) => ({
  ...environment,
  // A deployment with a real identity provider exposes its schema to admins only unless told otherwise.
  INTROSPECTION: environment.INTROSPECTION ?? (environment.AUTH_JWKS_URL ? 'admin' : 'all'),
}));

export type Environment = z.infer<typeof environmentSchema>;

/** Reads and validates the environment once; a bad value stops start-up with a message naming it. */
export function readEnvironment(source: NodeJS.ProcessEnv = process.env): Environment {
  const parsed = environmentSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  return parsed.data;
}

/** A directory under the data directory, created on first use. */
export function dataPath(dataDir: string, ...parts: string[]): string {
  const path = join(dataDir, ...parts);
  const folder = parts.length > 0 && parts.at(-1)?.includes('.') ? dirname(path) : path;
  if (!existsSync(folder)) mkdirSync(folder, { recursive: true });
  return path;
}
