import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The checkout's root: `.data/` and the checked-in schema files are found from here. */
export const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** A comma-separated list, trimmed, without empty entries. */
const commaSeparated = z
  .string()
  .default('')
  .transform((list) =>
    list
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean),
  );

/** A base64 AES-256 key: 32 bytes, or start-up stops. */
const encryptionKey = z
  .string()
  .refine((key) => Buffer.from(key, 'base64').length === 32, 'must be 32 bytes, base64-encoded')
  .optional();

/** A daily time `HH:MM` (UTC), or `off`. */
const reconciliationSchedule = z
  .string()
  .trim()
  .regex(/^(off|([01]\d|2[0-3]):[0-5]\d)$/, 'must be HH:MM (UTC) or off');

/** How often a job runtime beats and how long its silence means it died; tests start runtimes with these too. */
export const workerHeartbeatDefaults = { intervalSeconds: 2, deadAfterSeconds: 10 } as const;

const environmentFields = z.object({
  DATABASE_URL: z.string().url().optional(),
  /** `production` makes a deployment of a process without DATABASE_URL: its secrets are then required. */
  NODE_ENV: z.string().optional(),
  /** How long a process may take to stop cleanly after SIGINT/SIGTERM before it exits 1. */
  SHUTDOWN_DEADLINE_MS: z.coerce.number().int().positive().default(25_000),
  /** The gateway's port, or a subgraph's own when it runs alone. */
  PORT: z.coerce.number().int().min(0).max(65535).optional(),
  DATA_DIR: z.string().default(join(repositoryRoot, '.data')),
  LOG_LEVEL: z.enum(logLevels).default('info'),
  MATCH_PRICE_TOLERANCE_PCT: z.coerce.number().min(0).max(100).default(2),
  SCREENING_LEIE_FILE: z.string().optional(),
  /** Where to download the LEIE list from (e.g. the HHS-OIG's UPDATED.csv); takes precedence over the file. */
  SCREENING_LEIE_URL: z.string().url().optional(),
  /** How often the exclusion list is reloaded and every supplier screened again; the LEIE is republished monthly. */
  SCREENING_RELOAD_INTERVAL_HOURS: z.coerce.number().positive().default(24),
  /**
   * When each backing system is reconciled on schedule: `HH:MM` (UTC) every day, `off` for never.
   * One setting for every system, or one per system (RECONCILIATION_SCHEDULE_ERP, ..._VENDOR_PLATFORM,
   * ..._CONTRACT_REPOSITORY), which wins.
   */
  RECONCILIATION_SCHEDULE: reconciliationSchedule.default('02:00'),
  RECONCILIATION_SCHEDULE_ERP: reconciliationSchedule.optional(),
  RECONCILIATION_SCHEDULE_VENDOR_PLATFORM: reconciliationSchedule.optional(),
  RECONCILIATION_SCHEDULE_CONTRACT_REPOSITORY: reconciliationSchedule.optional(),
  /** How long one reconciliation job takes pages before it hands over to the next (below the job timeout). */
  RECONCILIATION_SLICE_MS: z.coerce.number().int().min(100).max(9_000).default(4_000),
  /** Minimum general-liability cover a supplier must hold (decimal). */
  INSURANCE_MIN_GENERAL_LIABILITY: z.string().optional(),
  ERP_URL: z.string().url().optional(),
  VENDOR_PLATFORM_URL: z.string().url().optional(),
  CONTRACT_REPOSITORY_URL: z.string().url().optional(),
  /** Longest one call to each backing system may take (jobs, feeds and webhook handlers alike) before it counts as a failure. */
  /**
   * How often the ERP's business-event feed is read: the ERP pushes each event as it happens, so
   * the feed only catches up on what a push missed (the endpoint was down, every retry failed).
   */
  ERP_FEED_POLL_INTERVAL_MS: z.coerce.number().int().min(100).optional(),
  ERP_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(10_000),
  VENDOR_PLATFORM_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(10_000),
  CONTRACT_REPOSITORY_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(10_000),
  /** How often each job runtime records in the database that it is alive. */
  JOBS_WORKER_HEARTBEAT_SECONDS: z.coerce.number().int().min(1).max(60).default(workerHeartbeatDefaults.intervalSeconds),
  /** How long without a heartbeat before a runtime is taken for dead and the jobs it was running go back to their queues. */
  JOBS_WORKER_DEAD_AFTER_SECONDS: z.coerce.number().int().min(3).max(3600).default(workerHeartbeatDefaults.deadAfterSeconds),
  /** The gateway's supergraph: a URL it polls, or a file (default: the checked-in one). */
  SUPERGRAPH_URL: z.string().url().optional(),
  SUPERGRAPH_PATH: z.string().optional(),
  /** Signs the identities the gateway forwards; generated under the data directory when unset. */
  INTERNAL_TOKEN_SECRET: z.string().min(1).optional(),
  /** The key the vendor platform signs its webhooks with; generated under the data directory when unset. */
  VENDOR_PLATFORM_WEBHOOK_SECRET: z.string().min(1).optional(),
  /** The key the ERP signs the business events it pushes with; generated under the data directory when unset. */
  ERP_WEBHOOK_SECRET: z.string().min(1).optional(),
  /** Encrypts TINs and bank account numbers at rest; generated under the data directory when unset. */
  DATA_ENCRYPTION_KEY: encryptionKey,
  /** Keys that encrypted earlier values, comma-separated: they decrypt during a rotation, never encrypt. */
  DATA_ENCRYPTION_KEY_PREVIOUS: z.string().optional(),
  /**
   * How long audit rows are kept before the purge deletes them; default six years (HIPAA's
   * documentation retention). The database refuses deleting rows younger than its own floor
   * (six years unless a database owner lowers it), so a smaller value here cannot shorten it.
   */
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).default(2190),
  /** The identity provider's key set; unset means the embedded default's development key. */
  AUTH_JWKS_URL: z.string().url().optional(),
  AUTH_ISSUER: z.string().min(1).optional(),
  AUTH_AUDIENCE: z.string().min(1).optional(),
  /** The console's OIDC client (authorization code with PKCE): the provider's issuer URL and the client id registered there. */
  CONSOLE_OIDC_CLIENT_ID: z.string().min(1).optional(),
  CONSOLE_OIDC_SCOPE: z.string().min(1).default('openid'),
  /** Who may introspect the schema: `all`, or `admin` only; by default `all` only in the embedded default. */
  INTROSPECTION: z.enum(['all', 'admin']).optional(),
  /**
   * The reverse proxies in front of the gateway (addresses, CIDRs, or Express's names such as
   * `loopback`), comma-separated: only behind them is X-Forwarded-For believed for the client's
   * address in the audit log. Unset means none: the socket's peer is the client.
   */
  TRUSTED_PROXIES: commaSeparated,
  /** Origins whose browser pages may call the API, comma-separated; unset means none. */
  CORS_ORIGINS: commaSeparated,
  /**
   * Requests one caller (a token's subject) may send to the gateway per RATE_LIMIT_WINDOW_SECONDS;
   * 0 turns the limit off. Counted across gateway instances on PostgreSQL.
   */
  RATE_LIMIT_PER_CALLER: z.coerce.number().int().min(0).default(3_000),
  /** Requests one client address may send per window, whoever the caller; 0 turns it off. */
  RATE_LIMIT_PER_ADDRESS: z.coerce.number().int().min(0).default(6_000),
  RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).default(60),
  /**
   * The gateway's entity cache, in MiB: entities fetched from the domain subgraphs, kept per caller
   * until a change committed in their subgraph is announced (0 turns it off). It needs the
   * database (DATABASE_URL, or the embedded default's) to hear of those changes.
   */
  ENTITY_CACHE_MB: z.coerce.number().min(0).max(65_536).default(64),
  /**
   * A persisted query manifest (Apollo's format): when set, the gateway runs only its operations
   * (safelisting); unset, any operation runs and clients may use automatic persisted queries.
   */
  TRUSTED_DOCUMENTS: z.string().optional(),
  /**
   * An OTLP/HTTP collector (traces go to `<endpoint>/v1/traces`, as JSON). Unset: no tracing, nothing
   * exported, no trace ids in logs or journeys.
   */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  /** The `service.name` this process's spans carry, overriding the process's own name. */
  OTEL_SERVICE_NAME: z.string().min(1).optional(),
  /**
   * The specification's sampler names (the SDK in use does not read them itself): which traces
   * are recorded. Parent-based ones follow the caller's sampled flag and decide only for new traces.
   */
  OTEL_TRACES_SAMPLER: z
    .enum(['always_on', 'always_off', 'traceidratio', 'parentbased_always_on', 'parentbased_always_off', 'parentbased_traceidratio'])
    .default('parentbased_always_on'),
  /** The ratio of new traces the `traceidratio` samplers record, 0 to 1. */
  OTEL_TRACES_SAMPLER_ARG: z.coerce.number().min(0).max(1).default(1),
  /** The drop folder partners' X12 files arrive in; processed/ and rejected/ archives sit beside it. */
  EDI_INBOX_DIR: z.string().optional(),
  /** Where what Procuregraph sends partners (997, 850, 820, CSV remittances) is written, one folder per partner. */
  EDI_OUTBOX_DIR: z.string().optional(),
  /** How long the raw content of exchanged documents, and the archived files, are kept. */
  EDI_RETENTION_DAYS: z.coerce.number().int().min(1).default(2190),
  /** How often the purge of what is past EDI_RETENTION_DAYS is queued (and once at start); fractions allowed. */
  EDI_PURGE_INTERVAL_HOURS: z.coerce.number().positive().default(24),
  /** Procuregraph's own interchange address (ISA05/ISA06) and group id (GS02/GS03). */
  EDI_INTERCHANGE_QUALIFIER: z
    .string()
    .regex(/^[A-Z0-9]{2}$/)
    .default('ZZ'),
  EDI_INTERCHANGE_ID: z.string().min(1).max(15).default('PROCUREGRAPH'),
  /** How long a partner has to acknowledge (997) what we sent before it shows as overdue. */
  EDI_ACKNOWLEDGMENT_DEADLINE_HOURS: z.coerce.number().positive().default(24),
});

