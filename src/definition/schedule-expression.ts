/**
 * Schedule expressions: cron (5 fields, or 6 with seconds), the shortcuts `@yearly`,
 * `@monthly`, `@weekly`, `@daily`, `@hourly`, and `@every <duration>`, in an IANA time zone.
 * Pure: cron math is cron-parser's (with luxon for zones); nothing here does I/O.
 *
 * Fire times are integers of milliseconds since the epoch, always on a whole second.
 * Across daylight-saving changes a wall-clock time that does not exist (spring forward)
 * fires once, just after the gap, and one that happens twice (fall back) fires once, the
 * first time; expressions that step through every hour or minute follow real time.
 */
import { type CronExpression, CronExpressionParser } from "cron-parser";
import { parseDuration } from "../core/duration";

export const DEFAULT_TIMEZONE = "UTC";
/** Shortest `@every` interval: schedules have second precision. */
export const MIN_INTERVAL_MS = 1000;

const SHORTCUTS: Readonly<Record<string, string>> = {
  "@yearly": "0 0 0 1 1 *",
  "@annually": "0 0 0 1 1 *",
  "@monthly": "0 0 0 1 * *",
  "@weekly": "0 0 0 * * 0",
  "@daily": "0 0 0 * * *",
  "@midnight": "0 0 0 * * *",
  "@hourly": "0 0 * * * *",
};

/** A parsed schedule expression; plain JSON, so it can be stored and sent over RPC. */
export type ScheduleSpec =
  /** `expression` is normalized to 6 fields (seconds first). */
  | { kind: "cron"; expression: string; timezone: string }
  /** Fires on multiples of the interval since the Unix epoch, so fire times never drift. */
  | { kind: "every"; interval_ms: number; timezone: string };

export type ParseScheduleResult =
  | { ok: true; spec: ScheduleSpec }
  | { ok: false; field: "cron" | "timezone"; message: string };

/**
 * Parses a schedule expression in `timezone` (default UTC). Errors name the field at fault
 * (`cron` or `timezone`) so callers can locate them in the definition.
 */
export function parseSchedule(cron: string, timezone = DEFAULT_TIMEZONE): ParseScheduleResult {
  if (!isValidTimezone(timezone)) {
    return { ok: false, field: "timezone", message: `"${timezone}" is not an IANA time zone` };
  }
  const text = cron.trim().replace(/\s+/g, " ");
  if (text.toLowerCase().startsWith("@every")) return parseEvery(text, timezone);
  if (text.startsWith("@")) {
    const expanded = SHORTCUTS[text.toLowerCase()];
    if (expanded === undefined) {
      const known = [...Object.keys(SHORTCUTS), "@every <duration>"].join(", ");
      return { ok: false, field: "cron", message: `unknown shortcut "${text}"; use ${known}` };
    }
    return { ok: true, spec: { kind: "cron", expression: expanded, timezone } };
  }
  return parseCron(text, timezone);
}

function parseEvery(text: string, timezone: string): ParseScheduleResult {
  const duration = text.slice("@every".length).trim();
  const ms = duration === "" ? null : parseDuration(duration);
  if (ms === null || ms < MIN_INTERVAL_MS || ms % 1000 !== 0) {
    return {
      ok: false,
      field: "cron",
      message: `"@every" needs a duration of whole seconds, at least 1s (e.g. "@every 90s"), got "${duration}"`,
    };
  }
  return { ok: true, spec: { kind: "every", interval_ms: ms, timezone } };
}

function parseCron(text: string, timezone: string): ParseScheduleResult {
  const fields = text === "" ? [] : text.split(" ");
  if (fields.length !== 5 && fields.length !== 6) {
    return {
      ok: false,
      field: "cron",
      message: `must have 5 fields (minute hour day month weekday) or 6 (seconds first), got ${fields.length}`,
    };
  }
  // `H` picks a random value per parse; fire times must be the same on every parse to dedupe.
  if (/h/i.test(text.replace(/thu/gi, ""))) {
    return { ok: false, field: "cron", message: '"H" (random values) is not supported' };
  }
  const expression = fields.length === 5 ? `0 ${text}` : text;
  try {
    const parsed = CronExpressionParser.parse(expression, { tz: timezone, currentDate: 0 });
    parsed.next();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, field: "cron", message: `invalid cron expression: ${reason}` };
  }
  return { ok: true, spec: { kind: "cron", expression, timezone } };
}

