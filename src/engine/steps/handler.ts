/**
 * One step kind's behaviour, as the drive loop calls it. Each kind has one handler in
 * steps/<kind>.ts, and STEP_HANDLERS (steps/index.ts) maps every `type` of the step union
 * to its handler, so a new kind that lacks one does not compile.
 */

import type { StepError } from "../../core/step-error";
import type { CompiledStep, RunPlan, StepType } from "../../definition/ir";
import type { TemplateScope } from "../../templates/scope";
import type { Attempts } from "../attempts";
import type { RunPorts } from "../ports";
import type { RunRow, RunStore, StepRow } from "../store/run-store";

/** The step of one kind, by its `type`. */
export type StepOfType = { [K in StepType]: Extract<CompiledStep, { type: K }> };

/**
 * What activating one step instance may use. Its guard held and its execution budget
 * allowed it; the handler renders what it needs, then commits one move.
 */
export interface Activation {
  store: RunStore;
  /** What the step reaches outside the run's storage (slot gates, the clock): ports.ts. */
  ports: RunPorts;
  plan: RunPlan;
  run: RunRow;
  /** The row the step enters with (a new execution's, or the current one's for a retry). */
  row: StepRow;
  stepId: string;
  now: number;
  /** The scope its templates see (built once, on first use). */
  scopeOf(): TemplateScope;
  /**
   * Commits `work` with the activation's bookkeeping (the timer taken, the run running, the
   * execution counted). False when a cancel or timeout took the timer while the step was
   * being prepared: the prepared move is then void.
   */
  tryCommit(work: () => void): boolean;
  /** tryCommit, when the handler has nothing to undo if the move is void. */
  commit(work: () => void): void;
  /** Commits the step's failure with `error` (its `catch` applies). */
  fail(error: StepError): void;
  /** Journals and launches calls and child runs (tasks, run_job). */
  attempts: Attempts;
}

/** A `resume` timer of the step fell due (a wait ended, a timeout expired); inside a transaction. */
export interface Resumption {
  store: RunStore;
  plan: RunPlan;
  row: StepRow;
  now: number;
}

export interface StepHandler<S extends CompiledStep> {
  activate(step: S, at: Activation): Promise<void>;
  /** What a `resume` timer does; returns the child runs to cancel once it committed. */
  resume?(step: S, at: Resumption): string[];
}

export type StepHandlers = { [K in StepType]: StepHandler<StepOfType[K]> };
