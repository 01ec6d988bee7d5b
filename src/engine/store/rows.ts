/**
 * The rows of a run's tables as the engine sees them, and the SQL helpers every repository
 * of the run store shares (JSON columns, prefix ranges, the timer gate).
 */

import type { ParentRef } from "../../clients/run";
import type { JsonObject, JsonValue } from "../../core/json";
import type { RunStatus, StepStatus } from "../../core/statuses";
import type { StepError } from "../../core/step-error";
import type { TimerKind } from "./schema";

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

/** The kinds of timer that belong to one step instance; only `deadline` belongs to the run. */
export type StepTimerKind = Exclude<TimerKind, "deadline">;

/** A step row as `SELECT *` answers it (JSON columns unparsed), in the table's column order. */
export type StepRecord = Record<string, SqlStorageValue> & { step_id: string };

/** The row `writeStep` stores for a step, as reading it back answers it. */
export function storedStep(step: StepRow): StepRecord {
  return {
    step_id: step.step_id,
    status: step.status,
    executions: step.executions,
    attempts: step.attempts,
    total_attempts: step.total_attempts,
    interruptions: step.interruptions,
    input: toJson(step.input),
    output: toJson(step.output),
    error: toJson(step.error),
    started_at: step.started_at,
    finished_at: step.finished_at,
  };
}

/** A pending timer, as `parseTimer` reads it: a step's timers name their step, the deadline none. */
export type Timer =
  | { id: number; kind: StepTimerKind; step_id: string; due_at: number }
  | { id: number; kind: "deadline"; step_id: null; due_at: number };

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

/** A new run's row as `create` stores it (the columns it leaves to their defaults included). */
export function createdRow(run: NewRun): RunRow {
  const stored = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
  return {
    ...run,
    params: stored(run.params),
    parent: run.parent === null ? null : stored(run.parent),
    output: null,
    error: null,
    failed_step: null,
    started_at: null,
    finished_at: null,
    executions: 0,
    seq: 1,
    mirrored_seq: -1,
  };
}

/**
 * The run row's columns a move changes, in the order the store's one UPDATE of the row
 * names them (commits.ts); the others are written once, by `create`. That UPDATE names every
 * one of them on every move, so a column added here must reach older runs' `cairn_run`
 * through a RUN_MIGRATIONS `ALTER TABLE` first (schema.ts), or every move of those runs fails.
 */
export const RUN_WRITTEN_COLUMNS = [
  "status",
  "params",
  "output",
  "error",
  "failed_step",
  "started_at",
  "finished_at",
  "executions",
  "seq",
  "mirrored_seq",
] as const satisfies readonly (keyof RunRow)[];
export type RunWrittenColumn = (typeof RUN_WRITTEN_COLUMNS)[number];

export type RunPatch = Partial<Pick<RunRow, Exclude<RunWrittenColumn, "seq" | "mirrored_seq">>>;

export const RUN_JSON = new Set(["params", "output", "error", "parent"]);
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
export const RUN_COLUMNS = RUN_COLUMN_NAMES.join(", ");
export const STEP_JSON = new Set(["input", "output", "error"]);
export const STEP_RESULT_COLUMNS = [
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
export const FRAME_JSON = new Set(["output", "error"]);

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
/**
 * Timers that move work forward; a paused run holds them, but its deadline still fires. A
 * lease only wakes the object while a call is out, so it is not work of its own.
 */
export const ACTIVATIONS = "kind NOT IN ('deadline', 'lease')";

/**
 * Which timers may fire now: a paused run only meets its deadline; a run with
 * `max_parallel` steps in flight starts nothing new but still finishes waits. Leases of
 * calls in flight always pass: a paused run's calls still settle, or are recovered.
 */
export interface TimerGate {
  paused: boolean;
  saturated: boolean;
}

/**
 * The gate as a filter with one text for every gate, its two flags bound by `gateBindings`:
 * whether every timer passes (neither paused nor saturated) and whether resumes do (not
 * paused). Deadlines and leases always pass. A text per gate was a statement more for a
 * run object to prepare and keep (commits.ts says what each costs).
 */
export const GATE_FILTER = "(? OR kind IN ('deadline', 'lease') OR (? AND kind = 'resume'))";

export function gateBindings({ paused, saturated }: TimerGate): [number, number] {
  return [paused || saturated ? 0 : 1, paused ? 0 : 1];
}

/**
 * `step_id` under a prefix, as a range of the primary key (step ids are ASCII, so every
 * instance under `prefix` sorts below `prefix` + U+FFFF): an index seek, not a table scan.
 */
export const UNDER = "step_id >= ? AND step_id < ?";
export const under = (prefix: string) => [prefix, `${prefix}\uffff`];

export const toJson = (value: unknown) =>
  value === null || value === undefined ? null : JSON.stringify(value);

export function parseRow<T>(
  row: Record<string, SqlStorageValue>,
  jsonColumns: ReadonlySet<string>,
): T {
  const parsed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    parsed[key] = jsonColumns.has(key) && typeof value === "string" ? JSON.parse(value) : value;
  }
  return parsed as T;
}
