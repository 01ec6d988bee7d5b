/**
 * How many SQLite statements a move executes (each `exec` crosses from JavaScript into
 * workerd's SQLite): a one-`pass` start, one more `pass` step, and a task's attempt; and how
 * many distinct statement texts a run executes (workerd prepares and keeps each one per
 * object: bench/README.md, "What an object's native memory is"). The store runs on the real
 * storage of a run object, through a counter (counted-sql.ts); the bounds are what the store
 * needs now, so a change that adds statements to a move, or a text to a run, fails here.
 */
import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { compileJob } from "../../src/definition/compile";
import type { CompiledJob } from "../../src/definition/ir";
import { createRun } from "../../src/engine/create-run";
import { RunDriver } from "../../src/engine/driver";
import { RouteCache } from "../../src/engine/route-cache";
import { RunStore } from "../../src/engine/store/run-store";
import { workerPorts } from "../../src/engine/worker-ports";
import type { Env } from "../../src/env";
import { target, uniquePath } from "../support/target";
import { countedSql } from "./counted-sql";
import { createJob, runs, startRun } from "./runs";

type Steps = readonly Record<string, unknown>[];

/**
 * Starts a run of `steps` on a fresh run object and drives it to its end with the engine's
 * own driver over a counted SQL handle. Everything happens while the object blocks other
 * events, so its own alarm cannot move the run meanwhile. Answers the statements of the
 * start (create and first move) and of the alarm's drive after it.
 */
async function countMoves(
  steps: Steps,
  options: { max_parallel?: number } = {},
): Promise<{ start: string[]; drive: string[] }> {
  const compiled = compileJob(
    { name: "statements", steps, ...options },
    { actions: new Map(), handlers: new Set() },
  );
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
  const job: CompiledJob = compiled.job;
  const stub = runs.get(runs.newUniqueId());
  return runInDurableObject(stub, (_object, state) =>
    state.blockConcurrencyWhile(async () => {
      const sql = countedSql(state.storage.sql);
      const store = new RunStore(state.storage, [], sql);
      const routes = new RouteCache(async () => []);
      const driver = new RunDriver(store, workerPorts(env as unknown as Env, routes), {});
      const request = {
        run_id: `run_${state.id.toString()}`,
        plan: { job, version: 1, actions: {} },
        params: { n: 1 },
        trigger: "api",
        idempotency_key: null,
      };
      createRun(store, request, Date.now());
      await driver.firstMove(false);
      const start = sql.statements.splice(0);
      await driver.drive();
      expect(store.readRun().status).toBe("succeeded");
      return { start, drive: sql.statements.splice(0) };
    }),
  );
}

const pass = (id: string) => ({ id, type: "pass" as const });

/** The distinct texts among `statements`, each once. */
const distinct = (statements: readonly string[]) => [...new Set(statements)];

/** The distinct texts of a whole run: its start and the drive after it. */
const runTexts = ({ start, drive }: { start: string[]; drive: string[] }) =>
  distinct([...start, ...drive]);

function task(id: string, path: string) {
  return { id, type: "task" as const, http: { method: "POST" as const, url: target.url(path) } };
}

/**
 * Runs `work` while every run object's `exec` (the class all of this isolate's objects share)
 * records its text, and answers the statements that read `sqlite_master`.
 */
async function schemaReadsDuring(work: () => Promise<unknown>): Promise<string[]> {
  const probe = runs.get(runs.newUniqueId());
  const prototype = await runInDurableObject(probe, (_object, state) =>
    Object.getPrototypeOf(state.storage.sql),
  );
  const exec = prototype.exec;
  const reads: string[] = [];
  prototype.exec = function (this: SqlStorage, query: string, ...bindings: unknown[]) {
    if (query.includes("sqlite_master")) reads.push(query);
    return exec.call(this, query, ...bindings);
  };
  try {
    await work();
    // The forwarder's rounds run after the answer: let them.
    await scheduler.wait(50);
  } finally {
    prototype.exec = exec;
  }
  return reads;
}

