import type { JsonObject, JsonValue, RunPlan } from "../../definition/ir";
import type { RunStatus, StepStatus } from "../../statuses";
import { toLifecycleEvent } from "../../subscriptions/lifecycle";
import { redact } from "../../templates/secrets";
import type { HistoryEvent, HistoryRecord } from "../history";
import type { StepError } from "../step-error";
import { migrateRunSchema, type TimerKind } from "./schema";

/** The run's own row, parsed. */
export interface RunRow {
  run_id: string;
  job: string;
  version: number;
  trigger: string;
  idempotency_key: string | null;
  params: JsonObject;
  status: RunStatus;
  output: JsonValue | null;
  error: StepError | null;
  failed_step: string | null;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
  deadline_at: number | null;
  executions: number;
  seq: number;
  mirrored_seq: number;
  /** Set on a run started by a `run_job` step: the step to tell when this run ends. */
  parent: ParentRef | null;
}

/** The `run_job` step instance (and its execution) that started a run, and how deep it is. */
export interface ParentRef {
  run_id: string;
  instance: string;
  execution: number;
  /** 1 for a child of a top-level run. */
  depth: number;
}

export interface StepRow {
  step_id: string;
  status: StepStatus;
  /** Times the step has been entered in this run (loops re-enter it). */
  executions: number;
  /** Attempts of the current execution. */
  attempts: number;
  total_attempts: number;
  interruptions: number;
  input: JsonValue | null;
  output: JsonValue | null;
  error: StepError | null;
  started_at: number | null;
  finished_at: number | null;
}

export interface Timer {
  id: number;
  kind: TimerKind;
  step_id: string | null;
  due_at: number;
}

export type NewRun = Omit<
  RunRow,
  | "output"
  | "error"
  | "failed_step"
  | "started_at"
  | "finished_at"
  | "executions"
  | "seq"
  | "mirrored_seq"
>;

type RunPatch = Partial<Omit<RunRow, "run_id" | "seq" | "mirrored_seq">>;

const RUN_JSON = new Set(["params", "output", "error", "parent"]);
/** Every column but the plan, which is large, immutable and parsed once (`readPlan`). */
const RUN_COLUMN_NAMES: readonly (keyof RunRow)[] = [
  "run_id",
  "job",
  "version",
  "trigger",
  "idempotency_key",
  "params",
  "status",
  "output",
  "error",
  "failed_step",
  "created_at",
  "started_at",
  "finished_at",
  "deadline_at",
  "executions",
  "seq",
  "mirrored_seq",
  "parent",
];
const RUN_COLUMNS = RUN_COLUMN_NAMES.join(", ");
const STEP_JSON = new Set(["input", "output", "error"]);
const STEP_RESULT_COLUMNS = [
  "step_id",
  "status",
  "executions",
  "attempts",
  "total_attempts",
  "interruptions",
  "output",
  "error",
  "started_at",
  "finished_at",
].join(", ");
const FRAME_JSON = new Set(["output", "error"]);

/** How one child of a parallel or map step ended (or that it is still running). */
export interface FrameResult {
  status: "running" | "succeeded" | "failed" | "cancelled";
  output: JsonValue | null;
  error: StepError | null;
}

export interface FrameCounts {
  started: number;
  running: number;
  failed: number;
}
/** Timers that move work forward; a paused run holds them, but its deadline still fires. */
const ACTIVATIONS = "kind <> 'deadline'";

/**
 * Which timers may fire now: a paused run only meets its deadline; a run with
 * `max_parallel` steps in flight starts nothing new but still finishes waits.
 */
export interface TimerGate {
  paused: boolean;
  saturated: boolean;
}

function gateFilter({ paused, saturated }: TimerGate): string {
  if (paused) return "kind = 'deadline'";
  return saturated ? "kind IN ('resume', 'deadline')" : "1";
}

/**
 * `step_id` under a prefix, as a range of the primary key (step ids are ASCII, so every
 * instance under `prefix` sorts below `prefix` + U+FFFF): an index seek, not a table scan.
 */
const UNDER = "step_id >= ? AND step_id < ?";
const under = (prefix: string) => [prefix, `${prefix}\uffff`];

const toJson = (value: unknown) =>
  value === null || value === undefined ? null : JSON.stringify(value);

