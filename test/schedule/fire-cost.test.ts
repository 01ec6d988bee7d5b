/**
 * What one fire costs the coordinator besides the run it starts, counted: in a burst of
 * 1,000 fires due in the same second, the coordinators' work before each launch is on the
 * way to the last run's start (bench/README.md, "The 1,000-job burst in session 14").
 */
import { runInDurableObject } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { JobCoordinator } from "../../src/schedule/coordinator";
import {
  coordinatorOf,
  rewindCursors,
  saveScheduledJob,
  scheduledRuns,
  uniqueName,
} from "./support";

const YEARLY = "0 0 1 1 *";
const MID_2022 = Date.parse("2022-06-01T00:00:00Z");

afterEach(() => {
  vi.restoreAllMocks();
});

describe("a fire's own cost", () => {
  it("reads the coordinator's storage once", async () => {
    const job = uniqueName("one-read");
    await saveScheduledJob(job, { cron: YEARLY });
    await rewindCursors(job, MID_2022);

    const reads = await runInDurableObject(coordinatorOf(job), async (instance, state) => {
      const get = vi.spyOn(state.storage, "get");
      await (instance as unknown as JobCoordinator).alarm();
      return get.mock.calls.length;
    });
    expect(reads).toBe(1);
    expect(await scheduledRuns(job)).toHaveLength(1);
  });
});
