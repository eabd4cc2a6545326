/**
 * Rows of one kind, in insertion order, with a primary-key index. Serializes as the plain row
 * array, so a system's whole state can be handed to `JSON.stringify` for its snapshot.
 */
export class Table<Row, Key extends string | number> {
  private readonly rows: Row[] = [];
  private readonly index = new Map<Key, Row>();

  constructor(
    private readonly keyOf: (row: Row) => Key,
    rows: Iterable<Row> = [],
  ) {
    for (const row of rows) this.insert(row);
  }

  get(key: Key): Row | undefined {
    return this.index.get(key);
  }

  insert(row: Row): Row {
    const key = this.keyOf(row);
    if (this.index.has(key)) throw new Error(`Duplicate key ${String(key)}`);
    this.rows.push(row);
    this.index.set(key, row);
    return row;
  }

  /** Removes a row; the rows after it keep their order. */
  delete(key: Key): Row | undefined {
    const row = this.index.get(key);
    if (!row) return undefined;
    this.index.delete(key);
    this.rows.splice(this.rows.indexOf(row), 1);
    return row;
  }

  all(): readonly Row[] {
    return this.rows;
  }

  find(predicate: (row: Row) => boolean): Row | undefined {
    return this.rows.find(predicate);
  }

  filter(predicate: (row: Row) => boolean): Row[] {
    return this.rows.filter(predicate);
  }

  toJSON(): Row[] {
    return this.rows;
  }
}
