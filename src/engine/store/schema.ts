import { RUN_STATUSES, STEP_STATUSES } from "../../core/statuses";
import type { StepGraph } from "../../definition/ir";
import { walkSteps } from "../../definition/walk";
import type { RunSql, RunStorage } from "./storage";

const inList = (values: readonly string[]) => values.map((v) => `'${v}'`).join(", ");

/**
 * `activate`: begin a new execution of a step; `attempt`: try the current execution again
 * (after a backoff or an interruption); `resume`: a wait has elapsed; `lease`: a call is in
 * flight (if the object dies, this wakes it to recover the call); `deadline`: the run's
 * timeout.
 */
export const TIMER_KINDS = ["activate", "attempt", "resume", "lease", "deadline"] as const;
export type TimerKind = (typeof TIMER_KINDS)[number];

function timersTable(name: string, kinds: readonly string[]): string {
  return `CREATE TABLE ${name} (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL CHECK (kind IN (${inList(kinds)})),
    step_id TEXT,
    due_at INTEGER NOT NULL
  )`;
}

/** By due time (the next alarm), and by step for the prefix ranges of a frame's timers. */
const TIMER_INDEXES = [
  "CREATE INDEX cairn_timers_due ON cairn_timers (due_at)",
  "CREATE INDEX cairn_timers_step ON cairn_timers (step_id)",
];

/**
 * The run's own SQLite schema, as a new run gets it. Tables are prefixed so a later feature
 * can add its own without clashing; enums are enforced by CHECK so a bug cannot write a
 * status that the rest of the code does not know. History and event rows are never deleted,
 * so their rowids only grow and need no AUTOINCREMENT (which costs a write to
 * sqlite_sequence on every insert; runs created before kept it, and both work). Timers are
 * deleted all the time, and a timer's id must never name a newer timer, so they keep it.
 */
const RUN_TABLES = [
  `CREATE TABLE cairn_run (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    run_id TEXT NOT NULL,
    job TEXT NOT NULL,
    version INTEGER NOT NULL,
    trigger TEXT NOT NULL,
    idempotency_key TEXT,
    plan TEXT NOT NULL,
    params TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN (${inList(RUN_STATUSES)})),
    output TEXT,
    error TEXT,
    failed_step TEXT,
    created_at INTEGER NOT NULL,
    started_at INTEGER,
    finished_at INTEGER,
    deadline_at INTEGER,
    executions INTEGER NOT NULL DEFAULT 0,
    seq INTEGER NOT NULL DEFAULT 0,
    mirrored_seq INTEGER NOT NULL DEFAULT -1,
    parent TEXT
  )`,
  `CREATE TABLE cairn_steps (
    step_id TEXT PRIMARY KEY,
    status TEXT NOT NULL CHECK (status IN (${inList(STEP_STATUSES)})),
    executions INTEGER NOT NULL DEFAULT 0,
    attempts INTEGER NOT NULL DEFAULT 0,
    total_attempts INTEGER NOT NULL DEFAULT 0,
    interruptions INTEGER NOT NULL DEFAULT 0,
    input TEXT,
    output TEXT,
    error TEXT,
    started_at INTEGER,
    finished_at INTEGER
  )`,
  `CREATE TABLE cairn_history (
    seq INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    type TEXT NOT NULL,
    step_id TEXT,
    data TEXT
  )`,
  timersTable("cairn_timers", TIMER_KINDS),
];

const RUN_INDEXES = [
  ...TIMER_INDEXES,
  // Steps by status (running, waiting, cancelled): asked on every move, so it may not scan
  // a map's thousands of rows.
  "CREATE INDEX cairn_steps_status ON cairn_steps (status)",
];

/** Events posted to the run; kept until a wait_for_event step takes them. */
const EVENTS_TABLE = `CREATE TABLE cairn_events (
    seq INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    body TEXT NOT NULL,
    received_at INTEGER NOT NULL,
    taken_by TEXT
  )`;

