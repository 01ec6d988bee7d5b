/**
 * The `schedule` field of a job definition: one entry or a list. Cron strings and time
 * zones are checked when the job is saved, each error at its own path
 * (`schedule.1.timezone`).
 */
import { z } from "zod";
import type { Issue } from "../core/errors";
import { DEFAULT_TIMEZONE, parseSchedule, type ScheduleSpec } from "./schedule-expression";
import { type Tags, TagsSchema } from "./tags";

/** Most schedule entries one job may have. */
export const MAX_SCHEDULES = 20;

/**
 * What to do with fire times that passed while the schedule could not fire (job paused,
 * entry disabled, alarm lost): `none` skips them, `latest` (the default: one run says
 * "catch up" without flooding a target) runs only the most recent, `all` runs each, up to
 * MAX_CATCHUP of the most recent, oldest first.
 */
export const CATCHUP_POLICIES = ["none", "latest", "all"] as const;
export type CatchupPolicy = (typeof CATCHUP_POLICIES)[number];

export const ScheduleEntrySchema = z
  .strictObject({
    cron: z
      .string()
      .min(1)
      .max(256)
      .describe(
        "5 or 6 (seconds first) cron fields, @hourly/@daily/@weekly/@monthly/@yearly, or @every <duration>",
      ),
    timezone: z.string().max(64).default(DEFAULT_TIMEZONE).describe("IANA time zone"),
    params: z.record(z.string(), z.json()).default({}).describe("The params of each run"),
    tags: TagsSchema.optional().describe("The tags of each run"),
    enabled: z.boolean().default(true),
    catchup: z.enum(CATCHUP_POLICIES).default("latest"),
  })
  .superRefine((entry, ctx) => {
    const parsed = parseSchedule(entry.cron, entry.timezone);
    if (!parsed.ok) ctx.addIssue({ code: "custom", path: [parsed.field], message: parsed.message });
  });

export type ScheduleEntrySource = z.input<typeof ScheduleEntrySchema>;

const ScheduleListSchema = z.array(ScheduleEntrySchema).min(1).max(MAX_SCHEDULES);

/**
 * `schedule:` in a job, one entry or a list of them, as documentation only: the field is
 * checked by `checkScheduleField`. A zod union would report any mistake inside an entry as
 * one "Invalid input" at `schedule`, since both of its branches fail.
 */
export const ScheduleFieldSchema = z.unknown().meta(describeField());

function describeField(): Record<string, unknown> {
  const json = z.toJSONSchema(ScheduleEntrySchema, { io: "input", unrepresentable: "any" });
  const { $schema: _, $defs: _defs, ...entry } = json as Record<string, unknown>;
  // `params` is any JSON object; zod's recursive JSON definition would need the $defs dropped above.
  const properties = { ...(entry.properties as object), params: { type: "object" } };
  const item = { ...entry, properties };
  return { anyOf: [item, { type: "array", items: item, minItems: 1, maxItems: MAX_SCHEDULES }] };
}

/**
 * Validates a job's `schedule` (one entry or a list) and returns zod's issues located under
 * `schedule` (`schedule.cron`, `schedule.1.timezone`), for the job schema to report.
 */
export function checkScheduleField(value: unknown): z.core.$ZodIssue[] {
  if (value === undefined) return [];
  const isList = Array.isArray(value);
  const schema = isList ? ScheduleListSchema : ScheduleEntrySchema;
  const result = schema.safeParse(value);
  if (result.success) return [];
  return result.error.issues.map((issue) => ({ ...issue, path: ["schedule", ...issue.path] }));
}

/** A validated entry with its expression parsed. */
export interface ScheduleEntry {
  /** Position in the job's `schedule` list (0 for a single entry). */
  index: number;
  cron: string;
  spec: ScheduleSpec;
  params: { [key: string]: z.core.util.JSONType };
  tags?: Tags | undefined;
  enabled: boolean;
  catchup: CatchupPolicy;
}

/**
 * The schedule entries of a stored job source (its `schedule` field, in list order); empty
 * when it has none. Sources were validated when saved, so an entry that no longer parses
 * (a zone the runtime dropped) is left out rather than failing the others.
 */
export function readScheduleEntries(source: unknown): ScheduleEntry[] {
  if (typeof source !== "object" || source === null || !("schedule" in source)) return [];
  const raw = source.schedule;
  const list = Array.isArray(raw) ? raw : [raw];
  return list.flatMap((item, index) => {
    const entry = ScheduleEntrySchema.safeParse(item);
    if (!entry.success) return [];
    const parsed = parseSchedule(entry.data.cron, entry.data.timezone);
    if (!parsed.ok) return [];
    const { cron, params, tags, enabled, catchup } = entry.data;
    return [{ index, cron, spec: parsed.spec, params, tags, enabled, catchup }];
  });
}

/**
 * Checks each entry's `params` against the job's params schema, so a schedule that could
 * never start a run is refused when saved. Issues are located under `schedule`
 * (`schedule.0.params.ticket_id`).
 */
export function checkScheduleParams(
  schedule: unknown,
  validate: (params: unknown) => Issue[],
): Issue[] {
  if (schedule === undefined) return [];
  const isList = Array.isArray(schedule);
  const list: unknown[] = isList ? schedule : [schedule];
  return list.flatMap((entry, index) => {
    const params =
      typeof entry === "object" && entry !== null && "params" in entry ? entry.params : {};
    const at = isList ? `schedule.${index}` : "schedule";
    return validate(params).map((issue) => ({ ...issue, path: `${at}.${issue.path}` }));
  });
}
