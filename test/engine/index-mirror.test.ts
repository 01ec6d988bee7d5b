/**
 * The D1 run index under the bounded-staleness rule (alarm.ts, nextIndexWrite): a run whose
 * waits are all shorter than INDEX_SETTLE_MS writes its index row as often as a run with one
 * wait, and a long wait still reaches `GET /runs?status=waiting`. Index writes are counted by
 * a D1 trigger on the real `runs` table (an upsert the seq guard refuses changes no row and
 * is not counted, as it writes nothing).
 */
import { describe, expect, it } from "vitest";
import { call, db } from "../api/api-client";
import { target, uniquePath } from "../support/target";
import { createJob, getRun, listedAs, startRun, uniqueJobName, waitForRun } from "./runs";

async function recordIndexWrites(): Promise<void> {
  await db.batch([
    db.prepare(
      "CREATE TABLE IF NOT EXISTS test_index_writes (n INTEGER PRIMARY KEY, id TEXT, status TEXT)",
    ),
    db.prepare(
      `CREATE TRIGGER IF NOT EXISTS test_index_inserts AFTER INSERT ON runs
       BEGIN INSERT INTO test_index_writes (id, status) VALUES (NEW.id, NEW.status); END`,
    ),
    db.prepare(
      `CREATE TRIGGER IF NOT EXISTS test_index_updates AFTER UPDATE ON runs
       BEGIN INSERT INTO test_index_writes (id, status) VALUES (NEW.id, NEW.status); END`,
    ),
  ]);
}

/** The statuses written to the run's index row, in order. */
async function indexWrites(id: string): Promise<string[]> {
  const { results } = await db
    .prepare("SELECT status FROM test_index_writes WHERE id = ? ORDER BY n")
    .bind(id)
    .all<{ status: string }>();
  return results.map((row) => row.status);
}

/** A job of `pairs` x (a short wait, a call). */
async function waitsAndCalls(pairs: number): Promise<string> {
  const path = uniquePath("index");
  const steps = Array.from({ length: pairs }, (_, i) => [
    { id: `nap${i}`, type: "wait", duration: "100ms" },
    { id: `call${i}`, type: "task", http: { url: target.url(path) } },
  ]).flat();
  return createJob({ name: uniqueJobName(`index-${pairs}`), steps });
}

describe("the run index and short waits", () => {
  it("writes a run of 5 short waits and calls as often as a run of one", async () => {
    await recordIndexWrites();
    const one = await startRun(await waitsAndCalls(1));
    const five = await startRun(await waitsAndCalls(5));
    expect((await waitForRun(one)).status).toBe("succeeded");
    expect((await waitForRun(five)).status).toBe("succeeded");
    // The first insert and first move may differ in how the start is made; the waits add none.
    const written = await indexWrites(one);
    expect(written).toContain("running");
    expect(written.at(-1)).toBe("succeeded");
    expect(written).not.toContain("waiting");
    expect(await indexWrites(five)).toEqual(written);
  });

  it("still lists a long wait as waiting, and its end at once", async () => {
    await recordIndexWrites();
    const job = await createJob({
      name: uniqueJobName("index-long"),
      steps: [{ id: "hold", type: "wait_for_event", event: "go" }],
    });
    const id = await startRun(job);
    // The run's own object is the truth for GET /runs/{id}: waiting at once.
    await waitForRun(id, ["waiting"]);
    const deadline = Date.now() + 20_000;
    while (!(await listedAs("waiting", id))) {
      if (Date.now() > deadline) throw new Error(`run ${id} never listed as waiting`);
      await scheduler.wait(100);
    }
    const whileWaiting = await indexWrites(id);
    expect(whileWaiting.at(-1)).toBe("waiting");
    expect((await call(`/runs/${id}/events/go`, { body: {} })).status).toBe(202);
    expect((await waitForRun(id)).status).toBe("succeeded");
    // The short running after the event is not written; the end is.
    expect(await indexWrites(id)).toEqual([...whileWaiting, "succeeded"]);
    expect(await listedAs("succeeded", id)).toBe(true);
    expect((await getRun(id)).status).toBe("succeeded");
  });
});
