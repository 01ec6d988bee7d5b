/**
 * The run's timers: activations, attempts, resumes, leases of calls in flight and the
 * deadline, each due at a time. Rows become the `Timer` union in one place, `parseTimer`.
 */

import {
  ACTIVATIONS,
  GATE_FILTER,
  gateBindings,
  type StepRecord,
  type Timer,
  type TimerGate,
  UNDER,
  under,
} from "./rows";
import { TIMER_KINDS, type TimerKind } from "./schema";
import type { RunSql } from "./storage";

/** Only the deadline belongs to the run; every other timer names its step instance. */
type TimerStep<K extends TimerKind> = K extends "deadline" ? null : string;

/** A stored timer row as the union; a row no kind explains is a bug, not a timer to skip. */
export function parseTimer(row: Record<string, SqlStorageValue>): Timer {
  const { id, kind, step_id: stepId, due_at: dueAt } = row;
  const known = TIMER_KINDS.find((k) => k === kind);
  if (known === undefined)
    throw new Error(`timer ${String(id)} has an unknown kind ${String(kind)}`);
  const base = { id: Number(id), due_at: Number(dueAt) };
  if (known === "deadline") return { ...base, kind: known, step_id: null };
  if (typeof stepId !== "string") throw new Error(`${known} timer ${String(id)} names no step`);
  return { ...base, kind: known, step_id: stepId };
}

/** A due timer's columns, renamed beside its step's row (`s.*`, all null without a row). */
type DueTimerRow = Record<string, SqlStorageValue> & {
  timer_id: number;
  timer_kind: string;
  timer_step: string | null;
  timer_due: number;
};

/** Told the row of a due timer's step (null: none yet), read along with the timer. */
export type StepRowSeen = (stepId: string, row: StepRecord | null) => void;

export class TimerRepository {
  constructor(
    private readonly sql: RunSql,
    private readonly seenStep: StepRowSeen = () => {},
  ) {}

  addTimer<K extends TimerKind>(kind: K, stepId: TimerStep<K>, dueAt: number): void {
    this.sql.exec(
      "INSERT INTO cairn_timers (kind, step_id, due_at) VALUES (?, ?, ?)",
      kind,
      stepId,
      dueAt,
    );
  }
  /**
   * The earliest timer due by `now` among those `gate` lets through. Its step's row comes
   * in the same statement (firing the timer reads it next), handed to `seenStep`.
   */
  takeDueTimer(now: number, gate: TimerGate): Timer | null {
    const found = this.sql
      .exec<DueTimerRow>(
        `SELECT t.id AS timer_id, t.kind AS timer_kind, t.step_id AS timer_step,
          t.due_at AS timer_due, s.* FROM cairn_timers t LEFT JOIN cairn_steps s ON s.step_id = t.step_id
         WHERE t.due_at <= ? AND ${GATE_FILTER} ORDER BY t.due_at, t.id LIMIT 1`,
        now,
        ...gateBindings(gate),
      )
      .toArray()[0];
    if (!found) return null;
    const { timer_id: id, timer_kind: kind, timer_step: stepId, timer_due: dueAt, ...step } = found;
    const timer = parseTimer({ id, kind, step_id: stepId, due_at: dueAt });
    if (timer.step_id !== null)
      this.seenStep(timer.step_id, step.step_id === null ? null : (step as StepRecord));
    return timer;
  }
  nextTimerAt(gate: TimerGate): number | null {
    const row = this.sql
      .exec(
        `SELECT min(due_at) AS at FROM cairn_timers WHERE ${GATE_FILTER}`,
        ...gateBindings(gate),
      )
      .one();
    return row.at === null ? null : Number(row.at);
  }
  /** Whether the step has a timer that moves it (a lease only guards a call in flight). */
  hasStepTimer(stepId: string): boolean {
    return (
      this.sql
        .exec("SELECT 1 FROM cairn_timers WHERE step_id = ? AND kind <> 'lease' LIMIT 1", stepId)
        .toArray().length > 0
    );
  }
  /** False when the timer was already gone. */
  deleteTimer(id: number): boolean {
    return this.sql.exec("DELETE FROM cairn_timers WHERE id = ?", id).rowsWritten > 0;
  }
  /** A call in flight outlived its lease while this instance still holds it: push it on. */
  renewLease(id: number, dueAt: number): void {
    this.sql.exec("UPDATE cairn_timers SET due_at = ? WHERE id = ?", dueAt, id);
  }
  /** The call of this step settled (or will never settle here): its lease goes. */
  dropLease(stepId: string): void {
    this.sql.exec("DELETE FROM cairn_timers WHERE step_id = ? AND kind = 'lease'", stepId);
  }
  /** The step of the earliest timer that moves a step, if any. */
  firstTimerStep(): string | null {
    const row = this.sql
      .exec(`SELECT step_id FROM cairn_timers WHERE ${ACTIVATIONS} ORDER BY due_at, id LIMIT 1`)
      .toArray()[0];
    return row ? String(row.step_id) : null;
  }
  clearTimers(): void {
    this.sql.exec("DELETE FROM cairn_timers");
  }
  deleteStepTimers(stepId: string): void {
    this.sql.exec("DELETE FROM cairn_timers WHERE step_id = ?", stepId);
  }
  /** Step instances under `prefix` with a timer pending. */
  timerStepsUnder(prefix: string): string[] {
    return this.sql
      .exec(`SELECT DISTINCT step_id FROM cairn_timers WHERE ${UNDER}`, ...under(prefix))
      .toArray()
      .map((row) => String(row.step_id));
  }
  /** Drops the timers of every instance under `prefix` (siblings of a failed branch). */
  clearTimersUnder(prefix: string): void {
    this.sql.exec(`DELETE FROM cairn_timers WHERE ${UNDER}`, ...under(prefix));
  }
}
