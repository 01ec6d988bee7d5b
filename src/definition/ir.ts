/**
 * The compiled graph (IR) that both authoring styles compile to. The engine only ever
 * sees this shape; the authoring schema lives in `job-schema.ts`. Durations are
 * milliseconds; strings that contain `{{` or `{%` are Liquid templates rendered at run time.
 */
import type { JsonObject, JsonValue } from "../core/json";

export const BACKOFFS = ["constant", "linear", "exponential"] as const;
export type Backoff = (typeof BACKOFFS)[number];

/** When and how often a failed attempt is tried again. `max_attempts` counts the first try. */
export interface RetryPolicy {
  max_attempts: number;
  backoff: Backoff;
  delay_ms: number;
  max_delay_ms: number;
  jitter: boolean;
}

/** A duration fixed at save time, or a template rendered when the step runs. */
export type DurationSpec = { kind: "fixed"; ms: number } | { kind: "template"; template: string };

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

interface ActionCommon {
  /** Per-attempt timeout; the engine applies DEFAULT_ATTEMPT_TIMEOUT_MS when absent. */
  timeout_ms?: number;
  retry?: RetryPolicy;
  /** Second name for the output of every step that uses this action (Karya). */
  save_as?: string;
  /** JSON Schema of the input (the step's rendered `with:`); a step's own schema wins. */
  input_schema?: JsonObject;
  /** JSON Schema of the output; a step's own schema wins. */
  output_schema?: JsonObject;
  /** Cap on calls in flight to this (named) action across all runs; see src/gates. */
  concurrency?: ActionConcurrency;
}

/** `limit`: at most this many attempts of the action in flight at once, over every run. */
export interface ActionConcurrency {
  limit: number;
}

export interface HttpActionSpec extends ActionCommon {
  type: "http";
  method: HttpMethod;
  url: string;
  headers: Record<string, string>;
  query: Record<string, string>;
  body?: JsonValue;
  /** `body`: the step's output is the (parsed) body; `response`: `{ status, headers, body }`. */
  output: "body" | "response";
}

export interface WorkerActionSpec extends ActionCommon {
  type: "worker";
  /** Name of a service binding in the Worker's configuration. */
  binding: string;
  method: HttpMethod;
  path: string;
  headers: Record<string, string>;
  query: Record<string, string>;
  body?: JsonValue;
  output: "body" | "response";
}

export interface HandlerActionSpec extends ActionCommon {
  type: "handler";
  /** Name of a TypeScript function in the handler registry. */
  handler: string;
}

export type ActionSpec = HttpActionSpec | WorkerActionSpec | HandlerActionSpec;
export type ActionType = ActionSpec["type"];

/** A stored action as the catalog keeps it. */
export type NamedAction = ActionSpec & { name: string; description?: string };

/** Where a task's work comes from: a catalog action by name, or an inline spec. */
export type ActionRef = { kind: "named"; name: string } | { kind: "inline"; spec: ActionSpec };

/** A `catch` route: error types (or `*`) that send a failed step to `next`. */
export interface CatchRoute {
  errors: string[];
  next: string;
}

export const DAG_CONDITIONS = [
  "all_success",
  "on_failure",
  "all_done",
  "one_success",
  "none_failed",
] as const;
export type DagCondition = (typeof DAG_CONDITIONS)[number];

interface StepCommon {
  id: string;
  /** Successor in state-machine jobs; null ends the run. Unused in DAG jobs. */
  next: string | null;
  /** Liquid expression; when false the step is skipped. */
  when?: string;
  depends_on: string[];
  condition: DagCondition;
  /** How many times the step may be re-entered in one run (loops); absent: unbounded. */
  max_retries?: number;
}

export interface TaskStep extends StepCommon {
  type: "task";
  action: ActionRef;
  with?: JsonValue;
  save_as?: string;
  timeout_ms?: number;
  retry?: RetryPolicy;
  catch: CatchRoute[];
  /** JSON Schema of the input (the rendered `with:`); wins over the action's. */
  input_schema?: JsonObject;
  /** JSON Schema of the output; wins over the action's. */
  output_schema?: JsonObject;
}

