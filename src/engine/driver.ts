import type { SlotClaim } from "../clients/slot";
import { isFinishedRunStatus } from "../core/statuses";
import type { CompiledJob } from "../definition/ir";
import { listJobCalls } from "../definition/job-calls";
import { goesThroughGate } from "../definition/policy-schema";
import { type AlarmState, nextAlarmAt } from "./alarm";
import { Attempts } from "./attempts";
import { locate } from "./frames";
import { IndexWriter } from "./index-writer";
import type { RunPorts } from "./ports";
import { expiresAt } from "./retention";
import { needsRunSlot } from "./run-cap";
import type { RunStore, Timer, TimerGate } from "./store/run-store";
import { childRunsOf } from "./sub-jobs";
import { TimerFiring } from "./timer-firing";

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
/** How long the alarm leaves a start's first move before it takes the run up itself. */
export const FIRST_MOVE_GRACE_MS = 2 * INVOCATION_SLICE_MS;
/**
 * How long, at most, the drive loop holds its D1 index write and its alarm after launching
 * calls: side work started in the launch's turn goes out before the calls' requests (locally
 * every object, D1 and the log pipe share one thread; bench/README.md, "The HTTP task's
 * wait"). Long enough for a fast call to settle first (its run then writes its index once, at
 * the end), short enough that a started run shows `running` in the index soon after.
 */
export const DEPARTURE_HOLD_MS = 50;
/** The gate of a run held by MAX_RUNNING_RUNS: only its deadline may fire (as when paused). */
const HELD: TimerGate = { paused: true, saturated: false };

/**
 * Moves one run forward. The loop fires due timers (inline steps commit at once, so a chain
 * of `pass` steps costs no alarm round trips), launches task attempts without waiting for
 * them, and sleeps until an attempt settles, a timer falls due, or a control call pokes it.
 * Only committed storage decides what happens next; memory holds just the abort handles of
 * attempts in flight, which is how a fresh instance recognises interrupted ones (and, as a
 * cache, what it last wrote to the D1 index, which only defers a write).
 */
export class RunDriver {
  private readonly attempts: Attempts;
  private readonly firing: TimerFiring;
  private readonly index: IndexWriter;
  /** Child runs this instance already cancelled (see stopCancelled). */
  private readonly cancelledChildren = new Set<string>();
  private driving: Promise<void> | null = null;
  private poked = false;
  /** Since when the loop holds its index write and alarm for calls it launched (null: not). */
  private heldSince: number | null = null;
  private wake: (() => void) | null = null;
  constructor(
    private readonly store: RunStore,
    private readonly ports: RunPorts,
    /** What templates may read as `secrets`; the store redacts their values. */
    secrets: Record<string, string>,
    /**
     * Called each time the loop goes idle with calls in flight, once their requests have left:
     * the run object writes its held log lines there (event-log.ts).
     */
    private readonly onIdle: () => void = () => {},
  ) {
    this.attempts = new Attempts(store, ports, {
      poke: () => this.poke(),
      failAfterError: (instance, cause) => this.firing.failAfterError(instance, cause),
      stopCancelled: () => this.stopCancelled(),
    });
    this.firing = new TimerFiring(store, ports, secrets, this.attempts);
    this.index = new IndexWriter(store, ports);
  }

  get isDriving(): boolean {
    return this.driving !== null;
  }

  /**
   * Runs the loop, or nudges the one already running (alarms can overlap with control calls).
   * `byRuntime`: the runtime invoked the alarm handler, whose alarm then stays committed until
   * it returns and which the runtime retries if the instance dies; that covers the calls it
   * launches during the departure hold. A direct call (the offline harness; test/engine's
   * `runDurableObjectAlarm`, which deletes the alarm first) has no such alarm behind it.
   */
  drive(byRuntime = false): Promise<void> {
    return this.run(false, byRuntime);
  }

  /**
   * A new run's first move, inside its start: the loop fires timers until one would launch
   * a call or begin a wait, which it leaves to the alarm (armed for it, due now). So inline
   * steps cost the start no alarm round trip, and the start answers before any call leaves:
   * a call in flight is the alarm invocation's to wait for (an event handler holding it),
   * never a promise the start's answer leaves behind.
   */
  async firstMove(coordinatorWaits: boolean): Promise<void> {
    if (coordinatorWaits) return this.index.whileCoordinatorWaits(() => this.firstMove(false));
    // Under MAX_RUNNING_RUNS the move waits for the one running-runs gate of the deployment:
    // the alarm asks it, so that no start's answer waits behind that object.
    if (this.runSlotClaim()) {
      this.arm();
      return this.mirror();
    }
    // If this instance dies during the move, the alarm takes the run up; not due at once, so
    // that it does not fire into the move itself (the move arms the real next alarm).
    this.store.alarm.set(this.ports.clock.now() + FIRST_MOVE_GRACE_MS);
    try {
      // Covered by the alarm just set (and the move launches no call).
      await this.run(true, true);
    } catch (error) {
      // The move rolled back; the alarm, armed at now, runs it again as a failed alarm would be.
      console.error("cairn: a run's first move failed; its alarm takes it up", error);
      this.arm();
      await this.mirror();
    }
  }

