/**
 * The gate object on its own: idempotent requests, FIFO grants, replaced and expired
 * holders. The grant to a run goes through the real run object.
 */
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { gateClient } from "../../src/clients/gate";
import type { SlotKey } from "../../src/clients/slot";
import type { Env } from "../../src/env";
import {
  createAction,
  createJob,
  startRun,
  uniqueJobName,
  waitForRun,
  waitForSteps,
} from "../engine/runs";
import { target, uniquePath } from "../support/target";

const gates = (env as unknown as Env).ACTION_GATES;
const terms = { limit: 1, lease_ms: 15 * 60_000 };
const key = (run_id: string, attempt = 1): SlotKey => ({
  run_id,
  instance: "call",
  execution: 1,
  attempt,
});

describe("ActionGate", () => {
  it("answers repeats the same and serves waiters in order", async () => {
    const gate = gateClient(env as unknown as Env, uniqueJobName("gate"));
    expect(await gate.acquire(key("a"), terms)).toBe("granted");
    expect(await gate.acquire(key("a"), terms)).toBe("granted");
    expect(await gate.acquire(key("b"), terms)).toBe("queued");
    expect(await gate.acquire(key("c"), terms)).toBe("queued");
    expect(await gate.acquire(key("b"), terms)).toBe("queued");
    const states = (await gate.describe()).slots.map((slot) => [slot.run_id, slot.state]);
    expect(states).toEqual([
      ["a", "held"],
      ["b", "waiting"],
      ["c", "waiting"],
    ]);
    await gate.release(key("a"));
    await gate.release(key("a"));
    // b is granted first (its run does not exist, so the alarm may already have passed it on).
    const after = (await gate.describe()).slots.map((slot) => [slot.run_id, slot.state]);
    expect(after.map(([run]) => run)).not.toContain("a");
    if (after[0]?.[0] === "b")
      expect(after).toEqual([
        ["b", "granted"],
        ["c", "waiting"],
      ]);
  });

  it("lets a newer attempt of the same step replace a holder whose release was lost", async () => {
    const gate = gateClient(env as unknown as Env, uniqueJobName("gate"));
    expect(await gate.acquire(key("a", 1), terms)).toBe("granted");
    expect(await gate.acquire(key("a", 2), terms)).toBe("granted");
    expect((await gate.describe()).slots.map((slot) => slot.attempt)).toEqual([2]);
  });

  it("expires a holder whose run vanished, and grants the next waiter", async () => {
    const path = uniquePath("lease");
    const action = uniqueJobName("leased");
    await createAction({
      name: action,
      type: "http",
      method: "POST",
      url: target.url(path),
      concurrency: { limit: 1 },
    });
    const job = await createJob({
      name: uniqueJobName("lease"),
      steps: [{ id: "call", type: "task", action }],
    });
    const gate = gateClient(env as unknown as Env, action);
    expect(await gate.acquire(key("vanished"), terms)).toBe("granted");
    const id = await startRun(job);
    await waitForSteps(id, (steps) => steps.some((s) => s.status === "waiting"));

    const stub = gates.get(gates.idFromName(action));
    await runInDurableObject(stub, (_gate, state) => {
      state.storage.sql.exec("UPDATE gate_slots SET lease_until = 0 WHERE run_id = 'vanished'");
    });
    await runDurableObjectAlarm(stub);
    expect((await waitForRun(id)).status).toBe("succeeded");
  });

  it("passes a grant the run declines to the next waiter", async () => {
    const gate = gateClient(env as unknown as Env, uniqueJobName("gate"));
    expect(await gate.acquire(key("holder"), terms)).toBe("granted");
    // Runs that do not exist decline: the queue empties instead of sticking.
    expect(await gate.acquire(key("no-such-run-1"), terms)).toBe("queued");
    expect(await gate.acquire(key("no-such-run-2"), terms)).toBe("queued");
    await gate.release(key("holder"));
    for (let round = 0; (await gate.describe()).slots.length > 0; round += 1) {
      expect(round).toBeLessThan(500);
      await scheduler.wait(20);
    }
  });
});