const environmentSchema = environmentFields.refine(
  // A runtime that misses a beat or two (a slow statement, a pause) must not be taken for dead.
  (environment) => environment.JOBS_WORKER_DEAD_AFTER_SECONDS >= 3 * environment.JOBS_WORKER_HEARTBEAT_SECONDS,
  { path: ['JOBS_WORKER_DEAD_AFTER_SECONDS'], message: 'must be at least three times JOBS_WORKER_HEARTBEAT_SECONDS' },
);

/** `SUBGRAPH_<NAME>_URL`: where the gateway finds a subgraph, overriding the supergraph's URL. */
const subgraphUrlVariable = /^SUBGRAPH_([A-Z0-9_]+)_URL$/;

function subgraphUrls(source: NodeJS.ProcessEnv): Record<string, string> {
  const urls = Object.entries(source).flatMap(([name, value]) => {
    const subgraph = subgraphUrlVariable.exec(name)?.[1];
    return subgraph && value ? [[subgraph.toLowerCase(), value] as const] : [];
  });
  return z.record(z.string(), z.string().url()).parse(Object.fromEntries(urls));
}

function settle(environment: z.infer<typeof environmentSchema>, source: NodeJS.ProcessEnv) {
  return {
    ...environment,
    // A deployment with a real identity provider exposes its schema to admins only unless told otherwise.
    INTROSPECTION: environment.INTROSPECTION ?? (environment.AUTH_JWKS_URL ? 'admin' : 'all'),
    /** Whether any backing system's URL is set: `npm start` then runs no reference systems. */
    backingSystemsConfigured: Boolean(environment.ERP_URL || environment.VENDOR_PLATFORM_URL || environment.CONTRACT_REPOSITORY_URL),
    ERP_URL: environment.ERP_URL ?? 'http://localhost:4101',
    VENDOR_PLATFORM_URL: environment.VENDOR_PLATFORM_URL ?? 'http://localhost:4102',
    CONTRACT_REPOSITORY_URL: environment.CONTRACT_REPOSITORY_URL ?? 'http://localhost:4103',
    subgraphUrls: subgraphUrls(source),
    /** Each backing system's call timeout, by the system's name. */
    /** How often each job runtime beats, and after how long without one it is taken for dead. */
    workerHeartbeat: {
      intervalSeconds: environment.JOBS_WORKER_HEARTBEAT_SECONDS,
      deadAfterSeconds: environment.JOBS_WORKER_DEAD_AFTER_SECONDS,
    },
    backingSystemTimeoutsMs: {
      ERP: environment.ERP_TIMEOUT_MS,
      VENDOR_PLATFORM: environment.VENDOR_PLATFORM_TIMEOUT_MS,
      CONTRACT_REPOSITORY: environment.CONTRACT_REPOSITORY_TIMEOUT_MS,
    },
  };
}

