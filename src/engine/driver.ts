import type { ActionOutcome } from "../actions/execute";
import { executeAction } from "../actions/execute";
import type {
  ActionSpec,
  CompiledJob,
  CompiledStep,
  JsonObject,
  JsonValue,
  TaskStep,
} from "../definition/ir";
import { listJobCalls } from "../definition/job-calls";
import { resolveStepSchemas, validateInput, validateOutput } from "../definition/output-schema";
import type { Tags } from "../definition/tags";
import type { Env } from "../env";
import {
  acquireSlot,
  askForSlot,
  claimFor,
  releaseSlot,
  returnSlot,
  waitForSlot,
} from "../gates/action-slots";
import { needsRunSlot, runClaimFor } from "../gates/run-cap";
import type { SlotClaim } from "../gates/slot";
import { isFinishedRunStatus } from "../statuses";
import { renderValue } from "../templates/render";
import type { TemplateScope } from "../templates/scope";
import { announceEnd } from "./announce";
import { asStepError, evaluateInlineStep, guardHolds, type Move } from "./evaluate";
import { beginEventWait, timeOutEventWait } from "./events";
import { MAX_MAP_ITEMS } from "./fan-out";
import { feedInput } from "./feed";
import { framesAround, graphOfFrame, isFanOut, locate, nearestMapItem } from "./frames";
import { mirrorRun } from "./mirror";
import { MAX_INTERRUPTIONS, resolveAttemptTimeout, resolveRetryPolicy, retryDelay } from "./policy";
import { expiresAt } from "./retention";
import { actionOf, buildScope } from "./scope";
import { checkStoredSize } from "./sizes";
import { stepError } from "./step-error";
import { cancelOpenSteps, emptyStep } from "./step-rows";
import type { ParentRef, RunStore, StepRow, Timer, TimerGate } from "./store/run-store";
import {
  cancelChildRuns,
  childRunsOf,
  MAX_RUN_DEPTH,
  recordChildStarted,
  renderChildTags,
  startChildRun,
} from "./sub-jobs";
import {
  enteredStep,
  failStep,
  finishRun,
  markRunning,
  skipStep,
  startFanOut,
  succeedGraph,
  succeedStep,
} from "./transitions";

/** One attempt of a task step instance, from launch to settlement. */
interface Attempt {
  instance: string;
  step: TaskStep;
  action: ActionSpec;
  execution: number;
  number: number;
  /** The action's concurrency slot this attempt holds, given back when it settles. */
  slot: SlotClaim | null;
}

const childRunSteps = new WeakMap<CompiledJob, boolean>();

/** Whether any `run_job` step is in the job, branches and map bodies included (cached per plan). */
function startsChildRuns(job: CompiledJob): boolean {
  let found = childRunSteps.get(job);
  if (found === undefined) {
    found = listJobCalls(job).length > 0;
    childRunSteps.set(job, found);
  }
  return found;
}

/** Steps that only wait (a duration, an event): they do not count against max_step_executions. */
function isWait(step: CompiledStep): boolean {
  return step.type === "wait" || step.type === "wait_for_event";
}

/** `<run id>.<128 random bits>`: the API finds the run from it; only the run can check the rest. */
function newCallbackToken(runId: string): string {
  const random = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) =>
    b.toString(16).padStart(2, "0"),
  );
  return `${runId}.${random.join("")}`;
}

/** Why a `run_job` step may not start its child (params not an object, nesting too deep), or null. */
function refuseChild(params: JsonValue, depth: number) {
  if (typeof params !== "object" || params === null || Array.isArray(params)) {
    return stepError("template", "params: must render to an object");
  }
  if (depth + 1 > MAX_RUN_DEPTH)
    return stepError("failed", `run_job nests deeper than ${MAX_RUN_DEPTH} runs`);
  return checkStoredSize("params", params);
}

/** A map's `items` must render to an array of a bounded size. */
async function renderItems(template: string, scope: TemplateScope): Promise<JsonValue[]> {
  const items = await renderValue(template, scope);
  if (!Array.isArray(items))
    throw stepError(
      "template",
      `items: rendered ${JSON.stringify(items)?.slice(0, 80)}, not an array`,
    );
  if (items.length > MAX_MAP_ITEMS)
    throw stepError("template", `items: ${items.length} items, more than ${MAX_MAP_ITEMS}`);
  const tooLarge = checkStoredSize("items", items);
  if (tooLarge) throw tooLarge;
  return items;
}

