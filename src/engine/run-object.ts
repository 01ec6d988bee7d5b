import { DurableObject } from "cloudflare:workers";
import type {
  ChildEnded,
  ControlResult,
  EventResult,
  Refusal,
  RetryRequest,
  RunDefinition,
  RunProtocol,
  StartRequest,
  StartResult,
} from "../clients/run";
import type { RunView, StepView } from "../clients/run-views";
import type { GrantAnswer, SlotKey } from "../clients/slot";
import type { HistoryRecord } from "../core/history";
import type { JsonValue } from "../core/json";
import { isFinishedRunStatus, type RunStatus } from "../core/statuses";
import { getDb } from "../db/client";
import { listSubscriptionRoutes } from "../db/queries/subscriptions";
import { goesThroughGate } from "../definition/policy-schema";
import type { Env } from "../env";
import { readSecrets } from "../templates/secrets";
import { answerGrant } from "./action-slots";
import { createRun } from "./create-run";
import { RunDriver } from "./driver";
import { EventLog, type LoggedRun } from "./event-log";
import { deliverCallback, deliverEvent } from "./events";
import { streamHistory } from "./history-stream";
import { LifecycleForwarder } from "./lifecycle-forwarder";
import { expireRun, expiresAt, isExpired } from "./retention";
import { checkRetry, reopenFrom, retryableStatuses } from "./retry-from";
import { RouteCache } from "./route-cache";
import { cancelOpenSteps } from "./step-rows";
import { RunStore } from "./store/run-store";
import { settleChild } from "./sub-jobs";
import { finishRun, reopenRun } from "./transitions";
import { toRunSummary, toRunView, toStepViews } from "./views";
import { workerPorts } from "./worker-ports";

const notFound: Refusal = { ok: false, code: "not_found", message: "run does not exist" };
const CALLBACK_REFUSALS: Record<"unknown" | "used", Refusal> = {
  unknown: { ok: false, code: "not_found", message: "no such callback" },
  used: { ok: false, code: "gone", message: "this callback was already used" },
};
const conflict = (message: string): Refusal => ({ ok: false, code: "conflict", message });

/**
 * One run. Its SQLite storage is the source of truth (plan, params, steps, history, timers);
 * its single alarm is the wake-up for waits, retries, deadlines and crash recovery.
 */
