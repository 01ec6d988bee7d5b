import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { compileJob } from "../../src/definition/compile";
import type { RunPlan } from "../../src/definition/ir";
import { RunStore } from "../../src/engine/store/run-store";
import { REDACTED } from "../../src/templates/secrets";
import { runs } from "./runs";

const compiled = compileJob(
  { name: "store", steps: [{ id: "only", type: "pass" }] },
  { actions: new Map(), handlers: new Set() },
);
if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
const plan: RunPlan = { job: compiled.job, version: 1, actions: {} };

/**
 * Runs `body` on a RunStore over the storage of a fresh run object that never started a
 * run (the object's own store stays untouched), with a run created in it.
 */
function withStore(
  body: (store: RunStore, storage: DurableObjectStorage) => void,
  secrets: readonly string[] = ["s3cret"],
) {
  const stub = runs.get(runs.newUniqueId());
  return runInDurableObject(stub, (_object, state) => {
    const store = new RunStore(state.storage, secrets);
    store.create(
      {
        run_id: "run_store_test",
        job: "store",
        version: 1,
        trigger: "api",
        idempotency_key: null,
        params: { a: 1 },
        status: "queued",
        created_at: 1,
        deadline_at: null,
        parent: null,
      },
      plan,
    );
    body(store, state.storage);
  });
}

/** What a store that never saw the writes reads: the row as committed. */
const committed = (storage: DurableObjectStorage) => new RunStore(storage).readRun();

describe("the run store's kept run row", () => {
  it("matches the committed row after each kind of write", async () => {
    await withStore((store, storage) => {
      store.readRun();
      store.updateRun({ executions: 3, output: { token: "s3cret" } });
      expect(store.readRun()).toEqual(committed(storage));
      expect(store.readRun().output).toEqual({ token: REDACTED });

      store.setStatus("failed", {
        error: { type: "failed", message: "x", retryable: false },
        finished_at: 5,
      });
      expect(store.readRun()).toEqual(committed(storage));
      expect(store.readRun()).toMatchObject({ status: "failed", seq: 2 });

      // An absent value is written as NULL, and read back as null.
      store.setStatus("running", { error: undefined, finished_at: null });
      expect(store.readRun()).toEqual(committed(storage));
      expect(store.readRun().error).toBeNull();

      store.markMirrored(3);
      store.markMirrored(1);
      expect(store.readRun()).toEqual(committed(storage));
      expect(store.readRun().mirrored_seq).toBe(3);
    });
  });

  it("forgets writes of a transaction that rolled back", async () => {
    await withStore((store, storage) => {
      expect(() =>
        store.transaction(() => {
          store.setStatus("running", { started_at: 9 });
          expect(store.readRun().status).toBe("running");
          throw new Error("abandoned");
        }),
      ).toThrow("abandoned");
      expect(store.readRun()).toEqual(committed(storage));
      expect(store.readRun()).toMatchObject({ status: "queued", started_at: null, seq: 1 });
    });
  });

  it("does not let a caller's later change of a patch reach the kept row", async () => {
    await withStore((store, storage) => {
      store.readRun();
      const output = { n: 1 };
      store.updateRun({ output });
      output.n = 2;
      expect(store.readRun()).toEqual(committed(storage));
      expect(store.readRun().output).toEqual({ n: 1 });
      // No secrets: redaction, which copies, does not run, so only the store's own copy protects it.
    }, []);
  });
});
