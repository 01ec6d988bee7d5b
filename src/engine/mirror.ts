import { type Placeholder, sql } from "drizzle-orm";
import { type Db, getDb } from "../db/client";
import { listenersInBatch } from "../db/queries/job-listeners";
import { bindPrepared, prepareOnce } from "../db/queries/prepared";
import { insertRunTags } from "../db/queries/run-tags";
import { routesInBatch } from "../db/queries/subscriptions";
import { runs } from "../db/schema";
import type { Tags } from "../definition/tags";
import type { RouteCache } from "./route-cache";
import type { RunRow } from "./store/run-store";

type IndexRow = Required<typeof runs.$inferInsert>;
type Column =
  | "id"
  | "job"
  | "version"
  | "status"
  | "trigger"
  | "seq"
  | "created_at"
  | "started_at"
  | "finished_at";

/** Insert the row, or move an existing one forward: never backwards (`seq` guard). */
function upsertRow(db: Db, row: { [K in Column]: IndexRow[K] | Placeholder }) {
  return db
    .insert(runs)
    .values(row)
    .onConflictDoUpdate({
      target: runs.id,
      set: {
        status: sql`excluded.status`,
        seq: sql`excluded.seq`,
        started_at: sql`excluded.started_at`,
        finished_at: sql`excluded.finished_at`,
      },
      setWhere: sql`${runs.seq} < excluded.seq`,
    });
}

// Every run writes its row at least twice (start, end): built once, not per write.
const preparedUpsert = prepareOnce((db) =>
  upsertRow(db, {
    id: sql.placeholder("id"),
    job: sql.placeholder("job"),
    version: sql.placeholder("version"),
    status: sql.placeholder("status"),
    trigger: sql.placeholder("trigger"),
    seq: sql.placeholder("seq"),
    created_at: sql.placeholder("created_at"),
    started_at: sql.placeholder("started_at"),
    finished_at: sql.placeholder("finished_at"),
  }).prepare(),
);

/** What an index write learnt besides writing: whether a job names the run's job in `after`. */
export interface IndexWritten {
  /** Null when the write was not asked to find out. */
  listened: boolean | null;
}

/**
 * Writes the run's current status to the D1 index. Guarded by `seq`, so a late or repeated
 * write never moves the index backwards; a failed one is retried by the run's next alarm.
 * Until one write has succeeded (`mirrored_seq` < 1) the run's tags ride along in the same
 * batch, so a run is never listed without its tags. While the run's copy of the subscription
 * routes is missing or stale (`routes.wanted`: a new run, or a woken one in a fresh
 * instance) their read rides along too, handed to the run's forwarder: one D1 round trip
 * less per start and per wake. With
 * `askListeners` (a finished run: announce.ts) the check for jobs `after` the run's job rides
 * along too, so the end learns whether its coordinator has anything to do in the same trip.
 */
export async function mirrorRun(
  d1: D1Database,
  run: RunRow,
  tags?: Tags,
  routes?: RouteCache,
  askListeners = false,
): Promise<IndexWritten> {
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
  const listeners = askListeners ? listenersInBatch(d1, run.job) : null;
  const tagRows =
    run.mirrored_seq < 1 ? insertRunTags(db, run.run_id, run.created_at, tags)?.toSQL() : undefined;
  const routeRead = routes?.wanted ? routesInBatch(d1) : null;
  if (!listeners && !tagRows && !routeRead) {
    await preparedUpsert(db).run(row);
    return { listened: null };
  }
  const statements = [
    bindPrepared(d1, preparedUpsert(db), row),
    ...(tagRows ? [d1.prepare(tagRows.sql).bind(...tagRows.params)] : []),
    ...(listeners ? [listeners.statement] : []),
    // Last: routesInBatch reads the batch's last result.
    ...(routeRead ? [routeRead.statement] : []),
  ];
  const written = d1.batch(statements);
  if (routeRead) routes?.receive(written.then(routeRead.read));
  const results = await written;
  return {
    listened: listeners ? listeners.read(results[statements.indexOf(listeners.statement)]) : null,
  };
}
