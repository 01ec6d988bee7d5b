/**
 * The run store's transactions, and the writes they hold back to issue together just
 * before they commit: the run row's changed columns as one UPDATE, the history rows as
 * multi-row INSERTs. A move patches the run row two to four times (status and seq,
 * executions, the result) and appends two to four events; each statement is a crossing
 * from JavaScript into SQLite, so one of each is what a move pays. Inside a transaction
 * the run row is read from the store's kept copy, and nothing reads the history before the
 * commit. Listeners hear a commit's events once it has committed.
 *
 * Both statements have fixed texts, whatever a move changed: workerd prepares and keeps
 * every distinct SQL text a run object executes, about 3 KB of native memory each and
 * 0.1-0.15 ms of CPU the first time, and every run is a fresh object (bench/README.md,
 * "What an object's native memory is"), so a text per column set or row count was paid
 * again by every run.
 */
import type { HistoryEvent } from "../../core/history";
import { RUN_WRITTEN_COLUMNS, type RunWrittenColumn } from "./rows";
import type { RunSql, RunStorage } from "./storage";

/** One `cairn_history` row, as its columns store it. */
export interface HistoryInsert {
  at: number;
  type: string;
  step_id: string | null;
  data: string;
}

/**
 * Rows per INSERT: four bound values each, within the 100 bound parameters a Durable
 * Object's SQLite takes per statement.
 */
const HISTORY_ROWS_PER_INSERT = 25;
/**
 * The rows of the smaller INSERT, which holds what nearly every commit appends (one to
 * four events; a fan-out's end can append more), binding 16 values instead of 100.
 */
const FEW_HISTORY_ROWS = 4;

/**
 * An INSERT of `rows` history rows; rows past the ones a commit has are bound NULL and
 * skipped (`type` is never NULL), so one text serves every count up to `rows`. Each row
 * leads with its literal position, which orders the insert: SQL promises no order of a
 * VALUES list's rows, and the history's seq is the order of events.
 */
function historyInsert(rows: number): { rows: number; text: string } {
  const values = Array.from({ length: rows }, (_, at) => `(${at}, ?, ?, ?, ?)`).join(", ");
  return {
    rows,
    text: `INSERT INTO cairn_history (at, type, step_id, data)
      SELECT column2, column3, column4, column5 FROM (VALUES ${values})
      WHERE column3 IS NOT NULL ORDER BY column1`,
  };
}
const INSERT_FEW_HISTORY = historyInsert(FEW_HISTORY_ROWS);
const INSERT_HISTORY = historyInsert(HISTORY_ROWS_PER_INSERT);

/**
 * The run row's one UPDATE: each column a move may change is written when its flag is
 * bound true, else kept as stored. (Rebinding the kept row's values instead would
 * serialise params and output again on every move that bumps `seq`.)
 */
const UPDATE_RUN = `UPDATE cairn_run SET ${RUN_WRITTEN_COLUMNS.map(
  (column) => `${column} = CASE WHEN ? THEN ? ELSE ${column} END`,
).join(", ")}`;

type Listener = (events: readonly HistoryEvent[]) => void;

export class Commits {
  /** Events appended by the transaction in progress (null: none in progress). */
  private uncommitted: HistoryEvent[] | null = null;
  private columns = new Map<RunWrittenColumn, SqlStorageValue>();
  private readonly history: HistoryInsert[] = [];
  private readonly listeners = new Set<Listener>();

  constructor(
    private readonly storage: RunStorage,
    private readonly sql: RunSql,
  ) {}

  /** Whether a transaction is in progress. */
  get open(): boolean {
    return this.uncommitted !== null;
  }

  /**
   * Runs `work` as one SQLite transaction (nested: a savepoint). A rollback takes back what
   * it held, and only that: an inner one's outer transaction goes on.
   */
  run<T>(work: () => T): T {
    const outer = this.uncommitted === null;
    const mark = {
      columns: new Map(this.columns),
      history: this.history.length,
      events: this.uncommitted?.length ?? 0,
    };
    if (outer) this.uncommitted = [];
    try {
      const result = this.storage.transactionSync(() => {
        const value = work();
        if (outer) this.flush();
        return value;
      });
      if (outer) {
        // Closed before listeners hear it: what a listener writes is a move of its own.
        const events = this.uncommitted ?? [];
        this.uncommitted = null;
        this.emit(events);
      }
      return result;
    } catch (error) {
      this.columns = mark.columns;
      this.history.length = mark.history;
      if (this.uncommitted) this.uncommitted.length = mark.events;
      throw error;
    } finally {
      if (outer) this.uncommitted = null;
    }
  }

  /** Hears the events of every commit from now on (a transaction's together); returns the unsubscribe. */
  listen(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Run columns as stored (JSON serialised): at the commit inside a transaction, else now. */
  writeRun(columns: readonly [RunWrittenColumn, SqlStorageValue][]): void {
    if (!this.open) this.updateRun(new Map(columns));
    else for (const [column, value] of columns) this.columns.set(column, value);
  }

  /** An event and its row: held for the commit inside a transaction, else written and told now. */
  append(event: HistoryEvent, row: HistoryInsert): void {
    if (this.uncommitted) {
      this.uncommitted.push(event);
      this.history.push(row);
      return;
    }
    this.insertHistory([row]);
    this.emit([event]);
  }

  private flush(): void {
    if (this.columns.size > 0) this.updateRun(this.columns);
    this.columns = new Map();
    for (let from = 0; from < this.history.length; from += HISTORY_ROWS_PER_INSERT)
      this.insertHistory(this.history.slice(from, from + HISTORY_ROWS_PER_INSERT));
    this.history.length = 0;
  }

  private updateRun(columns: ReadonlyMap<RunWrittenColumn, SqlStorageValue>): void {
    this.sql.exec(
      UPDATE_RUN,
      ...RUN_WRITTEN_COLUMNS.flatMap((column) =>
        columns.has(column) ? [1, columns.get(column) ?? null] : [0, null],
      ),
    );
  }

  /** Up to HISTORY_ROWS_PER_INSERT rows. */
  private insertHistory(rows: readonly HistoryInsert[]): void {
    const insert = rows.length <= FEW_HISTORY_ROWS ? INSERT_FEW_HISTORY : INSERT_HISTORY;
    this.sql.exec(
      insert.text,
      ...rows.flatMap((row) => [row.at, row.type, row.step_id, row.data]),
      ...Array<null>((insert.rows - rows.length) * 4).fill(null),
    );
  }

  private emit(events: readonly HistoryEvent[]): void {
    if (events.length === 0) return;
    for (const listener of this.listeners) listener(events);
  }
}