function parseRow<T>(row: Record<string, SqlStorageValue>, jsonColumns: ReadonlySet<string>): T {
  const parsed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    parsed[key] = jsonColumns.has(key) && typeof value === "string" ? JSON.parse(value) : value;
  }
  return parsed as T;
}

/**
 * Typed access to one run's SQLite storage. Every method is synchronous: the engine groups
 * them in `transactionSync` so a step's result and the run's next move commit together.
 */
export class RunStore {
  private plan: RunPlan | null = null;
  /**
   * The run row as last read. The drive loop reads it many times per step, so it is kept
   * until a write to it (or a rolled-back transaction) makes it stale; this object is the
   * row's only writer.
   */
  private run: RunRow | null = null;
  private known = false;
  private readonly listeners = new Set<(event: HistoryEvent) => void>();
  /** Fan-out inputs by `<instance>#<execution>` (see readFanOutInput); dropped on rollback. */
  private readonly fanOutInputs = new Map<string, JsonValue | null>();
  /** Events appended by the transaction in progress, held back until it commits. */
  private uncommitted: HistoryEvent[] | null = null;

  /**
   * @param secretValues values of the secrets templates can read: every step row, event and
   * run result is redacted on its way into storage, so nothing read back can leak one.
   */
  constructor(
    private readonly storage: DurableObjectStorage,
    private readonly secretValues: readonly string[] = [],
    private readonly sql = storage.sql,
  ) {}

  /** False for an object that never started a run; reading must not create its tables. */
  exists(): boolean {
    if (this.known) return true;
    const found = this.sql
      .exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'cairn_run'")
      .toArray();
    this.known = found.length > 0 && this.sql.exec("SELECT 1 FROM cairn_run").toArray().length > 0;
    // Runs created by an older version get the tables added since.
    if (this.known) migrateRunSchema(this.sql);
    return this.known;
  }

  /**
   * Runs `work` as one SQLite transaction. Events it appends reach listeners only once it
   * has committed, so nobody hears of a move that was rolled back.
   */
  transaction<T>(work: () => T): T {
    const outer = this.uncommitted === null;
    if (outer) this.uncommitted = [];
    try {
      const result = this.storage.transactionSync(work);
      if (outer) this.emit(this.uncommitted ?? []);
      return result;
    } catch (error) {
      this.run = null;
      this.fanOutInputs.clear();
      throw error;
    } finally {
      if (outer) this.uncommitted = null;
    }
  }

