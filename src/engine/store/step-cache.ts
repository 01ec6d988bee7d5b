/**
 * Step rows as stored (`SELECT *`'s shape, JSON unparsed, so each read parses afresh as
 * before), read or written lately: the due timer's read brings its step's row along for the
 * move that fires it, a task's input and its templates read the same results of its graph,
 * and the drive loop and a call's settling read the rows the attempt's journal just wrote.
 * Only the run store writes step rows, so a write keeps a row and the kept results
 * current. A commit keeps only the rows it wrote (what was read before it is read again
 * by the next move) and no results; a rollback drops everything.
 */
import { parseRow, STEP_JSON, STEP_RESULT_COLUMNS, type StepRecord, type StepRow } from "./rows";
import type { RunSql } from "./storage";

/**
 * How many rows and frames' results are kept (the oldest go first): a move touches a few
 * steps, and a kept row can be as large as a step's output may be.
 */
const ROWS_KEPT = 32;
const FRAMES_KEPT = 8;

/** One `resultsIn` read, kept current by the writes after it. */
interface FrameResults {
  frame: string;
  ids: ReadonlySet<string>;
  rows: Map<string, StepRecord>;
}

export class StepCache {
  /** By step id; null: the step has no row. */
  private readonly rows = new Map<string, StepRecord | null>();
  /** `resultsIn`'s rows by frame and ids. */
  private readonly results = new Map<string, FrameResults>();
  /** Steps the transaction in progress wrote (null: none in progress). */
  private written: Set<string> | null = null;

  constructor(private readonly sql: RunSql) {}

  row(stepId: string): StepRow | null {
    let row = this.rows.get(stepId);
    if (row === undefined) {
      row =
        this.sql
          .exec<StepRecord>("SELECT * FROM cairn_steps WHERE step_id = ?", stepId)
          .toArray()[0] ?? null;
      this.seen(stepId, row);
    }
    return row ? parseRow<StepRow>(row, STEP_JSON) : null;
  }

  /** The rows of `ids` in `frame`, without their inputs (read as null), by step id. */
  resultsIn(frame: string, ids: readonly string[]): StepRow[] {
    const key = `${frame}\n${ids.join("\n")}`;
    let kept = this.results.get(key);
    if (kept === undefined) {
      const rows = this.select(`${STEP_RESULT_COLUMNS}, NULL AS input`, frame, ids);
      kept = { frame, ids: new Set(ids), rows: new Map(rows.map((row) => [row.step_id, row])) };
      keep(this.results, key, kept, FRAMES_KEPT);
    }
    return [...kept.rows.values()]
      .sort((a, b) => (a.step_id < b.step_id ? -1 : 1))
      .map((row) => parseRow<StepRow>(row, STEP_JSON));
  }

  /** Rows of `ids` in `frame` (one key lookup each), read from storage. */
  select(columns: string, frame: string, ids: readonly string[]): StepRecord[] {
    return this.sql
      .exec<StepRecord>(
        `SELECT ${columns} FROM cairn_steps WHERE step_id IN (SELECT ? || value FROM json_each(?))`,
        frame,
        JSON.stringify(ids),
      )
      .toArray();
  }

  /** A row read (with a due timer, say), or null when the step has none. */
  seen(stepId: string, row: StepRecord | null): void {
    keep(this.rows, stepId, row, ROWS_KEPT);
  }

  wrote(row: StepRecord): void {
    this.seen(row.step_id, row);
    this.written?.add(row.step_id);
    for (const { frame, ids, rows } of this.results.values()) {
      const id = row.step_id.startsWith(frame) ? row.step_id.slice(frame.length) : null;
      if (id !== null && ids.has(id)) rows.set(row.step_id, { ...row, input: null });
    }
  }

  /** An outer transaction begins. */
  begin(): void {
    this.written = new Set();
  }

  /** It committed: the rows it wrote stay, as stored; the rest is read again when needed. */
  committed(): void {
    for (const stepId of this.rows.keys()) if (!this.written?.has(stepId)) this.rows.delete(stepId);
    this.results.clear();
    this.written = null;
  }

  /** After a rollback, or a write of many rows at once. */
  clear(): void {
    this.rows.clear();
    this.results.clear();
  }
}

function keep<V>(map: Map<string, V>, key: string, value: V, limit: number): void {
  map.delete(key);
  map.set(key, value);
  const oldest = map.keys().next();
  if (map.size > limit && !oldest.done) map.delete(oldest.value);
}
