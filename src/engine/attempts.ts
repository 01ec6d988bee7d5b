/**
 * Calls in flight: journaling an attempt before it leaves, launching a task's action or a
 * `run_job` step's child run, and committing what comes back. The drive loop owns one
 * Attempts per run object instance; memory holds only the abort handles.
 */

import type { ActionOutcome } from "../actions/types";
import type { ParentRef } from "../clients/run";
import type { SlotClaim } from "../clients/slot";
import { stepErrorFrom } from "../core/failure";
import type { JsonObject, JsonValue } from "../core/json";
import { isFinishedRunStatus } from "../core/statuses";
import { type StepError, stepError } from "../core/step-error";
import type { ActionSpec, TaskStep } from "../definition/ir";
import { resolveStepSchemas, validateOutput } from "../definition/output-schema";
import type { Tags } from "../definition/tags";
import type { TemplateScope } from "../templates/scope";
import { resolveAttemptTimeout, resolveRetryPolicy, retryDelay } from "./policy";
import type { RunPorts } from "./ports";
import type { RunStore, StepRow } from "./store/run-store";
import { CHILD_START_RETRY, recordChildStarted } from "./sub-jobs";
import { failStep, succeedStep } from "./transitions";

/**
 * How long a call's lease runs: a `lease` timer journaled with the attempt, so if the
 * process dies with the call in flight, the alarm fires by then and recovers it.
 */
export const LEASE_MS = 15_000;

/** One attempt of a task step instance, from launch to settlement. */
export interface Attempt {
  instance: string;
  step: TaskStep;
  action: ActionSpec;
  execution: number;
  number: number;
  /** The action's concurrency slot this attempt holds, given back when it settles. */
  slot: SlotClaim | null;
}

/** What the drive loop does around a call: wake up, fail a step after an error, stop cancelled work. */
export interface AttemptHooks {
  poke(): void;
  failAfterError(instance: string, cause: unknown): void;
  stopCancelled(): Promise<void>;
}

export class Attempts {
  readonly inFlight = new Map<string, AbortController>();
  /** Calls started by the current alarm invocation (Workers cap subrequests per invocation). */
  private launchedCount = 0;
  /** Whether calls were launched since the drive loop last held its side work for them. */
  private departing = false;
  /** Whether the invocation's first call commits its lease as the alarm (beginInvocation). */
  private armsFirstLease = false;

  constructor(
    private readonly store: RunStore,
    private readonly ports: RunPorts,
    private readonly hooks: AttemptHooks,
  ) {}

  /**
   * Journals "attempt started" and the call's lease (with whatever `alsoCommit` adds) in one
   * transaction; the output gate holds the call that leaves next until it is durable. No
   * alarm is set here when the runtime's alarm handler runs the loop: its alarm stays
   * committed until it returns, the runtime fires it again if this instance dies, and the
   * loop arms from the lease once it goes idle, after its departure hold (driver.ts). (A
   * later alarm than the committed one costs the call the scheduler's write, an earlier one
   * its rescheduling.) Only a loop no such alarm covers sets it (beginInvocation).
   */
  journal(
    commit: (work: () => void) => boolean,
    row: StepRow,
    input: JsonValue,
    runId: string,
    alsoCommit: () => void = () => {},
  ): { attempt: StepRow; idempotencyKey: string } | null {
    const attempt = {
      ...row,
      attempts: row.attempts + 1,
      total_attempts: row.total_attempts + 1,
      input,
    };
    const idempotencyKey = `${runId}:${row.step_id}:${attempt.executions}`;
    const committed = commit(() => {
      this.store.writeStep(attempt);
      this.store.append({
        type: "attempt_started",
        step_id: row.step_id,
        data: { attempt: attempt.attempts, idempotency_key: idempotencyKey },
      });
      const leaseAt = this.ports.clock.now() + LEASE_MS;
      this.store.timers.addTimer("lease", row.step_id, leaseAt);
      if (this.armsFirstLease && this.launchedCount === 0) this.store.alarm.set(leaseAt);
      alsoCommit();
    });
    if (!committed) return null;
    return { attempt, idempotencyKey };
  }

  get launched(): number {
    return this.launchedCount;
  }

  /**
   * A new alarm invocation (or first move) starts counting its calls afresh. `alarmCovers`:
   * an alarm at or before the lease of any call it launches is committed already (the
   * runtime's alarm in progress, RunDriver.drive), so the journal writes none; else the first
   * call's journal sets the alarm to its lease, which covers every later one (their leases
   * come later, and arm() never moves the alarm past a lease in flight).
   */
  beginInvocation(alarmCovers: boolean): void {
    this.launchedCount = 0;
    this.departing = false;
    this.armsFirstLease = !alarmCovers;
  }

  /** Whether calls were launched since the loop last asked (takeDepartures). */
  get isDeparting(): boolean {
    return this.departing;
  }

  /** Whether calls left since the last ask: the loop then holds its side work (driver.ts). */
  takeDepartures(): boolean {
    const departing = this.departing;
    this.departing = false;
    return departing;
  }

