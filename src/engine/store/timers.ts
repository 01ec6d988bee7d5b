/** The run's timers: activations, attempts, resumes and the deadline, each due at a time. */

import { ACTIVATIONS, gateFilter, type Timer, type TimerGate, UNDER, under } from "./rows";
import type { TimerKind } from "./schema";
import type { RunSql } from "./storage";

export class TimerRepository {
  constructor(private readonly sql: RunSql) {}

  addTimer(kind: TimerKind, stepId: string | null, dueAt: number): void {
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
    return row ? (row as unknown as Timer) : null;
  }
  nextTimerAt(gate: TimerGate): number | null {
    const row = this.sql
      .exec(`SELECT min(due_at) AS at FROM cairn_timers WHERE ${gateFilter(gate)}`)
      .one();
    return row.at === null ? null : Number(row.at);
  }
  hasStepTimer(stepId: string): boolean {
    return (
      this.sql.exec("SELECT 1 FROM cairn_timers WHERE step_id = ? LIMIT 1", stepId).toArray()
        .length > 0
    );
  }
  /** False when the timer was already gone. */
  deleteTimer(id: number): boolean {
    return this.sql.exec("DELETE FROM cairn_timers WHERE id = ?", id).rowsWritten > 0;
  }
  /** The step of the earliest timer that belongs to a step, if any. */
  firstTimerStep(): string | null {
    const row = this.sql
      .exec(
        "SELECT step_id FROM cairn_timers WHERE step_id IS NOT NULL ORDER BY due_at, id LIMIT 1",
      )
      .toArray()[0];
    return row ? String(row.step_id) : null;
  }
  /** Drops every timer that would move work forward (a finished run keeps none). */
  clearActivations(): void {
    this.sql.exec(`DELETE FROM cairn_timers WHERE ${ACTIVATIONS}`);
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
