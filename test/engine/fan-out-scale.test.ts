/**
 * Ending one item of a large map must cost what that item holds, not what the whole run
 * holds. Counted in rows SQLite reads (the cursor's own `rowsRead`, deterministic), over the
 * real storage of a run object: a move that scanned every step row of a 5,000-item map would
 * read thousands; the time per item would then grow with the map (bench/README.md has it).
 */
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { compileJob } from "../../src/definition/compile";
import type { RunPlan } from "../../src/definition/ir";
import { emptyStep } from "../../src/engine/step-rows";
import { RunStore } from "../../src/engine/store/run-store";
import { succeedStep } from "../../src/engine/transitions";
import { runs } from "./runs";

const ITEMS = 5_000;
const IN_FLIGHT = 10;

const compiled = compileJob(
  {
    name: "scale",
    steps: [
      { id: "each", type: "map", items: "{{ params.items }}", steps: [{ id: "x", type: "pass" }] },
    ],
  },
  { actions: new Map(), handlers: new Set() },
);
if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
const plan: RunPlan = { job: compiled.job, version: 1, actions: {} };

/** A SqlStorage that tallies the rows each statement read. */
function countingSql(sql: SqlStorage) {
  const cursors: SqlStorageCursor<Record<string, SqlStorageValue>>[] = [];
  const counting = {
    exec: (query: string, ...bindings: unknown[]) => {
      const cursor = sql.exec(query, ...bindings);
      cursors.push(cursor);
      return cursor;
    },
  } as unknown as SqlStorage;
  const rowsRead = () => cursors.reduce((sum, cursor) => sum + cursor.rowsRead, 0);
  return { counting, rowsRead };
}

describe("fan-out bookkeeping at scale", () => {
  it("ends one item of a 5,000-item map reading only that item's rows", async () => {
    await runInDurableObject(runs.get(runs.newUniqueId()), (_object, state) => {
      const { counting, rowsRead } = countingSql(state.storage.sql);
      const store = new RunStore(state.storage, [], counting);
      const items = Array.from({ length: ITEMS }, (_, i) => i);
      store.create(
        {
          run_id: "scale",
          job: "scale",
          version: 1,
          trigger: "api",
          idempotency_key: null,
          params: { items },
          status: "running",
          created_at: 1,
          deadline_at: null,
          parent: null,
        },
        plan,
      );
      const done = ITEMS - IN_FLIGHT;
      store.transaction(() => {
        store.writeStep({ ...emptyStep("each"), status: "waiting", executions: 1, input: items });
        for (let i = 0; i < ITEMS; i += 1) {
          const finished = i < done;
          store.frames.startFrame("each", i);
          const row = { ...emptyStep(`each/${i}/x`), executions: 1 };
          store.writeStep(
            finished ? { ...row, status: "succeeded", output: i } : { ...row, status: "running" },
          );
          if (finished)
            store.frames.settleFrame("each", i, { status: "succeeded", output: i, error: null });
        }
      });

      const before = rowsRead();
      store.transaction(() => {
        const row = store.readStep(`each/${done}/x`) ?? emptyStep("");
        succeedStep(store, plan, row, done, 2);
      });
      const read = rowsRead() - before;
      expect(store.frames.countFrames("each")).toEqual({
        started: ITEMS,
        running: IN_FLIGHT - 1,
        failed: 0,
      });
      expect(read).toBeLessThan(100);
    });
  });
});
