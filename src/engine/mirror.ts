import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { runs } from "../db/schema";
import type { RunRow } from "./store/run-store";

/**
 * Writes the run's current status to the D1 index. Guarded by `seq`, so a late or repeated
 * write never moves the index backwards; a failed one is retried by the run's next alarm.
 */
export async function mirrorRun(d1: D1Database, run: RunRow): Promise<void> {
  const row = {
    id: run.run_id,
    job: run.job,
    version: run.version,
    status: run.status,
    trigger: run.trigger,
    seq: run.seq,
    created_at: run.created_at,
    started_at: run.started_at,
    finished_at: run.finished_at,
  };
  await drizzle(d1)
    .insert(runs)
    .values(row)
    .onConflictDoUpdate({
      target: runs.id,
      set: {
        status: row.status,
        seq: row.seq,
        started_at: row.started_at,
        finished_at: row.finished_at,
      },
      setWhere: sql`${runs.seq} < excluded.seq`,
    });
}
