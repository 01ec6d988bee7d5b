/**
 * The drive loop's departure hold (driver.ts, DEPARTURE_HOLD_MS): after launching calls it
 * holds its D1 index write and alarm until a call settles, the bound passes, a timer falls
 * due or a poke, so the calls' requests leave first. Bounded: a call that takes long does not
 * keep its run listed `queued`; and not made where `queued` is what a job's concurrency (or
 * MAX_RUNNING_RUNS: test/gates/run-cap.cap-test.ts) holds back. (Crash safety during the
 * hold: crash.test.ts.)
 */
import { runInDurableObject } from "cloudflare:test";
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
import { target, uniquePath } from "../support/target";
import { countedSql } from "./counted-sql";
import { createJob, listedAs, runs, startRun, uniqueJobName, waitForRun } from "./runs";

/** A one-task job whose call the target holds until released, with `extra` fields. */
async function heldCallJob(path: string, extra: Record<string, unknown> = {}): Promise<string> {
  await target.program(path, [{ hold: true }]);
  return createJob({
    name: uniqueJobName("hold"),
    ...extra,
    steps: [{ id: "call", type: "task", http: { url: target.url(path) } }],
  });
}

/**
 * Drives a one-task run GETting `url` on a fresh run object with the engine's own driver over
 * a counted SQL handle, and answers the statements executed after the call was handed to the
 * action in the same turn: the journal's flush, and so the request, wait for that turn to end.
 */
async function statementsInLaunchTurn(url: string): Promise<string[]> {
  const compiled = compileJob(
    { name: "lone-call", steps: [{ id: "call", type: "task", http: { method: "GET", url } }] },
    { actions: new Map(), handlers: new Set() },
  );
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
  const { job } = compiled;
  return runInDurableObject(runs.get(runs.newUniqueId()), (_object, state) =>
    state.blockConcurrencyWhile(async () => {
      const sql = countedSql(state.storage.sql);
      const store = new RunStore(state.storage, [], sql);
      const ports = workerPorts(env as unknown as Env, new RouteCache(async () => []));
      let inLaunchTurn: string[] | null = null;
      const observed: RunPorts = {
        ...ports,
        execute(call) {
          const from = sql.statements.length;
          // A task queued now runs when the launch's turn has ended.
          setTimeout(() => {
            inLaunchTurn = sql.statements.slice(from);
          }, 0);
          return ports.execute(call);
        },
      };
      const driver = new RunDriver(store, observed, {});
      const run_id = `run_${state.id.toString()}`;
      const request = { run_id, plan: { job, version: 1, actions: {} }, params: {} };
      createRun(store, { ...request, trigger: "api", idempotency_key: null }, Date.now());
      await driver.drive();
      expect(store.readRun().status).toBe("succeeded");
      if (inLaunchTurn === null) throw new Error("the call was never launched");
      return inLaunchTurn;
    }),
  );
}

describe("the departure hold", () => {
  it("lets a lone call leave before the loop reads on: no statement in the launch's turn", async () => {
    const statements = await statementsInLaunchTurn(target.url(uniquePath("lone")));
    expect(statements).toEqual([]);
  });

  it("is bounded: a run whose call is still in flight is listed running", async () => {
    const path = uniquePath("slow");
    const id = await startRun(await heldCallJob(path));
    await target.waitForHeld(path);
    const deadline = Date.now() + 10_000;
    while (!(await listedAs("running", id))) {
      if (Date.now() > deadline) throw new Error(`run ${id} never listed as running`);
      await scheduler.wait(20);
    }
    // Still held: the index heard of `running` before the call settled.
    expect(await target.held(path)).toBe(1);
    await target.release(path);
    expect((await waitForRun(id)).status).toBe("succeeded");
  });

  it("is not made for a job with concurrency: its queued listing is what the limit holds", async () => {
    const path = uniquePath("limited");
    const job = await heldCallJob(path, { concurrency: { limit: 1, overlap: "queue" } });
    const id = await startRun(job);
    await target.waitForHeld(path);
    // Read at once: the index heard of `running` before the call left.
    expect(await listedAs("queued", id)).toBe(false);
    expect(await listedAs("running", id)).toBe(true);
    await target.release(path);
    expect((await waitForRun(id)).status).toBe("succeeded");
  });
});
