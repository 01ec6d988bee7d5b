/**
 * Schedules in words, for `GET /schedules`: "every 5 minutes", "at 09:00 on Monday–Friday
 * (Europe/Berlin)". Covers the common shapes precisely and falls back to listing values.
 */
import { CronExpressionParser } from "cron-parser";
import type { ScheduleSpec } from "./schedule-expression";

const DAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const ORDINALS = ["", "1st", "2nd", "3rd", "4th", "5th"];
// Up to this many clock times are listed ("at 09:00 and 17:00") rather than described by field.
const MAX_LISTED_TIMES = 4;

interface Fields {
  second: number[];
  minute: number[];
  hour: number[];
  dayOfMonth: (number | "L")[];
  month: number[];
  dayOfWeek: number[];
  /** Weekdays written `5L`: the last Friday of the month. */
  lastWeekdays: number[];
  nthDay: number;
}

/**
 * A human-readable description of a schedule. The time zone is named whenever it changes
 * what the words mean (clock times, days, months), and left out for plain intervals.
 */
export function describeSchedule(spec: ScheduleSpec): string {
  if (spec.kind === "every") return `every ${describeInterval(spec.interval_ms)}`;
  const fields = readFields(spec.expression);
  const time = describeTime(fields);
  const days = describeDays(fields);
  const isRepeating = time.startsWith("every");
  if (isRepeating && days === "" && isFull(fields.hour, 0, 23)) return time;
  const when = days !== "" ? ` ${days}` : isRepeating ? "" : " every day";
  return `${time}${when} (${spec.timezone})`;
}

function readFields(expression: string): Fields {
  const { fields } = CronExpressionParser.parse(expression, { currentDate: 0 });
  const numbers = (values: readonly (number | string)[]) =>
    values.filter((v): v is number => typeof v === "number");
  return {
    second: numbers(fields.second.values),
    minute: numbers(fields.minute.values),
    hour: numbers(fields.hour.values),
    dayOfMonth: fields.dayOfMonth.values.map((v) => (v === "L" ? "L" : Number(v))),
    month: numbers(fields.month.values),
    dayOfWeek: [...new Set(numbers(fields.dayOfWeek.values).map((d) => d % 7))].sort(),
    lastWeekdays: fields.dayOfWeek.values
      .filter((v) => typeof v === "string" && v.endsWith("L"))
      .map((v) => Number.parseInt(String(v), 10) % 7),
    nthDay: fields.dayOfWeek.nthDay,
  };
}

function describeInterval(ms: number): string {
  const units: [number, string][] = [
    [86_400_000, "day"],
    [3_600_000, "hour"],
    [60_000, "minute"],
    [1000, "second"],
  ];
  const parts: string[] = [];
  let rest = ms;
  for (const [size, name] of units) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0) parts.push(count === 1 ? `1 ${name}` : `${count} ${name}s`);
  }
  const [first] = parts;
  if (parts.length === 1 && first?.startsWith("1 ")) return first.slice(2);
  return parts.join(" ");
}

function describeTime(f: Fields): string {
  const clocks = f.hour.length * f.minute.length * f.second.length;
  if (clocks <= MAX_LISTED_TIMES && !isFull(f.minute, 0, 59)) {
    const times = f.hour.flatMap((h) =>
      f.minute.flatMap((m) => f.second.map((s) => formatClock(h, m, s))),
    );
    return `at ${joinWords(times)}`;
  }
  const seconds = describeUnit(f.second, 59, "second");
  const minutes = describeUnit(f.minute, 59, "minute");
  const hours = isFull(f.hour, 0, 23)
    ? ""
    : ` during ${plural("hour", f.hour)} ${listRanges(f.hour, String)}`;
  const hourStep = readStep(f.hour, 23);
  if (seconds === "" && f.minute.length === 1 && (hours === "" || hourStep !== null)) {
    const every = hours === "" ? "every hour" : `every ${hourStep} hours`;
    return f.minute[0] === 0 ? every : `${every} at minute ${f.minute[0]}`;
  }
  if (seconds === "") return `${minutes}${hours}`;
  const ofMinutes = isFull(f.minute, 0, 59) ? "" : ` of ${minutes.replace(/^at /, "")}`;
  return `${seconds}${ofMinutes}${hours}`;
}

