import { eq, sql } from "drizzle-orm";
import { type Db, getDb } from "../client";
import { jobs, schedules } from "../schema";
import { type Page, toPage } from "./page";
import { bindPrepared, prepareOnce } from "./prepared";

/** A schedule's bookkeeping row. Times in ms. */
export type ScheduleRecord = typeof schedules.$inferSelect;

/** Which job a name stands for in D1 now: a save bumps `version`, a re-creation `created_at`. */
export interface JobStamp {
  version: number;
  created_at: number;
}

/**
 * The schedule record's upsert, built once (drizzle's build walks the table's columns): a
 * coordinator writes its record at every tick, so a burst of 1,000 fires built it 1,000 times.
 */
const preparedRecordUpsert = prepareOnce((db) =>
  db
    .insert(schedules)
    .values({
      job: sql.placeholder("job"),
      version: sql.placeholder("version"),
      paused: sql.placeholder("paused"),
      next_fire_at: sql.placeholder("next_fire_at"),
      last_fire_at: sql.placeholder("last_fire_at"),
      last_error: sql.placeholder("last_error"),
      updated_at: sql.placeholder("updated_at"),
    })
    .onConflictDoUpdate({
      target: schedules.job,
      set: {
        version: sql`excluded.version`,
        paused: sql`excluded.paused`,
        next_fire_at: sql`excluded.next_fire_at`,
        last_fire_at: sql`excluded.last_fire_at`,
        last_error: sql`excluded.last_error`,
        updated_at: sql`excluded.updated_at`,
      },
    })
    .prepare(),
);

const preparedStampRead = prepareOnce((db) =>
  db
    .select({ version: jobs.version, created_at: jobs.created_at })
    .from(jobs)
    .where(eq(jobs.name, sql.placeholder("job")))
    .limit(1)
    .prepare(),
);

/**
 * Writes (or replaces) the coordinator's mirror of a job's schedule state, and answers the
 * job's current stamp (null when it is gone) read in the same round trip, so a coordinator
 * that fired from its own copy of the job learns whether a save passed it by.
 */
export async function saveScheduleRecord(
  d1: D1Database,
  record: ScheduleRecord,
): Promise<JobStamp | null> {
  const db = getDb(d1);
  const [, current] = await d1.batch<JobStamp>([
    bindPrepared(d1, preparedRecordUpsert(db), record),
    bindPrepared(d1, preparedStampRead(db), { job: record.job }),
  ]);
  return current?.results[0] ?? null;
}

/**
 * Deletes the coordinator's mirror of a job's schedule (a no-op when there is none). It takes
 * the D1 binding, as `saveScheduleRecord` does, whose batch of prepared statements needs it.
 */
export async function deleteScheduleRecord(d1: D1Database, job: string): Promise<void> {
  await getDb(d1).delete(schedules).where(eq(schedules.job, job));
}

/** A job whose current version has a `schedule`, with its bookkeeping when there is some. */
export interface ScheduledJob {
  name: string;
  version: number;
  source: unknown;
  record: ScheduleRecord | null;
}

/** Jobs whose current version has a `schedule`, in name order after `cursor`. */
export async function listScheduledJobs(
  db: Db,
  cursor: string | undefined,
  limit: number,
): Promise<Page<ScheduledJob>> {
  const rows = await db.all<{
    name: string;
    version: number;
    source: string;
    record: string | null;
  }>(
    sql`SELECT j.name AS name, j.version AS version, v.source AS source,
        CASE WHEN s.job IS NULL THEN NULL ELSE json_object(
          'job', s.job, 'version', s.version, 'paused', s.paused, 'next_fire_at', s.next_fire_at,
          'last_fire_at', s.last_fire_at, 'last_error', s.last_error, 'updated_at', s.updated_at)
        END AS record
      FROM jobs j
      JOIN job_versions v ON v.job = j.name AND v.version = j.version
      LEFT JOIN schedules s ON s.job = j.name
      WHERE json_extract(v.source, '$.schedule') IS NOT NULL
        AND (${cursor ?? null} IS NULL OR j.name > ${cursor ?? null})
      ORDER BY j.name
      LIMIT ${limit + 1}`,
  );
  const items = rows.map((row) => ({
    name: row.name,
    version: row.version,
    source: JSON.parse(row.source) as unknown,
    record: row.record === null ? null : toRecord(JSON.parse(row.record)),
  }));
  return toPage(items, limit, (item) => item.name);
}

function toRecord(row: ScheduleRecord & { paused: unknown }): ScheduleRecord {
  return { ...row, paused: Boolean(row.paused) };
}

/**
 * Jobs whose coordinator needs a visit from the watchdog, at most `limit`: scheduled jobs
 * it has never loaded or has loaded at an older version, unpaused ones whose next fire time
 * passed before `lateBefore` (a missing or late alarm), and bookkeeping left for jobs that
 * were deleted or changed.
 */
export async function listSchedulesBehind(
  db: Db,
  lateBefore: number,
  limit: number,
): Promise<string[]> {
  const rows = await db.all<{ name: string }>(
    sql`SELECT j.name AS name
        FROM jobs j
        JOIN job_versions v ON v.job = j.name AND v.version = j.version
        LEFT JOIN schedules s ON s.job = j.name
        WHERE json_extract(v.source, '$.schedule') IS NOT NULL
          AND (s.job IS NULL OR s.version <> j.version
            OR (s.paused = 0 AND s.next_fire_at IS NOT NULL AND s.next_fire_at < ${lateBefore}))
      UNION
      SELECT s.job AS name
        FROM schedules s LEFT JOIN jobs j ON j.name = s.job
        WHERE j.name IS NULL OR s.version <> j.version
      LIMIT ${limit}`,
  );
  return rows.map((row) => row.name);
}

export async function getScheduleRecord(db: Db, job: string): Promise<ScheduleRecord | null> {
  const [row] = await db.select().from(schedules).where(eq(schedules.job, job)).limit(1);
  return row ?? null;
}
