import { runDurableObjectAlarm } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { CoordinatorClient } from "../../src/clients/coordinator";
import { nextFireTimes, parseSchedule } from "../../src/definition/schedule-expression";
import { call, db } from "../api/api-client";
import {
  coordinatorOf,
  readAlarm,
  readScheduleRow,
  readState,
  rewindCursors,
  saveScheduledJob,
  scheduledRuns,
  uniqueName,
} from "./support";

const YEARLY = "0 0 1 1 *";
// Before the 2023..2026 New Year fires: four fire times "missed" without waiting for any.
const MID_2022 = Date.parse("2022-06-01T00:00:00Z");

function nextYearly(): number {
  const parsed = parseSchedule(YEARLY);
  if (!parsed.ok) throw new Error(parsed.message);
  const [next] = nextFireTimes(parsed.spec, Date.now(), 1);
  return next as number;
}

async function runVersion(id: string | undefined): Promise<number | undefined> {
  const row = await db
    .prepare("SELECT version FROM runs WHERE id = ?")
    .bind(id)
    .first<{ version: number }>();
  return row?.version;
}

describe("the job coordinator", () => {
  it("is armed at the next fire time when a scheduled job is saved", async () => {
    const job = uniqueName("armed");
    await saveScheduledJob(job, { cron: YEARLY });
    expect(await readAlarm(job)).toBe(nextYearly());
    expect(await readScheduleRow(job)).toMatchObject({
      version: 1,
      paused: 0,
      next_fire_at: nextYearly(),
    });
  });

  it("starts one run per fire time however often the alarm is delivered", async () => {
    const job = uniqueName("twice");
    await saveScheduledJob(job, { cron: YEARLY, params: { source: "cron" } });
    await rewindCursors(job, MID_2022);

    expect(await runDurableObjectAlarm(coordinatorOf(job))).toBe(true);
    const [run, ...others] = await scheduledRuns(job);
    expect(others).toEqual([]);
    // The alarm is re-armed; delivering it again (early) starts nothing.
    expect(await runDurableObjectAlarm(coordinatorOf(job))).toBe(true);
    expect(await scheduledRuns(job)).toEqual([run]);

    // A crash after starting the run but before saving the cursor replays the same fire time.
    await rewindCursors(job, MID_2022);
    expect(await runDurableObjectAlarm(coordinatorOf(job))).toBe(true);
    expect(await scheduledRuns(job)).toEqual([run]);

    const response = await call(`/runs/${run}`);
    expect(await response.json()).toMatchObject({ job, params: { source: "cron" } });
    expect(await readAlarm(job)).toBe(nextYearly());
  });

  it("starts one run when the alarm and watchdog visits arrive at once", async () => {
    const job = uniqueName("racing");
    await saveScheduledJob(job, { cron: YEARLY, catchup: "all" });
    await rewindCursors(job, MID_2022);
    const stub = coordinatorOf(job) as unknown as CoordinatorClient;
    await Promise.all([
      runDurableObjectAlarm(coordinatorOf(job)),
      stub.sync(job),
      stub.sync(job),
      runDurableObjectAlarm(coordinatorOf(job)),
    ]);
    expect(await scheduledRuns(job)).toHaveLength(4);
  });

  it("starts afresh when a job is deleted and created again", async () => {
    const job = uniqueName("again");
    await saveScheduledJob(job, { cron: YEARLY });
    await call(`/jobs/${job}/pause`, { method: "POST" });
    // As if the delete's notification were lost: the coordinator still holds the old state.
    await db.prepare("DELETE FROM jobs WHERE name = ?").bind(job).run();
    await saveScheduledJob(job, { cron: YEARLY });
    expect(await readState(job)).toMatchObject({ paused: false });
    expect(await readAlarm(job)).toBe(nextYearly());
  });

  it("stops firing while paused and resumes at the next fire time", async () => {
    const job = uniqueName("paused");
    await saveScheduledJob(job, { cron: YEARLY });
    const paused = await call(`/jobs/${job}/pause`, { method: "POST" });
    expect(await paused.json()).toEqual({ job, paused: true, next_fire_at: null });
    expect(await readAlarm(job)).toBeNull();
    expect(await runDurableObjectAlarm(coordinatorOf(job))).toBe(false);
    expect((await readScheduleRow(job))?.paused).toBe(1);

    const resumed = await call(`/jobs/${job}/resume`, { method: "POST" });
    expect(await resumed.json()).toEqual({
      job,
      paused: false,
      next_fire_at: new Date(nextYearly()).toISOString(),
    });
    expect(await readAlarm(job)).toBe(nextYearly());
    expect(await scheduledRuns(job)).toEqual([]);
  });

  describe("catches up on fires missed while paused, as each entry says", () => {
    it.each([
      ["none", 0],
      ["latest", 1],
      ["all", 4],
    ] as const)("catchup: %s starts %i run(s)", async (catchup, expected) => {
      const job = uniqueName(`catchup-${catchup}`);
      await saveScheduledJob(job, { cron: YEARLY, catchup });
      await call(`/jobs/${job}/pause`, { method: "POST" });
      await rewindCursors(job, MID_2022);
      // Ticks while paused start nothing and keep the cursor where it was.
      expect(await runDurableObjectAlarm(coordinatorOf(job))).toBe(false);
      await call(`/jobs/${job}`, {
        method: "PUT",
        body: {
          name: job,
          schedule: { cron: YEARLY, catchup },
          steps: [{ id: "done", type: "succeed" }],
        },
      });
      expect((await readState(job))?.paused).toBe(true);
      expect(await scheduledRuns(job)).toEqual([]);

      await call(`/jobs/${job}/resume`, { method: "POST" });
      expect(await scheduledRuns(job)).toHaveLength(expected);
    });
  });

  it("catches up a disabled entry when it is enabled again", async () => {
    const job = uniqueName("disabled");
    await saveScheduledJob(job, { cron: YEARLY, enabled: false, catchup: "all" });
    expect(await readAlarm(job)).toBeNull();
    await rewindCursors(job, MID_2022);
    await call(`/jobs/${job}`, {
      method: "PUT",
      body: {
        name: job,
        schedule: { cron: YEARLY, catchup: "all" },
        steps: [{ id: "done", type: "succeed" }],
      },
    });
    expect(await scheduledRuns(job)).toHaveLength(4);
    expect(await readAlarm(job)).toBe(nextYearly());
  });

  it("follows the schedule of a job created again at the same version", async () => {
    const job = uniqueName("recreated");
    await saveScheduledJob(job, { cron: YEARLY });
    // The delete's notification lost again: version 1 comes back with another schedule.
    await db.batch([
      db.prepare("DELETE FROM job_versions WHERE job = ?").bind(job),
      db.prepare("DELETE FROM jobs WHERE name = ?").bind(job),
    ]);
    await saveScheduledJob(job, { cron: "@every 1h" });
    const nextHour = (Math.floor(Date.now() / 3_600_000) + 1) * 3_600_000;
    expect([nextHour, nextHour + 3_600_000]).toContain(await readAlarm(job));
  });

  it("fires from the job its last save synced, without reading the job from D1", async () => {
    const job = uniqueName("kept");
    await saveScheduledJob(job, { cron: YEARLY });
    await call(`/jobs/${job}`, {
      method: "PUT",
      body: { name: job, schedule: { cron: YEARLY }, steps: [{ id: "v2", type: "succeed" }] },
    });
    await rewindCursors(job, MID_2022);
    // Gone from D1, the version can only come from the coordinator's own copy of it.
    await db.prepare("DELETE FROM job_versions WHERE job = ?").bind(job).run();

    expect(await runDurableObjectAlarm(coordinatorOf(job))).toBe(true);
    const [run, ...others] = await scheduledRuns(job);
    expect(others).toEqual([]);
    expect(await runVersion(run)).toBe(2);
    expect(await readAlarm(job)).toBe(nextYearly());
  });

  it("follows a save whose notification was lost right after the next fire", async () => {
    const job = uniqueName("lost-save");
    await saveScheduledJob(job, { cron: YEARLY });
    await rewindCursors(job, MID_2022);
    // Version 2 has no schedule, and its save never told the coordinator.
    await db.batch([
      db
        .prepare(
          `INSERT INTO job_versions (job, version, source, compiled, created_at)
           SELECT job, 2, json_remove(source, '$.schedule'), compiled, created_at
           FROM job_versions WHERE job = ? AND version = 1`,
        )
        .bind(job),
      db.prepare("UPDATE jobs SET version = 2 WHERE name = ?").bind(job),
    ]);

    // That fire still comes from version 1; then the coordinator reads version 2 and stops.
    expect(await runDurableObjectAlarm(coordinatorOf(job))).toBe(true);
    const [run, ...others] = await scheduledRuns(job);
    expect(others).toEqual([]);
    expect(await runVersion(run)).toBe(1);
    expect(await readAlarm(job)).toBeNull();
    expect(await readState(job)).toBeUndefined();
    expect(await readScheduleRow(job)).toBeNull();
  });

  it("forgets a job whose delete's notification was lost at its next fire", async () => {
    const job = uniqueName("lost-delete");
    await saveScheduledJob(job, { cron: YEARLY });
    await db.batch([
      db.prepare("DELETE FROM job_versions WHERE job = ?").bind(job),
      db.prepare("DELETE FROM jobs WHERE name = ?").bind(job),
    ]);

    expect(await runDurableObjectAlarm(coordinatorOf(job))).toBe(true);
    expect(await readAlarm(job)).toBeNull();
    expect(await readState(job)).toBeUndefined();
    expect(await readScheduleRow(job)).toBeNull();
  });

  it("follows edits and forgets a deleted job", async () => {
    const job = uniqueName("edited");
    await saveScheduledJob(job, { cron: YEARLY });
    const edited = await call(`/jobs/${job}`, {
      method: "PUT",
      body: {
        name: job,
        schedule: { cron: "@every 1h" },
        steps: [{ id: "done", type: "succeed" }],
      },
    });
    expect(edited.status).toBe(200);
    const nextHour = (Math.floor(Date.now() / 3_600_000) + 1) * 3_600_000;
    expect([nextHour, nextHour + 3_600_000]).toContain(await readAlarm(job));
    expect((await readScheduleRow(job))?.version).toBe(2);

    expect((await call(`/jobs/${job}`, { method: "DELETE" })).status).toBe(204);
    expect(await readAlarm(job)).toBeNull();
    expect(await readState(job)).toBeUndefined();
    expect(await readScheduleRow(job)).toBeNull();
  });
});