export type Environment = ReturnType<typeof settle>;

/** Reads and validates the environment once; a bad value stops start-up with a message naming it. */
export function readEnvironment(source: NodeJS.ProcessEnv = process.env): Environment {
  const parsed = environmentSchema.safeParse(source);
  if (!parsed.success) throw new Error(configurationProblems(parsed.error.issues));
  try {
    return settle(parsed.data, source);
  } catch (error) {
    if (error instanceof z.ZodError)
      throw new Error(configurationProblems(error.issues.map((issue) => ({ ...issue, path: ['SUBGRAPH_<NAME>_URL', ...issue.path] }))), {
        cause: error,
      });
    throw error;
  }
}

function configurationProblems(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  const problems = issues.map((issue) => `${issue.path.map(String).join('.')}: ${issue.message}`);
  return `Invalid configuration:\n  ${problems.join('\n  ')}`;
}

/**
 * The log level, read when the first logger is made (before the rest of the configuration):
 * `LOG_LEVEL`, else silent under the test runner and `info` otherwise.
 */
export function logLevel(source: NodeJS.ProcessEnv = process.env): (typeof logLevels)[number] {
  const configured = z
    .enum(logLevels)
    .optional()
    .parse(source.LOG_LEVEL || undefined);
  return configured ?? (source.VITEST ? 'silent' : 'info');
}

