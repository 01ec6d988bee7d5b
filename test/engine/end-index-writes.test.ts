/**
 * How often a finished run writes its D1 index row at its end, counted statement by
 * statement: the upsert the `seq` guard refuses writes no row (so a D1 trigger, as in
 * index-mirror.test.ts, cannot see it), but it is still a statement D1 runs and bills. Every
 * D1 statement of the isolate is recorded (the test, the Worker and every object share the D1
 * classes, as bench/cost/worker.ts counts them under wrangler dev), and those that upsert
 * the run's row, or check for jobs `after` its job, are picked out by their parameters.
 *
 * Each run here is a one-`pass` job, so it ends in its start's first move: its first index
 * write is its end. A job nobody listens to is the baseline; a job named in another job's
 * `after`, a job with a lifecycle subscription and a job with `concurrency` (started through
 * its coordinator, which waits for that very start) must write their end once as well, and
 * still tell whoever listens.
 */
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { compileJob } from "../../src/definition/compile";
import { createRun } from "../../src/engine/create-run";
import { RunDriver } from "../../src/engine/driver";
import type { RunPorts } from "../../src/engine/ports";
import { RouteCache } from "../../src/engine/route-cache";
import { RunStore } from "../../src/engine/store/run-store";
import { workerPorts } from "../../src/engine/worker-ports";
import type { Env } from "../../src/env";
import { call, db } from "../api/api-client";
import { pollUntil, readGate, triggeredBy } from "../schedule/concurrency-support";
import { coordinatorOf, rewindCursors, scheduledRuns, uniqueName } from "../schedule/support";
import { waitForTypes } from "../subscriptions/support";
import { target, uniquePath } from "../support/target";
import { runs } from "./runs";

/** A D1 statement as workerd's D1PreparedStatement holds it (its own fields). */
interface Issued {
  statement: string;
  params: unknown[];
}

/** A yearly schedule whose cursor moves back to mid-2022: its 1 January fire was missed. */
const YEARLY = "0 0 1 1 *";
const MID_2022 = Date.parse("2022-06-01T00:00:00Z");

type Method = (this: Issued, ...args: unknown[]) => Promise<unknown>;
const RUNS_ONE = ["run", "all", "first", "raw"] as const;

/**
 * Runs `work` while every D1 statement the isolate runs is recorded (a statement run alone,
 * or each statement of a batch), and answers them in order.
 */
async function d1StatementsDuring(work: () => Promise<void>): Promise<Issued[]> {
  const database = Object.getPrototypeOf(db) as { batch: Method };
  const prepared = Object.getPrototypeOf(db.prepare("SELECT 1")) as Record<
    (typeof RUNS_ONE)[number],
    Method
  >;
  const issued: Issued[] = [];
  const record = ({ statement, params }: Issued) => issued.push({ statement, params });
  const batch = database.batch;
  const runsOne = RUNS_ONE.map((name) => [name, prepared[name]] as const);
  database.batch = function (this: Issued, ...args: unknown[]) {
    for (const statement of args[0] as Issued[]) record(statement);
    return batch.apply(this, args);
  };
  for (const [name, original] of runsOne)
    prepared[name] = function (this: Issued, ...args: unknown[]) {
      record(this);
      return original.apply(this, args);
    };
  try {
    await work();
  } finally {
    database.batch = batch;
    for (const [name, original] of runsOne) prepared[name] = original;
  }
  return issued;
}

const isRowUpsert = (run: string) => (s: Issued) =>
  /^insert into "runs"/i.test(s.statement) && s.params.includes(run);
const isListenerCheck = (job: string) => (s: Issued) =>
  s.statement.includes("AS listened") && s.params.includes(JSON.stringify(job));

/** Saves a one-`pass` job named `name` with `fields`; answers its name. */
async function savePassJob(name: string, fields: Record<string, unknown> = {}): Promise<string> {
  const response = await call("/jobs", {
    body: { name, ...fields, steps: [{ id: "done", type: "pass" }] },
  });
  expect(response.status, await response.clone().text()).toBe(201);
  return name;
}

/** Whether the run object's index is up to date with it (its end written and announced). */
async function isMirrored(run: string): Promise<boolean> {
  return runInDurableObject(runs.get(runs.idFromName(run)), (_object, state) => {
    const row = state.storage.sql.exec("SELECT seq, mirrored_seq FROM cairn_run").one();
    return Number(row.mirrored_seq) >= Number(row.seq);
  });
}

