/**
 * The run's timers: activations, attempts, resumes, leases of calls in flight and the
 * deadline, each due at a time. Rows become the `Timer` union in one place, `parseTimer`.
 */

import { ACTIVATIONS, gateFilter, type Timer, type TimerGate, UNDER, under } from "./rows";
import { TIMER_KINDS, type TimerKind } from "./schema";

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

export class TimerRepository {
  constructor(private readonly sql: SqlStorage) {}

  addTimer<K extends TimerKind>(kind: K, stepId: TimerStep<K>, dueAt: number): void {
    this.sql.exec(
      "INSERT INTO cairn_timers (kind, step_id, due_at) VALUES (?, ?, ?)",
      kind,
      stepId,
      dueAt,
    );
  }
  /** The earliest timer due by `now` among those `gate` lets through. */
  takeDueTimer(now: number, gate: TimerGate): Timer | null {
    const row = this.sql
      .exec(
        `SELECT * FROM cairn_timers WHERE due_at <= ? AND ${gateFilter(gate)} ORDER BY due_at, id LIMIT 1`,
        now,
      )
      .toArray()[0];
    return row ? parseTimer(row) : null;
  }
  nextTimerAt(gate: TimerGate): number | null {
    const row = this.sql
      .exec(`SELECT min(due_at) AS at FROM cairn_timers WHERE ${gateFilter(gate)}`)
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
