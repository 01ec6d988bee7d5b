import { describe, expect, it } from "vitest";
import { call, type ProblemBody } from "../api/api-client";
import { saveScheduledJob, uniqueName } from "./support";

const STEPS = [{ id: "done", type: "succeed" }];

async function saveErrors(job: Record<string, unknown>): Promise<ProblemBody["errors"]> {
  const response = await call("/jobs", { body: { steps: STEPS, ...job } });
  expect(response.status).toBe(400);
  return (await response.json<ProblemBody>()).errors;
}

interface ScheduleView {
  job: string;
  index: number;
  cron: string;
  timezone: string;
  description: string;
  enabled: boolean;
  paused: boolean;
  catchup: string;
  params: Record<string, unknown>;
  next_fire_times: { utc: string; local: string }[];
}

async function listSchedules(limit = 200): Promise<ScheduleView[]> {
  const items: ScheduleView[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor === null ? "" : `&cursor=${encodeURIComponent(cursor)}`;
    const response = await call(`/schedules?limit=${limit}${query}`);
    expect(response.status).toBe(200);
    const page = await response.json<{ items: ScheduleView[]; next_cursor: string | null }>();
    items.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor !== null);
  return items;
}

describe("schedule in job definitions", () => {
  it("refuses bad expressions and zones at save time, at their paths", async () => {
    expect(await saveErrors({ name: uniqueName("bad"), schedule: { cron: "61 * * * *" } })).toEqual(
      [
        {
          path: "schedule.cron",
          message: expect.stringMatching(/^invalid cron expression: .*61/),
        },
      ],
    );
    const errors = await saveErrors({
      name: uniqueName("bad"),
      schedule: [
        { cron: "@daily" },
        { cron: "0 9 * * *", timezone: "Europe/Berlim" },
        { cron: "@every 0s", colour: "red" },
      ],
    });
    expect(errors).toEqual(
      expect.arrayContaining([
        { path: "schedule.1.timezone", message: '"Europe/Berlim" is not an IANA time zone' },
        { path: "schedule.2.colour", message: 'unknown field "colour"' },
      ]),
    );
  });

  it("refuses schedule params that the job's params schema refuses", async () => {
    const errors = await saveErrors({
      name: uniqueName("params"),
      params: { type: "object", required: ["ticket_id"] },
      schedule: [{ cron: "@daily", params: { ticket_id: "A-1" } }, { cron: "@hourly" }],
    });
    expect(errors).toHaveLength(1);
    expect(errors[0]?.path).toMatch(/^schedule\.1\.params/);
    expect(errors[0]?.message).toMatch(/ticket_id/);
  });

  it("refuses an unknown catchup policy", async () => {
    const errors = await saveErrors({
      name: uniqueName("catchup"),
      schedule: { cron: "@daily", catchup: "some" },
    });
    expect(errors.map((error) => error.path)).toEqual(["schedule.catchup"]);
  });
});

describe("GET /schedules", () => {
  it("lists each entry with its next five fire times in UTC and in its zone", async () => {
    const job = uniqueName("listed");
    await saveScheduledJob(job, [
      { cron: "0 9 * * MON-FRI", timezone: "Europe/Berlin", params: { team: "ops" } },
      { cron: "@every 5m", catchup: "none", enabled: false },
    ]);
    const mine = (await listSchedules()).filter((item) => item.job === job);
    expect(mine).toHaveLength(2);
    const [weekdays, interval] = mine;
    expect(weekdays).toMatchObject({
      index: 0,
      cron: "0 9 * * MON-FRI",
      timezone: "Europe/Berlin",
      description: "at 09:00 on Monday–Friday (Europe/Berlin)",
      enabled: true,
      paused: false,
      catchup: "latest",
      params: { team: "ops" },
    });
    expect(weekdays?.next_fire_times).toHaveLength(5);
    for (const fire of weekdays?.next_fire_times ?? []) {
      expect(fire.local).toMatch(/T09:00:00\+0[12]:00$/);
      expect(Date.parse(fire.local)).toBe(Date.parse(fire.utc));
      expect(Date.parse(fire.utc)).toBeGreaterThan(Date.now() - 60_000);
    }
    expect(interval).toMatchObject({
      index: 1,
      description: "every 5 minutes",
      enabled: false,
      catchup: "none",
      timezone: "UTC",
    });
  });

  it("shows a paused job's schedule as paused", async () => {
    const job = uniqueName("shown-paused");
    await saveScheduledJob(job, { cron: "@daily" });
    expect((await call(`/jobs/${job}/pause`, { method: "POST" })).status).toBe(200);
    const [entry] = (await listSchedules()).filter((item) => item.job === job);
    expect(entry?.paused).toBe(true);
  });

  it("pages by job, each entry listed once", async () => {
    const jobs = [uniqueName("paged"), uniqueName("paged")];
    for (const job of jobs) await saveScheduledJob(job, [{ cron: "@daily" }, { cron: "@hourly" }]);
    const listed = (await listSchedules(1)).filter((item) => jobs.includes(item.job));
    expect(listed.map((item) => `${item.job}/${item.index}`).sort()).toEqual(
      jobs.flatMap((job) => [`${job}/0`, `${job}/1`]).sort(),
    );
  });

  it("is described in the OpenAPI document, with the schedule field of jobs", async () => {
    const text = await (await call("/openapi.json")).text();
    expect(text).toContain('"/schedules"');
    expect(text).toContain('"/jobs/{name}/pause"');
    expect(text).toMatch(/"catchup":\{[^}]*"enum":\["none","latest","all"\]/);
  });

  it("leaves out jobs without a schedule", async () => {
    const job = uniqueName("unscheduled");
    const response = await call("/jobs", { body: { name: job, steps: STEPS } });
    expect(response.status).toBe(201);
    expect((await listSchedules()).some((item) => item.job === job)).toBe(false);
  });
});

describe("POST /jobs/{name}/pause and /resume", () => {
  it("answers 404 for an unknown job and 409 for a job without a schedule", async () => {
    const missing = await call(`/jobs/${uniqueName("missing")}/pause`, { method: "POST" });
    expect(missing.status).toBe(404);
    const job = uniqueName("no-schedule");
    await call("/jobs", { body: { name: job, steps: STEPS } });
    const conflict = await call(`/jobs/${job}/resume`, { method: "POST" });
    expect(conflict.status).toBe(409);
    expect((await conflict.json<ProblemBody>()).detail).toMatch(/has no schedule/);
  });

  it("is idempotent", async () => {
    const job = uniqueName("idempotent");
    await saveScheduledJob(job, { cron: "@daily" });
    for (const control of ["pause", "pause", "resume", "resume"]) {
      const response = await call(`/jobs/${job}/${control}`, { method: "POST" });
      expect(response.status).toBe(200);
      expect((await response.json<{ paused: boolean }>()).paused).toBe(control === "pause");
    }
  });
});
