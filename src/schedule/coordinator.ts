/**
 * JobCoordinator: one Durable Object per job (named by the job) that owns the job's
 * schedule. Its alarm is the job's next fire time, to the second; on each wake it starts
 * the runs due and arms the next. The job's definition in D1 is the source of its entries;
 * this object keeps what only it knows: per-entry cursors (fires handled up to when) and
 * whether the schedule is paused.
 *
 * Exactly once per fire time: each run is started with the idempotency key
 * `schedule:<job>:<fire time ISO>`, so a repeated alarm, a watchdog visit racing the alarm,
 * or a crash between starting runs and saving the cursors reaches the same run object and
 * starts nothing new.
 *
 * It is also the job's admission point: every start of a job with `concurrency` passes its
 * gate (see gate.ts), and every run of the job reports its end here (`runEnded`), which
 * frees a slot and starts the runs of jobs `after` it.
 */
import { DurableObject } from "cloudflare:workers";
import type {
  AdmitResult,
  CoordinatorProtocol,
  GateState,
  RunEnded,
  ScheduleControlResult,
  ScheduleStatus,
} from "../clients/coordinator";
import type { StartRunInput } from "../clients/run";
import type { JsonObject } from "../core/json";
import { getDb } from "../db/client";
import { getJob, getJobToStart, type JobVersionRecord } from "../db/queries/jobs";
import { deleteScheduleRecord, type JobStamp, saveScheduleRecord } from "../db/queries/schedules";
import { readAfter } from "../definition/policy-schema";
import { readScheduleEntries, type ScheduleEntry } from "../definition/schedule-schema";
import type { Env } from "../env";
import { findClosedWindow, triggerDownstream } from "./after";
import { ConcurrencyGate } from "./gate";
import {
  type Ahead,
  type Cursors,
  type Fire,
  lookAhead,
  planFires,
  reconcileCursors,
} from "./plan";

const STATE_KEY = "state";
/** The job as the last tick that read D1 found it (see `JobSource`). */
const JOB_KEY = "job";
/**
 * The largest job (as JSON) kept in storage: a value holds 2 MB, a job's body may be 1 MB
 * and its compiled graph comes beside it. A larger job is read from D1 at every fire.
 */
const MAX_KEPT_JOB_CHARS = 500_000;

/**
 * Where a tick takes the job from. `sync`, `pause` and `resume` read D1: every save and
 * delete calls `sync` (src/api/jobs.ts, through `syncSchedule`), so after one the kept copy
 * is the job as saved. The alarm fires from that copy (`kept`) without a D1 read, which in
 * a burst of fires was one round trip per fire to the one database before any run could be
 * created, and reads the job's stamp in the same round trip as the schedule record it
 * writes after the fires: when a save or delete passed the copy by (its `sync` was lost, or
 * raced the alarm), the tick runs again from D1 at once. So a lost notification costs at
 * most the fires of that one alarm, started from the version before the save (or of a job
 * just deleted), never a later one: a save is in effect for its schedule once its answer
 * returns, and within one fire when its notification was lost (the watchdog used to be the
 * only repair, within its minute, and still is for a coordinator whose alarm is lost too).
 * Fires are deduplicated by fire time either way, so no fire starts twice.
 */
type JobSource = "d1" | "kept";

/** What the coordinator keeps in its own storage. */
export interface CoordinatorState {
  job: string;
  /** When the job was created: a job deleted and created again starts afresh. */
  job_created_at: number;
  /** The job version whose entries the cursors belong to. */
  version: number;
  /**
   * That version's entries, parsed (zod and cron-parser: about half of a fire's own CPU),
   * so a fire does not parse them again. Absent in states saved before they were kept.
   */
  entries?: ScheduleEntry[];
  paused: boolean;
  cursors: Cursors;
  /**
   * The fire times after the cursors, found after the last tick's launch, so a timely
   * alarm starts its fire without a cron parse. Absent when paused and in older states.
   */
  ahead?: Ahead;
  last_fire_at: number | null;
  last_error: string | null;
}

/** The job's schedule as the coordinator's storage holds it when a tick begins, in one read. */
interface StoredSchedule {
  /** The schedule's state; absent before the first tick and after a clear. */
  found: CoordinatorState | undefined;
  /** The job the alarm fires from; absent also when it was too large to keep. */
  kept: JobVersionRecord | undefined;
}

/** The idempotency key of the run a fire time starts; one run per job and fire time. */
export function fireKey(job: string, at: number): string {
  return `schedule:${job}:${new Date(at).toISOString()}`;
}

