/**
 * What one fire costs the coordinator besides the run it starts, counted: in a burst of
 * 1,000 fires due in the same second, the coordinators' work before each launch is on the
 * way to the last run's start (bench/README.md, "The 1,000-job burst in session 14"); and
 * that the alarm's one storage read, inside the serialized section, sees what a call queued
 * before it left.
 */
import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { CronExpressionParser } from "cron-parser";
import { afterEach, describe, expect, it, vi } from "vitest";
import { getDb } from "../../src/db/client";
import { saveScheduleRecord } from "../../src/db/queries/schedules";
import type { Env } from "../../src/env";
import type { JobCoordinator } from "../../src/schedule/coordinator";
import { ConcurrencyGate } from "../../src/schedule/gate";
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
const MID_2022 = Date.parse("2022-06-01T00:00:00Z");
const d1 = (env as unknown as Env).DB;

afterEach(() => {
  vi.useRealTimers();
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

  it("starts a timely fire without parsing its cron before the launch", async () => {
    // The clock is set: a fire is timely when it falls between the last tick and the alarm.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.parse("2030-12-31T23:59:59Z"));
    const job = uniqueName("no-parse");
    await saveScheduledJob(job, { cron: YEARLY });
    const fire = Date.parse("2031-01-01T00:00:00Z");
    expect(await readAlarm(job)).toBe(fire);
    vi.setSystemTime(fire + 1_000);

    const parsesBeforeLaunch = await runInDurableObject(coordinatorOf(job), async (instance) => {
      const parse = vi.spyOn(CronExpressionParser, "parse");
      const admit = ConcurrencyGate.prototype.admit;
      const counted: number[] = [];
      vi.spyOn(ConcurrencyGate.prototype, "admit").mockImplementation(function (
        this: ConcurrencyGate,
        ...args
      ) {
        counted.push(parse.mock.calls.length);
        return admit.apply(this, args);
      });
      await (instance as unknown as JobCoordinator).alarm();
      return counted;
    });
    expect(parsesBeforeLaunch).toEqual([0]);
    expect(await scheduledRuns(job)).toHaveLength(1);
    expect(await readAlarm(job)).toBe(Date.parse("2032-01-01T00:00:00Z"));
  });

  it("writes the schedule record without building its statements again", async () => {
    const job = uniqueName("built-once");
    await saveScheduledJob(job, { cron: YEARLY });
    const record = {
      job,
      version: 1,
      paused: true,
      next_fire_at: null,
      last_fire_at: 1_000,
      last_error: "late",
      updated_at: 2_000,
    };
    await saveScheduleRecord(d1, record);

    const db = getDb(d1);
    const builds = [vi.spyOn(db, "insert"), vi.spyOn(db, "select")];
    const stamp = await saveScheduleRecord(d1, { ...record, paused: false, next_fire_at: 3_000 });
    expect(builds.map((build) => build.mock.calls.length)).toEqual([0, 0]);
    expect(stamp).toMatchObject({ version: 1 });
    expect(await readScheduleRow(job)).toMatchObject({
      version: 1,
      paused: 0,
      next_fire_at: 3_000,
      last_fire_at: 1_000,
      last_error: "late",
      updated_at: 2_000,
    });
  });

  it("answers no stamp for a job that is gone", async () => {
    const job = uniqueName("gone");
    const record = {
      job,
      version: 1,
      paused: false,
      next_fire_at: null,
      last_fire_at: null,
      last_error: null,
      updated_at: 1,
    };
    expect(await saveScheduleRecord(d1, record)).toBeNull();
  });
});

/** What a save without a schedule, or a delete, leaves in D1 before its `sync` arrives. */
const CLEARINGS: Record<string, (job: string) => Promise<unknown>> = {
  "the job deleted": (job) =>
    d1.batch([
      d1.prepare("DELETE FROM job_versions WHERE job = ?").bind(job),
      d1.prepare("DELETE FROM jobs WHERE name = ?").bind(job),
    ]),
  "the job saved without a schedule": (job) =>
    d1.batch([
      d1
        .prepare(
          `INSERT INTO job_versions (job, version, source, compiled, created_at)
           SELECT job, 2, json_remove(source, '$.schedule'), compiled, created_at
           FROM job_versions WHERE job = ? AND version = 1`,
        )
        .bind(job),
      d1.prepare("UPDATE jobs SET version = 2 WHERE name = ?").bind(job),
    ]),
};

describe("an alarm queued behind a sync that clears the schedule", () => {
  it.each(Object.keys(CLEARINGS))("starts no run from the state before it (%s)", async (how) => {
    const job = uniqueName("behind-sync");
    await saveScheduledJob(job, { cron: YEARLY });
    // Fires are due, and the kept job has a schedule: an alarm reading the state as it is now
    // would start one.
    await rewindCursors(job, MID_2022);
    await CLEARINGS[how]?.(job);

    const seen = await runInDurableObject(coordinatorOf(job), async (instance, state) => {
      const coordinator = instance as unknown as JobCoordinator;
      const get = vi.spyOn(state.storage, "get");
      const remove = vi.spyOn(state.storage, "delete");
      const admit = vi.spyOn(ConcurrencyGate.prototype, "admit");
      // Both called before either's work begins: the alarm's work is queued behind the sync's
      // in the coordinator's one serialized section, as when it arrives while the sync awaits D1.
      const synced = coordinator.sync(job);
      const alarmed = coordinator.alarm();
      const status = await synced;
      await alarmed;
      const reads = await Promise.all(get.mock.results.map((result) => result.value));
      return {
        status,
        keysRead: reads.map((read) => [...(read as Map<string, unknown>).keys()].sort()),
        readOrder: get.mock.invocationCallOrder,
        clearOrder: remove.mock.invocationCallOrder,
        admits: admit.mock.calls.length,
      };
    });
    expect(seen.status).toMatchObject({ scheduled: false, started: 0 });
    // The sync read the old state and cleared it; the alarm's one read came after, and found none.
    expect(seen.keysRead).toEqual([["job", "state"], []]);
    const [syncRead, alarmRead] = seen.readOrder;
    const [clear] = seen.clearOrder;
    expect(syncRead).toBeLessThan(clear ?? 0);
    expect(clear).toBeLessThan(alarmRead ?? 0);
    expect(seen.admits).toBe(0);
    expect(await scheduledRuns(job)).toEqual([]);
    expect(await readAlarm(job)).toBeNull();
    expect(await readScheduleRow(job)).toBeNull();
  });
});