  /** Hears every event appended from now on (after its commit); returns the unsubscribe. */
  listen(listener: (event: HistoryEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(events: readonly HistoryEvent[]): void {
    for (const event of events) for (const listener of this.listeners) listener(event);
  }

  create(run: NewRun, plan: RunPlan): void {
    migrateRunSchema(this.sql);
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
    this.run = null;
    this.known = true;
  }

  /** The definition snapshot; immutable for the life of the run, so parsed once. */
  readPlan(): RunPlan {
    this.plan ??= JSON.parse(
      String(this.sql.exec("SELECT plan FROM cairn_run").one().plan),
    ) as RunPlan;
    return this.plan;
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
    const redacted = redact(patch, this.secretValues);
    const entries = Object.entries(redacted);
    if (entries.length === 0) return;
    const assignments = entries.map(([key]) => `${key} = ?`).join(", ");
    const values = entries.map(([key, value]) => (RUN_JSON.has(key) ? toJson(value) : value));
    this.sql.exec(`UPDATE cairn_run SET ${assignments}`, ...(values as SqlStorageValue[]));
    this.patchCachedRun(redacted);
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
    this.updateRun({ ...patch, status: to });
    this.sql.exec("UPDATE cairn_run SET seq = seq + 1");
    if (this.run) this.patchCachedRun({ seq: this.run.seq + 1 });
    this.append({ type: "run_status", data: reason ? { from, to, reason } : { from, to } });
  }

  markMirrored(seq: number): void {
    this.sql.exec("UPDATE cairn_run SET mirrored_seq = max(mirrored_seq, ?)", seq);
    if (this.run) this.patchCachedRun({ mirrored_seq: Math.max(this.run.mirrored_seq, seq) });
  }

  readStep(stepId: string): StepRow | null {
    const row = this.sql.exec("SELECT * FROM cairn_steps WHERE step_id = ?", stepId).toArray()[0];
    return row ? parseRow<StepRow>(row, STEP_JSON) : null;
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
    const step = redact(unredacted, this.secretValues);
    this.sql.exec(
      `INSERT OR REPLACE INTO cairn_steps (step_id, status, executions, attempts, total_attempts,
        interruptions, input, output, error, started_at, finished_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      step.step_id,
      step.status,
      step.executions,
      step.attempts,
      step.total_attempts,
      step.interruptions,
      toJson(step.input),
      toJson(step.output),
      toJson(step.error),
      step.started_at,
      step.finished_at,
    );
  }

  append(unredacted: HistoryEvent): void {
    const event = redact(unredacted, this.secretValues);
    const stepId = "step_id" in event ? event.step_id : null;
    this.sql.exec(
      "INSERT INTO cairn_history (at, type, step_id, data) VALUES (?, ?, ?, ?)",
      Date.now(),
      event.type,
      stepId,
      JSON.stringify(event.data),
    );
    if (this.uncommitted) this.uncommitted.push(event);
    else this.emit([event]);
  }

  readHistory(afterSeq: number, limit: number): HistoryRecord[] {
    return (
      this.sql
        .exec("SELECT * FROM cairn_history WHERE seq > ? ORDER BY seq LIMIT ?", afterSeq, limit)
        .toArray()
        .map((row) => ({
          seq: Number(row.seq),
          at: new Date(Number(row.at)).toISOString(),
          type: row.type as HistoryRecord["type"],
          step_id: row.step_id === null ? null : String(row.step_id),
          data: JSON.parse(String(row.data)) as JsonValue,
        }))
        // A stored record has the shape of the event it was appended as.
        .map((record) => ({
          ...record,
          event: toLifecycleEvent(record as unknown as HistoryEvent),
        }))
    );
  }

  addTimer(kind: TimerKind, stepId: string | null, dueAt: number): void {
    this.sql.exec(
      "INSERT INTO cairn_timers (kind, step_id, due_at) VALUES (?, ?, ?)",
      kind,
      stepId,
      dueAt,
    );
  }

  /** The earliest timer due by `now` among those `gate` lets through. */
  takeDueTimer(now: number, gate: TimerGate): Timer | null {
    const row = this.sql
      .exec(
        `SELECT * FROM cairn_timers WHERE due_at <= ? AND ${gateFilter(gate)} ORDER BY due_at, id LIMIT 1`,
        now,
      )
      .toArray()[0];
    return row ? (row as unknown as Timer) : null;
  }

  nextTimerAt(gate: TimerGate): number | null {
    const row = this.sql
      .exec(`SELECT min(due_at) AS at FROM cairn_timers WHERE ${gateFilter(gate)}`)
      .one();
    return row.at === null ? null : Number(row.at);
  }

  hasStepTimer(stepId: string): boolean {
    return (
      this.sql.exec("SELECT 1 FROM cairn_timers WHERE step_id = ? LIMIT 1", stepId).toArray()
        .length > 0
    );
  }

  /** False when the timer was already gone. */
  deleteTimer(id: number): boolean {
    return this.sql.exec("DELETE FROM cairn_timers WHERE id = ?", id).rowsWritten > 0;
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

  /** The step of the earliest timer that belongs to a step, if any. */
  firstTimerStep(): string | null {
    const row = this.sql
      .exec(
        "SELECT step_id FROM cairn_timers WHERE step_id IS NOT NULL ORDER BY due_at, id LIMIT 1",
      )
      .toArray()[0];
    return row ? String(row.step_id) : null;
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

  /** Drops every timer that would move work forward (a finished run keeps none). */
  clearActivations(): void {
    this.sql.exec(`DELETE FROM cairn_timers WHERE ${ACTIVATIONS}`);
  }

  clearTimers(): void {
    this.sql.exec("DELETE FROM cairn_timers");
  }

  async destroy(): Promise<void> {
    // Data first: a crash in between then leaves an alarm on an empty object (harmless),
    // never data without the alarm that would finish deleting it.
    await this.storage.deleteAll();
    await this.storage.deleteAlarm();
    this.plan = null;
    this.run = null;
    this.known = false;
  }

  /**
   * Rows of the steps directly in `frame` (not in frames nested below it), given the ids of
   * its graph: one key lookup per step, however many instances other frames hold.
   */
  readStepsIn(frame: string, ids: readonly string[]): StepRow[] {
    return this.selectIn("*", frame, ids);
  }

  /**
   * Like readStepsIn, without the inputs (read as null): what templates, DAG readiness and
   * graph results need. A map step's input is all its items; every item's steps read the
   * rows around them, so parsing it each time would cost the whole map per item.
   */
  readResultsIn(frame: string, ids: readonly string[]): StepRow[] {
    return this.selectIn(`${STEP_RESULT_COLUMNS}, NULL AS input`, frame, ids);
  }

  private selectIn(columns: string, frame: string, ids: readonly string[]): StepRow[] {
    return this.sql
      .exec(
        `SELECT ${columns} FROM cairn_steps WHERE step_id IN (SELECT ? || value FROM json_each(?))`,
        frame,
        JSON.stringify(ids),
      )
      .toArray()
      .map((row) => parseRow<StepRow>(row, STEP_JSON));
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

  /** Keeps an event posted to the run until a step takes it; returns its sequence number. */
  addEvent(name: string, body: JsonValue): number {
    const row = this.sql
      .exec(
        "INSERT INTO cairn_events (name, body, received_at) VALUES (?, ?, ?) RETURNING seq",
        name,
        JSON.stringify(redact(body, this.secretValues)),
        Date.now(),
      )
      .one();
    return Number(row.seq);
  }

  /** The oldest event of `name` no step has taken yet, marked as taken by `instance`. */
  takeEvent(name: string, instance: string): { seq: number; body: JsonValue } | null {
    const row = this.sql
      .exec(
        "SELECT seq, body FROM cairn_events WHERE name = ? AND taken_by IS NULL ORDER BY seq LIMIT 1",
        name,
      )
      .toArray()[0];
    if (!row) return null;
    this.sql.exec("UPDATE cairn_events SET taken_by = ? WHERE seq = ?", instance, row.seq);
    return { seq: Number(row.seq), body: JSON.parse(String(row.body)) as JsonValue };
  }

  /**
   * The callback token of one execution of a step instance, created on first use. Created
   * outside any transaction on purpose: the output gate makes it durable before a call that
   * carries it leaves the object.
   */
  callbackToken(stepId: string, execution: number, create: () => string): string {
    const found = this.sql
      .exec(
        "SELECT token FROM cairn_callback_urls WHERE step_id = ? AND execution = ?",
        stepId,
        execution,
      )
      .toArray()[0];
    if (found) return String(found.token);
    const token = create();
    this.sql.exec(
      "INSERT INTO cairn_callback_urls (token, step_id, execution) VALUES (?, ?, ?)",
      token,
      stepId,
      execution,
    );
    return token;
  }

  /** The step execution a callback token belongs to and whether it was used; null if unknown. */
  readCallback(token: string): { step_id: string; execution: number; used: boolean } | null {
    const row = this.sql
      .exec("SELECT step_id, execution, used_at FROM cairn_callback_urls WHERE token = ?", token)
      .toArray()[0];
    if (row)
      return {
        step_id: String(row.step_id),
        execution: Number(row.execution),
        used: row.used_at !== null,
      };
    // Runs started before tokens were per execution: a token is good for the current one.
    const legacy = this.sql
      .exec("SELECT step_id, used_at FROM cairn_callbacks WHERE token = ?", token)
      .toArray()[0];
    if (!legacy) return null;
    const stepId = String(legacy.step_id);
    this.sql.exec(
      "INSERT INTO cairn_callback_urls (token, step_id, execution, used_at) VALUES (?, ?, ?, ?)",
      token,
      stepId,
      this.readStep(stepId)?.executions ?? 1,
      legacy.used_at,
    );
    this.sql.exec("DELETE FROM cairn_callbacks WHERE token = ?", token);
    return this.readCallback(token);
  }

  /** Spends a token; with a body, keeps it for its step execution, which has not started waiting. */
  useCallback(token: string, kept?: JsonValue): void {
    this.sql.exec(
      "UPDATE cairn_callback_urls SET used_at = ?, body = ? WHERE token = ?",
      Date.now(),
      kept === undefined ? null : JSON.stringify(redact(kept, this.secretValues)),
      token,
    );
  }

  /** The body of a callback that came before this step execution waited, taken once. */
  takeKeptCallback(stepId: string, execution: number): { body: JsonValue } | null {
    const row = this.sql
      .exec(
        "SELECT token, body FROM cairn_callback_urls WHERE step_id = ? AND execution = ? AND body IS NOT NULL",
        stepId,
        execution,
      )
      .toArray()[0];
    if (!row) return null;
    this.sql.exec("UPDATE cairn_callback_urls SET body = NULL WHERE token = ?", row.token);
    return { body: JSON.parse(String(row.body)) as JsonValue };
  }

  /** Step instances waiting (for an event, a duration or a retry), oldest first. */
  waitingSteps(): StepRow[] {
    return this.sql
      .exec("SELECT * FROM cairn_steps WHERE status = 'waiting' ORDER BY started_at")
      .toArray()
      .map((row) => parseRow<StepRow>(row, STEP_JSON));
  }

  deleteStepTimers(stepId: string): void {
    this.sql.exec("DELETE FROM cairn_timers WHERE step_id = ?", stepId);
  }

  startFrame(parent: string, index: number): void {
    this.sql.exec(
      "INSERT OR REPLACE INTO cairn_frames (parent, idx, status) VALUES (?, ?, 'running')",
      parent,
      index,
    );
  }

  settleFrame(parent: string, index: number, result: FrameResult): void {
    this.sql.exec(
      "UPDATE cairn_frames SET status = ?, output = ?, error = ? WHERE parent = ? AND idx = ?",
      result.status,
      toJson(result.output),
      toJson(result.error),
      parent,
      index,
    );
  }

  /**
   * Children start in index order, so the highest index counts the started ones; running
   * and failed ones are counted through the (parent, status) index. Each item's end pays
   * for the items in flight, not for every item of the map.
   */
  countFrames(parent: string): FrameCounts {
    const count = (status: string) =>
      Number(
        this.sql
          .exec(
            "SELECT count(*) AS n FROM cairn_frames WHERE parent = ? AND status = ?",
            parent,
            status,
          )
          .one().n,
      );
    const top = this.sql
      .exec("SELECT max(idx) AS top FROM cairn_frames WHERE parent = ?", parent)
      .one().top;
    return {
      started: top === null ? 0 : Number(top) + 1,
      running: count("running"),
      failed: count("failed"),
    };
  }

  readFrames(parent: string): (FrameResult & { idx: number })[] {
    return this.sql
      .exec(
        "SELECT idx, status, output, error FROM cairn_frames WHERE parent = ? ORDER BY idx",
        parent,
      )
      .toArray()
      .map((row) => parseRow<FrameResult & { idx: number }>(row, FRAME_JSON));
  }

  /**
   * Forgets what ran under a fan-out instance, so it can run its children again: their
   * rows go back to pending (keeping execution counts, hence fresh idempotency keys), their
   * timers and the frame records go.
   */
  resetUnder(parent: string): void {
    const prefix = `${parent}/`;
    this.sql.exec(
      `UPDATE cairn_steps SET status = 'pending', attempts = 0, output = NULL, error = NULL,
        finished_at = NULL WHERE ${UNDER}`,
      ...under(prefix),
    );
    this.sql.exec(`DELETE FROM cairn_timers WHERE ${UNDER}`, ...under(prefix));
    this.sql.exec(
      "DELETE FROM cairn_frames WHERE parent = ? OR substr(parent, 1, ?) = ?",
      parent,
      prefix.length,
      prefix,
    );
  }

  cancelRunningFrames(parent: string): void {
    this.sql.exec(
      "UPDATE cairn_frames SET status = 'cancelled' WHERE parent = ? AND status = 'running'",
      parent,
    );
  }

  /** Step instances under `prefix` with a timer pending. */
  timerStepsUnder(prefix: string): string[] {
    return this.sql
      .exec(`SELECT DISTINCT step_id FROM cairn_timers WHERE ${UNDER}`, ...under(prefix))
      .toArray()
      .map((row) => String(row.step_id));
  }

  /** Drops the timers of every instance under `prefix` (siblings of a failed branch). */
  clearTimersUnder(prefix: string): void {
    this.sql.exec(`DELETE FROM cairn_timers WHERE ${UNDER}`, ...under(prefix));
  }
}
