import { z } from "zod";
import type { ScheduleStatus } from "../clients/coordinator";
import { coordinatorClient } from "../clients/coordinator";
import { refusalError } from "../clients/refusal";
import { NotFoundError } from "../core/errors";
import { getDb } from "../db/client";
import { getJob } from "../db/queries/jobs";
import { listScheduledJobs, type ScheduledJob } from "../db/queries/schedules";
import { describeSchedule } from "../definition/schedule-describe";
import { formatInZone, nextFireTimes } from "../definition/schedule-expression";
import { CATCHUP_POLICIES, readScheduleEntries } from "../definition/schedule-schema";
import { defineRoute } from "./define-route";
import { IsoTimeSchema, toIso } from "./iso-time";
import { PageQuerySchema, pageSchema } from "./pagination";

/** Fire times listed per schedule. */
export const LISTED_FIRE_TIMES = 5;

function toScheduleViews(job: ScheduledJob, now: number) {
  return readScheduleEntries(job.source).map((entry) => ({
    job: job.name,
    version: job.version,
    index: entry.index,
    cron: entry.cron,
    timezone: entry.spec.timezone,
    description: describeSchedule(entry.spec),
    enabled: entry.enabled,
    paused: job.record?.paused ?? false,
    catchup: entry.catchup,
    params: entry.params,
    next_fire_times: nextFireTimes(entry.spec, now, LISTED_FIRE_TIMES).map((at) => ({
      utc: toIso(at),
      local: formatInZone(at, entry.spec.timezone),
    })),
    last_fire_at: toIso(job.record?.last_fire_at ?? null),
    last_error: job.record?.last_error ?? null,
  }));
}

function toStatusView(status: ScheduleStatus) {
  return { job: status.job, paused: status.paused, next_fire_at: toIso(status.next_fire_at) };
}

const ScheduleViewSchema = z.object({
  job: z.string(),
  version: z.number().int(),
  index: z.number().int().describe("Position of the entry in the job's `schedule`"),
  cron: z.string(),
  timezone: z.string(),
  description: z.string().meta({ examples: ["at 09:00 on Monday–Friday (Europe/Berlin)"] }),
  enabled: z.boolean(),
  paused: z.boolean().describe("The whole job's schedule is paused"),
  catchup: z.enum(CATCHUP_POLICIES),
  params: z.record(z.string(), z.unknown()),
  next_fire_times: z
    .array(
      z.object({
        utc: IsoTimeSchema,
        local: z.string().meta({ examples: ["2026-03-30T09:00:00+02:00"] }),
      }),
    )
    .describe("When it fires next (once enabled and resumed), in UTC and in its time zone"),
  last_fire_at: IsoTimeSchema.nullable(),
  last_error: z.string().nullable(),
});
const StatusSchema = z.object({
  job: z.string(),
  paused: z.boolean(),
  next_fire_at: IsoTimeSchema.nullable(),
});

/** Schedules: the list with upcoming fire times, and pausing a job's schedule. */
export const scheduleRoutes = [
  defineRoute({
    method: "get",
    path: "/schedules",
    summary:
      "Every schedule entry of every job, with its next five fire times and a description (paged by job)",
    tag: "schedules",
    access: { scope: "read" },
    query: PageQuerySchema,
    responses: { 200: { description: "One page", schema: pageSchema(ScheduleViewSchema) } },
    handler: async (c, { query: { cursor, limit } }) => {
      const page = await listScheduledJobs(getDb(c.env.DB), cursor, limit);
      const now = Date.now();
      return c.json({
        items: page.items.flatMap((job) => toScheduleViews(job, now)),
        next_cursor: page.next_cursor,
      });
    },
  }),
  ...(["pause", "resume"] as const).map((control) =>
    defineRoute({
      method: "post",
      path: `/jobs/{name}/${control}`,
      summary:
        control === "pause"
          ? "Pause a job's schedule: no run starts on schedule until resumed"
          : "Resume a job's schedule; fires missed while paused follow each entry's catchup",
      tag: "schedules",
      access: { scope: "write" },
      responses: {
        200: { description: "Where the schedule stands", schema: StatusSchema },
        404: { description: "No such job" },
        409: { description: "The job has no schedule" },
      },
      handler: async (c, { params: { name } }) => {
        const job = await getJob(getDb(c.env.DB), name);
        if (!job) throw new NotFoundError(`Job ${name}`);
        const coordinator = coordinatorClient(c.env, name);
        const result =
          control === "pause" ? await coordinator.pause(name) : await coordinator.resume(name);
        if (!result.ok) throw refusalError(result, `Job ${name}`);
        return c.json(toStatusView(result));
      },
    }),
  ),
];
