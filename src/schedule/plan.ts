/**
 * Which fire times are due, and when to wake next: the coordinator's decisions as pure
 * functions of its entries, their cursors and the time, so they are tested without bindings.
 */
import { latestFireTimes, nextFireTimes } from "../definition/schedule-expression";
import type { ScheduleEntry } from "../definition/schedule-schema";

/** Most missed fires `catchup: all` starts at once (the most recent ones). */
export const MAX_CATCHUP = 100;
/**
 * A fire handled this long after its time counts as missed, so `catchup: none` skips it.
 * Two minutes covers a lost alarm repaired by the minute watchdog.
 */
export const MISFIRE_GRACE_MS = 120_000;

/**
 * Per entry, the time up to which its fires have been handled (exclusive of later ones).
 * Keyed by `entryKey`, so an entry keeps its place across job versions.
 */
export type Cursors = Record<string, number>;

/**
 * Per entry (keyed like `Cursors`), the first fire times after the cursor `after`, found by
 * the tick that set that cursor once its runs had started (`lookAhead`). While the cursor
 * is still `after`, the next tick knows them without a cron parse before its launch: in a
 * burst of 1,000 fires that parse was most of the coordinator's work on the way to the
 * last run's start. An entry's key is its expression and zone, so the times are those its
 * spec yields; a changed schedule has another key and no times ahead.
 */
export type Ahead = Record<string, { after: number; times: number[] }>;

/** How many fire times `lookAhead` keeps: the one a timely alarm starts and the next wake. */
const AHEAD_COUNT = 2;

/** One run to start: the fire time and the entry whose params it takes. */
export interface Fire {
  at: number;
  entry: ScheduleEntry;
}

/**
 * The identity of an entry across versions: its parsed expression and zone, so `0 9 * * *`
 * and `0 0 9 * * *` are one entry. Two entries with the same key fire at the same instants,
 * and a job starts one run per fire time anyway.
 */
export function entryKey(entry: ScheduleEntry): string {
  const { spec } = entry;
  const expression = spec.kind === "cron" ? spec.expression : `@every ${spec.interval_ms}ms`;
  return `${spec.timezone} ${expression}`;
}

/**
 * Cursors for a new set of entries: known entries keep theirs (so fires missed while an
 * entry was disabled are caught up when it is enabled again), new ones start at `now`
 * (a new schedule does not catch up on its past), removed ones are dropped.
 */
export function reconcileCursors(
  entries: readonly ScheduleEntry[],
  old: Cursors,
  now: number,
): Cursors {
  const cursors: Cursors = {};
  for (const entry of entries) {
    const key = entryKey(entry);
    cursors[key] = old[key] ?? now;
  }
  return cursors;
}

/**
 * The runs due at `now`, ascending by fire time, one per fire time (the first entry in list
 * order wins), and the cursors after starting them. Disabled entries keep their cursor.
 * Each enabled entry's fires in `(cursor, now]` are filtered by its catch-up policy.
 */
export function planFires(
  entries: readonly ScheduleEntry[],
  cursors: Cursors,
  now: number,
  ahead: Ahead = {},
): { fires: Fire[]; cursors: Cursors; wake: number | null } {
  const byTime = new Map<number, Fire>();
  const next: Cursors = { ...cursors };
  let wake: number | null = null;
  for (const entry of entries) {
    if (!entry.enabled) continue;
    const key = entryKey(entry);
    const cursor = cursors[key] ?? now;
    const found = ahead[key];
    const known = found?.after === cursor ? found.times : undefined;
    const planned = selectDue(entry, cursor, now, known);
    for (const at of planned.due) {
      if (!byTime.has(at)) byTime.set(at, { at, entry });
    }
    if (planned.wake !== null && (wake === null || planned.wake < wake)) wake = planned.wake;
    next[key] = now;
  }
  const fires = [...byTime.values()].sort((a, b) => a.at - b.at);
  return { fires, cursors: next, wake };
}

/**
 * The fire times ahead of each enabled entry's cursor, for the next tick's `planFires`
 * (disabled entries keep a cursor that no tick moves; they are planned from it when
 * enabled again). One cron parse per entry, done once a tick's runs have started.
 */
export function lookAhead(entries: readonly ScheduleEntry[], cursors: Cursors): Ahead {
  const ahead: Ahead = {};
  for (const entry of entries) {
    const key = entryKey(entry);
    const after = cursors[key];
    if (!entry.enabled || after === undefined) continue;
    ahead[key] = { after, times: nextFireTimes(entry.spec, after, AHEAD_COUNT) };
  }
  return ahead;
}

/** An enabled entry's fires due in `(cursor, now]` and its first fire after `now`. */
interface EntryPlan {
  due: number[];
  wake: number | null;
}

/** `known`: the entry's first fire times after `cursor`, when the last tick found them. */
function selectDue(
  entry: ScheduleEntry,
  cursor: number,
  now: number,
  known: readonly number[] | undefined,
): EntryPlan {
  switch (entry.catchup) {
    case "all":
      return latestDue(entry, cursor, now, MAX_CATCHUP, known);
    case "latest":
      return latestDue(entry, cursor, now, 1, known);
    case "none": {
      const { due, wake } = latestDue(entry, cursor, now, 1, known);
      return { due: due.filter((at) => now - at <= MISFIRE_GRACE_MS), wake };
    }
    default: {
      const unknown: never = entry.catchup;
      throw new Error(`unknown catchup policy ${String(unknown)}`);
    }
  }
}

/**
 * The `count` latest fire times in `(cursor, now]`, and the first after `now`. A timely alarm
 * has at most one fire due: two steps forward from the cursor find it and the next one (one
 * cron parse), where the window widening back from `now` (`latestFireTimes`, proportional to
 * `count` however old the cursor) parsed the expression once per doubling, the
 * coordinator's largest cost per fire in the 1,000-job burst's profile, and the next fire
 * was one parse more. Both walk forward with cron-parser's `next()`, so they agree. The two
 * steps are `known` when the last tick looked ahead from this cursor: no parse at all.
 */
function latestDue(
  entry: ScheduleEntry,
  cursor: number,
  now: number,
  count: number,
  known: readonly number[] | undefined,
): EntryPlan {
  const [first, second] = known ?? nextFireTimes(entry.spec, cursor, AHEAD_COUNT);
  if (first === undefined || first > now) return { due: [], wake: first ?? null };
  if (second === undefined || second > now) return { due: [first], wake: second ?? null };
  const [wake] = nextFireTimes(entry.spec, now, 1);
  return { due: latestFireTimes(entry.spec, cursor, now, count), wake: wake ?? null };
}