/** Starts a run of `job` through the API; answers its id. */
async function startByApi(job: string): Promise<string> {
  const response = await call(`/jobs/${job}/runs`, { body: {} });
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json<{ id: string }>()).id;
}

/** Fires the scheduled `job`'s missed fire (its cursor moved back) by its coordinator's alarm. */
async function startBySchedule(job: string): Promise<string> {
  await rewindCursors(job, MID_2022);
  expect(await runDurableObjectAlarm(coordinatorOf(job))).toBe(true);
  const [run, ...others] = await scheduledRuns(job);
  expect(others).toEqual([]);
  if (run === undefined) throw new Error(`no scheduled run of ${job}`);
  return run;
}

/**
 * Starts a run of `job` with `start` and waits until its end is in the index and announced;
 * answers the run's id, its row upserts (and those of its finished status) and the listener
 * checks for its job, in D1.
 */
async function countEndWrites(job: string, start = startByApi) {
  let run = "";
  const statements = await d1StatementsDuring(async () => {
    run = await start(job);
    await pollUntil(() => isMirrored(run), Boolean, `index of run ${run}`);
  });
  const upserts = statements.filter(isRowUpsert(run));
  return {
    run,
    upserts: upserts.length,
    finished: upserts.filter((s) => s.params.includes("succeeded")).length,
    listenerChecks: statements.filter(isListenerCheck(job)).length,
  };
}

describe("a finished run writes its index row once at its end", () => {
  it("a job nobody listens to: one upsert and one listener check", async () => {
    const counted = await countEndWrites(await savePassJob(uniqueName("end-plain")));
    expect(counted).toMatchObject({ upserts: 1, finished: 1, listenerChecks: 1 });
  });

  it("a job named in another job's `after`: once, and the job after it starts", async () => {
    const upstream = await savePassJob(uniqueName("end-upstream"));
    const downstream = await savePassJob(uniqueName("end-downstream"), {
      after: [{ job: upstream }],
    });
    const counted = await countEndWrites(upstream);
    expect(counted).toMatchObject({ upserts: 1, finished: 1, listenerChecks: 1 });
    await pollUntil(
      () => triggeredBy(counted.run),
      (jobs) => jobs.includes(downstream),
      "the job after it",
    );
  });

  it("a scheduled job named in another job's `after`, fired by its coordinator: once, and the job after it starts", async () => {
    const upstream = await savePassJob(uniqueName("end-scheduled"), {
      schedule: { cron: YEARLY },
    });
    const downstream = await savePassJob(uniqueName("end-after-scheduled"), {
      after: [{ job: upstream }],
    });
    const counted = await countEndWrites(upstream, startBySchedule);
    // The coordinator waits for this start, so the end is announced by the alarm after it.
    expect(counted).toMatchObject({ upserts: 1, finished: 1, listenerChecks: 1 });
    await pollUntil(
      () => triggeredBy(counted.run),
      (jobs) => jobs.includes(downstream),
      "the job after it",
    );
  });

  it("a job with a lifecycle subscription: once, and the subscriber hears the end", async () => {
    const job = uniqueName("end-subscribed");
    const path = uniquePath("end-subscribed");
    const subscribed = await call("/subscriptions", {
      body: { url: target.url(path), events: ["run.*"], jobs: [job] },
    });
    expect(subscribed.status, await subscribed.clone().text()).toBe(201);
    const counted = await countEndWrites(await savePassJob(job));
    expect(counted).toMatchObject({ upserts: 1, finished: 1, listenerChecks: 1 });
    await waitForTypes(path, ["run.succeeded"]);
  });

  it("a job with `concurrency`, started through its coordinator: once, and its slot is freed", async () => {
    const job = await savePassJob(uniqueName("end-limited"), {
      concurrency: { limit: 1, overlap: "queue" },
    });
    const counted = await countEndWrites(job);
    // Its coordinator is always told (it holds a slot): no listener check rides along.
    expect(counted).toMatchObject({ upserts: 1, finished: 1, listenerChecks: 0 });
    await pollUntil(
      () => readGate(job),
      (gate) => gate.active.length === 0 && gate.queue.length === 0,
      "the gate",
    );
  });
});

/** What each instance's ports were asked: the seqs of its index writes and of its announcements. */
interface PortCalls {
  writes: number[];
  announced: number[];
}