/** An output that breaks the step's `output_schema` fails the step; retrying would not fix it. */
function checkOutput(step: TaskStep, action: ActionSpec, outcome: ActionOutcome): ActionOutcome {
  const schema = resolveStepSchemas(step, action).output_schema;
  if (!outcome.ok || !schema) return outcome;
  const problem = validateOutput(schema, outcome.output);
  return problem ? { ok: false, error: stepError("schema", problem), call: outcome.call } : outcome;
}

/** While an attempt is in flight the alarm is pushed this far out: if the process dies, it fires and recovers. */
export const LEASE_MS = 15_000;
/**
 * Calls one alarm invocation starts before it hands the rest of the work to the next one:
 * Workers limit subrequests per invocation (50 on the free plan), so a map over 1,000 items
 * spreads over many invocations. Leaves room for the D1 index writes.
 */
export const CALLS_PER_INVOCATION = 40;
/**
 * How long one invocation keeps firing timers while no call is in flight before it hands
 * the rest to the next alarm: a map of 10,000 inline items would otherwise run in one
 * invocation, past its CPU limit, with every request to the run waiting behind it.
 */
export const INVOCATION_SLICE_MS = 1_000;
/** How soon a run whose D1 index write failed tries again. */
export const MIRROR_RETRY_MS = 5_000;

/**
 * Moves one run forward. The loop fires due timers (inline steps commit at once, so a chain
 * of `pass` steps costs no alarm round trips), launches task attempts without waiting for
 * them, and sleeps until an attempt settles, a timer falls due, or a control call pokes it.
 * Only committed storage decides what happens next; memory holds just the abort handles of
 * attempts in flight, which is how a fresh instance recognises interrupted ones.
 */
export class RunDriver {
  private readonly inFlight = new Map<string, AbortController>();
  /** Child runs this instance already cancelled (see stopCancelled). */
  private readonly cancelledChildren = new Set<string>();
  /** Calls started by the current alarm invocation (Workers cap subrequests per invocation). */
  private launched = 0;
  private driving: Promise<void> | null = null;
  private poked = false;
  private wake: (() => void) | null = null;

  constructor(
    private readonly store: RunStore,
    private readonly storage: DurableObjectStorage,
    private readonly env: Env,
    /** What templates may read as `secrets`; the store redacts their values. */
    private readonly secrets: Record<string, string>,
  ) {}

  get isDriving(): boolean {
    return this.driving !== null;
  }

  /** Runs the loop, or nudges the one already running (alarms can overlap with control calls). */
  drive(): Promise<void> {
    if (this.driving) {
      this.poke();
      return this.driving;
    }
    this.driving = this.loop().finally(() => {
      this.driving = null;
    });
    return this.driving;
  }