export class JobCoordinator extends DurableObject<Env> implements CoordinatorProtocol {
  // Calls run one at a time: each reads and writes the state, and must not interleave with another.
  private queue: Promise<unknown> = Promise.resolve();
  private readonly gate = new ConcurrencyGate(this.ctx.storage, this.env);

  /** Reloads the job's schedule, starts what is due and re-arms. Called after saves and by the watchdog. */
  async sync(job: string): Promise<ScheduleStatus> {
    return this.serialize(() => this.tick(job, "d1"));
  }

  /** Stops firing until `resume`; fire times that pass meanwhile follow each entry's `catchup`. */
  async pause(job: string): Promise<ScheduleControlResult> {
    return this.serialize(() => this.control(job, true));
  }

  /** Fires again, catching up on the fires missed while paused as each entry's `catchup` says. */
  async resume(job: string): Promise<ScheduleControlResult> {
    return this.serialize(() => this.control(job, false));
  }

  /**
   * Admits a start of this job by its `concurrency` (called by `startRun`): the run starts,
   * waits in the queue (answered with its id and status `queued`), or is refused (a conflict).
   */
  async admit(input: StartRunInput): Promise<AdmitResult> {
    return this.serialize(async () => {
      // With the stored actions it names, in the same round trip, for a launch made now.
      const found = await getJobToStart(getDb(this.env.DB), input.job.name, input.version);
      if (!found)
        return {
          ok: false,
          code: "not_found",
          message: `Job ${input.job.name} does not exist`,
          errors: [],
        };
      return this.gate.admit(found.job, input, found.actions);
    });
  }

  /**
   * A run of this job ended (called by the run object once its end is in the D1 index, and
   * again until this returns): frees its slot, starts queued runs, and starts the jobs that
   * run `after` it. Idempotent per run and status.
   */
  async runEnded(ended: RunEnded): Promise<void> {
    await this.serialize(async () => {
      await this.gate.release(ended.job, ended.run_id);
      await triggerDownstream(this.env, ended);
    });
  }

  /** Cancels a start held in the queue; false when the run is not queued here. */
  async cancelQueued(runId: string): Promise<boolean> {
    return this.serialize(() => this.gate.cancelQueued(runId));
  }

  /** The concurrency gate's state: runs in progress and queued starts. */
  async readGate(): Promise<GateState> {
    return this.serialize(() => this.gate.read());
  }

  // One storage read per fire: the state names the job, and the tick goes on from what it read.
  override async alarm(): Promise<void> {
    await this.serialize(async () => {
      const stored = await this.readStored();
      if (stored.found) await this.tickFrom(stored.found.job, "kept", stored);
    });
  }