  private run(leavesAlarmWork: boolean, alarmCovers: boolean): Promise<void> {
    if (this.driving) {
      this.poke();
      return this.driving;
    }
    this.driving = this.loop(leavesAlarmWork, alarmCovers).finally(() => {
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
    for (const controller of this.attempts.inFlight.values()) controller.abort(new Error(reason));
  }

  /**
   * Stops the work of steps a move cancelled: the siblings of a failed fail-fast child, the
   * open work of a graph a `succeed` or `fail` step ended (the whole run's included). Their
   * calls in flight are aborted and the child runs of their `run_job` steps cancelled, each
   * once per instance (a repeat after a restart finds the child ended, which is harmless).
   */
  async stopCancelled(): Promise<void> {
    for (const [instance, controller] of this.attempts.inFlight) {
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
    await this.ports.children.cancel(orphans);
  }

  /** Writes the D1 index when it is behind and due (index-writer.ts). */
  mirror(): Promise<void> {
    return this.index.write();
  }

  /**
   * Sets the one alarm to the earliest moment something must happen (alarm.ts decides).
   * Synchronous: the write joins the transaction just committed (see RunAlarm.set).
   */
  arm(held = false): void {
    this.store.alarm.set(nextAlarmAt(this.alarmState(held)));
  }

  private alarmState(isHeldByRunCap: boolean): AlarmState {
    const run = this.store.readRun();
    const gate = isHeldByRunCap ? HELD : { ...this.gate(), saturated: false };
    const index = this.index.next(run);
    // A run's end clears its timers (finishRun) and its loop fires none after it, so a
    // finished run has nothing of its steps to wake for: only its index and its expiry.
    const finished = isFinishedRunStatus(run.status);
    return {
      now: this.ports.clock.now(),
      nextTimer: finished ? null : this.store.timers.nextTimerAt(gate),
      hasOrphanedAttempt:
        !finished && this.store.runningSteps().some((id) => !this.attempts.inFlight.has(id)),
      isMirrorBehind: run.mirrored_seq < run.seq,
      // A held end (the coordinator waits for this start) is a write deferred to the next alarm.
      mirrorDeferredTo: this.index.holdsEnd
        ? this.ports.clock.now()
        : index.kind === "later"
          ? index.at
          : null,
      expiresAt: expiresAt(run, this.store.readPlan(), this.ports.settings),
      isHeldByRunCap,
    };
  }

  private async loop(leavesAlarmWork: boolean, alarmCovers: boolean): Promise<void> {
    if (!this.store.exists()) return;
    this.attempts.beginInvocation(alarmCovers);
    this.heldSince = null;
    // A run created in this very start has no attempt a dead instance could have left.
    if (!leavesAlarmWork) this.firing.recoverInterrupted();
    if (await this.heldByRunCap()) return this.sleepQueued();
    const sliceEnds = this.ports.clock.now() + INVOCATION_SLICE_MS;
    for (;;) {
      this.poked = false;
      const run = this.store.readRun();
      if (isFinishedRunStatus(run.status)) {
        this.abortInFlight(`run ${run.status}`);
        await this.stopCancelled();
        break;
      }
      const timer = this.store.timers.takeDueTimer(this.ports.clock.now(), this.gate());
      if (timer) {
        if (leavesAlarmWork && this.isAlarmWork(timer)) break;
        await this.firing.fireSafely(timer);
        await this.letLoneCallLeave();
        await this.stopCancelled();
        // The alarm set by arm() below, already due, takes over in a fresh invocation.
        if (this.attempts.inFlight.size === 0 && this.ports.clock.now() > sliceEnds) break;
        continue;
      }
      if (await this.holdForDepartures()) continue;
      await this.mirror();
      // A call that settled during the hold or the write has its next move due now.
      if (this.poked) continue;
      if (this.attempts.inFlight.size === 0) break;
      this.arm();
      this.onIdle();
      await this.idle(this.store.timers.nextTimerAt(this.gate()));
    }
    this.markIdle();
    await this.mirror();
    this.arm();
  }

  /**
   * Whether the timer's work is left to an alarm invocation in a start's first move: a call
   * (a task's action, a `run_job` step's child start), or a wait (`wait`, `wait_for_event`),
   * whose wake-up measured later when armed from inside the start (bench/README, "Waits
   * left to the alarm").
   */
  private isAlarmWork(timer: Timer): boolean {
    if (timer.kind !== "activate" && timer.kind !== "attempt") return false;
    const type = locate(this.store.readPlan().job, timer.step_id)?.step.type;
    return type === "task" || type === "run_job" || type === "wait" || type === "wait_for_event";
  }

  /**
   * When the timer just fired launched the only call in flight, waits for the next task before
   * the loop reads on: the call's request leaves once this turn ends and its journal is
   * durable, and the journal's flush starts only when the turn ends, so every read made in
   * the turn after the launch was time the request waited (bench/README.md, "The HTTP task's
   * wait, session 13"). Calls launched beside others leave together, in one turn and one flush.
   */
  private async letLoneCallLeave(): Promise<void> {
    if (this.attempts.inFlight.size !== 1 || !this.attempts.isDeparting) return;
    await new Promise<void>((resolve) => this.ports.clock.wakeAt(this.ports.clock.now(), resolve));
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
    const claim = this.runSlotClaim();
    if (!claim) return false;
    for (;;) {
      this.poked = false;
      if ((await this.ports.slots.acquire(claim)) === "granted") return false;
      if (!this.poked) return true;
    }
  }

  /** The run's slot under MAX_RUNNING_RUNS, while it has yet to take it (null: no cap). */
  private runSlotClaim(): SlotClaim | null {
    const run = this.store.readRun();
    return needsRunSlot(run) ? this.ports.slots.runClaim(run) : null;
  }

  /**
   * Held by MAX_RUNNING_RUNS: the run stays queued, its alarm set only for its deadline (a
   * paused run's gate), until its gate's grant re-arms it.
   */
  private async sleepQueued(): Promise<void> {
    const deadline = this.store.timers.takeDueTimer(this.ports.clock.now(), HELD);
    if (deadline) await this.firing.fireSafely(deadline);
    await this.mirror();
    // A deadline that fired ended the run: arm as any finished run does.
    this.arm(!deadline);
  }

  private gate(): TimerGate {
    return {
      paused: this.store.readRun().status === "paused",
      saturated:
        this.attempts.inFlight.size >= this.store.readPlan().job.max_parallel ||
        this.attempts.launched >= CALLS_PER_INVOCATION,
    };
  }

  /**
   * After launching calls, holds the index write and the alarm until a call settles, a timer
   * falls due, a poke, or DEPARTURE_HOLD_MS after the first launch they were held for (so a
   * chain of fast calls holds them that long in all). True when a call settled (or a poke
   * came) inside that bound: the loop makes the next moves first, and the index hears where
   * they lead. Crash safety meanwhile: ARCHITECTURE.md, "The departure hold".
   */
  private async holdForDepartures(): Promise<boolean> {
    const departed = this.attempts.takeDepartures();
    if (!departed || this.queuedMeansHeldBack()) {
      this.heldSince = null;
      return false;
    }
    this.heldSince ??= this.ports.clock.now();
    const ends = this.heldSince + DEPARTURE_HOLD_MS;
    await this.idle(Math.min(ends, this.store.timers.nextTimerAt(this.gate()) ?? ends));
    if (this.poked && this.ports.clock.now() < ends) return true;
    this.heldSince = null;
    return false;
  }

  /**
   * Whether `queued` in the index is what MAX_RUNNING_RUNS or the job's `concurrency` holds
   * back, which `GET /runs?status=queued` lists exactly (test/gates/run-cap.cap-test.ts): such
   * a run's index write is not held for its calls. Elsewhere `queued` only means "not started
   * yet", and the hold delays it by at most DEPARTURE_HOLD_MS.
   */
  private queuedMeansHeldBack(): boolean {
    const run = this.store.readRun();
    const { job, version } = this.store.readPlan();
    return this.ports.slots.runClaim(run) !== null || goesThroughGate(version, job);
  }

  /** Sleeps until `until` (null: no bound) or a poke (a call settled, a control call). */
  private idle(until: number | null): Promise<void> {
    if (this.poked) return Promise.resolve();
    return new Promise((resolve) => {
      const cancel = until === null ? null : this.ports.clock.wakeAt(until, resolve);
      this.wake = () => {
        cancel?.();
        resolve();
      };
    });
  }
}
