/**
 * The run's lifecycle outbox. The history is already an ordered, durable log, so the outbox
 * is only a cursor into it: the last history seq whose lifecycle events were handed to the
 * subscriptions. After a crash the cursor is behind and the events are handed on again;
 * receivers dedupe on the event id (`<run>:<seq>`), so that is safe.
 */
const CREATE_OUTBOX = `CREATE TABLE IF NOT EXISTS cairn_outbox (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  forwarded_seq INTEGER NOT NULL
)`;

export class Outbox {
  constructor(private readonly sql: SqlStorage) {}

  /** The last history seq forwarded (0 before the first forward). */
  readForwardedSeq(): number {
    this.ensureTable();
    const [row] = this.sql.exec("SELECT forwarded_seq FROM cairn_outbox").toArray();
    return row === undefined ? 0 : Number(row.forwarded_seq);
  }

  writeForwardedSeq(seq: number): void {
    this.ensureTable();
    this.sql.exec(
      `INSERT INTO cairn_outbox (singleton, forwarded_seq) VALUES (1, ?)
       ON CONFLICT (singleton) DO UPDATE SET forwarded_seq = excluded.forwarded_seq`,
      seq,
    );
  }

  /**
   * Created on use (cheap and idempotent), so runs that predate it need no migration and a
   * run destroyed and started again in the same instance gets it back.
   */
  private ensureTable(): void {
    this.sql.exec(CREATE_OUTBOX);
  }
}