/** The events table of a run whose plan has no wait_for_event step, at its first event. */
export const EVENTS_TABLE_IF_MISSING = EVENTS_TABLE.replace(
  "CREATE TABLE",
  "CREATE TABLE IF NOT EXISTS",
);

/**
 * Plans with more steps than this (or with a fan-out) get the indexes of steps and timers:
 * below it, a run has at most this many step rows and about twice as many timers, which a
 * scan reads as fast as an index, and each index is one more statement in every start.
 */
export const SMALL_PLAN_STEPS = 16;

/**
 * Tables and indexes only some plans use, created with the run when its plan can use them: a
 * one-step run then runs 4 CREATE statements instead of 11, and each costs the start CPU
 * (bench/README "Start path, session 13" and "session 14"). A plan never changes after the run
 * is created (a retry keeps it), so what a run's plan says is what its storage holds. Runs
 * created before this kept all of them, which is harmless; a migration of one of these
 * tables or indexes must allow for its absence.
 */
export interface OptionalTables {
  /** `cairn_frames`: the children of parallel and map steps. */
  frames: boolean;
  /**
   * `cairn_callback_urls` and `cairn_events`: tokens are only minted for wait_for_event steps
   * (step-scope.ts), and only they take events. An event posted to another run is kept all
   * the same, in a table created with it (Inbox.addEvent).
   */
  eventWaits: boolean;
  /** The indexes of steps by status and timers by due time and step (SMALL_PLAN_STEPS). */
  indexes: boolean;
}

export function optionalTablesOf(job: StepGraph): OptionalTables {
  const used: OptionalTables = { frames: false, eventWaits: false, indexes: false };
  let steps = 0;
  walkSteps(job, ({ step }) => {
    steps += 1;
    if (step.type === "parallel" || step.type === "map") used.frames = true;
    if (step.type === "wait_for_event") used.eventWaits = true;
  });
  used.indexes = used.frames || steps > SMALL_PLAN_STEPS;
  return used;
}

const CALLBACK_TABLES = [
  // Callback tokens: each delivers the event of one execution of a wait_for_event step
  // instance, once. `body`: a callback that came before that execution waited, kept for it.
  `CREATE TABLE cairn_callback_urls (
    token TEXT PRIMARY KEY,
    step_id TEXT NOT NULL,
    execution INTEGER NOT NULL,
    used_at INTEGER,
    body TEXT,
    UNIQUE (step_id, execution)
  )`,
];

const FRAME_TABLES = [
  // One row per child of a parallel or map step: a branch, or an item.
  `CREATE TABLE cairn_frames (
    parent TEXT NOT NULL,
    idx INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'cancelled')),
    output TEXT,
    error TEXT,
    PRIMARY KEY (parent, idx)
  )`,
  "CREATE INDEX cairn_frames_status ON cairn_frames (parent, status)",
];

/**
 * One change to the tables of runs that already exist. Each runs once, in one transaction
 * with the stamp of its version; never edit one that has shipped, add the next.
 */
interface RunMigration {
  version: number;
  /** What changed, for the reader of this list. */
  change: string;
  statements: readonly string[];
}

