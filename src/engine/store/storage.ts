/**
 * What the run's store uses of a Durable Object's storage, and nothing more: the Worker
 * passes `ctx.storage`, the offline harness (src/harness) an adapter of `node:sqlite`.
 */

/** The SQL handle: `ctx.storage.sql`'s `exec` (cursors with toArray, one, raw, iteration). */
export type RunSql = Pick<SqlStorage, "exec">;

/** The storage of one run: its SQL, synchronous transactions, the one alarm, and deleteAll. */
export type RunStorage = Pick<
  DurableObjectStorage,
  "transactionSync" | "setAlarm" | "getAlarm" | "deleteAlarm" | "deleteAll"
> & { readonly sql: RunSql };
