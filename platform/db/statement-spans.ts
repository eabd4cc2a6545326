import { SpanKind, SpanStatusCode, trace, type Attributes, type Span } from '@opentelemetry/api';
import type { PGlite, Transaction as PGliteTransaction } from '@electric-sql/pglite';
import type postgres from 'postgres';

/**
 * A client span per SQL statement, after OpenTelemetry's database semantic conventions: named
 * `<operation> <database>`, with `db.system.name`, `db.namespace`, `db.operation.name` and the
 * statement's text, never its parameters (they hold names, tax ids, bank accounts). Our own code
 * because postgres.js and PGlite have no maintained instrumentation (see README, Traces); it wraps
 * the two drivers' entry points that every statement of Drizzle, pg-boss and `executeSql` goes
 * through, transactions and savepoints included.
 *
 * Only inside a recording span: with tracing off (no context manager, so no active span) or a
 * trace sampled out, a statement costs one lookup of the active span and nothing more; outside any
 * trace (pollers, the job queue's own housekeeping) no span is made either, as undici's calls.
 */
const tracer = () => trace.getTracer('procuregraph.sql');

/** The statement's leading keyword (`SELECT`, `INSERT`, `WITH`, …): low-cardinality, as the conventions ask of a span name. */
function operationOf(text: string): string {
  const match = /^\s*([a-z]+)/i.exec(text);
  return match ? match[1]!.toUpperCase() : 'SQL';
}

/** A span for a statement about to run, or null when nothing records it. */
function statementSpan(text: string, connection: Attributes): Span | null {
  if (!trace.getActiveSpan()?.isRecording()) return null;
  const operation = operationOf(text);
  return tracer().startSpan(`${operation} ${String(connection['db.namespace'])}`, {
    kind: SpanKind.CLIENT,
    attributes: { ...connection, 'db.operation.name': operation, 'db.query.text': text },
  });
}

function endStatementSpan(span: Span, error?: unknown): void {
  if (error !== undefined) {
    span.setAttribute('error.type', (error as { code?: unknown }).code?.toString() ?? (error instanceof Error ? error.name : 'Error'));
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
  }
  span.end();
}

/** Runs a promised statement inside its span (if any), ending the span when it settles. */
async function spanned<T>(text: string, connection: Attributes, run: () => Promise<T>): Promise<T> {
  const span = statementSpan(text, connection);
  if (!span) return run();
  try {
    const result = await run();
    endStatementSpan(span);
    return result;
  } catch (error) {
    endStatementSpan(span, error);
    throw error;
  }
}

type Unsafe = postgres.Sql['unsafe'];

/**
 * postgres.js's `unsafe` returns a lazy query that runs when first awaited, after the caller may
 * have set it up (`.values()`); the span hangs on that query's settling, without awaiting it
 * itself beyond what the caller does (the query starts in a microtask either way).
 */
function tracedUnsafe(unsafe: Unsafe, connection: Attributes): Unsafe {
  return ((text: string, params?: never[], options?: postgres.UnsafeQueryOptions) => {
    const query = unsafe(text, params, options);
    const span = statementSpan(text, connection);
    if (span)
      query.then(
        () => endStatementSpan(span),
        (error: unknown) => endStatementSpan(span, error),
      );
    return query;
  }) as Unsafe;
}

/** Spans every statement of a postgres.js client, and of the transactions and savepoints it opens. */
function traceSql(sql: postgres.Sql | postgres.TransactionSql, connection: Attributes): void {
  sql.unsafe = tracedUnsafe(sql.unsafe.bind(sql), connection);
  const scoped = (method: 'begin' | 'savepoint') => {
    const original = (sql as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>)[method];
    if (!original) return;
    const bound = original.bind(sql);
    (sql as unknown as Record<string, unknown>)[method] = (...args: unknown[]) =>
      bound(
        ...args.map((argument) =>
          typeof argument === 'function'
            ? (transaction: postgres.TransactionSql) => {
                traceSql(transaction, connection);
                return (argument as (transaction: postgres.TransactionSql) => unknown)(transaction);
              }
            : argument,
        ),
      );
  };
  scoped('begin');
  scoped('savepoint');
}

export function tracePostgresStatements(sql: postgres.Sql, url: string): void {
  const { hostname, port, pathname } = new URL(url);
  traceSql(sql, {
    'db.system.name': 'postgresql',
    'db.namespace': decodeURIComponent(pathname.slice(1)) || 'postgres',
    'server.address': hostname,
    'server.port': Number(port || 5432),
  });
}

type Queries = Pick<PGlite, 'query' | 'exec'>;

function traceQueries(target: Queries, connection: Attributes): void {
  const query = target.query.bind(target);
  const exec = target.exec.bind(target);
  target.query = ((text: string, ...rest: unknown[]) =>
    spanned(text, connection, () => (query as (...args: unknown[]) => Promise<unknown>)(text, ...rest))) as Queries['query'];
  target.exec = (text, options) => spanned(text, connection, () => exec(text, options));
}

/** Spans every statement of the PGlite instance, and of its transactions. */
export function tracePgliteStatements(pglite: PGlite, database: string): void {
  const connection = { 'db.system.name': 'postgresql', 'db.namespace': database };
  traceQueries(pglite, connection);
  const transaction = pglite.transaction.bind(pglite);
  pglite.transaction = (callback) =>
    transaction((tx: PGliteTransaction) => {
      traceQueries(tx, connection);
      return callback(tx);
    });
}
