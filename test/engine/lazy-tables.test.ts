/**
 * The run tables most runs never use (events, callback tokens, frames of fan-out steps) are
 * created on a run's first use of each, not with the run (schema.ts `LAZY_TABLES`).
 */
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { compileJob } from "../../src/definition/compile";
import type { RunPlan } from "../../src/definition/ir";
import { RunStore } from "../../src/engine/store/run-store";
import { createJob, runs, startRun, uniqueJobName, waitForRun } from "./runs";

const LAZY = ["cairn_callback_urls", "cairn_events", "cairn_frames"];

function passPlan(): RunPlan {
  const compiled = compileJob(
    { name: "lazy", steps: [{ id: "a", type: "pass" }] },
    { actions: new Map(), handlers: new Set() },
  );
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
  return { job: compiled.job, version: 1, actions: {} };
}

function tablesOf(storage: DurableObjectStorage): string[] {
  return storage.sql
    .exec("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'cairn_%'")
    .toArray()
    .map((row) => String(row.name));
}

describe("tables created on first use", () => {
  it("gives a run of pass steps none of them, and a run that uses them each", async () => {
    const plain = await startRun(
      await createJob({ name: uniqueJobName("lazy-plain"), steps: [{ id: "a", type: "pass" }] }),
    );
    const fanned = await startRun(
      await createJob({
        name: uniqueJobName("lazy-fan"),
        steps: [
          {
            id: "each",
            type: "map",
            items: "{{ params.xs }}",
            steps: [{ id: "echo", type: "pass" }],
          },
        ],
      }),
      { params: { xs: [1, 2] } },
    );
    await Promise.all([waitForRun(plain), waitForRun(fanned)]);
    const tablesOfRun = (id: string) =>
      runInDurableObject(runs.get(runs.idFromName(id)), (_o, state) => tablesOf(state.storage));
    expect((await tablesOfRun(plain)).filter((name) => LAZY.includes(name))).toEqual([]);
    expect(await tablesOfRun(fanned)).toContain("cairn_frames");
  });

  it("creates a table again after the move that first created it rolled back", async () => {
    const frames = await runInDurableObject(runs.get(runs.newUniqueId()), (_o, state) => {
      const store = new RunStore(state.storage);
      store.transaction(() =>
        store.create(
          {
            run_id: "lazy",
            job: "lazy",
            version: 1,
            trigger: "api",
            idempotency_key: null,
            params: {},
            status: "queued",
            created_at: 1,
            deadline_at: null,
            parent: null,
          },
          passPlan(),
        ),
      );
      expect(() =>
        store.transaction(() => {
          store.frames.startFrame("each", 0);
          throw new Error("the move fails");
        }),
      ).toThrow("the move fails");
      expect(tablesOf(state.storage)).not.toContain("cairn_frames");
      store.frames.startFrame("each", 0);
      return store.frames.readFrames("each");
    });
    expect(frames).toEqual([expect.objectContaining({ idx: 0, status: "running" })]);
  });
});
