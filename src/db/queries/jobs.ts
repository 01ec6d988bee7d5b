import { and, asc, desc, eq, gt, type Placeholder, type SQL, sql } from "drizzle-orm";
import { ConflictError } from "../../core/errors";
import type { CompiledJob } from "../../definition/ir";
import { namedActions } from "../../definition/walk";
import type { Db } from "../client";
import { actions, jobs, jobVersions, webhooks } from "../schema";
import { type Page, toPage } from "./page";
import { prepareOnce } from "./prepared";
import { namedActionsIn, type StoredActions, toStoredActions } from "./stored-actions";

/** A job's row: `version` is its newest version. Times in ms. */
export type JobRecord = typeof jobs.$inferSelect;

/** One version of a job, with its source as written and its compiled graph. */
export interface JobVersionRecord extends JobRecord {
  source: unknown;
  compiled: CompiledJob;
  /** When this version was saved. */
  version_created_at: number;
}

/** What saving a job stores. */
export interface JobInput {
  name: string;
  description: string | null;
  source: unknown;
  compiled: CompiledJob;
}

/** Creates the job at version 1; ConflictError (409) if the name is taken. */
export async function createJob(db: Db, input: JobInput, now: number): Promise<JobRecord> {
  const row: JobRecord = {
    name: input.name,
    version: 1,
    description: input.description,
    created_at: now,
    updated_at: now,
  };
  // Both inserts skip on conflict, so an existing job leaves the batch a no-op, not half-written.
  const [inserted] = await db.batch([
    db.insert(jobs).values(row).onConflictDoNothing().returning({ name: jobs.name }),
    db
      .insert(jobVersions)
      .values(versionRow(input, 1, now))
      .onConflictDoNothing(),
  ]);
  if (inserted.length === 0) throw new ConflictError(`Job ${input.name} already exists`);
  return row;
}

/**
 * Saves a new version after `current` and points the job at it, in one transaction. Both
 * statements are conditional on the job still being at `current.version`, so a concurrent
 * save or delete makes this a no-op answered with 409 rather than a lost or orphan version.
 */
export async function saveJobVersion(
  db: Db,
  current: JobRecord,
  input: JobInput,
  now: number,
): Promise<JobRecord> {
  const version = current.version + 1;
  const isCurrent = and(eq(jobs.name, current.name), eq(jobs.version, current.version));
  const row = versionRow(input, version, now);
  const [, updated] = await db.batch([
    db.insert(jobVersions).select(
      db
        .select({
          job: sql<string>`${row.job}`.as("job"),
          version: sql<number>`${row.version}`.as("version"),
          source: sql<string>`${JSON.stringify(row.source)}`.as("source"),
          compiled: sql<string>`${JSON.stringify(row.compiled)}`.as("compiled"),
          action_names: sql<string>`${JSON.stringify(row.action_names)}`.as("action_names"),
          created_at: sql<number>`${now}`.as("created_at"),
        })
        .from(jobs)
        .where(isCurrent),
    ),
    db
      .update(jobs)
      .set({ version, description: input.description, updated_at: now })
      .where(isCurrent)
      .returning(),
  ]);
  const [saved] = updated;
  if (!saved)
    throw new ConflictError(`Job ${current.name} was changed or deleted concurrently; retry`);
  return saved;
}

/** How many times `putJob` tries before answering a lost race with 409. */
export const MAX_SAVE_ATTEMPTS = 3;

/**
 * Saves `input` as the job's next version, creating the job at version 1 when absent.
 * A save that loses a race with another save (or a create) is tried again on the new
 * current version, up to MAX_SAVE_ATTEMPTS, since "make this the newest version" is still
 * what the caller asked for.
 */
export async function putJob(
  db: Db,
  input: JobInput,
): Promise<{ job: JobRecord; created: boolean }> {
  for (let attempt = 1; ; attempt++) {
    try {
      const current = await getJob(db, input.name);
      const now = Date.now();
      if (!current) return { job: await createJob(db, input, now), created: true };
      return { job: await saveJobVersion(db, current, input, now), created: false };
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= MAX_SAVE_ATTEMPTS) throw error;
    }
  }
}

/** What a job read selects: its row and the version's. */
const JOB_VERSION = { job: jobs, definition: jobVersions };

/**
 * A read for a start also selects the stored actions the version names, as one JSON object
 * (`{ name: spec }`, `{}` for none), so the start needs no second round trip; only those
 * actions are read, never the whole catalog. A version saved naming none skips the lookup:
 * walking the compiled graph made every start about 0.7-1 ms slower under `wrangler dev`
 * (bench:ab, bench/README "Start path, session 17"), also for the jobs that name no action.
 */
const JOB_VERSION_AND_ACTIONS = {
  ...JOB_VERSION,
  actions: sql<string>`CASE WHEN ${jobVersions.action_names} = '[]' THEN '{}' ELSE
    (SELECT json_group_object(a.name, json(a.spec)) FROM ${actions} a
      WHERE a.name IN (${namedActionsIn(jobVersions.compiled)})) END`,
};

/** The join and filter of a job read: the job named by the `name` placeholder at `version`. */
const VERSION_OF_JOB = eq(jobVersions.job, jobs.name);
function isNamedVersion(version: typeof jobs.version | Placeholder): SQL | undefined {
  return and(eq(jobs.name, sql.placeholder("name")), eq(jobVersions.version, version));
}

