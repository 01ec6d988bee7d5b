import type { AttemptRecord, DeliveryStatus, DeliveryView } from "../clients/subscription";
import type { AttemptOutcome } from "./send";

/**
 * Delays before attempts 2..5 (1 s, 4 s, 30 s, 5 min): five attempts in about six minutes,
 * quick enough for a blip, patient enough for a deploy, bounded so a dead subscriber's
 * backlog ends.
 */
export const RETRY_DELAYS_MS = [1_000, 4_000, 30_000, 300_000] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** Finished deliveries kept for `GET /subscriptions/{id}/deliveries`: the newest 1,000. */
const KEPT_DELIVERIES = 1_000;

/** A due delivery: what an attempt needs. */
export interface DueDelivery {
  id: string;
  body: string;
  attempts: number;
}

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS sub_meta (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    subscription_id TEXT NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS sub_deliveries (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    run_id TEXT NOT NULL,
    body TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_at INTEGER,
    last_status INTEGER,
    last_error TEXT,
    attempt_log TEXT NOT NULL DEFAULT '[]',
    created_at INTEGER NOT NULL,
    delivered_at INTEGER
  )`,
  "CREATE INDEX IF NOT EXISTS sub_deliveries_due ON sub_deliveries (next_at) WHERE status = 'pending'",
  "CREATE INDEX IF NOT EXISTS sub_deliveries_created ON sub_deliveries (created_at)",
];

/** Synchronous access to one subscription object's deliveries. */
export class DeliveryStore {
  constructor(private readonly sql: SqlStorage) {
    for (const statement of SCHEMA) sql.exec(statement);
  }

  readSubscriptionId(): string | null {
    const [row] = this.sql.exec("SELECT subscription_id FROM sub_meta").toArray();
    return row === undefined ? null : String(row.subscription_id);
  }

  writeSubscriptionId(id: string): void {
    this.sql.exec("INSERT OR REPLACE INTO sub_meta (singleton, subscription_id) VALUES (1, ?)", id);
  }

  /** Queues an event once: a repeated id (a run forwarding again after a crash) is ignored. */
  add(id: string, type: string, runId: string, body: string, now: number): void {
    this.sql.exec(
      `INSERT OR IGNORE INTO sub_deliveries (id, type, run_id, body, status, next_at, created_at)
       VALUES (?, ?, ?, ?, 'pending', ?, ?)`,
      id,
      type,
      runId,
      body,
      now,
      now,
    );
  }

  /** Pending deliveries due by `now`, oldest first. */
  takeDue(now: number, limit: number): DueDelivery[] {
    return this.sql
      .exec(
        `SELECT id, body, attempts FROM sub_deliveries
         WHERE status = 'pending' AND next_at <= ? ORDER BY next_at, created_at LIMIT ?`,
        now,
        limit,
      )
      .toArray()
      .map((row) => ({
        id: String(row.id),
        body: String(row.body),
        attempts: Number(row.attempts),
      }));
  }

  /**
   * Marks an attempt as started and pushes the row's due time past `leaseUntil`, so an
   * alarm that fires while the call is out (or after a crash) does not send it twice at once.
   */
  startAttempt(id: string, leaseUntil: number): void {
    this.sql.exec(
      "UPDATE sub_deliveries SET attempts = attempts + 1, next_at = ? WHERE id = ?",
      leaseUntil,
      id,
    );
  }

  /** Records an attempt's outcome: delivered, retried after the next delay, or given up. */
  recordAttempt(delivery: DueDelivery, outcome: AttemptOutcome, now: number): void {
    const attempts = delivery.attempts + 1;
    const delay = RETRY_DELAYS_MS[attempts - 1];
    const status: DeliveryStatus = outcome.ok
      ? "delivered"
      : delay === undefined
        ? "failed"
        : "pending";
    const entry: AttemptRecord = {
      at: new Date(now).toISOString(),
      status: outcome.status,
      error: outcome.error,
    };
    this.sql.exec(
      `UPDATE sub_deliveries SET status = ?, attempts = ?, next_at = ?, last_status = ?,
         last_error = ?, delivered_at = ?, attempt_log = json_insert(attempt_log, '$[#]', json(?))
       WHERE id = ?`,
      status,
      attempts,
      status === "pending" ? now + (delay ?? 0) : null,
      outcome.status,
      outcome.error,
      outcome.ok ? now : null,
      JSON.stringify(entry),
      delivery.id,
    );
  }

  /** When the next pending delivery falls due, or null when none is pending. */
  nextDueAt(): number | null {
    const [row] = this.sql
      .exec("SELECT MIN(next_at) AS next FROM sub_deliveries WHERE status = 'pending'")
      .toArray();
    return row?.next === null || row?.next === undefined ? null : Number(row.next);
  }

  /** Newest first. */
  list(limit: number): DeliveryView[] {
    return this.sql
      .exec("SELECT * FROM sub_deliveries ORDER BY created_at DESC, id DESC LIMIT ?", limit)
      .toArray()
      .map(toView);
  }

  /** Forgets finished deliveries beyond the newest {@link KEPT_DELIVERIES}. */
  prune(): void {
    this.sql.exec(
      `DELETE FROM sub_deliveries WHERE status != 'pending' AND id NOT IN (
         SELECT id FROM sub_deliveries ORDER BY created_at DESC LIMIT ?)`,
      KEPT_DELIVERIES,
    );
  }
}

function toView(row: Record<string, SqlStorageValue>): DeliveryView {
  const iso = (value: SqlStorageValue) =>
    value === null ? null : new Date(Number(value)).toISOString();
  const status = String(row.status) as DeliveryStatus;
  return {
    id: String(row.id),
    type: String(row.type),
    run_id: String(row.run_id),
    status,
    attempts: Number(row.attempts),
    last_status_code: row.last_status === null ? null : Number(row.last_status),
    last_error: row.last_error === null ? null : String(row.last_error),
    created_at: new Date(Number(row.created_at)).toISOString(),
    delivered_at: iso(row.delivered_at ?? null),
    next_attempt_at: status === "pending" ? iso(row.next_at ?? null) : null,
    attempt_log: JSON.parse(String(row.attempt_log)) as AttemptRecord[],
  };
}