/** "every minute", "every 5 minutes", "at minutes 0, 15 and 30"; "" for a lone zero second. */
function describeUnit(values: number[], max: number, unit: string): string {
  if (isFull(values, 0, max)) return `every ${unit}`;
  const step = readStep(values, max);
  if (step !== null) return `every ${step} ${unit}s`;
  if (unit === "second" && values.length === 1 && values[0] === 0) return "";
  return `at ${plural(unit, values)} ${listRanges(values, String)}`;
}

function describeDays(f: Fields): string {
  const parts: string[] = [];
  const allDaysOfMonth = f.dayOfMonth.length === 31;
  const allWeekdays = f.dayOfWeek.length === 7;
  if (!allDaysOfMonth) parts.push(`on ${describeDaysOfMonth(f.dayOfMonth)}`);
  const dayName = (d: number) => DAY_NAMES[d] ?? String(d);
  if (!allWeekdays || f.nthDay > 0 || f.lastWeekdays.length > 0) {
    const names = listRanges(f.dayOfWeek, dayName);
    const nth = f.nthDay > 0 ? `the ${ORDINALS[f.nthDay]} ${names} of the month` : names;
    const weekdays = names === "" ? [] : [nth];
    if (f.lastWeekdays.length > 0) {
      weekdays.push(`the last ${joinWords(f.lastWeekdays.map(dayName))} of the month`);
    }
    parts.push(`on ${joinWords(weekdays)}`);
  }
  // Like Vixie cron, a day matching either restricted field fires.
  const days = parts.join(" or ");
  if (isFull(f.month, 1, 12)) return days;
  const months = `in ${listRanges(f.month, (m) => MONTH_NAMES[m - 1] ?? String(m))}`;
  return days === "" ? months : `${days} ${months}`;
}

function describeDaysOfMonth(days: (number | "L")[]): string {
  const numbers = days.filter((d): d is number => d !== "L");
  const last = days.includes("L") ? ["the last day"] : [];
  if (numbers.length === 0) return "the last day of the month";
  const listed = listRanges(numbers, String);
  return `${joinWords([`${plural("day", numbers)} ${listed}`, ...last])} of the month`;
}

function readStep(values: number[], max: number): number | null {
  const [first, second] = values;
  if (first !== 0 || second === undefined || values.length < 2) return null;
  const step = second - first;
  const isProgression = values.every((v, i) => v === i * step);
  return isProgression && (values.at(-1) ?? 0) + step > max ? step : null;
}

function isFull(values: readonly number[], min: number, max: number): boolean {
  return values.length === max - min + 1;
}

function plural(word: string, values: readonly unknown[]): string {
  return values.length === 1 ? word : `${word}s`;
}

/** `[1,2,3,4,5]` → "Monday–Friday"; `[1,3,5]` → "Monday, Wednesday and Friday". */
function listRanges(values: readonly number[], name: (value: number) => string): string {
  const runs: number[][] = [];
  for (const value of values) {
    const run = runs.at(-1);
    if (run && run.at(-1) === value - 1) run.push(value);
    else runs.push([value]);
  }
  const words = runs.flatMap((run) => {
    const first = run[0] as number;
    const last = run.at(-1) as number;
    if (run.length >= 3) return [`${name(first)}–${name(last)}`];
    return run.map(name);
  });
  return joinWords(words);
}

function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`;
}

function formatClock(hour: number, minute: number, second: number): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(hour)}:${pad(minute)}${second === 0 ? "" : `:${pad(second)}`}`;
}