  poke(): void {
    this.poked = true;
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  private abortInFlight(reason: string): void {
    for (const controller of this.inFlight.values()) controller.abort(new Error(reason));
  }

  /**
   * Stops the work of steps a move cancelled: the siblings of a failed fail-fast child, the
   * open work of a graph a `succeed` or `fail` step ended (the whole run's included). Their
   * calls in flight are aborted and the child runs of their `run_job` steps cancelled, each
   * once per instance (a repeat after a restart finds the child ended, which is harmless).
   */
  async stopCancelled(): Promise<void> {
    for (const [instance, controller] of this.inFlight) {
      if (this.store.readStep(instance)?.status === "cancelled")
        controller.abort(new Error("step cancelled"));
    }
    const { job } = this.store.readPlan();
    if (!startsChildRuns(job)) return;
    const orphans = childRunsOf(
      this.store
        .cancelledSteps()
        .filter((row) => locate(job, row.step_id)?.step.type === "run_job"),
    ).filter((id) => !this.cancelledChildren.has(id));
    for (const id of orphans) this.cancelledChildren.add(id);
    await cancelChildRuns(this.env, orphans);
  }

  /** Writes the D1 index when it is behind; a failure is retried by a later alarm. */
  async mirror(): Promise<void> {
    const run = this.store.readRun();
    if (run.mirrored_seq >= run.seq) return;
    try {
      await mirrorRun(this.env.DB, run, this.store.readPlan().tags);
      // Before markMirrored: an announcement that failed is repeated with the mirror.
      await announceEnd(this.env, run);
      // Like the announcement, the run slot's return is repeated until it succeeds.
      const runSlot = isFinishedRunStatus(run.status) ? runClaimFor(this.env, run) : null;
      if (runSlot) await returnSlot(this.env, runSlot);
      this.store.markMirrored(run.seq);
    } catch (error) {
      console.error(`cairn: run ${run.run_id}: index write failed`, error);
    }
  }

  /** Sets the one alarm to the earliest moment something must happen. */
  async arm(): Promise<void> {
    const run = this.store.readRun();
    const now = Date.now();
    const candidates = [this.store.nextTimerAt({ ...this.gate(), saturated: false })];
    if (this.inFlight.size > 0) candidates.push(now + LEASE_MS);
    // An attempt left running by a dead instance must be recovered now, not never.
    if (this.store.runningSteps().some((id) => !this.inFlight.has(id))) candidates.push(now);
    if (run.mirrored_seq < run.seq) candidates.push(now + MIRROR_RETRY_MS);
    candidates.push(expiresAt(run, this.store.readPlan(), this.env));
    const due = candidates.filter((at): at is number => at !== null);
    if (due.length === 0) await this.storage.deleteAlarm();
    else await this.storage.setAlarm(Math.min(...due));
  }

  private async loop(): Promise<void> {
    if (!this.store.exists()) return;
    this.launched = 0;
    this.recoverInterrupted();
    if (await this.heldByRunCap()) return this.sleepQueued();
    const sliceEnds = Date.now() + INVOCATION_SLICE_MS;
    for (;;) {
      this.poked = false;
      const run = this.store.readRun();
      if (isFinishedRunStatus(run.status)) {
        this.abortInFlight(`run ${run.status}`);
        await this.stopCancelled();
        break;
      }
      const timer = this.store.takeDueTimer(Date.now(), this.gate());
      if (timer) {
        await this.fireSafely(timer);
        await this.stopCancelled();
        // The alarm set by arm() below, already due, takes over in a fresh invocation.
        if (this.inFlight.size === 0 && Date.now() > sliceEnds) break;
        continue;
      }
      await this.mirror();
      if (this.inFlight.size === 0) break;
      await this.arm();
      await this.idle(this.store.nextTimerAt(this.gate()));
    }
    this.markIdle();
    await this.mirror();
    await this.arm();
  }

  /**
   * Nothing in flight and nothing due: a run still marked running whose steps only wait (for
   * a duration, an event, a child run or an action slot) is waiting; a retry's backoff keeps
   * it running. The next timer that fires marks it running again (markRunning).
   */
  private markIdle(): void {
    if (this.store.readRun().status !== "running" || !this.store.isIdle()) return;
    this.store.transaction(() => this.store.setStatus("waiting"));
  }

  /** Asks for the run's slot before its first move; a grant that raced the answer is not lost. */
  private async heldByRunCap(): Promise<boolean> {
    const run = this.store.readRun();
    const claim = needsRunSlot(run) ? runClaimFor(this.env, run) : null;
    if (!claim) return false;
    for (;;) {
      this.poked = false;
      if ((await acquireSlot(this.env, claim)) === "granted") return false;
      if (!this.poked) return true;
    }
  }

  /**
   * Held by MAX_RUNNING_RUNS: the run stays queued, its alarm set only for its deadline (a
   * paused run's gate), until its gate's grant re-arms it.
   */
  private async sleepQueued(): Promise<void> {
    const held = { paused: true, saturated: false };
    const deadline = this.store.takeDueTimer(Date.now(), held);
    if (deadline) await this.fireSafely(deadline);
    await this.mirror();
    // A deadline that fired ended the run: arm as any finished run does.
    if (deadline) return this.arm();
    const next = this.store.nextTimerAt(held);
    if (next === null) await this.storage.deleteAlarm();
    else await this.storage.setAlarm(next);
  }

  private gate(): TimerGate {
    return {
      paused: this.store.readRun().status === "paused",
      saturated:
        this.inFlight.size >= this.store.readPlan().job.max_parallel ||
        this.launched >= CALLS_PER_INVOCATION,
    };
  }

  private idle(until: number | null): Promise<void> {
    if (this.poked) return Promise.resolve();
    return new Promise((resolve) => {
      const timeout = until === null ? null : setTimeout(resolve, Math.max(0, until - Date.now()));
      this.wake = () => {
        if (timeout !== null) clearTimeout(timeout);
        resolve();
      };
    });
  }

  /** Steps left `running` by a previous instance were interrupted mid-attempt: try them again. */
  private recoverInterrupted(): void {
    if (isFinishedRunStatus(this.store.readRun().status)) return;
    const now = Date.now();
    for (const stepId of this.store.runningSteps()) {
      if (this.inFlight.has(stepId)) continue;
      this.store.transaction(() => {
        const row = this.store.readStep(stepId);
        if (!row) return;
        const interrupted = { ...row, interruptions: row.interruptions + 1 };
        this.store.append({
          type: "attempt_interrupted",
          step_id: stepId,
          data: { attempt: row.attempts },
        });
        if (interrupted.interruptions > MAX_INTERRUPTIONS) {
          const error = stepError("interrupted", `interrupted ${interrupted.interruptions} times`);
          failStep(this.store, this.store.readPlan(), interrupted, error, now);
          return;
        }
        // A crash is not the step's failure: the repeat keeps its attempt number and key.
        this.store.writeStep({ ...interrupted, status: "waiting", attempts: row.attempts - 1 });
        this.store.addTimer("attempt", stepId, now);
      });
    }
  }

  /**
   * A timer whose work throws would fire again on every alarm forever; instead the step (or,
   * for the deadline, the run) fails with the error, and the run moves on.
   */
  private async fireSafely(timer: Timer): Promise<void> {
    try {
      await this.fire(timer);
    } catch (error) {
      console.error(`cairn: timer ${timer.kind} ${timer.step_id ?? ""} failed`, error);
      this.failAfterError(timer.step_id, error, timer.id);
    }
  }

  private failAfterError(instance: string | null, cause: unknown, timerId?: number): void {
    const now = Date.now();
    const error = stepError(
      "failed",
      `internal error: ${cause instanceof Error ? cause.message : String(cause)}`,
    );
    this.store.transaction(() => {
      if (timerId !== undefined) this.store.deleteTimer(timerId);
      if (isFinishedRunStatus(this.store.readRun().status)) return;
      const row = instance === null ? null : this.store.readStep(instance);
      if (row)
        failStep(this.store, this.store.readPlan(), { ...row, status: "running" }, error, now);
      else finishRun(this.store, "failed", now, { error, failed_step: instance });
    });
  }

  private async fire(timer: Timer): Promise<void> {
    const now = Date.now();
    if (timer.kind === "deadline") {
      // The loop then stops the cancelled steps' calls and child runs (stopCancelled).
      this.store.transaction(() => {
        this.store.deleteTimer(timer.id);
        // The step to retry from: the one in progress, else the one about to start.
        const open =
          cancelOpenSteps(this.store, "run timed out", now) ?? this.store.firstTimerStep();
        const error = stepError("timeout", "the run exceeded its timeout");
        finishRun(this.store, "timed_out", now, { error, failed_step: open });
      });
      return;
    }
    const stepId = timer.step_id ?? "";
    if (timer.kind === "resume") {
      await this.resume(timer, stepId, now);
      return;
    }
    await this.activate(timer, stepId, now);
  }

  /**
   * A `resume` timer fell due: a wait ends, or the timeout of a wait_for_event or run_job
   * step expires (a timed-out child run is cancelled).
   */
  private async resume(timer: Timer, stepId: string, now: number): Promise<void> {
    const plan = this.store.readPlan();
    const step = locate(plan.job, stepId)?.step;
    let orphans: string[] = [];
    this.store.transaction(() => {
      this.store.deleteTimer(timer.id);
      const row = this.store.readStep(stepId) ?? emptyStep(stepId);
      if (step?.type === "wait_for_event")
        return timeOutEventWait(this.store, plan, row, step, now);
      markRunning(this.store, now);
      if (step?.type !== "run_job") return succeedStep(this.store, plan, row, null, now);
      orphans = childRunsOf([row]);
      const error = stepError("timeout", `the child run did not end within ${step.timeout_ms} ms`);
      failStep(this.store, plan, { ...row, status: "running" }, error, now);
    });
    await cancelChildRuns(this.env, orphans);
  }

  /** Begins a new execution (`activate`) or another attempt of the current one (`attempt`). */
  private async activate(timer: Timer, stepId: string, now: number): Promise<void> {
    const plan = this.store.readPlan();
    const step = locate(plan.job, stepId)?.step;
    const previous = this.store.readStep(stepId) ?? emptyStep(stepId);
    const fresh = timer.kind === "activate";
    // Waits spend no budget: a run may wait for as many events or durations as it likes.
    const counted = fresh && step !== undefined && !isWait(step);
    const row = fresh ? enteredStep(previous, now) : { ...previous, status: "running" as const };
    // Preparing a step can wait (for an action slot, say); a cancel or timeout that came in
    // meanwhile took the timer, and then the prepared move is void.
    const tryCommit = (work: () => void): boolean =>
      this.store.transaction(() => {
        if (!this.store.deleteTimer(timer.id)) return false;
        markRunning(this.store, now);
        if (counted) this.store.updateRun({ executions: this.store.readRun().executions + 1 });
        if (fresh) {
          this.store.append({
            type: "step_started",
            step_id: stepId,
            data: { execution: row.executions },
          });
        }
        work();
        return true;
      });
    const commit = (work: () => void): void => {
      tryCommit(work);
    };

    if (!step)
      return commit(() =>
        failStep(this.store, plan, row, stepError("failed", `unknown step "${stepId}"`), now),
      );
    const limit = fresh
      ? this.executionLimit(step.max_retries, previous.executions, counted)
      : null;
    if (limit) return commit(() => failStep(this.store, plan, row, limit, now));

    const run = this.store.readRun();
    let scope: TemplateScope | undefined;
    const scopeOf = () => {
      scope ??= buildScope({
        plan,
        run,
        steps: [...this.rowsAround(stepId).filter((other) => other.step_id !== stepId), row],
        stepId,
        attempt: row.attempts + 1,
        secrets: this.secrets,
        callbacks: this.callbacksAround(stepId, run.run_id),
        ...this.mapItemOf(stepId),
      });
      return scope;
    };
    try {
      if (!(await guardHolds(step, scopeOf))) {
        return commit(() => skipStep(this.store, plan, row, "when: condition is false", now));
      }
    } catch (error) {
      return commit(() => failStep(this.store, plan, row, asStepError(error), now));
    }
    if (isFanOut(step)) {
      let items: JsonValue[] | null = null;
      try {
        items = step.type === "map" ? await renderItems(step.items, scopeOf()) : null;
      } catch (error) {
        return commit(() => failStep(this.store, plan, row, asStepError(error), now));
      }
      return commit(() => startFanOut(this.store, plan, row, items, now));
    }
    if (step.type === "wait_for_event") {
      return commit(() => beginEventWait(this.store, plan, row, step, now));
    }
    if (step.type === "run_job") {
      let params: JsonValue | undefined;
      let tags: Tags | undefined;
      try {
        params = (await renderValue(step.params, scopeOf())) ?? {};
        tags = await renderChildTags(step.tags, scopeOf());
      } catch (error) {
        return commit(() => failStep(this.store, plan, row, asStepError(error), now));
      }
      const refusal = refuseChild(params, run.parent?.depth ?? 0);
      if (refusal) return commit(() => failStep(this.store, plan, row, refusal, now));
      const until = step.timeout_ms === undefined ? null : now + step.timeout_ms;
      const journaled = await this.journalAttempt(tryCommit, row, params, run.run_id, () => {
        if (until !== null) this.store.addTimer("resume", stepId, until);
      });
      if (!journaled) return;
      const { attempt, idempotencyKey } = journaled;
      const parent = {
        run_id: run.run_id,
        instance: stepId,
        execution: attempt.executions,
        depth: (run.parent?.depth ?? 0) + 1,
      };
      this.launched += 1;
      this.launchChild(step.job, attempt, params as JsonObject, parent, idempotencyKey, tags);
      return;
    }
    if (step.type !== "task") {
      const move = await evaluateInlineStep(step, scopeOf, now);
      return commit(() => this.applyMove(row, move, now));
    }
    const action = actionOf(plan, step);
    if (!action) {
      const missing = stepError("failed", `the run's plan has no action for step "${stepId}"`);
      return commit(() => failStep(this.store, plan, row, missing, now));
    }
    let input: JsonValue | undefined;
    try {
      input =
        step.with === undefined
          ? this.fedInput(stepId, run.params)
          : await renderValue(step.with, scopeOf());
    } catch (error) {
      return commit(() => failStep(this.store, plan, row, asStepError(error), now));
    }
    const tooLarge = checkStoredSize("the input", input ?? null);
    if (tooLarge) return commit(() => failStep(this.store, plan, row, tooLarge, now));
    const inputSchema = resolveStepSchemas(step, action).input_schema;
    const badInput = inputSchema ? validateInput(inputSchema, input ?? null) : null;
    if (badInput)
      return commit(() => failStep(this.store, plan, row, stepError("schema", badInput), now));
    const slot = claimFor(run.run_id, step, action, row);
    const asked = slot ? await askForSlot(this.env, slot) : "granted";
    if (asked !== "granted") return commit(() => waitForSlot(this.store, row, asked, now));
    const journaled = await this.journalAttempt(tryCommit, row, input ?? null, run.run_id);
    if (!journaled) {
      if (slot) await releaseSlot(this.env, slot);
      return;
    }
    const { attempt, idempotencyKey } = journaled;
    this.launched += 1;
    const call = {
      instance: stepId,
      step,
      action,
      execution: attempt.executions,
      number: attempt.attempts,
      slot,
    };
    this.launch(call, { ...scopeOf(), input: input ?? null }, idempotencyKey);
  }

  /** The input of a task without `with:`: see feedInput. */
  private fedInput(instance: string, params: JsonObject): JsonValue {
    const located = locate(this.store.readPlan().job, instance);
    if (!located) return null;
    const { frame, graph, id } = located;
    const rows = new Map(
      this.store
        .readResultsIn(frame, graph.order)
        .map((row) => [row.step_id.slice(frame.length), row]),
    );
    const item = this.mapItemOf(instance).item;
    const start = frame === "" ? params : item ? item.item : null;
    return feedInput(graph, id, rows, start);
  }

  /** Rows a step's templates can see: its own graph's and every enclosing graph's. */
  private rowsAround(instance: string): StepRow[] {
    const { job } = this.store.readPlan();
    const frame = locate(job, instance)?.frame ?? "";
    return framesAround(frame).flatMap((around) => {
      const graph = graphOfFrame(job, around);
      return graph ? this.store.readResultsIn(around, graph.order) : [];
    });
  }

  /**
   * The callback URL of every wait_for_event step in the graph of `instance`, by step id: for
   * the execution waiting now, else for the step's next one (a link sent ahead of the wait).
   */
  private callbacksAround(instance: string, runId: string): Record<string, string> {
    const located = locate(this.store.readPlan().job, instance);
    if (!located) return {};
    const base =
      typeof this.env.PUBLIC_URL === "string" ? this.env.PUBLIC_URL.replace(/\/$/, "") : "";
    const urls: Record<string, string> = {};
    for (const [id, step] of Object.entries(located.graph.steps)) {
      if (step.type !== "wait_for_event") continue;
      const waiter = located.frame + id;
      const row = this.store.readStep(waiter);
      const execution = row?.status === "waiting" ? row.executions : (row?.executions ?? 0) + 1;
      const token = this.store.callbackToken(waiter, execution, () => newCallbackToken(runId));
      urls[id] = `${base}/callbacks/${token}`;
    }
    return urls;
  }

  /** Inside a map item (at any depth below it), the item and its index (`meta.item`, `meta.index`). */
  private mapItemOf(instance: string): { item?: { item: JsonValue; index: number } } {
    const plan = this.store.readPlan();
    const child = nearestMapItem(plan.job, locate(plan.job, instance)?.frame ?? "");
    if (!child) return {};
    const items = this.store.readFanOutInput(child.parent)?.input;
    return Array.isArray(items)
      ? { item: { item: items[child.index] ?? null, index: child.index } }
      : {};
  }

  private executionLimit(maxRetries: number | undefined, executions: number, counted: boolean) {
    const plan = this.store.readPlan();
    if (counted && this.store.readRun().executions >= plan.job.max_step_executions) {
      return stepError(
        "max_retries_exceeded",
        `the run reached max_step_executions (${plan.job.max_step_executions})`,
      );
    }
    if (maxRetries !== undefined && executions > maxRetries) {
      return stepError(
        "max_retries_exceeded",
        `the step was re-entered more than max_retries (${maxRetries}) times`,
      );
    }
    return null;
  }

  private applyMove(row: StepRow, move: Move, now: number): void {
    const plan = this.store.readPlan();
    switch (move.kind) {
      case "next":
        if (move.chosen) {
          this.store.append({
            type: "choice_made",
            step_id: row.step_id,
            data: { next: move.chosen },
          });
        }
        succeedStep(this.store, plan, row, move.output, now, move.next);
        return;
      case "wait":
        this.store.writeStep({ ...row, status: "waiting" });
        this.store.append({
          type: "wait_started",
          step_id: row.step_id,
          data: { until: new Date(move.until).toISOString() },
        });
        this.store.addTimer("resume", row.step_id, move.until);
        return;
      case "succeed":
        succeedGraph(this.store, plan, row, move.output, now);
        return;
      case "fail":
        failStep(this.store, plan, row, move.error, now);
        return;
    }
  }

  /**
   * Journals "attempt started" (with whatever `alsoCommit` adds) and sets the lease; only
   * then may the call leave: the output gate holds it until the write is durable.
   */
  private async journalAttempt(
    commit: (work: () => void) => boolean,
    row: StepRow,
    input: JsonValue,
    runId: string,
    alsoCommit: () => void = () => {},
  ): Promise<{ attempt: StepRow; idempotencyKey: string } | null> {
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
      alsoCommit();
    });
    if (!committed) return null;
    await this.storage.setAlarm(Date.now() + LEASE_MS);
    return { attempt, idempotencyKey };
  }

  /** Starts a `run_job` step's child; the step then waits for the child to report its end. */
  private launchChild(
    job: string,
    attempt: StepRow,
    params: JsonObject,
    parent: ParentRef,
    key: string,
    tags: Tags | undefined,
  ): void {
    const instance = attempt.step_id;
    const controller = new AbortController();
    this.inFlight.set(instance, controller);
    startChildRun(this.env, job, params, parent, key, tags)
      .then((started) =>
        this.store.transaction(() => {
          const row = this.store.readStep(instance);
          const current =
            row?.executions === attempt.executions && row.attempts === attempt.attempts;
          if (
            row?.status !== "running" ||
            !current ||
            isFinishedRunStatus(this.store.readRun().status)
          )
            return;
          if (started.ok) recordChildStarted(this.store, row, started.run_id);
          else failStep(this.store, this.store.readPlan(), row, started.error, Date.now());
        }),
      )
      .catch((error: unknown) => this.failAfterError(instance, error))
      .finally(() => {
        if (this.inFlight.get(instance) === controller) this.inFlight.delete(instance);
        this.poke();
      });
  }

  private launch(call: Attempt, scope: TemplateScope, idempotencyKey: string): void {
    const controller = new AbortController();
    this.inFlight.set(call.instance, controller);
    executeAction({
      spec: call.action,
      scope,
      idempotencyKey,
      timeoutMs: resolveAttemptTimeout(call.step, call.action),
      signal: controller.signal,
      env: this.env,
    })
      .catch(
        (error: unknown): ActionOutcome => ({
          ok: false,
          error: stepError("handler", String(error)),
        }),
      )
      .then((outcome) => this.settle(call, outcome))
      .catch((error: unknown) => {
        console.error(`cairn: settling ${call.instance} failed`, error);
        this.failAfterError(call.instance, error);
      })
      .then(() => this.stopCancelled())
      .then(() => (call.slot ? releaseSlot(this.env, call.slot) : undefined))
      .finally(() => {
        // A newer attempt of the same step may have replaced this one's entry.
        if (this.inFlight.get(call.instance) === controller) this.inFlight.delete(call.instance);
        this.poke();
      });
  }

  /** Commits an attempt's outcome: success moves on, a retryable failure schedules the next attempt. */
  private settle(call: Attempt, result: ActionOutcome): void {
    const { instance, step, action, number } = call;
    const now = Date.now();
    const outcome = checkOutput(step, action, result);
    this.store.transaction(() => {
      const run = this.store.readRun();
      const row = this.store.readStep(instance);
      const current = row?.executions === call.execution && row.attempts === number;
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
      const data =
        delay === null
          ? { attempt: number, error }
          : { attempt: number, error, retry_in_ms: delay };
      this.store.append({ type: "attempt_failed", step_id: instance, data });
      if (delay === null) {
        failStep(this.store, plan, row, error, now);
        return;
      }
      this.store.writeStep({ ...row, status: "waiting", error });
      this.store.addTimer("attempt", instance, now + delay);
    });
  }
}