/** A one-`pass` job's run, compiled for `createRun` (it ends in its first move). */
function onePassRequest(runId: string) {
  const compiled = compileJob(
    { name: uniqueName("end-announce-fails"), steps: [{ id: "done", type: "pass" }] },
    { actions: new Map(), handlers: new Set() },
  );
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
  return {
    run_id: runId,
    plan: { job: compiled.job, version: 1, actions: {} },
    params: {},
    trigger: "api",
    idempotency_key: null,
  };
}

/**
 * A run object's end driven by the engine's own driver, as the start's first move and then
 * the alarm would, over the real worker ports with one fault put in: the first announcement
 * of the end throws (its coordinator or parent unreachable). Answers what each instance's
 * ports were asked: `instances` drivers over the object's storage, one after the other, each a
 * fresh instance (its own RunStore and IndexWriter). With `restarted`, the first instance's run
 * is deleted after the failed announcement and a new one started in the same instance (as a
 * start with the same idempotency key would), whose end is then written.
 */
async function endAfterFailedAnnouncement(
  instances: number,
  restarted = false,
): Promise<PortCalls[]> {
  const stub = runs.get(runs.newUniqueId());
  return runInDurableObject(stub, (_object, state) =>
    state.blockConcurrencyWhile(async () => {
      const real = workerPorts(env as unknown as Env, new RouteCache(async () => []));
      let failures = 1;
      const calls: PortCalls[] = [];
      const driverOfNewInstance = () => {
        const mine: PortCalls = { writes: [], announced: [] };
        calls.push(mine);
        const ports: RunPorts = {
          ...real,
          mirror: (run, tags, askListeners) => {
            mine.writes.push(run.seq);
            return real.mirror(run, tags, askListeners);
          },
          announceEnd: (run, toCoordinator) => {
            mine.announced.push(run.seq);
            if (failures-- > 0) return Promise.reject(new Error("announcement lost"));
            return real.announceEnd(run, toCoordinator);
          },
        };
        const store = new RunStore(state.storage);
        return { store, driver: new RunDriver(store, ports, {}) };
      };
      const runId = `run_${state.id.toString()}`;
      const first = driverOfNewInstance();
      createRun(first.store, onePassRequest(runId), Date.now());
      await first.driver.firstMove(false);
      expect(first.store.readRun().status).toBe("succeeded");
      // The row is written, its announcement failed: the index counts as behind.
      expect(first.store.readRun().mirrored_seq).toBeLessThan(first.store.readRun().seq);
      if (restarted) {
        await first.store.destroy();
        createRun(first.store, onePassRequest(runId), Date.now());
        await first.driver.firstMove(false);
        const run = first.store.readRun();
        expect(run.mirrored_seq).toBe(run.seq);
        return calls;
      }
      let last = first;
      for (let more = 1; more < instances; more++) last = driverOfNewInstance();
      // What the alarm, armed for the index write's retry, does.
      await last.driver.drive();
      const run = last.store.readRun();
      expect(run.mirrored_seq).toBe(run.seq);
      return calls;
    }),
  );
}

describe("what an end's index write leaves to the next one", () => {
  it("a failed announcement is repeated by the alarm's write, without writing the row again", async () => {
    const [calls] = await endAfterFailedAnnouncement(1);
    const end = calls?.writes[0];
    expect(calls?.writes).toEqual([end]);
    // The first announcement threw; the alarm's write made it again.
    expect(calls?.announced).toEqual([end, end]);
  });

  it("a fresh instance, which does not know the row was written, writes it again", async () => {
    const [first, fresh] = await endAfterFailedAnnouncement(2);
    expect(first?.writes).toHaveLength(1);
    expect(fresh?.writes).toEqual(first?.writes);
    expect(fresh?.announced).toEqual(first?.writes);
  });

  it("a run started again in the object after a delete writes its own end, whatever the deleted one left", async () => {
    // The deleted run's end (seq N) was written but not announced; the new run's end has the
    // same seq, and must still reach the index (before session 15's fix it was marked
    // mirrored without a write: its row never existed).
    const [calls] = await endAfterFailedAnnouncement(1, true);
    const end = calls?.writes[0];
    expect(calls?.writes).toEqual([end, end]);
    expect(calls?.announced).toEqual([end, end]);
  });
});
