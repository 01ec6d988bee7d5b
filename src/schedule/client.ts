import { getDb } from "../db/client";
import { getScheduleRecord } from "../db/queries/schedules";
import type { StartRunInput } from "../engine/start-run";
import type { Env } from "../env";
import type { RunEnded } from "./after";
import type { ScheduleStatus } from "./coordinator";
import type { AdmitResult, GateState } from "./gate";

/** The coordinator's RPC surface, typed (the raw stub's mapped RPC types are too deep to check). */
export interface CoordinatorClient {
  sync(job: string): Promise<ScheduleStatus>;
  pause(job: string): Promise<ScheduleStatus>;
  resume(job: string): Promise<ScheduleStatus>;
  admit(input: StartRunInput): Promise<AdmitResult>;
  runEnded(ended: RunEnded): Promise<void>;
  cancelQueued(runId: string): Promise<boolean>;
  readGate(): Promise<GateState>;
}

/** The coordinator object of `job` (its name in the namespace is the job name). */
export function coordinatorClient(env: Env, job: string): CoordinatorClient {
  return env.SCHEDULES.get(env.SCHEDULES.idFromName(job)) as unknown as CoordinatorClient;
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