export interface ChoiceStep extends StepCommon {
  type: "choice";
  conditions: { if: string; next: string }[];
  default: string | null;
}

export interface WaitStep extends StepCommon {
  type: "wait";
  wait: { kind: "duration"; duration: DurationSpec } | { kind: "until"; until: string };
}

/** Waits for a named event (or a callback) whose body becomes the output. */
export interface WaitForEventStep extends StepCommon {
  type: "wait_for_event";
  event: string;
  timeout_ms?: number;
  catch: CatchRoute[];
  save_as?: string;
}

/** Runs another saved job and waits for its end; its output is the child run's output. */
export interface RunJobStep extends StepCommon {
  type: "run_job";
  job: string;
  params?: JsonValue;
  /** The child run's tags, as templates. */
  tags?: Record<string, string>;
  timeout_ms?: number;
  catch: CatchRoute[];
  save_as?: string;
}

export interface PassStep extends StepCommon {
  type: "pass";
  output?: JsonValue;
  save_as?: string;
}

export interface SucceedStep extends StepCommon {
  type: "succeed";
  output?: JsonValue;
}

export interface FailStep extends StepCommon {
  type: "fail";
  error: string;
  message?: string;
}

/** Steps that run child graphs: their outputs are the children's outputs, in order. */
interface FanOutCommon extends StepCommon {
  /** A failing child cancels its siblings (default) rather than letting them finish. */
  fail_fast: boolean;
  catch: CatchRoute[];
  save_as?: string;
}

/** Runs every branch at once; the output is the list of branch outputs. */
export interface ParallelStep extends FanOutCommon {
  type: "parallel";
  branches: StepGraph[];
}

/** Runs `body` once per item of the array `items` renders to, with `meta.item` and `meta.index`. */
export interface MapStep extends FanOutCommon {
  type: "map";
  items: string;
  body: StepGraph;
  /**
   * Items in progress at once; absent: DEFAULT_MAP_CONCURRENCY or the job's `max_parallel`,
   * whichever is smaller. Never above `max_parallel` (refused at save time).
   */
  max_concurrency?: number;
}

export type CompiledStep =
  | TaskStep
  | ChoiceStep
  | WaitStep
  | WaitForEventStep
  | RunJobStep
  | PassStep
  | SucceedStep
  | FailStep
  | ParallelStep
  | MapStep;
export type StepType = CompiledStep["type"];

/** A graph of steps: a whole job, a branch of a `parallel` step or the body of a `map`. */
export interface StepGraph {
  /** `sequence`: one step at a time following `next`; `dag`: every ready step runs. */
  mode: "sequence" | "dag";
  /** First step of a sequence graph. */
  start: string;
  /** Step ids in definition order. */
  order: string[];
  steps: Record<string, CompiledStep>;
}

/** A job's cap on runs in progress, and what a start beyond it does. */
export interface ConcurrencyPolicy {
  limit: number;
  overlap: "skip" | "queue" | "allow" | "cancel_previous";
}

export interface CompiledJob extends StepGraph {
  name: string;
  description?: string;
  params_schema?: JsonObject;
  /** Whole-run deadline. */
  timeout_ms?: number;
  /** How long a finished run is kept; absent: the Worker's RUN_RETENTION. */
  retention_ms?: number;
  /** Default retry policy of every task (a step's or action's own policy wins). */
  retry?: RetryPolicy;
  /** Steps in flight at once in a DAG run. */
  max_parallel: number;
  /** Ceiling on step executions in one run, so loops end. */
  max_step_executions: number;
  /** Runs of this job in progress at once (the job's coordinator enforces it). */
  concurrency?: ConcurrencyPolicy;
}

/** Everything a run needs, frozen when it starts: later edits to the job or actions don't touch it. */
export interface RunPlan {
  job: CompiledJob;
  version: number;
  actions: Record<string, ActionSpec>;
  /** The definition as written, kept for inline runs (a saved job's lives in its version). */
  source?: JsonValue;
  /** The run's tags (what it is about), given by whatever started it. */
  tags?: Record<string, string>;
}
