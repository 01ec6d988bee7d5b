/**
 * `runOffline`: a job run to its end on the engine's own code, outside Cloudflare. Every
 * run (the job's and the child runs of its `run_job` steps) is an OfflineRun; one virtual
 * clock serves them all. The loop fires the run whose alarm is due first, and when nothing
 * is due now it moves the clock to the next alarm at once: waits, retry backoffs and
 * timeouts take no wall time.
 */

import type { ParentRef } from "../clients/run";
import type { RunView, StepView } from "../clients/run-views";
import { ValidationError } from "../core/errors";
import type { HistoryRecord } from "../core/history";
import type { JsonObject, JsonValue } from "../core/json";
import { stepError } from "../core/step-error";
import type { ActionSpec, CompiledJob, RunPlan } from "../definition/ir";
import { validateParams } from "../definition/params";
import type { Tags } from "../definition/tags";
import { namedActions } from "../definition/walk";
import { childEndedOf } from "../engine/announce";
import type { RunPorts } from "../engine/ports";
import type { RunRow } from "../engine/store/run-store";
import type { ChildStart } from "../engine/sub-jobs";
import { toRunView, toStepViews } from "../engine/views";
import { type Mock, mockedActions } from "./mocks";
import { OfflineRun } from "./offline-run";
import { SqliteStorage } from "./sqlite-storage";
import { VirtualClock } from "./virtual-clock";

/** Alarms fired before the harness gives up on a run that never settles. */
export const MAX_ALARMS = 100_000;

export interface OfflineEvent {
  name: string;
  body: JsonValue;
}

export interface OfflineOptions {
  params?: JsonObject;
  /** Stored actions by name: the plan snapshots those the job (or a child job) names. */
  actions?: ReadonlyMap<string, ActionSpec>;
  /** Jobs that `run_job` steps may start, by name. */
  jobs?: ReadonlyMap<string, CompiledJob>;
  /** Mocked actions, by action name (inline actions: by step id); see mocks.ts. */
  mocks?: ReadonlyMap<string, Mock>;
  /** Events delivered to the run when it is created (kept until a step waits for one). */
  events?: readonly OfflineEvent[];
  /** Where the virtual clock starts (ms since the epoch; default: now). */
  startAt?: number;
}

export interface OfflineRunResult {
  run: RunView;
  steps: StepView[];
  history: HistoryRecord[];
}

export interface OfflineResult extends OfflineRunResult {
  /** The runs its `run_job` steps started, in the order they started. */
  children: OfflineRunResult[];
}

/** Runs `job` to its end (or until nothing is left that could move it); throws ValidationError for bad params. */
export async function runOffline(
  job: CompiledJob,
  options: OfflineOptions = {},
): Promise<OfflineResult> {
  const params = options.params ?? {};
  const plan = checkedPlan(job, params, options.actions);
  const { DatabaseSync } = await import("node:sqlite");
  const world = new OfflineWorld(options, () => new SqliteStorage(new DatabaseSync(":memory:")));
  const top = world.start(plan, params, "cairn test", null);
  for (const event of options.events ?? []) top.deliverEvent(event.name, event.body);
  await world.settle();
  const [, ...children] = world.runs.values();
  return {
    ...resultOf(top),
    children: children.map(resultOf),
  };
}

/** Every run of one offline test, their shared clock and mocks. */
class OfflineWorld {
  readonly runs = new Map<string, OfflineRun>();
  private readonly clock: VirtualClock;
  private readonly execute: RunPorts["execute"];

  constructor(
    private readonly options: OfflineOptions,
    private readonly openStorage: () => SqliteStorage,
  ) {
    this.clock = new VirtualClock(options.startAt ?? Date.now());
    this.execute = mockedActions(options.mocks ?? new Map());
  }

  start(plan: RunPlan, params: JsonObject, trigger: string, parent: ParentRef | null): OfflineRun {
    const runId = `run-${this.runs.size + 1}`;
    const run = new OfflineRun(this.openStorage(), this.ports());
    this.runs.set(runId, run);
    run.start({ run_id: runId, plan, params, trigger, idempotency_key: null, parent });
    return run;
  }

  /** Fires due alarms, moving the clock to the next one, until no run can move. */
  async settle(): Promise<void> {
    for (let fired = 0; fired < MAX_ALARMS; fired += 1) {
      const next = this.nextDue();
      if (!next) return;
      this.clock.advanceTo(next.at);
      await next.run.fire();
    }
    throw new Error(`the run did not settle within ${MAX_ALARMS} alarms`);
  }

  private nextDue(): { run: OfflineRun; at: number } | null {
    let next: { run: OfflineRun; at: number } | null = null;
    for (const run of this.runs.values()) {
      const at = run.storage.alarm;
      if (at !== null && run.pending && (next === null || at < next.at)) next = { run, at };
    }
    return next;
  }

  private ports(): RunPorts {
    return {
      clock: this.clock,
      settings: {},
      execute: this.execute,
      children: {
        start: async (job, params, parent, _key, tags) =>
          this.startChild(job, params, parent, tags),
        cancel: async (runIds) => {
          for (const id of runIds) await this.runs.get(id)?.cancel();
        },
      },
      // Offline there is no cap on runs and every action slot is free.
      slots: {
        runClaim: () => null,
        acquire: async () => "granted",
        ask: async () => "granted",
        giveBack: async () => {},
        release: async () => {},
      },
      // Offline there is no index and no coordinator: nothing listens.
      mirror: async () => ({ listened: false }),
      announceEnd: (run) => this.announceEnd(run),
    };
  }

  private startChild(
    name: string,
    params: JsonObject,
    parent: ParentRef,
    tags: Tags | undefined,
  ): ChildStart {
    const job = this.options.jobs?.get(name);
    if (!job) {
      const message = `job "${name}" is not among the definitions given to cairn test`;
      return { ok: false, error: stepError("failed", message) };
    }
    let plan: RunPlan;
    try {
      plan = { ...checkedPlan(job, params, this.options.actions), ...(tags ? { tags } : {}) };
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      return { ok: false, error: stepError("failed", `could not start job "${name}": ${why}`) };
    }
    const child = this.start(plan, params, `run_job:${parent.run_id}`, parent);
    return { ok: true, run_id: child.store.readRun().run_id };
  }

  private async announceEnd(run: RunRow): Promise<void> {
    const ended = childEndedOf(run);
    if (run.parent && ended) await this.runs.get(run.parent.run_id)?.childEnded(ended);
  }
}

/**
 * As a start does: the params checked against the job's schema, then the plan frozen (the
 * job and a snapshot of the stored actions it names). Throws ValidationError.
 */
function checkedPlan(
  job: CompiledJob,
  params: JsonObject,
  catalog: ReadonlyMap<string, ActionSpec> = new Map(),
): RunPlan {
  const problems = validateParams(job.params_schema, params);
  if (problems.length > 0) throw new ValidationError(problems);
  const actions: Record<string, ActionSpec> = {};
  for (const name of namedActions(job)) {
    const spec = catalog.get(name);
    if (!spec)
      throw new ValidationError([{ path: "actions", message: `action ${name} is not given` }]);
    actions[name] = spec;
  }
  return { job, version: 1, actions };
}

function resultOf(run: OfflineRun): OfflineRunResult {
  const row = run.store.readRun();
  const plan = run.store.readPlan();
  return {
    run: toRunView(row, plan, null),
    steps: toStepViews(plan, run.store.readSteps()),
    history: run.history(),
  };
}
