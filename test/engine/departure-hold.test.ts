/**
 * The drive loop's departure hold (driver.ts, DEPARTURE_HOLD_MS): after launching calls it
 * holds its D1 index write and alarm until a call settles, the bound passes, a timer falls
 * due or a poke, so the calls' requests leave first. Bounded: a call that takes long does not
 * keep its run listed `queued`; and not made where `queued` is what a job's concurrency (or
 * MAX_RUNNING_RUNS: test/gates/run-cap.cap-test.ts) holds back. (Crash safety during the
 * hold: crash.test.ts.)
 */
import { describe, expect, it } from "vitest";
import { target, uniquePath } from "../support/target";
import { createJob, listedAs, startRun, uniqueJobName, waitForRun } from "./runs";

/** A one-task job whose call the target holds until released, with `extra` fields. */
async function heldCallJob(path: string, extra: Record<string, unknown> = {}): Promise<string> {
  await target.program(path, [{ hold: true }]);
  return createJob({
    name: uniqueJobName("hold"),
    ...extra,
    steps: [{ id: "call", type: "task", http: { url: target.url(path) } }],
  });
}

describe("the departure hold", () => {
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
