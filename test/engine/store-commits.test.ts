/**
 * What a transaction holds back (the run row's columns, its events) and the step rows the
 * store keeps: each read answers what storage holds, inside a transaction and after its
 * commit or rollback, as a store that never saw the writes reads it.
 */
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { HistoryEvent } from "../../src/core/history";
import { compileJob } from "../../src/definition/compile";
import type { RunPlan } from "../../src/definition/ir";
import { emptyStep } from "../../src/engine/step-rows";
import { RunStore } from "../../src/engine/store/run-store";
import { runs } from "./runs";

const compiled = compileJob(
  { name: "commits", steps: [{ id: "a", type: "pass" }] },
  { actions: new Map(), handlers: new Set() },
);
if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
const plan: RunPlan = { job: compiled.job, version: 1, actions: {} };

function withStore(body: (store: RunStore, fresh: () => RunStore) => void) {
  return runInDurableObject(runs.get(runs.newUniqueId()), (_object, state) => {
    const store = new RunStore(state.storage, ["s3cret"]);
    store.create(
      {
        run_id: "run_commits_test",
        job: "commits",
        version: 1,
        trigger: "api",
        idempotency_key: null,
        params: { a: [1, { b: "s3cret" }] },
        status: "queued",
        created_at: 1,
        deadline_at: null,
        parent: { run_id: "run_parent", instance: "call", execution: 1, depth: 1 },
      },
      plan,
    );
    body(store, () => new RunStore(state.storage));
  });
}

const types = (store: RunStore) => store.history.readHistory(0, 100).map((record) => record.type);

describe("a transaction's held writes", () => {
  it("keeps the new run's row as create stored it", async () => {
    await withStore((store, fresh) => {
      expect(store.readRun()).toEqual(fresh().readRun());
    });
  });

  it("writes the run's columns and events at the commit, in order, seen inside before it", async () => {
    await withStore((store, fresh) => {
      const heard: HistoryEvent[][] = [];
      store.listen((events) => heard.push([...events]));
      store.transaction(() => {
        store.setStatus("running", { started_at: 5 });
        store.updateRun({ executions: 1, output: { token: "s3cret" } });
        store.setStatus("succeeded", { finished_at: 6 });
        expect(store.readRun()).toMatchObject({ status: "succeeded", seq: 3, executions: 1 });
        expect(fresh().readRun()).toMatchObject({ status: "queued", seq: 1 });
        expect(types(fresh())).toEqual([]);
      });
      expect(store.readRun()).toEqual(fresh().readRun());
      expect(fresh().readRun()).toMatchObject({ status: "succeeded", seq: 3, started_at: 5 });
      expect(fresh().readRun().output).toEqual({ token: "[redacted]" });
      expect(types(fresh())).toEqual(["run_status", "run_status"]);
      expect(heard.map((events) => events.length)).toEqual([2]);
    });
  });

  it("takes back an inner transaction's columns and events when it rolls back, and commits the rest", async () => {
    await withStore((store, fresh) => {
      const heard: HistoryEvent[][] = [];
      store.listen((events) => heard.push([...events]));
      store.transaction(() => {
        store.setStatus("running", { started_at: 5 });
        expect(() =>
          store.transaction(() => {
            store.updateRun({ executions: 7 });
            store.setStatus("failed");
            throw new Error("abandoned");
          }),
        ).toThrow("abandoned");
        expect(store.readRun()).toMatchObject({ status: "running", executions: 0, seq: 2 });
      });
      expect(store.readRun()).toEqual(fresh().readRun());
      expect(fresh().readRun()).toMatchObject({ status: "running", executions: 0, seq: 2 });
      expect(types(fresh())).toEqual(["run_status"]);
      expect(heard.flat().map((event) => event.type)).toEqual(["run_status"]);
    });
  });

  it("writes the columns a move names (null as NULL) and keeps the others, in a transaction or not", async () => {
    await withStore((store, fresh) => {
      const error = { type: "failed", message: "no", retryable: false };
      store.transaction(() =>
        store.setStatus("failed", { output: { n: 1 }, error, failed_step: "a", finished_at: 9 }),
      );
      store.markMirrored(2);
      store.transaction(() =>
        store.setStatus("running", { output: null, error: null, failed_step: null }),
      );
      expect(store.readRun()).toEqual(fresh().readRun());
      expect(fresh().readRun()).toMatchObject({
        status: "running",
        output: null,
        error: null,
        failed_step: null,
        finished_at: 9,
        seq: 3,
        mirrored_seq: 2,
        params: { a: [1, { b: "s3cret" }] },
      });
    });
  });

  it("writes at once what a listener writes while it hears a commit", async () => {
    await withStore((store, fresh) => {
      const unlisten = store.listen(() => {
        unlisten();
        store.append({ type: "step_started", step_id: "heard", data: { execution: 1 } });
      });
      store.transaction(() => store.setStatus("running"));
      expect(types(fresh())).toEqual(["run_status", "step_started"]);
    });
  });

  // 5: the INSERT of 25 rows holding 5; 52: two full ones, then the one of 4 rows holding 2.
  it.each([5, 52])("writes %i events in order, in the fixed INSERT shapes", async (count) => {
    await withStore((store, fresh) => {
      store.transaction(() => {
        for (let n = 0; n < count; n += 1)
          store.append({ type: "step_started", step_id: `s${n}`, data: { execution: n } });
      });
      const records = fresh().history.readHistory(0, 100);
      expect(records.map((record) => record.step_id)).toEqual(
        Array.from({ length: count }, (_, n) => `s${n}`),
      );
    });
  });
});

describe("the kept step rows", () => {
  it("answer what storage holds after writes, a commit and a rollback", async () => {
    await withStore((store, fresh) => {
      expect(store.readStep("a")).toBeNull();
      expect(store.readResultsIn("", ["a"])).toEqual([]);
      const row = { ...emptyStep("a"), status: "running" as const, input: { k: "s3cret" } };
      store.transaction(() => {
        store.writeStep(row);
        expect(store.readStep("a")).toEqual(fresh().readStep("a"));
        expect(store.readResultsIn("", ["a"])).toEqual(fresh().readResultsIn("", ["a"]));
      });
      expect(store.readStep("a")).toEqual(fresh().readStep("a"));
      expect(store.readStep("a")?.input).toEqual({ k: "[redacted]" });
      expect(() =>
        store.transaction(() => {
          store.writeStep({ ...row, status: "succeeded", output: 1 });
          throw new Error("abandoned");
        }),
      ).toThrow("abandoned");
      expect(store.readStep("a")).toEqual(fresh().readStep("a"));
      expect(store.readStep("a")?.status).toBe("running");
      expect(store.readResultsIn("", ["a"])).toEqual(fresh().readResultsIn("", ["a"]));
    });
  });

  it("answer the row a due timer's read brought along, and its absence", async () => {
    await withStore((store, fresh) => {
      store.transaction(() => {
        store.timers.addTimer("activate", "a", 0);
        store.timers.addTimer("activate", "b", 1);
        store.writeStep({ ...emptyStep("a"), status: "waiting" });
      });
      expect(store.timers.takeDueTimer(10, { paused: false, saturated: false })).toMatchObject({
        kind: "activate",
        step_id: "a",
      });
      expect(store.readStep("a")).toEqual(fresh().readStep("a"));
      store.transaction(() => store.timers.clearTimersUnder("a"));
      expect(store.timers.takeDueTimer(10, { paused: false, saturated: false })?.step_id).toBe("b");
      expect(store.readStep("b")).toBeNull();
    });
  });
});
