import { DurableObject } from "cloudflare:workers";
import type {
  DescribeOperationResult,
  OperationProtocol,
  OperationSpec,
  OperationView,
} from "../clients/operation";
import type { Refusal } from "../clients/run";
import { getDb } from "../db/client";
import { countRuns, deleteRunIndex, listRuns } from "../db/queries/runs";
import type { Env } from "../env";
import {
  countOutcome,
  finishPage,
  newOperation,
  type OperationState,
  type RunOutcome,
  toOperationView,
} from "./operation";
import { applyToRun } from "./run-actions";

/**
 * Runs one alarm invocation handles. Workers cap subrequests per invocation (50 on the free
 * plan) and one run's action can take four (a queued run: two D1 reads and two coordinator
 * calls), so a page is small and the next one is another invocation. A page costs one D1
 * read, its runs' calls, and for a delete one D1 batch for the index rows.
 */
export const PAGE_SIZE = 10;
/** Runs of a page acted on at once. */
const CONCURRENCY = 5;
/** The alarm set before a page is worked: if the instance dies mid-page, it resumes then. */
export const LEASE_MS = 10_000;

const NOT_FOUND: Refusal = { ok: false, code: "not_found", message: "operation does not exist" };

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS cairn_operation (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    state TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS cairn_operation_items (
    run_id TEXT PRIMARY KEY,
    ok INTEGER NOT NULL
  );`;

/**
 * One bulk operation, named by its id. Its state (filter, cursor, counts, failures) is one
 * row; `cairn_operation_items` holds the runs of the current page already acted on, each
 * recorded in the same transaction as its count, so a page resumed after a crash skips
 * them. A page ends by moving the cursor and clearing the items together. Only the one run
 * in flight per slot at the moment of a crash can be acted on twice (its second outcome,
 * e.g. "run is cancelled", is what gets counted).
 */
export class OperationObject extends DurableObject<Env> implements OperationProtocol {
  private readonly sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.sql.exec(SCHEMA);
  }

  /** Creates the operation (a repeat returns it as it is) and starts working on it. */
  async start(spec: OperationSpec): Promise<OperationView> {
    const existing = this.read();
    if (existing) return toOperationView(existing);
    const now = Date.now();
    const matched = await countRuns(getDb(this.env.DB), newOperation(spec, 0, now).filter, now);
    const state = newOperation(spec, matched, now);
    this.write(state);
    await this.ctx.storage.setAlarm(now);
    return toOperationView(state);
  }

  describe(): DescribeOperationResult {
    const state = this.read();
    return state ? { ok: true, operation: toOperationView(state) } : NOT_FOUND;
  }

  /** Works one page of matching runs, then hands the next page to the next invocation. */
  override async alarm(): Promise<void> {
    const state = this.read();
    if (!state || state.status === "done") return;
    await this.ctx.storage.setAlarm(Date.now() + LEASE_MS);
    const page = await listRuns(getDb(this.env.DB), {
      ...state.filter,
      cursor: state.cursor ?? undefined,
      limit: PAGE_SIZE,
    });
    if (!page) throw new Error(`operation ${state.id}: its cursor ${state.cursor} is not valid`);
    const seen = new Set(
      this.sql
        .exec("SELECT run_id FROM cairn_operation_items")
        .toArray()
        .map((row) => String(row.run_id)),
    );
    const todo = page.items.filter((row) => !seen.has(row.id));
    for (let i = 0; i < todo.length; i += CONCURRENCY) {
      await Promise.all(
        todo.slice(i, i + CONCURRENCY).map(async (row) => {
          this.record(row.id, await applyToRun(this.env, state, row));
        }),
      );
    }
    // A delete's index rows go once per page, for every run the page deleted (again after a
    // crash: deleting a row twice is harmless).
    if (state.action === "delete") await deleteRunIndex(getDb(this.env.DB), this.deletedRuns());
    const finished = this.ctx.storage.transactionSync(() => {
      const next = finishPage(this.readOrThrow(), page.next_cursor, Date.now());
      this.write(next);
      this.sql.exec("DELETE FROM cairn_operation_items");
      return next.status === "done";
    });
    if (finished) await this.ctx.storage.deleteAlarm();
    else await this.ctx.storage.setAlarm(Date.now());
  }

  private record(runId: string, outcome: RunOutcome): void {
    this.ctx.storage.transactionSync(() => {
      this.write(countOutcome(this.readOrThrow(), runId, outcome));
      this.sql.exec(
        "INSERT OR IGNORE INTO cairn_operation_items (run_id, ok) VALUES (?, ?)",
        runId,
        outcome.ok ? 1 : 0,
      );
    });
  }

  private deletedRuns(): string[] {
    return this.sql
      .exec("SELECT run_id FROM cairn_operation_items WHERE ok = 1")
      .toArray()
      .map((row) => String(row.run_id));
  }

  private read(): OperationState | null {
    const row = this.sql.exec("SELECT state FROM cairn_operation").toArray()[0];
    return row ? (JSON.parse(String(row.state)) as OperationState) : null;
  }

  private readOrThrow(): OperationState {
    const state = this.read();
    if (!state) throw new Error("operation state is missing");
    return state;
  }

  private write(state: OperationState): void {
    this.sql.exec(
      "INSERT OR REPLACE INTO cairn_operation (singleton, state) VALUES (1, ?)",
      JSON.stringify(state),
    );
  }
}
