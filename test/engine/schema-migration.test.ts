/**
 * Run-object schema versions. Runs created before versions were stamped are written here
 * exactly as the code of their day left them (the frozen scripts of
 * fixtures/run-schema-unversioned.ts, rows as that code wrote them, mid-run with a timer
 * pending and the alarm set), then the current code opens them: they are upgraded in place
 * and finish. A run at the current version opens without any schema statement.
 */
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { compileJob } from "../../src/definition/compile";
import type { RunPlan } from "../../src/definition/ir";
import { RunStore } from "../../src/engine/store/run-store";
import { RUN_SCHEMA_VERSION, SMALL_PLAN_STEPS } from "../../src/engine/store/schema";
import { call } from "../api/api-client";
import { AUTOINCREMENT_SCHEMA, UNVERSIONED_SCHEMA } from "./fixtures/run-schema-unversioned";
import { getHistory, getSteps, runs, stepOf, uniqueJobName, waitForRun } from "./runs";

const stubOf = (id: string) => runs.get(runs.idFromName(id));
const randomRunId = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) =>
    b.toString(16).padStart(2, "0"),
  ).join("");

function planOf(steps: Record<string, unknown>[], extra: Record<string, unknown> = {}): RunPlan {
  const compiled = compileJob(
    { name: uniqueJobName("legacy"), steps, ...extra },
    { actions: new Map(), handlers: new Set() },
  );
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
  return { job: compiled.job, version: 1, actions: {} };
}

interface OldRun {
  plan: RunPlan;
  /** The rows the old code had written for the run so far (steps, history, timers...). */
  rows(sql: SqlStorage, runId: string, now: number): void;
}

/** Writes a run into a fresh object as the old code did, on the old script, alarm included. */
async function seedOldRun(script: readonly string[], old: OldRun): Promise<string> {
  const id = randomRunId();
  await runInDurableObject(stubOf(id), async (_object, state) => {
    const { sql } = state.storage;
    const now = Date.now();
    for (const statement of script) sql.exec(statement);
    sql.exec(
      `INSERT INTO cairn_run (singleton, run_id, job, version, trigger, idempotency_key, plan,
        params, status, created_at, started_at, seq, mirrored_seq)
       VALUES (1, ?, ?, 1, 'api', NULL, ?, '{}', 'waiting', ?, ?, 3, -1)`,
      id,
      old.plan.job.name,
      JSON.stringify(old.plan),
      now - 1_000,
      now - 900,
    );
    const event = (type: string, stepId: string | null, data: unknown) =>
      sql.exec(
        "INSERT INTO cairn_history (at, type, step_id, data) VALUES (?, ?, ?, ?)",
        now - 900,
        type,
        stepId,
        JSON.stringify(data),
      );
    event("run_created", null, { params: {}, trigger: "api" });
    event("run_status", null, { from: "queued", to: "running" });
    old.rows(sql, id, now);
    event("run_status", null, { from: "running", to: "waiting" });
    await state.storage.setAlarm(now);
  });
  return id;
}

const step = (sql: SqlStorage, stepId: string, status: string, output: unknown = null) =>
  sql.exec(
    `INSERT INTO cairn_steps (step_id, status, executions, attempts, total_attempts, output,
      started_at, finished_at) VALUES (?, ?, 1, ?, ?, ?, 1, ?)`,
    stepId,
    status,
    status === "succeeded" ? 1 : 0,
    status === "succeeded" ? 1 : 0,
    output === null ? null : JSON.stringify(output),
    status === "succeeded" ? 1 : null,
  );

/** `first` done, `nap` waiting for its resume timer, `last` to come. */
const midWait: OldRun = {
  plan: planOf([
    { id: "first", type: "pass", output: 1 },
    { id: "nap", type: "wait", duration: "1s" },
    { id: "last", type: "pass", output: "{{ output.first }}" },
  ]),
  rows(sql, _runId, now) {
    step(sql, "first", "succeeded", 1);
    step(sql, "nap", "waiting");
    sql.exec("INSERT INTO cairn_timers (kind, step_id, due_at) VALUES ('resume', 'nap', ?)", now);
  },
};

