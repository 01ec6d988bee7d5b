import type { HistoryEvent } from "../../core/history";
import type { JsonValue } from "../../core/json";
import type { RunStatus } from "../../core/statuses";
import type { RunPlan } from "../../definition/ir";
import { redact } from "../../templates/secrets";
import { RunAlarm } from "../alarm";
import { Commits } from "./commits";
import { FrameRepository } from "./frames";
import { HistoryRepository } from "./history";
import { Inbox } from "./inbox";
import {
  ACTIVATIONS,
  createdRow,
  type NewRun,
  parseRow,
  RUN_COLUMNS,
  RUN_JSON,
  type RunPatch,
  type RunRow,
  type RunWrittenColumn,
  STEP_JSON,
  type StepRow,
  storedStep,
  toJson,
  UNDER,
  under,
} from "./rows";
import {
  createRunSchema,
  migrateRunSchema,
  type OptionalTables,
  optionalTablesOf,
  RUN_SCHEMA_VERSION,
  readRunSchemaVersion,
} from "./schema";
import { StepCache } from "./step-cache";
import type { RunSql, RunStorage } from "./storage";
import { TimerRepository } from "./timers";

export type { FrameCounts, FrameResult, NewRun, RunRow, StepRow, Timer, TimerGate } from "./rows";

/**
 * Typed access to one run's SQLite storage. Every method is synchronous: the engine groups
 * them in `transactionSync` so a step's result and the run's next move commit together.
 */
export class RunStore {
  /** The repositories of the tables beside the run row, steps and history (one SQL handle). */
  readonly timers: TimerRepository;
  readonly frames: FrameRepository;
  readonly inbox: Inbox;
  readonly history: HistoryRepository;
  /** The object's one alarm (set from the state this store holds; see alarm.ts). */
  readonly alarm: RunAlarm;
  private plan: RunPlan | null = null;
  /**
   * The run row as last read. The drive loop reads it many times per step, so it is kept
   * until a write to it (or a rolled-back transaction) makes it stale; this object is the
   * row's only writer.
   */
  private run: RunRow | null = null;
  private known = false;
  private onFound: (() => void) | null = null;
  private readonly destroyedListeners = new Set<() => void>();
  /** Fan-out inputs by `<instance>#<execution>` (see readFanOutInput); dropped on rollback. */
  private readonly fanOutInputs = new Map<string, JsonValue | null>();
  /** Transactions, and the run columns and history rows they write as they commit. */
  private readonly commits: Commits;
  /** Step rows lately read or written (see StepCache). */
  private readonly steps: StepCache;

  /**
   * @param secretValues values of the secrets templates can read: every step row, event and
   * run result is redacted on its way into storage, so nothing read back can leak one.
   * @param now the clock of history timestamps (the harness's is virtual)
   */
  constructor(
    private readonly storage: RunStorage,
    private readonly secretValues: readonly string[] = [],
    private readonly sql: RunSql = storage.sql,
    private readonly now: () => number = Date.now,
  ) {
    this.commits = new Commits(storage, sql);
    this.steps = new StepCache(sql);
    this.timers = new TimerRepository(sql, (stepId, row) => this.steps.seen(stepId, row));
    this.frames = new FrameRepository(sql);
    this.history = new HistoryRepository(sql);
    this.alarm = new RunAlarm(storage);
    this.inbox = new Inbox(
      sql,
      secretValues,
      (stepId) => this.readStep(stepId)?.executions ?? 1,
      () => this.usesTables().eventWaits,
    );
  }

  /**
   * False for an object that never started a run; reading must not create its tables. The
   * first call of an instance brings a run created by older code to the current schema.
   */
  exists(): boolean {
    if (this.known) return true;
    const version = readRunSchemaVersion(this.sql);
    if (version === null) return false;
    if (version < RUN_SCHEMA_VERSION) migrateRunSchema(this.storage, version);
    this.known = true;
    this.onFound?.();
    return true;
  }

  /**
   * Calls `listener` each time `exists` finds a run in storage that this instance has not
   * created or found since its last `destroy`: a run of an earlier instance, which a crash
   * may have left with work undone (a run this instance creates is heard through `listen`).
   */
  whenFound(listener: () => void): void {
    this.onFound = listener;
  }

  /**
   * Calls `listener` each time `destroy` has wiped the run: what an instance knows of it (its
   * index row, its announcement) must not carry over to a run started later in the same object
   * (a start with the same idempotency key reaches it).
   */
  whenDestroyed(listener: () => void): void {
    this.destroyedListeners.add(listener);
  }

  /**
   * Runs `work` as one SQLite transaction. Events it appends reach listeners only once it
   * has committed, so nobody hears of a move that was rolled back.
   */
  transaction<T>(work: () => T): T {
    // An inner transaction that rolls back restores the row its outer one goes on with.
    const run = this.run;
    const outer = !this.commits.open;
    if (outer) this.steps.begin();
    try {
      const result = this.commits.run(work);
      if (outer) this.steps.committed();
      return result;
    } catch (error) {
      this.run = this.commits.open ? run : null;
      this.fanOutInputs.clear();
      this.steps.clear();
      throw error;
    }
  }