export class RunObject extends DurableObject<Env> implements RunProtocol {
  private readonly store: RunStore;
  private readonly driver: RunDriver;
  private readonly routes: RouteCache;
  /** The event log lines (null: `LOG_EVENTS = "false"`), written before each answer. */
  private readonly log: EventLog | null;
  private loggedRun: LoggedRun | null = null;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    const secrets = readSecrets(env);
    this.store = new RunStore(ctx.storage, Object.values(secrets));
    this.routes = new RouteCache(() => listSubscriptionRoutes(getDb(env.DB)));
    this.log = env.LOG_EVENTS === "false" ? null : new EventLog();
    this.driver = new RunDriver(this.store, workerPorts(env, this.routes), secrets, () => {
      this.log?.flush();
      this.routes.stopAwaiting();
    });
    // One log line per event is what Workers Logs wants, held and written in few console
    // calls when the object answers or its loop idles (event-log.ts);
    // `LOG_EVENTS = "false"` turns it off where console output is expensive (local
    // `wrangler dev` pipes every write through Node).
    if (this.log) {
      const log = this.log;
      this.store.listen((events) => log.write(this.identity(), events));
    }
    // Subscriptions: committed events are handed on in the background, never awaited here.
    // A run an earlier instance left is caught up on (events a crash left unforwarded) when
    // this instance first finds it, not at construction: a start's forwarder round would
    // then read a new object's schema before `start` reads it again.
    const forwarder = new LifecycleForwarder(env, this.store, ctx.storage.sql, this.routes);
    this.store.listen(() => forwarder.poke());
    this.store.whenFound(() => forwarder.poke());
  }

  /** Creates the run; a repeat with the same idempotency key and params returns the existing run. */
  start(request: StartRequest): Promise<StartResult> {
    if (this.store.exists()) return this.restart(request);
    const started = this.create(request);
    this.routes.awaitInvocation(started);
    return started;
  }

  private async create(request: StartRequest): Promise<StartResult> {
    const now = Date.now();
    createRun(this.store, request, now);
    if (!request.parent) await this.driver.firstMove(isCoordinatorCall(request));
    else {
      // Armed first: whatever happens to this instance after the answer, the alarm drives the run.
      this.driver.arm();
      await this.driver.mirror();
    }
    // A run seen ended has its lines out (the first move wrote them in this turn).
    this.log?.flush();
    return { ok: true, created: true, run: toRunSummary(this.store.readRun()) };
  }

  describe(): RunView | null {
    return this.store.exists() ? this.view() : null;
  }

  /** What the run executes: its job and version, and the inline definition's source if it has one. */
  definition(): RunDefinition | null {
    if (!this.store.exists()) return null;
    const { job, version, source } = this.store.readPlan();
    return { job: job.name, version, source: source ?? null };
  }

  steps(): StepView[] | null {
    if (!this.store.exists()) return null;
    return toStepViews(this.store.readPlan(), this.store.readSteps());
  }

  history(afterSeq = 0, limit = 100): HistoryRecord[] | null {
    return this.store.exists() ? this.store.history.readHistory(afterSeq, limit) : null;
  }

  /** The history as Server-Sent Events, following the run until it ends. */
  stream(afterSeq = 0): ReadableStream<Uint8Array> | null {
    return this.store.exists() ? streamHistory(this.store, afterSeq) : null;
  }

  /** Delivers an event: the step waiting for it takes it, or the run keeps it for a later one. */
  async deliverEvent(name: string, body: JsonValue): Promise<EventResult> {
    let takenBy: string | null = null;
    const result = await this.control(["queued", "running", "waiting", "paused"], () => {
      takenBy = deliverEvent(this.store, this.store.readPlan(), name, body, Date.now());
    });
    return result.ok ? { ok: true, taken_by: takenBy, run: result.run } : result;
  }

  /** A POST to a step's callback URL (no API token: the token is the credential). */
  async deliverCallback(token: string, body: JsonValue): Promise<ControlResult> {
    const known = this.store.exists() ? this.store.inbox.readCallback(token) : null;
    if (!known) return CALLBACK_REFUSALS.unknown;
    if (known.used) return CALLBACK_REFUSALS.used;
    const result = await this.control(["queued", "running", "waiting", "paused"], () => {
      const outcome = deliverCallback(this.store, this.store.readPlan(), token, body, Date.now());
      if (outcome !== "delivered") throw new RefusedError(CALLBACK_REFUSALS[outcome]);
    });
    // A finished run's callbacks are as spent as used ones.
    return !result.ok && result.code === "conflict" ? CALLBACK_REFUSALS.used : result;
  }

  /** Holds new step activations; attempts in flight finish and are recorded. */
  async pause(): Promise<ControlResult> {
    return this.control(["queued", "running", "waiting"], () => this.store.setStatus("paused"));
  }

  async resume(): Promise<ControlResult> {
    return this.control(["paused"], () => {
      const run = this.store.readRun();
      this.store.setStatus(run.started_at === null ? "queued" : this.activeStatus(), {}, "resumed");
    });
  }

  /** Cancels the run: calls in flight are aborted, and runs started by its `run_job` steps cancelled. */
  async cancel(): Promise<ControlResult> {
    const result = await this.control(["queued", "running", "waiting", "paused"], () => {
      const now = Date.now();
      cancelOpenSteps(this.store, "run cancelled", now);
      finishRun(this.store, "cancelled", now, {}, "cancelled by request");
    });
    if (result.ok) await this.driver.stopCancelled();
    return result;
  }

  /** A child run started by a `run_job` step ended (called by the child; idempotent). */
  async childEnded(ended: ChildEnded): Promise<void> {
    if (!this.store.exists() || isFinishedRunStatus(this.store.readRun().status)) return;
    this.store.transaction(() => settleChild(this.store, this.store.readPlan(), ended, Date.now()));
    await this.afterChange();
  }

  /** An action's gate grants the slot a step waits for (src/gates); idempotent. */
  async grantSlot(key: SlotKey): Promise<GrantAnswer> {
    const answer = this.store.transaction(() => answerGrant(this.store, key, Date.now()));
    if (answer === "accepted") await this.afterChange();
    return answer;
  }

  /**
   * Re-runs a failed or timed-out run from the step that failed, as a new execution of it;
   * with `from`, any finished run from that top-level step (and what follows it), and with
   * `params` or `set_params`, with new params. Nothing changes unless all of it is valid.
   */
  async retry(request: RetryRequest = {}): Promise<ControlResult> {
    return this.control(retryableStatuses(request), () => {
      const now = Date.now();
      const plan = this.store.readPlan();
      const run = this.store.readRun();
      const checked = checkRetry(plan, run, request);
      if (!checked.ok)
        throw new RefusedError({
          ok: false,
          code: "invalid",
          message: "invalid retry",
          errors: checked.errors,
        });
      const from = request.from ?? run.failed_step;
      // Running first: re-opening may settle the run again at once (a DAG with nothing left).
      this.store.setStatus(
        "running",
        {
          error: null,
          output: null,
          failed_step: null,
          finished_at: null,
          ...(checked.params === null ? {} : { params: checked.params }),
        },
        `retry from ${from ?? "the steps that did not succeed"}`,
      );
      this.store.append({
        type: "run_retried",
        data: {
          from,
          ...(checked.params === null
            ? {}
            : { params: { before: run.params, after: checked.params } }),
        },
      });
      if (plan.job.timeout_ms !== undefined)
        this.store.timers.addTimer("deadline", null, now + plan.job.timeout_ms);
      if (request.from !== undefined) reopenFrom(this.store, plan, request.from, now);
      else if (!reopenRun(this.store, plan, now, run.failed_step))
        throw new RefusedError(conflict("the run has no failed step to retry from"));
    });
  }

  /** Deletes a finished run's state; runs still in progress must be cancelled first. */
  async destroy(): Promise<{ ok: true } | Refusal> {
    if (!this.store.exists()) return notFound;
    const run = this.store.readRun();
    if (!isFinishedRunStatus(run.status)) return conflict(`run is ${run.status}; cancel it first`);
    await this.store.destroy();
    return { ok: true };
  }

  /**
   * The watchdog's call: re-arms the alarm of a run that has work left but no alarm (alarms
   * are retried only a few times after a throw, so one can be lost). True when it re-armed.
   */
  async wake(): Promise<boolean> {
    if (!this.store.exists()) return false;
    if (isFinishedRunStatus(this.store.readRun().status)) {
      await this.driver.mirror();
      return false;
    }
    if (this.driver.isDriving || (await this.store.alarm.isSet())) return false;
    this.driver.arm();
    return true;
  }

  /** `info` is the runtime's (a direct call has none): see RunDriver.drive. */
  override async alarm(info?: AlarmInvocationInfo): Promise<void> {
    if (isExpired(this.store, this.env)) {
      await this.ctx.blockConcurrencyWhile(() =>
        expireRun(this.store, this.env, () => this.driver.arm()),
      );
      return;
    }
    const driven = this.driver.drive(info !== undefined);
    // A woken run's forwarder waits for the routes its first index write reads along.
    this.routes.awaitInvocation(driven);
    try {
      await driven;
    } finally {
      this.log?.flush();
    }
  }

  private async restart(request: StartRequest): Promise<StartResult> {
    const run = this.store.readRun();
    if (request.idempotency_key === null || run.idempotency_key !== request.idempotency_key) {
      return conflict(`run ${run.run_id} already exists`);
    }
    if (
      canonicalJson(run.params) !== canonicalJson(request.params) ||
      run.job !== request.plan.job.name
    ) {
      return conflict("this idempotency_key was used to start a run with other params");
    }
    // An inline definition is part of the request: another one under the same key is a clash.
    if (
      request.plan.version === 0 &&
      canonicalJson(this.store.readPlan().job) !== canonicalJson(request.plan.job)
    ) {
      return conflict("this idempotency_key was used to start a run of another inline definition");
    }
    return { ok: true, created: false, run: toRunSummary(run) };
  }

  private async control(allowed: readonly RunStatus[], change: () => void): Promise<ControlResult> {
    if (!this.store.exists()) return notFound;
    const status = this.store.readRun().status;
    if (!allowed.includes(status)) return conflict(`run is ${status}`);
    try {
      this.store.transaction(change);
    } catch (error) {
      if (error instanceof RefusedError) return error.refusal;
      throw error;
    }
    await this.afterChange();
    return { ok: true, run: this.view() };
  }

  /** After a change from outside the loop: nudge the loop, or publish and re-arm ourselves. */
  private async afterChange(): Promise<void> {
    if (this.driver.isDriving) this.driver.poke();
    else {
      await this.driver.mirror();
      this.driver.arm();
    }
    this.log?.flush();
  }

  private view(): RunView {
    const run = this.store.readRun();
    const plan = this.store.readPlan();
    return toRunView(run, plan, expiresAt(run, plan, this.env));
  }

  private identity(): LoggedRun {
    if (!this.loggedRun) {
      const { run_id, job } = this.store.readRun();
      this.loggedRun = { run_id, job };
    }
    return this.loggedRun;
  }

  /** A resumed run is `waiting` when all it has left is waiting, else `running`. */
  private activeStatus(): RunStatus {
    return this.store.isIdle() ? "waiting" : "running";
  }
}

/**
 * Whether the start comes from the run's own coordinator (it fires schedules and admits
 * `concurrency` jobs, one call at a time), which must then hear the run's end from the alarm,
 * not from a first move it is waiting for. A parent's `run_job` step starts its child without
 * a first move: it records the child only once the start answered, and the child's end
 * reported before that would be lost.
 */
function isCoordinatorCall(request: StartRequest): boolean {
  return request.trigger === "schedule" || goesThroughGate(request.plan.version, request.plan.job);
}

/** JSON with object keys sorted, so `{a,b}` and `{b,a}` compare equal. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === "object" && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : 1)))
      : inner,
  );
}

class RefusedError extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
  }
}
