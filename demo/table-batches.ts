import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { getTableColumns, getTableName, type Column } from 'drizzle-orm';
import { toSnakeCase } from 'drizzle-orm/casing';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import type postgres from 'postgres';
import type { Database, Transaction } from '@procuregraph/platform/db';

type Row = Record<string, unknown>;

/** How a batch of rows for one table reaches the database. */
interface RowWriter {
  rowsPerBatch(table: PgTable): number;
  write(table: PgTable, rows: Row[]): Promise<void>;
}

/**
 * Rows for a group of related tables, written a batch at a time. When any table's batch is full
 * every table is flushed, in the order the tables were given (parents first), so foreign keys
 * always find their parent row.
 */
export class TableBatches {
  readonly #pending = new Map<PgTable, Row[]>();
  readonly #writer: RowWriter;
  #written = 0;

  constructor(writer: RowWriter, tables: readonly PgTable[]) {
    this.#writer = writer;
    for (const table of tables) this.#pending.set(table, []);
  }

  get written(): number {
    return this.#written;
  }

  async add<T extends PgTable>(table: T, row: T['$inferInsert']): Promise<void> {
    const rows = this.#pending.get(table);
    if (!rows) throw new Error(`Table ${getTableName(table)} was not declared to this batch writer`);
    rows.push(row);
    if (rows.length >= this.#writer.rowsPerBatch(table)) await this.flush();
  }

  async flush(): Promise<void> {
    for (const [table, rows] of this.#pending) {
      if (rows.length === 0) continue;
      await this.#writer.write(table, rows);
      this.#written += rows.length;
      this.#pending.set(table, []);
    }
  }
}

/** PostgreSQL takes at most 65,535 bind parameters per statement, and postgres.js one fewer than that. */
const MAX_PARAMETERS = 65_000;

/** Multi-row INSERTs through the query builder, as many rows per statement as the parameter limit allows. */
function insertWriter(tx: Transaction): RowWriter {
  return {
    rowsPerBatch: (table) => Math.floor(MAX_PARAMETERS / Object.keys(getTableColumns(table)).length),
    write: async (table, rows) => void (await tx.insert(table).values(rows)),
  };
}

const COPY_ROWS_PER_BATCH = 20_000;

/** COPY FROM STDIN in PostgreSQL's text format: no parameters to bind, so much faster for millions of rows. */
function copyWriter(sql: postgres.TransactionSql): RowWriter {
  return {
    rowsPerBatch: () => COPY_ROWS_PER_BATCH,
    write: async (table, rows) => {
      const columns = Object.entries(getTableColumns(table)).filter(([key]) => key in rows[0]!);
      const names = columns.map(([, column]) => columnName(column));
      const text = rows.map((row) => columns.map(([key]) => copyText(row[key])).join('\t') + '\n').join('');
      const target =
        await sql`copy ${sql(getTableConfig(table).schema ?? 'public')}.${sql(getTableName(table))} (${sql(names)}) from stdin`.writable();
      await pipeline(Readable.from([text]), target);
    },
  };
}

/** The SQL name of a column declared without one: the tables use snake_case casing. */
function columnName(column: Column): string {
  return column.keyAsName ? toSnakeCase(column.name) : column.name;
}

function copyText(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (value instanceof Date) return value.toISOString();
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return text.replace(/[\\\t\n\r]/g, (character) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[character]!);
}

/** The postgres.js client under a query builder, when that is the driver (`$client` is drizzle's handle on it). */
function postgresClient(db: Database): postgres.Sql | null {
  const client = (db as Database & { $client?: unknown }).$client;
  return typeof client === 'function' && 'begin' in client ? (client as postgres.Sql) : null;
}

/**
 * Fills the tables in one transaction, so a seed is written completely or not at all: COPY on
 * PostgreSQL, multi-row INSERTs on PGlite. Returns the number of rows written.
 */
export async function seedTables(
  db: Database,
  tables: readonly PgTable[],
  fill: (batches: TableBatches) => Promise<void>,
): Promise<number> {
  const fillAndFlush = async (batches: TableBatches) => {
    await fill(batches);
    await batches.flush();
    return batches.written;
  };
  const client = postgresClient(db);
  if (client) return client.begin((sql) => fillAndFlush(new TableBatches(copyWriter(sql), tables)));
  return db.transaction((tx) => fillAndFlush(new TableBatches(insertWriter(tx), tables)));
}
