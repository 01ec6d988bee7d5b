/**
 * A run's storage on Node's built-in `node:sqlite`: the narrow RunStorage the engine uses
 * (src/engine/store/storage.ts), synchronous like `ctx.storage.sql`. Transactions are
 * SAVEPOINTs, so nested ones work as in a Durable Object; the alarm is a value the
 * harness reads to decide which run fires next.
 */
// Types only: the module itself is imported when a run starts (run-offline.ts), so that the
// CLI's bundle does not load node:sqlite (absent before Node 22.13) for every command.
import type { DatabaseSync, SQLInputValue, SQLOutputValue } from "node:sqlite";
import type { RunSql, RunStorage } from "../engine/store/storage";

type Row = Record<string, SqlStorageValue>;

export class SqliteStorage implements RunStorage {
  readonly sql: RunSql;
  /** When the run's alarm is due (ms since the epoch), or null without one. */
  alarm: number | null = null;
  private depth = 0;

  constructor(private readonly db: DatabaseSync) {
    this.sql = { exec: (query, ...bindings) => execute(this.db, query, bindings) };
  }

  transactionSync<T>(work: () => T): T {
    const savepoint = `cairn_tx_${this.depth}`;
    this.db.exec(`SAVEPOINT ${savepoint}`);
    this.depth += 1;
    try {
      const result = work();
      this.db.exec(`RELEASE ${savepoint}`);
      return result;
    } catch (error) {
      this.db.exec(`ROLLBACK TO ${savepoint}`);
      this.db.exec(`RELEASE ${savepoint}`);
      throw error;
    } finally {
      this.depth -= 1;
    }
  }

  async setAlarm(at: number | Date): Promise<void> {
    this.alarm = typeof at === "number" ? at : at.getTime();
  }

  async getAlarm(): Promise<number | null> {
    return this.alarm;
  }

  async deleteAlarm(): Promise<void> {
    this.alarm = null;
  }

  /** As a Durable Object's: every table and the alarm. */
  async deleteAll(): Promise<void> {
    const tables = this.db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .all();
    for (const { name } of tables) this.db.exec(`DROP TABLE IF EXISTS "${String(name)}"`);
    this.alarm = null;
  }
}

/**
 * One `exec`: a script of several statements without bindings runs whole (as the schema
 * migration does); a statement that returns columns is read at once, any other is run.
 */
function execute<T extends Row>(
  db: DatabaseSync,
  query: string,
  bindings: readonly unknown[],
): SqliteCursor<T> {
  if (bindings.length === 0 && /;\s*\S/.test(query)) {
    db.exec(query);
    return new SqliteCursor<T>([], [], 0);
  }
  const statement = db.prepare(query);
  const values = bindings.map(toInput);
  const columns = statement.columns().map((column) => column.name);
  if (columns.length === 0) {
    const { changes } = statement.run(...values);
    return new SqliteCursor<T>([], columns, Number(changes));
  }
  const rows = statement.all(...values).map((row) => toRow<T>(row));
  // A write that returns rows (INSERT ... RETURNING) wrote as many as it returned.
  const written = /^\s*(INSERT|UPDATE|DELETE|REPLACE)/i.test(query) ? rows.length : 0;
  return new SqliteCursor<T>(rows, columns, written);
}

/** The cursor of SqlStorage over rows already read. */
class SqliteCursor<T extends Row> implements SqlStorageCursor<T> {
  private position = 0;

  constructor(
    private readonly rows: T[],
    readonly columnNames: string[],
    readonly rowsWritten: number,
  ) {}

  get rowsRead(): number {
    return this.rows.length;
  }

  next(): IteratorResult<T, undefined> {
    const row = this.rows[this.position];
    if (row === undefined) return { done: true, value: undefined };
    this.position += 1;
    return { done: false, value: row };
  }

  toArray(): T[] {
    const rest = this.rows.slice(this.position);
    this.position = this.rows.length;
    return rest;
  }

  one(): T {
    const rest = this.toArray();
    if (rest.length !== 1)
      throw new Error(`Expected exactly one result from SQL query, but got ${rest.length}`);
    return rest[0] as T;
  }

  *raw<U extends SqlStorageValue[]>(): IterableIterator<U> {
    for (const row of this.toArray()) yield this.columnNames.map((name) => row[name] ?? null) as U;
  }

  [Symbol.iterator](): IterableIterator<T> {
    return this.toArray()[Symbol.iterator]();
  }
}

function toInput(value: unknown): SQLInputValue {
  if (value === null || typeof value === "number" || typeof value === "string") return value;
  if (typeof value === "bigint") return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  throw new TypeError(`cannot bind ${typeof value} to SQL`);
}

// As the Workers runtime returns them: blobs as ArrayBuffer, integers as numbers.
function toRow<T extends Row>(row: Record<string, SQLOutputValue>): T {
  const converted: Row = {};
  for (const [name, value] of Object.entries(row)) converted[name] = fromOutput(value);
  return converted as T;
}

function fromOutput(value: SQLOutputValue): SqlStorageValue {
  if (typeof value === "bigint") return Number(value);
  if (value instanceof Uint8Array) return new Uint8Array(value).buffer;
  return value;
}
