import { RUN_STATUSES, STEP_STATUSES } from "../../core/statuses";
import type { RunSql } from "./storage";

const inList = (values: readonly string[]) => values.map((v) => `'${v}'`).join(", ");

/**
 * `activate`: begin a new execution of a step; `attempt`: try the current execution again
 * (after a backoff or an interruption); `resume`: a wait has elapsed; `deadline`: the run's
 * timeout.
 */
export const TIMER_KINDS = ["activate", "attempt", "resume", "deadline"] as const;
export type TimerKind = (typeof TIMER_KINDS)[number];

/**
 * The run's own SQLite schema. Tables are prefixed so a later feature can add its own
 * without clashing; enums are enforced by CHECK so a bug cannot write a status that the
 * rest of the code does not know. History and event rows are never deleted, so their
 * rowids only grow and need no AUTOINCREMENT (which costs a write to sqlite_sequence on
 * every insert; runs created before kept it, and both work). Timers are deleted all the
 * time, and a timer's id must never name a newer timer, so they keep it.
 */
const SCHEMA_V1 = [
  `CREATE TABLE IF NOT EXISTS cairn_run (
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
  `CREATE TABLE IF NOT EXISTS cairn_steps (
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
  `CREATE TABLE IF NOT EXISTS cairn_history (
    seq INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    type TEXT NOT NULL,
    step_id TEXT,
    data TEXT
  )`,
  `CREATE TABLE IF NOT EXISTS cairn_timers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL CHECK (kind IN (${inList(TIMER_KINDS)})),
    step_id TEXT,
    due_at INTEGER NOT NULL
  )`,
  "CREATE INDEX IF NOT EXISTS cairn_timers_due ON cairn_timers (due_at)",
  // Prefix ranges of a frame's timers, and steps by status (running, waiting, cancelled):
  // both asked on every move, so neither may scan a map's thousands of rows.
  "CREATE INDEX IF NOT EXISTS cairn_timers_step ON cairn_timers (step_id)",
  "CREATE INDEX IF NOT EXISTS cairn_steps_status ON cairn_steps (status)",
  // Events posted to the run; kept until a wait_for_event step takes them.
  `CREATE TABLE IF NOT EXISTS cairn_events (
    seq INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    body TEXT NOT NULL,
    received_at INTEGER NOT NULL,
    taken_by TEXT
  )`,
  // Callback tokens of runs created before tokens were per execution (read, then moved).
  `CREATE TABLE IF NOT EXISTS cairn_callbacks (
    token TEXT PRIMARY KEY,
    step_id TEXT NOT NULL UNIQUE,
    used_at INTEGER
  )`,
  // Callback tokens: each delivers the event of one execution of a wait_for_event step
  // instance, once. `body`: a callback that came before that execution waited, kept for it.
  `CREATE TABLE IF NOT EXISTS cairn_callback_urls (
    token TEXT PRIMARY KEY,
    step_id TEXT NOT NULL,
    execution INTEGER NOT NULL,
    used_at INTEGER,
    body TEXT,
    UNIQUE (step_id, execution)
  )`,
  // One row per child of a parallel or map step: a branch, or an item.
  `CREATE TABLE IF NOT EXISTS cairn_frames (
    parent TEXT NOT NULL,
    idx INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'cancelled')),
    output TEXT,
    error TEXT,
    PRIMARY KEY (parent, idx)
  )`,
  "CREATE INDEX IF NOT EXISTS cairn_frames_status ON cairn_frames (parent, status)",
];

const SCHEMA_SCRIPT = SCHEMA_V1.join(";\n");

/**
 * Creates the schema; idempotent, so it also runs when an existing run is first read. One
 * `exec` of the whole script: every run object pays this once, at its start.
 */
export function migrateRunSchema(sql: RunSql): void {
  sql.exec(SCHEMA_SCRIPT);
}