describe("SQLite statements per move", () => {
  it("a start reads a new object's schema version once", async () => {
    const job = await createJob({
      name: `schema-reads-${crypto.randomUUID()}`,
      steps: [pass("a")],
    });
    const reads = await schemaReadsDuring(() => startRun(job));
    // Twice before session 14's second round: the lifecycle forwarder's first round asked
    // before `start` did.
    expect(reads, reads.join("\n")).toHaveLength(1);
  });

  it("a one-pass start", async () => {
    const { start } = await countMoves([pass("a")]);
    // 25 before session 12: the run row read back, an UPDATE per run patch and per seq
    // bump, an INSERT per event, the step row read apart from its timer. 15 before session
    // 14: a recovery read of `running` steps in the just-created run, and the end's arm
    // reading the timers and `running` steps the end had just cleared. 12 before session
    // 14's second round: the end of the sequence read its open steps to cancel them.
    expect(start.length, start.join("\n")).toBeLessThanOrEqual(11);
  });

  it("one more pass step", async () => {
    const one = await countMoves([pass("a")]);
    const two = await countMoves([pass("a"), pass("b")]);
    const step = two.start.length - one.start.length;
    // 8 before session 12: one INSERT per event, the step row read apart from its timer.
    expect(step, two.start.join("\n")).toBeLessThanOrEqual(6);
  });

  it("a pass step with a literal output: no more than a bare one (no scope is read)", async () => {
    const literal = (id: string) => ({ id, type: "pass" as const, output: { id, n: 1 } });
    const bare = await countMoves([pass("a"), pass("b"), pass("c")]);
    const withOutputs = await countMoves([literal("a"), literal("b"), literal("c")]);
    expect(withOutputs.start.length, withOutputs.start.join("\n")).toBe(bare.start.length);
  });

  it("a task calling a literal URL, first of its graph: its attempt reads no step rows", async () => {
    const { drive } = await countMoves([task("a", uniquePath("statements"))]);
    // Its input is the run's params, and a request without templates reads no scope: neither
    // needs the graph's rows, which were read (json_each over the graph's ids) before the
    // journal, in the turn its request waited on (bench/README.md, "The HTTP task's wait,
    // session 14").
    const rowReads = drive.filter((statement) => statement.includes("json_each"));
    expect(rowReads, drive.join("\n")).toEqual([]);
  });

  it("a task attempt (journal and settle)", async () => {
    const path = uniquePath("statements");
    const one = await countMoves([task("a", path)]);
    const two = await countMoves([task("a", path), task("b", path)]);
    const attempt = two.drive.length - one.drive.length;
    // 21 before session 12: the step row read again after the journal and in the settle,
    // the graph's results read again for the templates, an INSERT per event.
    expect(attempt, two.drive.join("\n")).toBeLessThanOrEqual(15);
  });
});

describe("distinct SQL texts per run", () => {
  it("a one-pass start", async () => {
    const texts = distinct((await countMoves([pass("a")])).start);
    // 11 before session 17: an UPDATE of the run row per set of changed columns (the move's,
    // the index write's `mirrored_seq`) and a history INSERT per row count (1 and 4).
    expect(texts.length, texts.join("\n")).toBeLessThanOrEqual(9);
  });

  it("a run of one task calling a literal URL", async () => {
    const texts = runTexts(await countMoves([task("a", uniquePath("statements"))]));
    // 16 before session 17: three UPDATEs of the run row, history INSERTs of 1, 2 and 3 rows.
    expect(texts.length, texts.join("\n")).toBeLessThanOrEqual(12);
  });

  it("a run of two tasks", async () => {
    const path = uniquePath("statements");
    const texts = runTexts(await countMoves([task("a", path), task("b", path)]));
    // 18 before session 17: four UPDATEs of the run row (the second task's activation writes
    // `executions` alone), history INSERTs of 1, 2 and 3 rows.
    expect(texts.length, texts.join("\n")).toBeLessThanOrEqual(13);
  });

  it("a run at its max_parallel reads its due timers with the texts of any run", async () => {
    const path = uniquePath("statements");
    const dag = [task("a", path), task("b", path)].map((step) => ({ ...step, depends_on: [] }));
    const texts = runTexts(await countMoves(dag, { max_parallel: 1 }));
    const timerReads = texts.filter((text) =>
      /FROM cairn_timers t LEFT JOIN|min\(due_at\)/.test(text),
    );
    // 4 before session 17: the timer gate (paused, saturated) was a filter of its own text.
    expect(timerReads, timerReads.join("\n")).toHaveLength(2);
  });
});