  /**
   * Hears the events of every commit from now on, once per commit (a transaction's events
   * together, in order); returns the unsubscribe.
   */
  listen(listener: (events: readonly HistoryEvent[]) => void): () => void {
    return this.commits.listen(listener);
  }

  /** Creates the run's tables and its row; call it inside the transaction that starts the run. */
  create(run: NewRun, plan: RunPlan): void {
    createRunSchema(this.sql, optionalTablesOf(plan.job));
    this.sql.exec(
      `INSERT INTO cairn_run (singleton, run_id, job, version, trigger, idempotency_key, plan, params,
        status, created_at, deadline_at, parent, seq) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
      run.run_id,
      run.job,
      run.version,
      run.trigger,
      run.idempotency_key,
      JSON.stringify(plan),
      JSON.stringify(run.params),
      run.status,
      run.created_at,
      run.deadline_at,
      run.parent === null ? null : JSON.stringify(run.parent),
    );
    this.plan = plan;
    this.run = createdRow(run);
    this.steps.clear();
    this.known = true;
  }

  /** The definition snapshot; immutable for the life of the run, so parsed once. */
  readPlan(): RunPlan {
    this.plan ??= JSON.parse(
      String(this.sql.exec("SELECT plan FROM cairn_run").one().plan),
    ) as RunPlan;
    return this.plan;
  }

  /** The optional tables the run's plan can use (schema.ts: only those were created). */
  private usesTables(): OptionalTables {
    return optionalTablesOf(this.readPlan().job);
  }

  /** The run row; shared between callers, so never mutate it (spread it into a patch). */
  readRun(): Readonly<RunRow> {
    this.run ??= parseRow<RunRow>(
      this.sql.exec(`SELECT ${RUN_COLUMNS} FROM cairn_run`).one(),
      RUN_JSON,
    );
    return this.run;
  }

  updateRun(patch: RunPatch): void {
    this.writeRun(redact(patch, this.secretValues));
  }

  /**
   * Writes run columns (at the transaction's end, inside one; else at once) and the kept
   * row. `seq` is written as the kept row's value plus one: this object is its only writer.
   */
  private writeRun(patch: Partial<Pick<RunRow, RunWrittenColumn>>, bumpSeq = false): void {
    const entries = Object.entries(patch) as [RunWrittenColumn, unknown][];
    const stored = entries.map(([key, value]): [RunWrittenColumn, SqlStorageValue] => [
      key,
      (RUN_JSON.has(key) ? toJson(value) : (value ?? null)) as SqlStorageValue,
    ]);
    if (stored.length === 0 && !bumpSeq) return;
    const run = this.readRun();
    if (bumpSeq) stored.push(["seq", run.seq + 1]);
    this.commits.writeRun(stored);
    this.patchCachedRun(bumpSeq ? { ...patch, seq: run.seq + 1 } : patch);
  }

  /** Applies a write to the kept row as reading it back would show it (undefined is stored as NULL). */
  private patchCachedRun(patch: Partial<RunRow>): void {
    if (!this.run) return;
    const stored = Object.entries(patch).map(([key, value]) => [
      key,
      value === undefined ? null : structuredClone(value),
    ]);
    this.run = { ...this.run, ...Object.fromEntries(stored) };
  }

  /** Moves the run to a new status, bumping `seq` so the D1 index knows it is behind. */
  setStatus(to: RunStatus, patch: RunPatch = {}, reason?: string): void {
    const from = this.readRun().status;
    this.writeRun(redact({ ...patch, status: to }, this.secretValues), true);
    this.append({ type: "run_status", data: reason ? { from, to, reason } : { from, to } });
  }

  markMirrored(seq: number): void {
    this.writeRun({ mirrored_seq: Math.max(this.readRun().mirrored_seq, seq) });
  }

  readStep(stepId: string): StepRow | null {
    return this.steps.row(stepId);
  }

  readSteps(): StepRow[] {
    return this.sql
      .exec("SELECT * FROM cairn_steps")
      .toArray()
      .map((row) => parseRow<StepRow>(row, STEP_JSON));
  }

  /** Steps a move cancelled (their calls and child runs are stopped by the driver). */
  cancelledSteps(): StepRow[] {
    return this.sql
      .exec("SELECT * FROM cairn_steps WHERE status = 'cancelled'")
      .toArray()
      .map((row) => parseRow<StepRow>(row, STEP_JSON));
  }

  /** Steps whose attempt was started and has not settled: after a restart, interrupted ones. */
  runningSteps(): string[] {
    return this.sql
      .exec("SELECT step_id FROM cairn_steps WHERE status = 'running'")
      .toArray()
      .map((row) => String(row.step_id));
  }

  writeStep(unredacted: StepRow): void {
    const row = storedStep(redact(unredacted, this.secretValues));
    this.sql.exec(
      `INSERT OR REPLACE INTO cairn_steps (step_id, status, executions, attempts, total_attempts,
        interruptions, input, output, error, started_at, finished_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ...Object.values(row),
    );
    this.steps.wrote(row);
  }

  append(unredacted: HistoryEvent): void {
    const event = redact(unredacted, this.secretValues);
    const row = {
      at: this.now(),
      type: event.type,
      step_id: "step_id" in event ? event.step_id : null,
      data: JSON.stringify(event.data),
    };
    this.commits.append(event, row);
  }

  /** True while anything could still move the run: a pending activation or a step mid-flight or waiting. */
  hasOpenWork(frame = ""): boolean {
    const timers = this.sql
      .exec(`SELECT 1 FROM cairn_timers WHERE ${ACTIVATIONS} AND ${UNDER} LIMIT 1`, ...under(frame))
      .toArray();
    if (timers.length > 0) return true;
    return this.openStepsUnder(frame, 1).length > 0;
  }

  /** Steps under `prefix` mid-flight or waiting (at most `limit`). */
  openStepsUnder(prefix: string, limit = -1): StepRow[] {
    return this.sql
      .exec(
        `SELECT * FROM cairn_steps WHERE ${UNDER} AND status IN ('running', 'waiting') LIMIT ?`,
        ...under(prefix),
        limit,
      )
      .toArray()
      .map((row) => parseRow<StepRow>(row, STEP_JSON));
  }

  /**
   * True when the run only waits: no step mid-attempt and no step about to start or retry,
   * just waits, events, child runs or action slots (and its deadline).
   */
  isIdle(): boolean {
    const moves = this.sql
      .exec("SELECT 1 FROM cairn_timers WHERE kind IN ('activate', 'attempt') LIMIT 1")
      .toArray();
    return moves.length === 0 && this.runningSteps().length === 0;
  }

  async destroy(): Promise<void> {
    // Data first: a crash in between then leaves an alarm on an empty object (harmless),
    // never data without the alarm that would finish deleting it.
    await this.storage.deleteAll();
    this.alarm.set(null);
    this.plan = null;
    this.run = null;
    this.steps.clear();
    this.known = false;
    for (const listener of this.destroyedListeners) listener();
  }

  /**
   * Rows of the steps directly in `frame` (not in frames nested below it), given the ids of
   * its graph: one key lookup per step, however many instances other frames hold.
   */
  readStepsIn(frame: string, ids: readonly string[]): StepRow[] {
    return this.steps.select("*", frame, ids).map((row) => parseRow<StepRow>(row, STEP_JSON));
  }

  /**
   * Like readStepsIn, without the inputs (read as null): what templates, DAG readiness and
   * graph results need. A map step's input is all its items; every item's steps read the
   * rows around them, so parsing it each time would cost the whole map per item.
   */
  readResultsIn(frame: string, ids: readonly string[]): StepRow[] {
    return this.steps.resultsIn(frame, ids);
  }

  /**
   * The items of a map step's current execution (its input), parsed once per execution and
   * kept: every item's steps read `meta.item`, and every item's end counts the items.
   */
  readFanOutInput(parent: string): { status: StepRow["status"]; input: JsonValue | null } | null {
    const head = this.sql
      .exec("SELECT status, executions FROM cairn_steps WHERE step_id = ?", parent)
      .toArray()[0];
    if (!head) return null;
    const key = `${parent}#${String(head.executions)}`;
    let input = this.fanOutInputs.get(key);
    if (input === undefined) {
      input = this.readStep(parent)?.input ?? null;
      this.fanOutInputs.set(key, input);
    }
    return { status: head.status as StepRow["status"], input };
  }

  /** Step instances waiting (for an event, a duration or a retry), oldest first. */
  waitingSteps(): StepRow[] {
    return this.sql
      .exec("SELECT * FROM cairn_steps WHERE status = 'waiting' ORDER BY started_at")
      .toArray()
      .map((row) => parseRow<StepRow>(row, STEP_JSON));
  }

  /**
   * Forgets what ran under a fan-out instance, so it can run its children again: their
   * rows go back to pending (keeping execution counts, hence fresh idempotency keys), their
   * timers and the frame records go.
   */
  resetUnder(parent: string): void {
    const prefix = `${parent}/`;
    this.steps.clear();
    this.sql.exec(
      `UPDATE cairn_steps SET status = 'pending', attempts = 0, output = NULL, error = NULL,
        finished_at = NULL WHERE ${UNDER}`,
      ...under(prefix),
    );
    this.sql.exec(`DELETE FROM cairn_timers WHERE ${UNDER}`, ...under(prefix));
    if (!this.usesTables().frames) return;
    this.sql.exec(
      "DELETE FROM cairn_frames WHERE parent = ? OR substr(parent, 1, ?) = ?",
      parent,
      prefix.length,
      prefix,
    );
  }
}
