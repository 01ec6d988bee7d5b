import type { SlotRow, SlotState } from "../clients/gate";
import type { GateTerms, SlotKey } from "../clients/slot";

// One row per step instance of a run: an instance has at most one attempt asking at a time,
// so a newer request replaces an older one (whose release was lost) instead of leaking it.
const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS gate_limit (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    slot_limit INTEGER NOT NULL,
    lease_ms INTEGER
  )`,
  `CREATE TABLE IF NOT EXISTS gate_slots (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id TEXT NOT NULL,
    instance TEXT NOT NULL,
    execution INTEGER NOT NULL,
    attempt INTEGER NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('waiting', 'granted', 'held')),
    lease_until INTEGER,
    retry_at INTEGER,
    UNIQUE (run_id, instance)
  )`,
];

const ACTIVE = "state IN ('granted', 'held')";

export function sameSlot(a: SlotKey, b: SlotKey): boolean {
  return (
    a.run_id === b.run_id &&
    a.instance === b.instance &&
    a.execution === b.execution &&
    a.attempt === b.attempt
  );
}

/** Typed, synchronous access to a gate's SQLite storage (callers group calls in transactions). */
export class GateStore {
  constructor(private readonly sql: SqlStorage) {
    for (const statement of SCHEMA) sql.exec(statement);
  }

  /**
   * The terms the latest request brought (a run's plan snapshot carries the action's limit,
   * so an edited limit applies from the runs started after the edit).
   */
  setTerms(terms: GateTerms): void {
    this.sql.exec(
      "INSERT OR REPLACE INTO gate_limit (singleton, slot_limit, lease_ms) VALUES (1, ?, ?)",
      terms.limit,
      terms.lease_ms,
    );
  }

  terms(): GateTerms {
    const row = this.sql.exec("SELECT slot_limit, lease_ms FROM gate_limit").toArray()[0];
    if (!row) return { limit: 1, lease_ms: null };
    return {
      limit: Number(row.slot_limit),
      lease_ms: row.lease_ms === null ? null : Number(row.lease_ms),
    };
  }

  find(runId: string, instance: string): SlotRow | null {
    const row = this.sql
      .exec("SELECT * FROM gate_slots WHERE run_id = ? AND instance = ?", runId, instance)
      .toArray()[0];
    return row ? (row as unknown as SlotRow) : null;
  }

  /** Queues a request at the back. */
  enqueue(key: SlotKey): void {
    this.sql.exec(
      `INSERT INTO gate_slots (run_id, instance, execution, attempt, state)
       VALUES (?, ?, ?, ?, 'waiting')`,
      key.run_id,
      key.instance,
      key.execution,
      key.attempt,
    );
  }

  remove(seq: number): void {
    this.sql.exec("DELETE FROM gate_slots WHERE seq = ?", seq);
  }

  update(seq: number, state: SlotState, leaseUntil: number | null, retryAt: number | null): void {
    this.sql.exec(
      "UPDATE gate_slots SET state = ?, lease_until = ?, retry_at = ? WHERE seq = ?",
      state,
      leaseUntil,
      retryAt,
      seq,
    );
  }

  /** Drops holders whose lease ran out: their run vanished or lost its release. */
  expire(now: number): number {
    return this.sql.exec(`DELETE FROM gate_slots WHERE ${ACTIVE} AND lease_until < ?`, now)
      .rowsWritten;
  }

  activeCount(): number {
    return Number(this.sql.exec(`SELECT count(*) AS n FROM gate_slots WHERE ${ACTIVE}`).one().n);
  }

  /** The oldest waiter, or null. */
  firstWaiting(): SlotRow | null {
    const row = this.sql
      .exec("SELECT * FROM gate_slots WHERE state = 'waiting' ORDER BY seq LIMIT 1")
      .toArray()[0];
    return row ? (row as unknown as SlotRow) : null;
  }

  /** Grants whose delivery to the run is due. */
  dueGrants(now: number): SlotRow[] {
    return this.sql
      .exec("SELECT * FROM gate_slots WHERE state = 'granted' AND retry_at <= ? ORDER BY seq", now)
      .toArray() as unknown as SlotRow[];
  }

  /** The earliest lease expiry or grant retry, or null when nothing is pending. */
  nextDue(): number | null {
    const row = this.sql
      .exec(
        `SELECT min(at) AS at FROM (
           SELECT lease_until AS at FROM gate_slots WHERE ${ACTIVE}
           UNION ALL SELECT retry_at FROM gate_slots WHERE state = 'granted'
         )`,
      )
      .one();
    return row.at === null ? null : Number(row.at);
  }

  /** Every row, oldest first (for `describe`). */
  all(): SlotRow[] {
    return this.sql.exec("SELECT * FROM gate_slots ORDER BY seq").toArray() as unknown as SlotRow[];
  }
}
