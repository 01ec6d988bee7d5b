/**
 * The run object's protocol and its typed client: the requests and answers that cross the
 * RPC boundary, and the interface RunObject implements. Other folders reach a run only
 * through `runClient`, never through the class.
 */

import type { Issue } from "../core/errors";
import type { HistoryRecord } from "../core/history";
import type { JsonObject, JsonValue } from "../core/json";
import type { FinishedRunStatus } from "../core/statuses";
import type { StepError } from "../core/step-error";
import type { CompiledJob, RunPlan } from "../definition/ir";
import type { Tags } from "../definition/tags";
import type { Env } from "../env";
import { type Remote, remote } from "./rpc";
import type { RunSummary, RunView, StepView } from "./run-views";
import type { GrantAnswer, SlotKey } from "./slot";

/** The `run_job` step instance (and its execution) that started a run, and how deep it is. */
export interface ParentRef {
  run_id: string;
  instance: string;
  execution: number;
  /** 1 for a child of a top-level run. */
  depth: number;
}

export interface RetryRequest {
  /** A top-level step id: it and what follows it run again; steps before keep their outputs. */
  from?: string | undefined;
  /** Replaces the run's params (checked against the job's params schema). */
  params?: JsonObject | undefined;
  /** Keys set over the run's params (bulk retries: one correction for runs of different params). */
  set_params?: JsonObject | undefined;
}

export interface StartRequest {
  run_id: string;
  plan: RunPlan;
  params: JsonObject;
  trigger: string;
  idempotency_key: string | null;
  /** The `run_job` step that starts this run, if one does. */
  parent?: ParentRef | null;
}

/** A run's definition: an inline run keeps its source; a saved job's is read from its version. */
export interface RunDefinition {
  job: string;
  version: number;
  source: JsonValue | null;
}

/**
 * Why an object refused a request: `invalid` input (its fields named), `not_found`, a
 * `conflict` with the object's state, or `gone` (spent for good). The engine names the
 * reason; refusalError (clients/refusal.ts) alone maps each code to a typed error.
 */
export type RefusalCode = "invalid" | "not_found" | "conflict" | "gone";

/** Errors cross the RPC boundary as values; the API maps each to one problem response. */
export type Refusal = {
  ok: false;
  code: RefusalCode;
  message: string;
  /** The fields an `invalid` refusal refuses. */
  errors?: Issue[];
};
export type StartResult = { ok: true; created: boolean; run: RunSummary } | Refusal;
export type ControlResult = { ok: true; run: RunView } | Refusal;
export type EventResult = { ok: true; taken_by: string | null; run: RunView } | Refusal;

/** What a child run reports to the step that started it. */
export interface ChildEnded {
  instance: string;
  execution: number;
  run_id: string;
  status: FinishedRunStatus;
  output: JsonValue | null;
  error: StepError | null;
}

/** What starting a run takes (`startRun`, and the coordinator's `admit`). */
export interface StartRunInput {
  job: CompiledJob;
  /** The job version the run keeps; 0 for an inline definition from `POST /runs`. */
  version: number;
  params: JsonObject;
  trigger: string;
  idempotency_key?: string | undefined;
  /**
   * The id the run gets; default derived from job and idempotency key (random without one).
   * The coordinator passes the id it already answered for a queued start.
   */
  run_id?: string | undefined;
  /** The `run_job` step starting this run (sub-jobs); absent for every other trigger. */
  parent?: ParentRef | undefined;
  /** What the run is about (`{ customer: "42" }`), checked by the caller against TagsSchema. */
  tags?: Tags | undefined;
  /** An inline definition's source as written (`GET /runs/{id}/definition` serves it). */
  source?: JsonValue | undefined;
  /**
   * Set by startRun for the job's coordinator: the params were checked against `job`'s schema
   * as the caller sent them and have been redacted since (template secrets), so launchRun
   * does not check them again: a secret's value that fits the schema may not fit it as
   * `[redacted]`, and the same request must start whether the job has `concurrency` or not.
   */
  params_checked?: true | undefined;
}

/** What starting a run answers: `created` is false for a repeated idempotency key. */
export interface StartRunResult {
  created: boolean;
  run: RunSummary;
}

/** What a run object answers over RPC (RunObject implements it; sync methods stay sync there). */
export interface RunProtocol {
  start(request: StartRequest): Promise<StartResult>;
  describe(): RunView | null;
  definition(): RunDefinition | null;
  steps(): StepView[] | null;
  history(afterSeq?: number, limit?: number): HistoryRecord[] | null;
  stream(afterSeq?: number): ReadableStream<Uint8Array> | null;
  pause(): Promise<ControlResult>;
  resume(): Promise<ControlResult>;
  cancel(): Promise<ControlResult>;
  retry(request?: RetryRequest): Promise<ControlResult>;
  deliverEvent(name: string, body: JsonValue): Promise<EventResult>;
  deliverCallback(token: string, body: JsonValue): Promise<ControlResult>;
  childEnded(ended: ChildEnded): Promise<void>;
  grantSlot(key: SlotKey): Promise<GrantAnswer>;
  destroy(): Promise<{ ok: true } | Refusal>;
  wake(): Promise<boolean>;
}

export type RunClient = Remote<RunProtocol>;

/** The run object of `runId` (its name in the namespace is the run id). */
export function runClient(env: Env, runId: string): RunClient {
  return remote(env.RUNS, runId);
}
