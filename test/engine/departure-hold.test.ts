/**
 * The drive loop's departure hold (driver.ts, DEPARTURE_HOLD_MS): after launching calls it
 * holds its D1 index write and alarm until a call settles, the bound passes, a timer falls
 * due or a poke, so the calls' requests leave first. Bounded: a call that takes long does not
 * keep its run listed `queued`. (Crash safety during the hold: crash.test.ts.)
 */
import { describe, expect, it } from "vitest";
import { target, uniquePath } from "../support/target";
import { createJob, listedAs, startRun, uniqueJobName, waitForRun } from "./runs";

describe("the departure hold", () => {
  it("is bounded: a run whose call is still in flight is listed running", async () => {
    const path = uniquePath("slow");
    await target.program(path, [{ hold: true }]);
    const job = await createJob({
      name: uniqueJobName("hold"),
      steps: [{ id: "call", type: "task", http: { url: target.url(path) } }],
    });
    const id = await startRun(job);
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
});
