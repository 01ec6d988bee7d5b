import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { RUN_STATUSES } from "../core/statuses";

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(", "));

/** Reusable actions; `spec` is the validated action JSON without its name. */
export const actions = sqliteTable("actions", {
  name: text("name").primaryKey(),
  type: text("type").notNull(),
  spec: text("spec", { mode: "json" }).notNull(),
  created_at: integer("created_at").notNull(),
  updated_at: integer("updated_at").notNull(),
});

/** One row per job; `version` points at the newest row of `job_versions`. */
export const jobs = sqliteTable("jobs", {
  name: text("name").primaryKey(),
  version: integer("version").notNull(),
  description: text("description"),
  created_at: integer("created_at").notNull(),
  updated_at: integer("updated_at").notNull(),
});

/** Every saved version of a job: the source as written and its compiled graph. */
export const jobVersions = sqliteTable(
  "job_versions",
  {
    job: text("job").notNull(),
    version: integer("version").notNull(),
    source: text("source", { mode: "json" }).notNull(),
    compiled: text("compiled", { mode: "json" }).notNull(),
    /**
     * The stored actions the compiled graph names (walk.ts `namedActions`), written with the
     * version, so a start of a version that names none reads none. Null for versions saved
     * before it: a start finds theirs in `compiled` (getJobToStart).
     */
    action_names: text("action_names", { mode: "json" }).$type<string[]>(),
    created_at: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.job, t.version] })],
);

/**
 * The run index for listing and filtering. The run's Durable Object is the source of
 * truth; it mirrors status transitions here with a monotonic `seq`, so a late or repeated
 * write never moves a run backwards and a lost one is repaired by the next.
 */
export const runs = sqliteTable(
  "runs",
  {
    id: text("id").primaryKey(),
    job: text("job").notNull(),
    version: integer("version").notNull(),
    status: text("status", { enum: RUN_STATUSES }).notNull(),
    trigger: text("trigger").notNull(),
    seq: integer("seq").notNull(),
    created_at: integer("created_at").notNull(),
    started_at: integer("started_at"),
    finished_at: integer("finished_at"),
    /**
     * When a run that ended in its job's queue (seq 0, no run object) leaves the index; the
     * minute sweep deletes it then. Null for every other row: a run object owns its expiry.
     */
    expires_at: integer("expires_at"),
  },
  (t) => [
    index("runs_by_created").on(t.created_at, t.id),
    index("runs_by_job").on(t.job, t.created_at, t.id),
    index("runs_by_status").on(t.status, t.created_at, t.id),
    // Partial: only rows that ended in a queue have an expiry, so the sweep's index stays small.
    index("runs_by_expiry").on(t.expires_at).where(sql`${t.expires_at} IS NOT NULL`),
    check("runs_status", sql`${t.status} IN (${inList(RUN_STATUSES)})`),
  ],
);

/**
 * The tags of indexed runs, one row per tag. `created_at` repeats the run's, so a filter
 * by tag walks `run_tags_by_tag` newest first and reads each run row by its key: one
 * indexed query per page however many runs there are. Written with the run's first index
 * row and deleted with it.
 */
export const runTags = sqliteTable(
  "run_tags",
  {
    run_id: text("run_id").notNull(),
    key: text("key").notNull(),
    value: text("value").notNull(),
    created_at: integer("created_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.run_id, t.key] }),
    index("run_tags_by_tag").on(t.key, t.value, t.created_at, t.run_id),
  ],
);

/**
 * Each scheduled job's bookkeeping, mirrored from its coordinator object (the source of
 * truth) after every change: the version it has loaded, whether it is paused, its next
 * fire time. The Cron Trigger watchdog reads it to find coordinators that are behind.
 */
export const schedules = sqliteTable(
  "schedules",
  {
    job: text("job").primaryKey(),
    version: integer("version").notNull(),
    paused: integer("paused", { mode: "boolean" }).notNull(),
    next_fire_at: integer("next_fire_at"),
    last_fire_at: integer("last_fire_at"),
    last_error: text("last_error"),
    updated_at: integer("updated_at").notNull(),
  },
  (t) => [index("schedules_by_next_fire").on(t.next_fire_at)],
);

/**
 * Each job's inbound webhook: its signing secret (`whsec_…`, kept in clear because HMAC
 * verification needs the key), the secret it replaced while that one is in its rotation
 * grace period, whether GitHub's `X-Hub-Signature-256` is accepted, and the template that
 * maps a delivery into the run's params.
 */
export const webhooks = sqliteTable("webhooks", {
  job: text("job").primaryKey(),
  /** The `created_at` of the job it was made for: a later job of the same name does not inherit it. */
  job_created_at: integer("job_created_at").notNull(),
  secret: text("secret").notNull(),
  previous_secret: text("previous_secret"),
  previous_expires_at: integer("previous_expires_at"),
  github: integer("github", { mode: "boolean" }).notNull(),
  params: text("params", { mode: "json" }),
  /** Templates over the delivery, like `params`, rendered into the run's tags. */
  tags: text("tags", { mode: "json" }),
  created_at: integer("created_at").notNull(),
  updated_at: integer("updated_at").notNull(),
});

/**
 * Outbound subscriptions to run lifecycle events. `events` lists names or wildcards
 * (`run.*`, `*`); `jobs` null means every job. The secret (`whsec_…`) signs deliveries, so
 * it is kept in clear like the inbound webhook secrets. Deliveries themselves live in each
 * subscription's Durable Object, not here.
 */
export const subscriptions = sqliteTable(
  "subscriptions",
  {
    id: text("id").primaryKey(),
    url: text("url").notNull(),
    secret: text("secret").notNull(),
    events: text("events", { mode: "json" }).$type<string[]>().notNull(),
    jobs: text("jobs", { mode: "json" }).$type<string[] | null>(),
    description: text("description"),
    created_at: integer("created_at").notNull(),
  },
  (t) => [index("subscriptions_by_created").on(t.created_at, t.id)],
);

/**
 * API keys (DESIGN.md, "Access"). `id` is the non-secret part of the key string and finds
 * the row; `hash` is the SHA-256 of the whole key, the only form of it ever stored.
 * `jobs` null means every job. Revoking deletes the row, so a revoked key is unknown at once.
 */
export const apiKeys = sqliteTable("api_keys", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  hash: text("hash").notNull(),
  scopes: text("scopes", { mode: "json" }).$type<string[]>().notNull(),
  jobs: text("jobs", { mode: "json" }).$type<string[] | null>(),
  created_at: integer("created_at").notNull(),
  expires_at: integer("expires_at"),
  last_used_at: integer("last_used_at"),
});
