/**
 * Crash recovery. A run's storage only ever holds one of these states for a step: its
 * activation pending (a timer), an attempt journalled and in flight, or the step committed
 * together with the next step's activation (the outcome and the move forward are one
 * transaction, so "after the call, before the next transition" is never on disk by itself).
 * Each test kills the object in one of those states and checks, from the target server's
 * own log, that completed steps never ran again and the in-flight one ran at most twice
 * with the same idempotency key.
 *
 * `evictDurableObject` is graceful: it waits for requests in progress to drain, and an alarm
 * handler holding an open call never drains. So the crash mid-call is
 * `abortAllDurableObjects`, the harder one: the instance dies with its call in flight.
 */
import {
  abortAllDurableObjects,
  evictDurableObject,
  runDurableObjectAlarm,
  runInDurableObject,
} from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { target, uniquePath } from "../support/target";
import { createJob, getSteps, runs, startRun, stepOf, uniqueJobName, waitForRun } from "./runs";

const stubOf = (id: string) => runs.get(runs.idFromName(id));

async function twoCallJob(first: string, second: string, between: unknown[] = []) {
  return createJob({
    name: uniqueJobName("crash"),
    steps: [
      { id: "first", type: "task", http: { method: "POST", url: target.url(first) } },
      ...between,
      { id: "second", type: "task", http: { method: "POST", url: target.url(second) } },
    ],
  });
}

async function oneCallJob(path: string) {
  return createJob({
    name: uniqueJobName("crash"),
    steps: [{ id: "call", type: "task", http: { method: "POST", url: target.url(path) } }],
  });
}

/** The lease timer of the run's call in flight (null: none) and the run object's alarm. */
function leaseAndAlarmOf(id: string) {
  return runInDurableObject(stubOf(id), async (_o, state) => ({
    lease:
      state.storage.sql
        .exec<{ due_at: number }>("SELECT due_at FROM cairn_timers WHERE kind = 'lease'")
        .toArray()[0]?.due_at ?? null,
    alarm: await state.storage.getAlarm(),
  }));
}

async function keysOf(path: string): Promise<string[]> {
  return (await target.requests(path)).map((r) => String(r.headers["idempotency-key"]));
}

describe("crash recovery", () => {
  it("finishes a run evicted right after it was started", async () => {
    const [first, second] = [uniquePath("a"), uniquePath("b")];
    const id = await startRun(await twoCallJob(first, second));
    await evictDurableObject(stubOf(id));
    expect((await waitForRun(id)).status).toBe("succeeded");
    expect(await keysOf(first)).toEqual([`${id}:first:1`]);
    expect(await keysOf(second)).toEqual([`${id}:second:1`]);
  });

  it("takes up a call aborted while the loop holds its index write and alarm for it", async () => {
    const path = uniquePath("held");
    await target.program(path, [{ hold: true }, { status: 200 }]);
    const id = await startRun(await oneCallJob(path));
    // The request is held: the loop holds its side work for DEPARTURE_HOLD_MS after the
    // launch, with no alarm set from the lease yet; the abort comes as soon as the target
    // has the request, usually inside that hold (after it, the lease's alarm covers the call).
    await target.waitForHeld(path);
    await abortAllDurableObjects();
    await target.release(path);
    // No runDurableObjectAlarm: the runtime retries the alarm invocation that died.
    expect((await waitForRun(id, undefined, 25_000)).status).toBe("succeeded");
    expect(new Set(await keysOf(path))).toEqual(new Set([`${id}:call:1`]));
    expect(stepOf(await getSteps(id), "call").attempts).toBe(1);
    // Time for the lease's alarm (LEASE_MS), should the abort come after the hold.
  }, 30_000);

  it("commits the lease as the alarm with the journal when alarm() is called directly", async () => {
    // runDurableObjectAlarm deletes the alarm and calls alarm() itself: no runtime alarm stays
    // committed behind the calls that invocation launches, so its first journal sets one.
    const path = uniquePath("direct");
    await target.program(path, [{ hold: true }, { hold: true }, { status: 200 }]);
    const id = await startRun(await oneCallJob(path));
    await target.waitForHeld(path);
    await abortAllDurableObjects();
    await target.release(path);
    const interrupted = await leaseAndAlarmOf(id);
    // The alarm handler lasts as long as the call it makes, so it is not awaited here.
    const direct = runDurableObjectAlarm(stubOf(id)).catch(() => false);
    // Read as soon as the new attempt is journaled: inside the loop's departure hold.
    let during = interrupted;
    const deadline = Date.now() + 10_000;
    while (during.lease === interrupted.lease && Date.now() < deadline)
      during = await leaseAndAlarmOf(id);
    expect(during.lease).not.toBe(interrupted.lease);
    expect(during.alarm).toBe(during.lease);
    await target.waitForHeld(path);
    await abortAllDurableObjects();
    await target.release(path);
    expect(await runDurableObjectAlarm(stubOf(id))).toBe(true);
    expect((await waitForRun(id)).status).toBe("succeeded");
    await direct;
    expect(new Set(await keysOf(path))).toEqual(new Set([`${id}:call:1`]));
  });

  it("repeats only the call that was in flight, with the same key, after a hard abort", async () => {
    const [first, second] = [uniquePath("a"), uniquePath("b")];
    await target.program(second, [{ hold: true }, { status: 200, body: { again: true } }]);
    const id = await startRun(await twoCallJob(first, second));
    await target.waitForHeld(second);
    await abortAllDurableObjects();
    await target.release(second);
    // The lease alarm would fire on its own; running it now keeps the test short.
    await runDurableObjectAlarm(stubOf(id));
    const run = await waitForRun(id);
    expect(run.status).toBe("succeeded");
    expect(await keysOf(first)).toEqual([`${id}:first:1`]);
    const secondKeys = await keysOf(second);
    expect(secondKeys.length).toBeGreaterThanOrEqual(1);
    expect(secondKeys.length).toBeLessThanOrEqual(2);
    expect(new Set(secondKeys)).toEqual(new Set([`${id}:second:1`]));
    expect(stepOf(await getSteps(id), "second").attempts).toBe(1);
  });

  it("does not repeat a committed step when aborted while the next one waits", async () => {
    const [first, second] = [uniquePath("a"), uniquePath("b")];
    const id = await startRun(
      await twoCallJob(first, second, [{ id: "nap", type: "wait", duration: "400ms" }]),
    );
    await waitForRun(id, ["waiting"]);
    await abortAllDurableObjects();
    // No attempt was in flight: the wait's own alarm fires on time and the run goes on.
    expect((await waitForRun(id)).status).toBe("succeeded");
    expect(await keysOf(first)).toHaveLength(1);
    expect(await keysOf(second)).toHaveLength(1);
  });

  it("survives repeated crashes during the same call", async () => {
    const [first, second] = [uniquePath("a"), uniquePath("b")];
    await target.program(first, [{ hold: true }, { hold: true }, { status: 200 }]);
    const id = await startRun(await twoCallJob(first, second));
    // The alarm handler lasts as long as the call it makes, so it is not awaited here.
    const alarms: Promise<boolean>[] = [];
    for (let crash = 1; crash <= 2; crash += 1) {
      await target.waitForHeld(first);
      await abortAllDurableObjects();
      await target.release(first);
      alarms.push(runDurableObjectAlarm(stubOf(id)).catch(() => false));
    }
    expect((await waitForRun(id)).status).toBe("succeeded");
    await Promise.all(alarms);
    expect(new Set(await keysOf(first))).toEqual(new Set([`${id}:first:1`]));
    expect(await keysOf(second)).toHaveLength(1);
  });
});
