import {
  createExecutionContext,
  createScheduledController,
  runInDurableObject,
  waitOnExecutionContext,
} from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Env } from "../../src/env";
import worker from "../../src/index";
import { call, db } from "../api/api-client";
import {
  coordinatorOf,
  readAlarm,
  readScheduleRow,
  rewindCursors,
  saveScheduledJob,
  scheduledRuns,
  uniqueName,
} from "./support";

const YEARLY = "0 0 1 1 *";
const NEW_YEAR_2026 = Date.parse("2026-01-01T00:00:00Z");

/** Delivers the minute Cron Trigger, as the runtime would, and waits for its work. */
async function deliverCronTrigger(scheduledTime: number): Promise<void> {
  const ctx = createExecutionContext();
  await worker.scheduled(
    createScheduledController({ cron: "* * * * *", scheduledTime }),
    env as unknown as Env,
    ctx,
  );
  await waitOnExecutionContext(ctx);
}

/** A lost alarm: the coordinator missed the 2026 New Year fire and has no alarm. */
async function loseAlarm(job: string): Promise<void> {
  await rewindCursors(job, NEW_YEAR_2026 - 60_000);
  await runInDurableObject(coordinatorOf(job), (_instance, state) => state.storage.deleteAlarm());
  await db
    .prepare("UPDATE schedules SET next_fire_at = ? WHERE job = ?")
    .bind(NEW_YEAR_2026, job)
    .run();
}

describe("the Cron Trigger watchdog for schedules", () => {
  it("re-arms a lost alarm and starts the missed fire once, however often the trigger fires", async () => {
    const job = uniqueName("lost");
    await saveScheduledJob(job, { cron: YEARLY, catchup: "latest" });
    const armed = await readAlarm(job);
    await loseAlarm(job);

    const now = Date.now();
    await deliverCronTrigger(now);
    await deliverCronTrigger(now);
    expect(await scheduledRuns(job)).toHaveLength(1);
    expect(await readAlarm(job)).toBe(armed);
    expect((await readScheduleRow(job))?.next_fire_at).toBe(armed);
  });

  it("skips the missed fire under catchup: none, and still re-arms", async () => {
    const job = uniqueName("lost-none");
    await saveScheduledJob(job, { cron: YEARLY, catchup: "none" });
    const armed = await readAlarm(job);
    await loseAlarm(job);
    await deliverCronTrigger(Date.now());
    expect(await scheduledRuns(job)).toEqual([]);
    expect(await readAlarm(job)).toBe(armed);
  });

  it("loads a scheduled job its coordinator never heard of", async () => {
    const job = uniqueName("unheard");
    await saveScheduledJob(job, { cron: YEARLY });
    const armed = await readAlarm(job);
    // As if the save's notification had failed: no coordinator state and no bookkeeping.
    await runInDurableObject(coordinatorOf(job), async (_instance, state) => {
      await state.storage.deleteAlarm();
      await state.storage.deleteAll();
    });
    await db.prepare("DELETE FROM schedules WHERE job = ?").bind(job).run();

    await deliverCronTrigger(Date.now());
    expect(await readAlarm(job)).toBe(armed);
    expect(await readScheduleRow(job)).toMatchObject({ version: 1, next_fire_at: armed });
  });

  it("leaves paused schedules alone", async () => {
    const job = uniqueName("paused");
    await saveScheduledJob(job, { cron: YEARLY, catchup: "all" });
    await call(`/jobs/${job}/pause`, { method: "POST" });
    await loseAlarm(job);
    await deliverCronTrigger(Date.now());
    expect(await scheduledRuns(job)).toEqual([]);
    expect(await readAlarm(job)).toBeNull();
  });
});