/** Where the backing systems are, and the secret the vendor platform signs its webhooks with. */
export interface BackingSystemEndpoints {
  readonly erpUrl: string;
  readonly vendorPlatformUrl: string;
  readonly contractRepositoryUrl: string;
  readonly vendorPlatformWebhookSecret: string;
  /** The key the ERP signs its pushed business events with; unset, its events arrive through the feed only. */
  readonly erpWebhookSecret?: string;
}

/** A directory under the data directory, created on first use. */
export function dataPath(dataDir: string, ...parts: string[]): string {
  const path = join(dataDir, ...parts);
  const folder = parts.length > 0 && parts.at(-1)?.includes('.') ? dirname(path) : path;
  if (!existsSync(folder)) mkdirSync(folder, { recursive: true });
  return path;
}

/** The EDI folders: as set, or under the data directory (which a test or `npm start` may move). */
export function ediFolders(environment: Pick<Environment, 'DATA_DIR' | 'EDI_INBOX_DIR' | 'EDI_OUTBOX_DIR'>) {
  const inbox = environment.EDI_INBOX_DIR ?? join(environment.DATA_DIR, 'edi', 'inbox');
  return {
    inbox,
    processed: join(inbox, '..', 'processed'),
    rejected: join(inbox, '..', 'rejected'),
    outbox: environment.EDI_OUTBOX_DIR ?? join(environment.DATA_DIR, 'edi', 'outbox'),
  };
}