/** The job at `version`: a placeholder, or its current one. */
function selectJobVersion(db: Db, version: typeof jobs.version | Placeholder) {
  return db
    .select(JOB_VERSION)
    .from(jobs)
    .innerJoin(jobVersions, VERSION_OF_JOB)
    .where(isNamedVersion(version))
    .limit(1)
    .prepare();
}

/** The same read with the stored actions the version names. */
function selectJobVersionToStart(db: Db, version: typeof jobs.version | Placeholder) {
  return db
    .select(JOB_VERSION_AND_ACTIONS)
    .from(jobs)
    .innerJoin(jobVersions, VERSION_OF_JOB)
    .where(isNamedVersion(version))
    .limit(1)
    .prepare();
}

// Every start reads its job (API, schedule fire, admission): built once, not per start.
const selectCurrentJob = prepareOnce((db) => selectJobVersion(db, jobs.version));
const selectJobAt = prepareOnce((db) => selectJobVersion(db, sql.placeholder("version")));
const selectCurrentJobToStart = prepareOnce((db) => selectJobVersionToStart(db, jobs.version));
const selectJobToStartAt = prepareOnce((db) =>
  selectJobVersionToStart(db, sql.placeholder("version")),
);

/** The job at `version` (default: its newest), or null when the job or version does not exist. */
export async function getJob(
  db: Db,
  name: string,
  version?: number,
): Promise<JobVersionRecord | null> {
  const [row] = await (version === undefined
    ? selectCurrentJob(db).all({ name })
    : selectJobAt(db).all({ name, version }));
  return row ? toVersionRecord(row) : null;
}

/** A job version to start, with the stored actions it names that exist (see `getJobToStart`). */
export interface JobToStart {
  job: JobVersionRecord;
  actions: StoredActions;
}

/**
 * The job at `version` (default: its newest) and the stored actions it names, in one round
 * trip, for a start made in this same request (a run's plan freezes the actions as they are
 * when it launches). An action the job names and the catalog lacks is simply absent: the
 * start refuses it. Null when the job or version does not exist.
 */
export async function getJobToStart(
  db: Db,
  name: string,
  version?: number,
): Promise<JobToStart | null> {
  const [row] = await (version === undefined
    ? selectCurrentJobToStart(db).all({ name })
    : selectJobToStartAt(db).all({ name, version }));
  if (!row) return null;
  const specs = JSON.parse(row.actions) as Record<string, unknown>;
  return {
    job: toVersionRecord(row),
    actions: toStoredActions(Object.entries(specs).map(([name, spec]) => ({ name, spec }))),
  };
}

function toVersionRecord(row: {
  job: JobRecord;
  definition: typeof jobVersions.$inferSelect;
}): JobVersionRecord {
  const { definition } = row;
  return {
    ...row.job,
    version: definition.version,
    description: (definition.compiled as CompiledJob).description ?? null,
    source: definition.source,
    compiled: definition.compiled as CompiledJob,
    version_created_at: definition.created_at,
  };
}

/** Jobs in name order after `cursor` (a name), at most `limit`. */
export async function listJobs(
  db: Db,
  cursor: string | undefined,
  limit: number,
): Promise<Page<JobRecord>> {
  const rows = await db
    .select()
    .from(jobs)
    .where(cursor === undefined ? undefined : gt(jobs.name, cursor))
    .orderBy(asc(jobs.name))
    .limit(limit + 1);
  return toPage(rows, limit, (row) => row.name);
}

/** Every version of a job, newest first (empty when the job does not exist). */
export async function listJobVersions(
  db: Db,
  name: string,
): Promise<{ version: number; created_at: number }[]> {
  return db
    .select({ version: jobVersions.version, created_at: jobVersions.created_at })
    .from(jobVersions)
    .where(eq(jobVersions.job, name))
    .orderBy(desc(jobVersions.version));
}

/** Deletes the job, all its versions and its webhook; false if it did not exist. Runs keep their own snapshot. */
export async function deleteJob(db: Db, name: string): Promise<boolean> {
  const [deleted] = await db.batch([
    db.delete(jobs).where(eq(jobs.name, name)).returning({ name: jobs.name }),
    db.delete(jobVersions).where(eq(jobVersions.job, name)),
    db.delete(webhooks).where(eq(webhooks.job, name)),
  ]);
  return deleted.length > 0;
}

/**
 * Names of the jobs whose current version uses the named action anywhere in its graph
 * (nested branches included), in name order.
 */
export async function jobsUsingAction(db: Db, action: string): Promise<string[]> {
  const rows = await db.all<{ name: string }>(
    sql`SELECT name FROM (${selectJobsUsingAction(action)}) ORDER BY name`,
  );
  return rows.map((row) => row.name);
}

/**
 * SQL selecting (as `name`) the jobs whose current version holds an `action` field
 * `{ kind: "named", name: action }` anywhere in its compiled graph. A fragment, so a delete
 * can test it in the same statement.
 */
export function selectJobsUsingAction(action: string): SQL {
  return sql`SELECT j.name AS name
    FROM jobs j
    JOIN job_versions v ON v.job = j.name AND v.version = j.version
    WHERE ${action} IN (${namedActionsIn(sql`v.compiled`)})`;
}

function versionRow(
  input: JobInput,
  version: number,
  now: number,
): typeof jobVersions.$inferInsert {
  return {
    job: input.name,
    version,
    source: input.source,
    compiled: input.compiled,
    action_names: [...namedActions(input.compiled)],
    created_at: now,
  };
}