  /** Counts a call as launched and in flight; its abort handle. */
  private track(instance: string): AbortController {
    const controller = new AbortController();
    this.launchedCount += 1;
    this.departing = true;
    this.inFlight.set(instance, controller);
    return controller;
  }

  /** Starts a `run_job` step's child; the step then waits for the child to report its end. */
  launchChild(
    job: string,
    attempt: StepRow,
    params: JsonObject,
    parent: ParentRef,
    key: string,
    tags: Tags | undefined,
  ): void {
    const instance = attempt.step_id;
    const controller = this.track(instance);
    this.ports.children
      .start(job, params, parent, key, tags)
      .then((started) =>
        this.store.transaction(() => {
          const row = this.store.readStep(instance);
          const current =
            row?.executions === attempt.executions && row.attempts === attempt.attempts;
          if (current) this.store.timers.dropLease(instance);
          if (
            row?.status !== "running" ||
            !current ||
            isFinishedRunStatus(this.store.readRun().status)
          )
            return;
          if (started.ok) recordChildStarted(this.store, row, started.run_id);
          else {
            const delay = retryDelay(CHILD_START_RETRY, row.attempts, started.error);
            retryOrFail(this.store, row, started.error, delay, this.ports.clock.now());
          }
        }),
      )
      .catch((error: unknown) => this.hooks.failAfterError(instance, error))
      .finally(() => {
        if (this.inFlight.get(instance) === controller) this.inFlight.delete(instance);
        this.hooks.poke();
      });
  }

  /** Calls a task's action; its outcome is committed later, in its own transaction. */
  launch(call: Attempt, scope: TemplateScope, idempotencyKey: string): void {
    const controller = this.track(call.instance);
    this.ports
      .execute({
        spec: call.action,
        scope,
        idempotencyKey,
        timeoutMs: resolveAttemptTimeout(call.step, call.action),
        signal: controller.signal,
        step: call.step,
        instance: call.instance,
      })
      // executeAction answers every failure of the call; what escapes it is the engine's.
      .catch((error: unknown): ActionOutcome => ({ ok: false, error: stepErrorFrom(error) }))
      .then((outcome) => this.settle(call, outcome))
      .catch((error: unknown) => {
        console.error(`cairn: settling ${call.instance} failed`, error);
        this.hooks.failAfterError(call.instance, error);
      })
      .then(() => this.hooks.stopCancelled())
      .then(() => (call.slot ? this.ports.slots.release(call.slot) : undefined))
      .finally(() => {
        // A newer attempt of the same step may have replaced this one's entry.
        if (this.inFlight.get(call.instance) === controller) this.inFlight.delete(call.instance);
        this.hooks.poke();
      });
  }

  /** Commits an attempt's outcome: success moves on, a retryable failure schedules the next attempt. */
  private settle(call: Attempt, result: ActionOutcome): void {
    const { instance, step, action, number } = call;
    const now = this.ports.clock.now();
    const outcome = checkOutput(step, action, result);
    this.store.transaction(() => {
      const run = this.store.readRun();
      const row = this.store.readStep(instance);
      const current = row?.executions === call.execution && row.attempts === number;
      // A newer attempt of the step (this one is stale) keeps its own lease.
      if (current) this.store.timers.dropLease(instance);
      if (row?.status !== "running" || !current || isFinishedRunStatus(run.status)) {
        const reason = isFinishedRunStatus(run.status)
          ? `run is ${run.status}`
          : "attempt is stale";
        this.store.append({
          type: "attempt_discarded",
          step_id: instance,
          data: { attempt: number, reason },
        });
        return;
      }
      const plan = this.store.readPlan();
      if (outcome.ok) {
        succeedStep(this.store, plan, row, outcome.output, now);
        return;
      }
      const { error } = outcome;
      const delay = retryDelay(resolveRetryPolicy(step, action, plan.job), number, error);
      retryOrFail(this.store, row, error, delay, now);
    });
  }
}

/**
 * A failed attempt of the current execution of `row`: recorded, then tried again after
 * `delay` (another `attempt` timer), or, without one, the step fails, and its other timers
 * (a run_job step's timeout) go with it.
 */
function retryOrFail(
  store: RunStore,
  row: StepRow,
  error: StepError,
  delay: number | null,
  now: number,
): void {
  const attempt = row.attempts;
  const data = delay === null ? { attempt, error } : { attempt, error, retry_in_ms: delay };
  store.append({ type: "attempt_failed", step_id: row.step_id, data });
  if (delay === null) {
    store.timers.deleteStepTimers(row.step_id);
    failStep(store, store.readPlan(), row, error, now);
    return;
  }
  store.writeStep({ ...row, status: "waiting", error });
  store.timers.addTimer("attempt", row.step_id, now + delay);
}

/** An output that breaks the step's `output_schema` fails the step; retrying would not fix it. */
function checkOutput(step: TaskStep, action: ActionSpec, outcome: ActionOutcome): ActionOutcome {
  const schema = resolveStepSchemas(step, action).output_schema;
  if (!outcome.ok || !schema) return outcome;
  const problem = validateOutput(schema, outcome.output);
  return problem ? { ok: false, error: stepError("schema", problem), call: outcome.call } : outcome;
}
