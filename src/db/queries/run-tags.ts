import { inArray } from "drizzle-orm";
import type { Tags } from "../../definition/tags";
import type { Db } from "../client";
import { runTags } from "../schema";

/**
 * The statement that indexes a run's tags; idempotent (a repeated mirror writes nothing),
 * so it can ride along every first write of the run's index row. Null without tags.
 */
export function insertRunTags(db: Db, runId: string, createdAt: number, tags: Tags | undefined) {
  const rows = Object.entries(tags ?? {}).map(([key, value]) => ({
    run_id: runId,
    key,
    value,
    created_at: createdAt,
  }));
  return rows.length === 0 ? null : db.insert(runTags).values(rows).onConflictDoNothing();
}

export function deleteRunTags(db: Db, runIds: string[]) {
  return db.delete(runTags).where(inArray(runTags.run_id, runIds));
}
