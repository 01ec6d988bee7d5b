/**
 * A bulk operation (DESIGN.md "Operating runs"): one action over every run a filter
 * matches, worked through in pages of the run index. Pure: the state, its view, and how
 * one run's outcome is counted.
 */
import type { OperationSpec, OperationView } from "../clients/operation";
import type { RunFilter } from "../db/queries/runs";

/** Failure reasons kept per operation (the counts cover every run). */
export const MAX_FAILURES = 100;

export interface OperationState extends OperationSpec {
  status: "running" | "done";
  /** Counted when the operation starts; set to done + failed when it ends. */
  matched: number;
  done: number;
  failed: number;
  failures: RunFailure[];
  /** Where the next page of the run index starts (null: from the newest). */
  cursor: string | null;
  created_at: number;
  finished_at: number | null;
}

export interface RunFailure {
  run_id: string;
  reason: string;
}

/** What one run made of the action. */
export type RunOutcome = { ok: true } | { ok: false; reason: string };

/**
 * The operation as it starts. Runs created after it are never its concern: the filter is
 * bounded by its creation time, so paging ends even while new runs keep arriving.
 */
export function newOperation(spec: OperationSpec, matched: number, now: number): OperationState {
  return {
    ...spec,
    filter: boundedFilter(spec.filter, now),
    status: "running",
    matched,
    done: 0,
    failed: 0,
    failures: [],
    cursor: null,
    created_at: now,
    finished_at: null,
  };
}

export function boundedFilter(filter: RunFilter, now: number): RunFilter {
  const before = Math.min(filter.created_before ?? Number.POSITIVE_INFINITY, now + 1);
  return { ...filter, created_before: before };
}

/** Counts one run's outcome; the first MAX_FAILURES failures keep their reason. */
export function countOutcome(
  state: OperationState,
  runId: string,
  outcome: RunOutcome,
): OperationState {
  if (outcome.ok) return { ...state, done: state.done + 1 };
  const failures =
    state.failures.length < MAX_FAILURES
      ? [...state.failures, { run_id: runId, reason: outcome.reason }]
      : state.failures;
  return { ...state, failed: state.failed + 1, failures };
}

/** After a page: on to the next one, or done when it was the last. */
export function finishPage(
  state: OperationState,
  nextCursor: string | null,
  now: number,
): OperationState {
  if (nextCursor !== null) return { ...state, cursor: nextCursor };
  return {
    ...state,
    cursor: null,
    status: "done",
    matched: state.done + state.failed,
    finished_at: now,
  };
}

export function toOperationView(state: OperationState): OperationView {
  return {
    id: state.id,
    action: state.action,
    status: state.status,
    matched: state.matched,
    done: state.done,
    failed: state.failed,
    failures: state.failures,
    created_at: new Date(state.created_at).toISOString(),
    finished_at: state.finished_at === null ? null : new Date(state.finished_at).toISOString(),
  };
}