/** True when `timezone` is a zone the runtime's Intl knows (IANA names such as `Europe/Berlin`). */
export function isValidTimezone(timezone: string): boolean {
  if (timezone.trim() === "" || timezone !== timezone.trim()) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

/** The first `count` fire times strictly after `after` (ms), ascending. */
export function nextFireTimes(spec: ScheduleSpec, after: number, count: number): number[] {
  if (count <= 0) return [];
  if (spec.kind === "every") {
    const first = (Math.floor(after / spec.interval_ms) + 1) * spec.interval_ms;
    return Array.from({ length: count }, (_, i) => first + i * spec.interval_ms);
  }
  const cron = CronExpressionParser.parse(spec.expression, {
    tz: spec.timezone,
    currentDate: new Date(after),
  });
  const times: number[] = [];
  while (times.length < count) {
    const next = nextOf(cron);
    if (next === null) break;
    times.push(next);
  }
  return times;
}

/**
 * Fire times in `(after, atOrBefore]`, at most the `count` latest, ascending. Used for fires
 * that are due or were missed.
 *
 * cron-parser's `prev()` disagrees with `next()` around daylight-saving changes, so this
 * only walks forward: it widens a window back from `atOrBefore` until the window holds
 * `count` fires or reaches `after`, which keeps the work proportional to `count`, not to
 * how long ago `after` is.
 */
export function latestFireTimes(
  spec: ScheduleSpec,
  after: number,
  atOrBefore: number,
  count: number,
): number[] {
  if (count <= 0 || atOrBefore <= after) return [];
  if (spec.kind === "every") {
    const last = Math.floor(atOrBefore / spec.interval_ms) * spec.interval_ms;
    const times: number[] = [];
    for (let t = last; t > after && times.length < count; t -= spec.interval_ms) times.unshift(t);
    return times;
  }
  for (let width = MIN_INTERVAL_MS; ; width *= 2) {
    const start = Math.max(after, atOrBefore - width);
    const times = cronTimesBetween(spec.expression, spec.timezone, start, atOrBefore, count);
    if (times.length >= count || start === after) return times;
  }
}

/** Fire times of a cron expression in `(start, end]`, keeping the `keep` latest. */
function cronTimesBetween(
  expression: string,
  timezone: string,
  start: number,
  end: number,
  keep: number,
): number[] {
  const cron = CronExpressionParser.parse(expression, {
    tz: timezone,
    currentDate: new Date(start),
  });
  const times: number[] = [];
  for (;;) {
    const next = nextOf(cron);
    if (next === null || next > end) break;
    times.push(next);
    if (times.length > keep) times.shift();
  }
  return times;
}

// `hasNext()` computes the next fire and throws it away, doubling the cost; an expression
// with no next fire (refused when saved) throws from `next()` instead.
function nextOf(cron: CronExpression): number | null {
  try {
    return cron.next().getTime();
  } catch {
    return null;
  }
}

/**
 * `at` as ISO 8601 in `timezone`, with its offset (`2026-03-29T03:30:00+02:00`), for people
 * who read fire times in the schedule's own zone.
 */
export function formatInZone(at: number, timezone: string): string {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: timezone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(at));
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? "00";
  const local = `${part("year")}-${part("month")}-${part("day")}T${part("hour")}:${part("minute")}:${part("second")}`;
  const offsetMinutes = Math.round(
    (Date.parse(`${local}Z`) - Math.floor(at / 1000) * 1000) / 60_000,
  );
  return `${local}${formatOffset(offsetMinutes)}`;
}

function formatOffset(minutes: number): string {
  if (minutes === 0) return "Z";
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, "0");
  const mm = String(abs % 60).padStart(2, "0");
  return `${sign}${hh}:${mm}`;
}
