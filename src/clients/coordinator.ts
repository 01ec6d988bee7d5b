/**
 * The job coordinator's protocol and its typed client: what crosses the RPC boundary, and
 * the interface JobCoordinator implements. Other folders reach a coordinator only here.
 */

import type { Issue } from "../core/errors";
import type { JsonObject } from "../core/json";
import type { FinishedRunStatus } from "../core/statuses";
import { getDb } from "../db/client";
import { getScheduleRecord } from "../db/queries/schedules";
import type { Tags } from "../definition/tags";
import type { Env } from "../env";
import { type Remote, remote } from "./rpc";
import type { ParentRef, Refusal, StartRunInput, StartRunResult } from "./run";

/** A run the coordinator holds until a slot frees. */
export interface QueuedRun {
  run_id: string;
  job: string;
  version: number;
  trigger: string;
  created_at: number;
  /** Indexed with the row, so a held start is found by its tags like any run. */
  tags?: Tags | undefined;
}

/** A coordinator's answer: where the schedule stands after the call. */
export interface ScheduleStatus {
  job: string;
  /** False when the job does not exist or has no schedule (the coordinator then holds nothing). */
  scheduled: boolean;
  paused: boolean;
  next_fire_at: number | null;
  /** Runs started by this call. */
  started: number;
}

/** A pause or resume: where the schedule stands, or `conflict` for a job with no schedule. */
export type ScheduleControlResult = ({ ok: true } & ScheduleStatus) | Refusal;

/** What a run object tells its job's coordinator once its end is in the D1 index. */
export interface RunEnded {
  run_id: string;
  job: string;
  /** 0 for an inline run of `POST /runs`: not a run of the saved job of that name. */
  version: number;
  status: FinishedRunStatus;
  trigger: string;
  finished_at: number | null;
}

/** A start held until a slot frees, with everything needed to start it later. */
export interface QueuedStart extends QueuedRun {
  params: JsonObject;
  /** The caller's key, or `queue:<seq>`: launching twice after a crash reaches one run. */
  idempotency_key: string;
  /** The `run_job` step waiting for this run, if a parent run started it. */
  parent: ParentRef | null;
  /** Its params were checked before they were redacted (StartRunInput.params_checked). */
  params_checked?: true;
}

export interface GateState {
  active: string[];
  queue: QueuedStart[];
  next_seq: number;
}

/** The coordinator's answer to a start; errors cross the RPC boundary as values. */
export type AdmitResult = ({ ok: true } & StartRunResult) | (Refusal & { errors: Issue[] });

/** What a coordinator answers over RPC (JobCoordinator implements it). */
export interface CoordinatorProtocol {
  sync(job: string): Promise<ScheduleStatus>;
  pause(job: string): Promise<ScheduleControlResult>;
  resume(job: string): Promise<ScheduleControlResult>;
  admit(input: StartRunInput): Promise<AdmitResult>;
  runEnded(ended: RunEnded): Promise<void>;
  cancelQueued(runId: string): Promise<boolean>;
  readGate(): Promise<GateState>;
}

export type CoordinatorClient = Remote<CoordinatorProtocol>;

/** The coordinator object of `job` (its name in the namespace is the job name). */
export function coordinatorClient(env: Env, job: string): CoordinatorClient {
  return remote(env.SCHEDULES, job);
}

/**
 * Tells a job's coordinator that the job was saved or deleted, so it loads the new schedule
 * (or forgets the old one). Skipped for jobs that have no schedule now and had none before.
 * Never throws: the save already happened, and the watchdog repairs a coordinator that
 * missed the news (its bookkeeping then names an older version).
 */
export async function syncSchedule(env: Env, job: string, source?: unknown): Promise<void> {
  try {
    if (!hasSchedule(source) && !(await getScheduleRecord(getDb(env.DB), job))) return;
    await coordinatorClient(env, job).sync(job);
  } catch (error) {
    console.error(`cairn: could not update the schedule of job ${job}`, error);
  }
}

function hasSchedule(source: unknown): boolean {
  return typeof source === "object" && source !== null && "schedule" in source;
}