  private async serialize<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work, work);
    this.queue = result.catch(() => undefined);
    const value = await result;
    // Outside the queue: a cancelled run reports its end here before its cancel returns,
    // and that report would wait behind this very call.
    await this.gate.cancelDeferred();
    return value;
  }

  /** A pause or resume; a job with no schedule has nothing to pause (tick cleared it). */
  private async control(job: string, paused: boolean): Promise<ScheduleControlResult> {
    const status = await this.tick(job, "d1", paused);
    if (!status.scheduled)
      return { ok: false, code: "conflict", message: `Job ${job} has no schedule` };
    return { ok: true, ...status };
  }

  private async tick(job: string, from: JobSource, paused?: boolean): Promise<ScheduleStatus> {
    return this.tickFrom(job, from, await this.readStored(), paused);
  }

  /** A tick from `stored`, what the coordinator's storage held when the tick began. */
  private async tickFrom(
    job: string,
    from: JobSource,
    { found, kept }: StoredSchedule,
    paused?: boolean,
  ): Promise<ScheduleStatus> {
    const now = Date.now();
    const db = getDb(this.env.DB);
    const record = from === "kept" && kept ? kept : await getJob(db, job);
    const stored = record && found?.job_created_at === record.created_at ? found : undefined;
    const entries = record ? scheduleOf(record, stored) : [];
    if (!record || entries.length === 0) return this.clear(job);

    const state: CoordinatorState = {
      job,
      job_created_at: record.created_at,
      version: record.version,
      entries,
      paused: paused ?? stored?.paused ?? false,
      cursors: reconcileCursors(entries, stored?.cursors ?? {}, now),
      last_fire_at: stored?.last_fire_at ?? null,
      last_error: stored?.last_error ?? null,
    };
    let started = 0;
    let next: number | null = null;
    if (!state.paused) {
      const plan = planFires(entries, state.cursors, now, stored?.ahead);
      started = await this.startFires(record, plan.fires, state);
      state.cursors = plan.cursors;
      // After the launch, off the way of the runs this tick started.
      state.ahead = lookAhead(entries, plan.cursors);
      next = plan.wake;
    }
    // Cursors are saved only after the runs started: a crash before this line repeats the
    // same fire times, which the idempotency keys turn into no-ops.
    await this.ctx.storage.put(STATE_KEY, state);
    await this.keepJob(record, kept);
    if (next === null) await this.ctx.storage.deleteAlarm();
    else await this.ctx.storage.setAlarm(next);
    const current = await saveScheduleRecord(this.env.DB, {
      job,
      version: state.version,
      paused: state.paused,
      next_fire_at: next,
      last_fire_at: state.last_fire_at,
      last_error: state.last_error,
      updated_at: now,
    });
    if (record === kept && !isSameJob(current, record)) {
      const fresh = await this.tick(job, "d1");
      return { ...fresh, started: started + fresh.started };
    }
    return { job, scheduled: true, paused: state.paused, next_fire_at: next, started };
  }

  /** Keeps `record` for the alarm's ticks unless `kept` is already it (a large one is not kept). */
  private async keepJob(record: JobVersionRecord, kept: JobVersionRecord | undefined) {
    if (kept && isSameJob(kept, record)) return;
    if (JSON.stringify(record).length <= MAX_KEPT_JOB_CHARS)
      await this.ctx.storage.put(JOB_KEY, record);
    else await this.ctx.storage.delete(JOB_KEY);
  }

  /** The coordinator's state and its kept job, in one storage read. */
  private async readStored(): Promise<StoredSchedule> {
    const values = await this.ctx.storage.get([STATE_KEY, JOB_KEY]);
    return {
      found: values.get(STATE_KEY) as CoordinatorState | undefined,
      kept: values.get(JOB_KEY) as JobVersionRecord | undefined,
    };
  }

  /**
   * Starts one run per fire, oldest first, through the concurrency gate. A fire that a closed
   * `after` window or the gate skips, or that the definition refuses (params that no longer
   * fit, a deleted action), is recorded in `last_error` and the others still start; any
   * other error is thrown so the alarm is retried.
   */
  private async startFires(
    record: JobVersionRecord,
    fires: readonly Fire[],
    state: CoordinatorState,
  ): Promise<number> {
    let started = 0;
    const after = readAfter(record.source);
    for (const fire of fires) {
      const closed = await findClosedWindow(this.env.DB, after, fire.at);
      const result: AdmitResult = closed
        ? { ok: false, code: "conflict", message: closed, errors: [] }
        : await this.gate.admit(record, {
            job: record.compiled,
            version: record.version,
            params: fire.entry.params as JsonObject,
            trigger: "schedule",
            idempotency_key: fireKey(record.name, fire.at),
            tags: fire.entry.tags,
          });
      state.last_fire_at = fire.at;
      if (result.ok) {
        if (result.created) started += 1;
        continue;
      }
      state.last_error = `${new Date(fire.at).toISOString()}: ${result.message}`;
      console.warn(
        `cairn: schedule of job ${record.name} did not start a run: ${state.last_error}`,
      );
    }
    return started;
  }

  private async clear(job: string): Promise<ScheduleStatus> {
    await this.ctx.storage.deleteAlarm();
    // Only the schedule's state: the concurrency gate still holds the job's runs.
    await this.ctx.storage.delete([STATE_KEY, JOB_KEY]);
    await deleteScheduleRecord(this.env.DB, job);
    return { job, scheduled: false, paused: false, next_fire_at: null, started: 0 };
  }
}

/** Whether `current` (the job's stamp in D1, null when deleted) is the job `record` was read as. */
function isSameJob(current: JobStamp | null, record: JobVersionRecord): boolean {
  return current?.version === record.version && current.created_at === record.created_at;
}

/**
 * The schedule entries of `record`: the stored ones when they were parsed from this very
 * version (a version's source never changes; a job created again has another `created_at`,
 * which `stored` was matched on), else parsed from its source.
 */
function scheduleOf(
  record: JobVersionRecord,
  stored: CoordinatorState | undefined,
): ScheduleEntry[] {
  if (stored?.version === record.version && stored.entries) return stored.entries;
  return readScheduleEntries(record.source);
}
