/**
 * What a due timer does, and what the loop does when work throws or an instance died with a
 * call in flight: one timer of each kind fired (exhaustively, by kind), a platform error
 * rethrown for the runtime to retry, any other error failing its step, and attempts left
 * `running` by a dead instance recovered. The drive loop (driver.ts) decides when.
 */
import { classifyFailure, isPlatformTransient } from "../core/failure";
import { isFinishedRunStatus } from "../core/statuses";
import { stepError } from "../core/step-error";
import { activateTimer, resumeTimer } from "./activation";
import { type Attempts, LEASE_MS } from "./attempts";
import { MAX_INTERRUPTIONS } from "./policy";
import type { RunPorts } from "./ports";
import { cancelOpenSteps } from "./step-rows";
import type { RunStore, Timer } from "./store/run-store";
import { failStep, finishRun } from "./transitions";

export class TimerFiring {
  constructor(
    private readonly store: RunStore,
    private readonly ports: RunPorts,
    private readonly secrets: Record<string, string>,
    private readonly attempts: Attempts,
  ) {}

  /** Steps left `running` by a previous instance were interrupted mid-attempt: try them again. */
  recoverInterrupted(): void {
    if (isFinishedRunStatus(this.store.readRun().status)) return;
    for (const stepId of this.store.runningSteps()) {
      if (!this.attempts.inFlight.has(stepId)) this.recover(stepId);
    }
  }

  /** One interrupted attempt: its lease goes, and the step runs again (or fails, if too often). */
  private recover(stepId: string): void {
    const now = this.ports.clock.now();
    this.store.transaction(() => {
      this.store.timers.dropLease(stepId);
      const row = this.store.readStep(stepId);
      if (row?.status !== "running") return;
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
      this.store.timers.addTimer("attempt", stepId, now);
    });
  }

  /**
   * A timer whose work throws would fire again on every alarm forever; instead the step (or,
   * for the deadline, the run) fails with the error, and the run moves on. A platform error
   * is no step's failure: it leaves alarm() (the failed move's transaction rolled back, the
   * timer kept), and the runtime retries the alarm with backoff.
   */
  async fireSafely(timer: Timer): Promise<void> {
    try {
      await this.fire(timer);
    } catch (error) {
      if (isPlatformTransient(error)) throw error;
      console.error(`cairn: timer ${timer.kind} ${timer.step_id ?? ""} failed`, error);
      this.failAfterError(timer.step_id, error, timer.id);
    }
  }

  failAfterError(instance: string | null, cause: unknown, timerId?: number): void {
    const failure = classifyFailure(cause);
    // A call whose outcome a platform error lost is interrupted, as by a crash: its row stays
    // running, and arm() sets the alarm that recovers it (same attempt, same key).
    if (failure.kind === "transient") return;
    const { error } = failure;
    const now = this.ports.clock.now();
    this.store.transaction(() => {
      if (timerId !== undefined) this.store.timers.deleteTimer(timerId);
      if (isFinishedRunStatus(this.store.readRun().status)) return;
      const row = instance === null ? null : this.store.readStep(instance);
      if (instance !== null) this.store.timers.dropLease(instance);
      if (row)
        failStep(this.store, this.store.readPlan(), { ...row, status: "running" }, error, now);
      else finishRun(this.store, "failed", now, { error, failed_step: instance });
    });
  }

  private async fire(timer: Timer): Promise<void> {
    const now = this.ports.clock.now();
    const { store, ports, secrets, attempts } = this;
    switch (timer.kind) {
      case "deadline":
        return this.fireDeadline(timer.id, now);
      case "lease":
        return this.fireLease(timer.id, timer.step_id, now);
      case "resume":
        return resumeTimer({ store, ports }, timer, timer.step_id, now);
      case "activate":
      case "attempt":
        return activateTimer({ store, ports, secrets, attempts }, timer, timer.step_id, now);
      default:
        return assertNever(timer);
    }
  }

  /** The run's timeout: it ends `timed_out`; the loop then stops the cancelled steps' work. */
  private fireDeadline(timerId: number, now: number): void {
    this.store.transaction(() => {
      this.store.timers.deleteTimer(timerId);
      // The step to retry from: the one in progress, else the one about to start.
      const open =
        cancelOpenSteps(this.store, "run timed out", now) ?? this.store.timers.firstTimerStep();
      const error = stepError("timeout", "the run exceeded its timeout");
      finishRun(this.store, "timed_out", now, { error, failed_step: open });
    });
  }

  /**
   * A call's lease ran out. While this instance still holds the call it is pushed on; a
   * call no instance holds was interrupted (its step is recovered) or already settled.
   */
  private fireLease(timerId: number, stepId: string, now: number): void {
    if (this.attempts.inFlight.has(stepId))
      this.store.transaction(() => this.store.timers.renewLease(timerId, now + LEASE_MS));
    else this.recover(stepId);
  }
}

function assertNever(timer: never): never {
  throw new Error(`unknown timer ${JSON.stringify(timer)}`);
}
