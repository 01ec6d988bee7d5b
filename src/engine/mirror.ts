import { sql } from "drizzle-orm";
import { getDb } from "../db/client";
import { insertRunTags } from "../db/queries/run-tags";
import { runs } from "../db/schema";
import type { Tags } from "../definition/tags";
import type { RunRow } from "./store/run-store";

/**
 * Writes the run's current status to the D1 index. Guarded by `seq`, so a late or repeated
 * write never moves the index backwards; a failed one is retried by the run's next alarm.
 * Until one write has succeeded (`mirrored_seq` < 1) the run's tags ride along in the same
 * batch, so a run is never listed without its tags.
 */
export async function mirrorRun(d1: D1Database, run: RunRow, tags?: Tags): Promise<void> {
  const db = getDb(d1);
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
  const upsert = db
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
  const tagRows = run.mirrored_seq < 1 ? insertRunTags(db, run.run_id, run.created_at, tags) : null;
  if (tagRows) await db.batch([upsert, tagRows]);
  else await upsert;
}