export const RUN_MIGRATIONS: readonly RunMigration[] = [
  {
    version: 1,
    change:
      "the tables of runs created before versions were stamped: their script was run at " +
      "every open (CREATE ... IF NOT EXISTS), so an older run may miss the later ones",
    statements: [
      // Frozen: the last unversioned script's additions, each a no-op where it exists.
      `CREATE TABLE IF NOT EXISTS cairn_events (
        seq INTEGER PRIMARY KEY, name TEXT NOT NULL, body TEXT NOT NULL,
        received_at INTEGER NOT NULL, taken_by TEXT)`,
      `CREATE TABLE IF NOT EXISTS cairn_callback_urls (
        token TEXT PRIMARY KEY, step_id TEXT NOT NULL, execution INTEGER NOT NULL,
        used_at INTEGER, body TEXT, UNIQUE (step_id, execution))`,
      `CREATE TABLE IF NOT EXISTS cairn_frames (
        parent TEXT NOT NULL, idx INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'cancelled')),
        output TEXT, error TEXT, PRIMARY KEY (parent, idx))`,
      "CREATE INDEX IF NOT EXISTS cairn_timers_due ON cairn_timers (due_at)",
      "CREATE INDEX IF NOT EXISTS cairn_timers_step ON cairn_timers (step_id)",
      "CREATE INDEX IF NOT EXISTS cairn_steps_status ON cairn_steps (status)",
      "CREATE INDEX IF NOT EXISTS cairn_frames_status ON cairn_frames (parent, status)",
    ],
  },
  {
    version: 2,
    change:
      "timers may be leases (the CHECK on kind is rebuilt: SQLite cannot alter a CHECK); " +
      "ids are copied, so a pending timer keeps its id",
    statements: [
      timersTable("cairn_timers_v2", ["activate", "attempt", "resume", "lease", "deadline"]),
      "INSERT INTO cairn_timers_v2 (id, kind, step_id, due_at) SELECT id, kind, step_id, due_at FROM cairn_timers",
      "DROP TABLE cairn_timers",
      "ALTER TABLE cairn_timers_v2 RENAME TO cairn_timers",
      ...TIMER_INDEXES,
    ],
  },
];

/** The version a run created by this code is at; stamped in `cairn_schema`. */
export const RUN_SCHEMA_VERSION = RUN_MIGRATIONS.length;

/**
 * `PRAGMA user_version` is what SQLite offers for this, but a Durable Object's SQL refuses it
 * (SQLITE_AUTH), so the version is a one-row table of its own.
 */
function stamp(version: number): string[] {
  return [
    `CREATE TABLE IF NOT EXISTS cairn_schema (
      singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
      version INTEGER NOT NULL
    )`,
    `INSERT INTO cairn_schema (singleton, version) VALUES (1, ${version})
     ON CONFLICT (singleton) DO UPDATE SET version = excluded.version`,
  ];
}

/** One script per choice of optional tables, one `exec`: each call into SQLite costs. */
const CREATE_SCRIPTS = new Map<string, string>();

function createScript({ frames, eventWaits, indexes }: OptionalTables): string {
  const key = `${frames}/${eventWaits}/${indexes}`;
  let script = CREATE_SCRIPTS.get(key);
  if (script === undefined) {
    script = [
      ...RUN_TABLES,
      ...(indexes ? RUN_INDEXES : []),
      ...(eventWaits ? [EVENTS_TABLE, ...CALLBACK_TABLES] : []),
      ...(frames ? FRAME_TABLES : []),
      ...stamp(RUN_SCHEMA_VERSION),
    ].join(";\n");
    CREATE_SCRIPTS.set(key, script);
  }
  return script;
}

/**
 * Creates a new run's tables at the current version, those `used` says its plan needs
 * (inside the run's creating transaction).
 */
export function createRunSchema(sql: RunSql, used: OptionalTables): void {
  sql.exec(createScript(used));
}

/**
 * The schema version of the run in this storage: null when it holds no run, 0 for a run
 * created before versions were stamped. One read of SQLite's schema table and one row.
 */
export function readRunSchemaVersion(sql: RunSql): number | null {
  const tables = new Set(
    sql
      .exec(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('cairn_run', 'cairn_schema')",
      )
      .toArray()
      .map((row) => String(row.name)),
  );
  if (tables.has("cairn_schema"))
    return Number(sql.exec("SELECT version FROM cairn_schema").one().version);
  if (!tables.has("cairn_run")) return null;
  return sql.exec("SELECT 1 FROM cairn_run").toArray().length > 0 ? 0 : null;
}

/**
 * Applies the migrations a run's storage is missing, each in its own transaction with its
 * stamp, so a crash between two leaves a consistent version to resume from. Nothing runs
 * when the run is current.
 */
export function migrateRunSchema(storage: RunStorage, from: number): void {
  for (const migration of RUN_MIGRATIONS) {
    if (migration.version <= from) continue;
    storage.transactionSync(() => {
      storage.sql.exec([...migration.statements, ...stamp(migration.version)].join(";\n"));
    });
  }
}