/** The version stamped, and whether the timers table takes leases now. */
function readSchema(id: string) {
  return runInDurableObject(stubOf(id), (_object, state) => ({
    version: Number(state.storage.sql.exec("SELECT version FROM cairn_schema").one().version),
    timers: String(
      state.storage.sql
        .exec("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'cairn_timers'")
        .one().sql,
    ),
  }));
}

/** A plan that writes every table a run can have: frames (map) and callback tokens. */
const everyTable = planOf([
  { id: "each", type: "map", items: "{{ [1, 2] }}", steps: [{ id: "echo", type: "pass" }] },
  { id: "approve", type: "wait_for_event", event: "approved" },
]);

/** The layout of a new run of `plan`, created by the store in a fresh object. */
function createdLayout(plan: RunPlan): Promise<Record<string, string>> {
  return runInDurableObject(runs.get(runs.newUniqueId()), (_o, state) => {
    new RunStore(state.storage).create(
      {
        run_id: "fresh",
        job: "fresh",
        version: 1,
        trigger: "api",
        idempotency_key: null,
        params: {},
        status: "queued",
        created_at: 1,
        deadline_at: null,
        parent: null,
      },
      plan,
    );
    return readLayout(state.storage);
  });
}

/** Every table and index of the run's storage, as comparable SQL (quotes and IF NOT EXISTS aside). */
function readLayout(storage: DurableObjectStorage): Record<string, string> {
  const rows = storage.sql
    .exec(
      "SELECT name, sql FROM sqlite_master WHERE name LIKE 'cairn_%' AND sql IS NOT NULL ORDER BY name",
    )
    .toArray();
  return Object.fromEntries(
    rows.map((row) => [
      String(row.name),
      String(row.sql)
        .replace(/IF NOT EXISTS /g, "")
        .replace(/"/g, "")
        .replace(/\s+/g, " ")
        .replace(/\( /g, "(")
        .replace(/ \)/g, ")"),
    ]),
  );
}

describe("run schema versions", () => {
  it("upgrades a run of the last unversioned schema mid-wait, and the run finishes", async () => {
    const id = await seedOldRun(UNVERSIONED_SCHEMA, midWait);
    await runDurableObjectAlarm(stubOf(id));
    const run = await waitForRun(id);
    expect(run).toMatchObject({ status: "succeeded", output: 1 });
    expect(stepOf(await getSteps(id), "first").attempts).toBe(1);
    expect((await getHistory(id)).map((event) => event.type)).toContain("run_status");
    const schema = await readSchema(id);
    expect(schema.version).toBe(RUN_SCHEMA_VERSION);
    expect(schema.timers).toContain("'lease'");
  });

  it("upgrades an older run (AUTOINCREMENT history, per-step callback token) waiting for its callback", async () => {
    const old: OldRun = {
      plan: planOf([
        { id: "first", type: "pass" },
        { id: "answer", type: "wait_for_event", event: "answer" },
        { id: "last", type: "pass", output: "{{ output.answer.reply }}" },
      ]),
      rows(sql, runId) {
        step(sql, "first", "succeeded");
        step(sql, "answer", "waiting");
        sql.exec(
          "INSERT INTO cairn_callbacks (token, step_id) VALUES (?, 'answer')",
          `${runId}.${"ab".repeat(16)}`,
        );
      },
    };
    const id = await seedOldRun(AUTOINCREMENT_SCHEMA, old);
    await runDurableObjectAlarm(stubOf(id));
    expect((await waitForRun(id, ["waiting"])).status).toBe("waiting");
    const token = `${id}.${"ab".repeat(16)}`;
    const delivered = await call(`/callbacks/${token}`, { body: { reply: "yes" }, token: null });
    expect(delivered.status, await delivered.clone().text()).toBe(202);
    expect(await waitForRun(id)).toMatchObject({ status: "succeeded", output: "yes" });
    expect((await readSchema(id)).version).toBe(RUN_SCHEMA_VERSION);
    // The history kept growing on its AUTOINCREMENT key, in order.
    const history = await getHistory(id);
    expect(history.at(-1)?.type).toBe("run_status");
  });

  it("gives an upgraded run the tables and indexes of a new run", async () => {
    const id = await seedOldRun(UNVERSIONED_SCHEMA, midWait);
    await runDurableObjectAlarm(stubOf(id));
    await waitForRun(id);
    const upgraded = await runInDurableObject(stubOf(id), (_o, state) => readLayout(state.storage));
    // A new run whose plan uses every table (a one-step run creates fewer: below).
    const fresh = await createdLayout(everyTable);
    // Tokens of runs from before per-execution callbacks stay readable where they exist.
    const { cairn_callbacks: legacy, cairn_outbox: _outbox, ...rest } = upgraded;
    expect(legacy).toBeDefined();
    expect(rest).toEqual(fresh);
  });

  it("creates the optional tables and indexes only for a plan that can use them", async () => {
    const full = await createdLayout(everyTable);
    const onePass = await createdLayout(planOf([{ id: "only", type: "pass" }]));
    const waits = ["cairn_callback_urls", "cairn_events"];
    const indexes = ["cairn_steps_status", "cairn_timers_due", "cairn_timers_step"];
    const optional = [...waits, "cairn_frames", "cairn_frames_status", ...indexes];
    for (const name of optional) expect(full[name], name).toBeDefined();
    expect(Object.keys(onePass).filter((name) => !(name in full))).toEqual([]);
    expect(Object.keys(full).filter((name) => !(name in onePass))).toEqual(optional);
    const mapOnly = await createdLayout(
      planOf([{ id: "each", type: "map", items: "{{ [1] }}", steps: [{ id: "x", type: "pass" }] }]),
    );
    expect(Object.keys(full).filter((name) => !(name in mapOnly))).toEqual(waits);
    // Many steps without a fan-out: the indexes, not the fan-out's or the waits' tables.
    const manySteps = await createdLayout(
      planOf(
        Array.from({ length: SMALL_PLAN_STEPS + 1 }, (_, i) => ({ id: `s${i}`, type: "pass" })),
      ),
    );
    expect(Object.keys(full).filter((name) => !(name in manySteps))).toEqual(
      optional.filter((name) => !indexes.includes(name)),
    );
    const waitOnly = await createdLayout(
      planOf([{ id: "hold", type: "wait_for_event", event: "go" }]),
    );
    expect(Object.keys(full).filter((name) => !(name in waitOnly))).toEqual(
      optional.filter((name) => !waits.includes(name)),
    );
    // A wait_for_event as deep as it can be, in a parallel branch inside a map body.
    const nested = await createdLayout(
      planOf([
        {
          id: "each",
          type: "map",
          items: "{{ [1] }}",
          steps: [
            {
              id: "both",
              type: "parallel",
              branches: [[{ id: "hold", type: "wait_for_event", event: "go" }]],
            },
          ],
        },
      ]),
    );
    for (const name of optional) expect(nested[name], name).toBeDefined();
  });

  it("opens a run at the current version without any schema statement", async () => {
    const id = await seedOldRun(UNVERSIONED_SCHEMA, midWait);
    await runDurableObjectAlarm(stubOf(id));
    await waitForRun(id);
    const statements = await runInDurableObject(stubOf(id), (_o, state) => {
      const seen: string[] = [];
      const recording = new Proxy(state.storage.sql, {
        get: (sql, key) =>
          key === "exec"
            ? (query: string, ...bindings: SqlStorageValue[]) => {
                seen.push(query);
                return sql.exec(query, ...bindings);
              }
            : Reflect.get(sql, key),
      });
      const store = new RunStore(state.storage, [], recording);
      expect(store.exists()).toBe(true);
      return seen;
    });
    expect(statements.length).toBeGreaterThan(0);
    expect(statements.filter((query) => /\b(CREATE|ALTER|DROP)\b/i.test(query))).toEqual([]);
  });
});
