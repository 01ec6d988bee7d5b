/**
 * Durations as users write them (`500ms`, `1h30m`, `PT5M`, `90000`) turned into
 * milliseconds. Pure and bounded, so a typo can never schedule a timer decades away.
 */

/** Longest duration accepted anywhere: a year. */
export const MAX_DURATION_MS = 365 * 24 * 60 * 60 * 1000;

const UNIT_MS = {
  w: 7 * 24 * 60 * 60 * 1000,
  d: 24 * 60 * 60 * 1000,
  h: 60 * 60 * 1000,
  m: 60 * 1000,
  s: 1000,
  ms: 1,
} as const;
type Unit = keyof typeof UNIT_MS;

// Units in the order they must appear (`1h30m`, not `30m1h`); each at most once.
const UNIT_ORDER: readonly Unit[] = ["w", "d", "h", "m", "s", "ms"];
const UNIT_TOKEN = /(\d+(?:\.\d+)?)(ms|w|d|h|m|s)/y;
const ISO_DURATION =
  /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i;

/**
 * Parses a duration into milliseconds, or null when it is not one.
 *
 * Accepts a number of milliseconds (number or digit string), unit strings (`500ms`, `30s`,
 * `5m`, `1h30m`, `2d`, `1w`; units largest first, each once) and ISO 8601 durations without
 * years or months (`PT5M`, `P1DT2H`), whose length depends on the calendar. Fractions are
 * allowed (`1.5h`); the result is rounded to whole milliseconds. Must be within
 * 0..MAX_DURATION_MS.
 */
export function parseDuration(value: string | number): number | null {
  const ms = typeof value === "number" ? value : parseDurationString(value.trim());
  if (ms === null || !Number.isFinite(ms)) return null;
  const rounded = Math.round(ms);
  return rounded >= 0 && rounded <= MAX_DURATION_MS ? rounded : null;
}

function parseDurationString(text: string): number | null {
  if (text === "") return null;
  if (/^\d+$/.test(text)) return Number(text);
  if (/^p/i.test(text)) return parseIsoDuration(text);
  return parseUnitDuration(text);
}

function parseUnitDuration(text: string): number | null {
  let total = 0;
  let lastUnitIndex = -1;
  UNIT_TOKEN.lastIndex = 0;
  while (UNIT_TOKEN.lastIndex < text.length) {
    const match = UNIT_TOKEN.exec(text);
    if (!match) return null;
    const unit = match[2] as Unit;
    const unitIndex = UNIT_ORDER.indexOf(unit);
    if (unitIndex <= lastUnitIndex) return null;
    lastUnitIndex = unitIndex;
    total += Number(match[1]) * UNIT_MS[unit];
  }
  return total;
}

function parseIsoDuration(text: string): number | null {
  const match = ISO_DURATION.exec(text);
  // `P` and `PT` alone match the pattern but say nothing; a `T` must be followed by a part.
  if (!match || /^PT?$/i.test(text) || /T$/i.test(text)) return null;
  const [, weeks, days, hours, minutes, seconds] = match;
  return (
    toNumber(weeks) * UNIT_MS.w +
    toNumber(days) * UNIT_MS.d +
    toNumber(hours) * UNIT_MS.h +
    toNumber(minutes) * UNIT_MS.m +
    toNumber(seconds) * UNIT_MS.s
  );
}

function toNumber(part: string | undefined): number {
  return part === undefined ? 0 : Number(part);
}

/** Formats milliseconds compactly for messages: `1h30m`, `2d`, `1m0.5s` → `1m500ms`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return `${ms}ms`;
  let rest = Math.round(ms);
  if (rest === 0) return "0ms";
  let text = "";
  for (const unit of ["d", "h", "m", "s", "ms"] as const) {
    const count = Math.floor(rest / UNIT_MS[unit]);
    if (count > 0) text += `${count}${unit}`;
    rest -= count * UNIT_MS[unit];
  }
  return text;
}
