import { describe, expect, it } from "vitest";
import { parseSchedule } from "../../src/definition/schedule-expression";
import type { CatchupPolicy, ScheduleEntry } from "../../src/definition/schedule-schema";
import {
  entryKey,
  lookAhead,
  MAX_CATCHUP,
  planFires,
  reconcileCursors,
} from "../../src/schedule/plan";

function entry(
  cron: string,
  catchup: CatchupPolicy = "latest",
  extra: Partial<ScheduleEntry> = {},
) {
  const parsed = parseSchedule(cron);
  if (!parsed.ok) throw new Error(parsed.message);
  return { index: 0, cron, spec: parsed.spec, params: {}, enabled: true, catchup, ...extra };
}

const at = (iso: string) => Date.parse(iso);
const firesOf = (plan: ReturnType<typeof planFires>) =>
  plan.fires.map((fire) => new Date(fire.at).toISOString());

describe("planFires", () => {
  const hourly = entry("0 * * * *");
  const now = at("2026-11-23T12:00:05Z");

  it("starts the fire that is due and moves the cursor to now", () => {
    const plan = planFires([hourly], { [entryKey(hourly)]: at("2026-11-23T11:30:00Z") }, now);
    expect(firesOf(plan)).toEqual(["2026-11-23T12:00:00.000Z"]);
    expect(plan.cursors).toEqual({ [entryKey(hourly)]: now });
  });

  it("starts nothing when nothing is due, or the fire was handled already", () => {
    const handled = { [entryKey(hourly)]: at("2026-11-23T12:00:00Z") };
    expect(planFires([hourly], handled, now).fires).toEqual([]);
    const again = planFires([hourly], { [entryKey(hourly)]: now }, now);
    expect(again.fires).toEqual([]);
  });

  describe("fires missed for five hours", () => {
    const since = at("2026-11-23T06:30:00Z");
    it("catchup: none skips them, and the late 12:00 fire too once past the grace", () => {
      const none = entry("0 * * * *", "none");
      expect(firesOf(planFires([none], { [entryKey(none)]: since }, now))).toEqual([
        "2026-11-23T12:00:00.000Z",
      ]);
      const late = at("2026-11-23T12:30:00Z");
      expect(planFires([none], { [entryKey(none)]: since }, late).fires).toEqual([]);
    });

    it("catchup: latest runs only the most recent", () => {
      const latest = entry("0 * * * *", "latest");
      const late = at("2026-11-23T12:30:00Z");
      expect(firesOf(planFires([latest], { [entryKey(latest)]: since }, late))).toEqual([
        "2026-11-23T12:00:00.000Z",
      ]);
    });

    it("catchup: all runs each, oldest first", () => {
      const all = entry("0 * * * *", "all");
      expect(firesOf(planFires([all], { [entryKey(all)]: since }, now))).toEqual([
        "2026-11-23T07:00:00.000Z",
        "2026-11-23T08:00:00.000Z",
        "2026-11-23T09:00:00.000Z",
        "2026-11-23T10:00:00.000Z",
        "2026-11-23T11:00:00.000Z",
        "2026-11-23T12:00:00.000Z",
      ]);
    });

    it("catchup: all is capped to the most recent MAX_CATCHUP", () => {
      const all = entry("* * * * *", "all");
      const plan = planFires([all], { [entryKey(all)]: at("2026-11-20T00:00:00Z") }, now);
      expect(plan.fires).toHaveLength(MAX_CATCHUP);
      expect(firesOf(plan).at(-1)).toBe("2026-11-23T12:00:00.000Z");
      expect(firesOf(plan)[0]).toBe("2026-11-23T10:21:00.000Z");
    });
  });

  it("starts one run per fire time when entries coincide; the first entry's params win", () => {
    const first = entry("0 12 * * *", "latest", { params: { from: "first" } });
    const second = entry("0 */6 * * *", "latest", { params: { from: "second" } });
    const cursors = reconcileCursors([first, second], {}, at("2026-11-23T11:00:00Z"));
    const plan = planFires([first, second], cursors, now);
    expect(plan.fires.map((fire) => fire.entry.params)).toEqual([{ from: "first" }]);
  });

  it("leaves a disabled entry's cursor behind, so it catches up when enabled again", () => {
    const off = entry("0 * * * *", "all", { enabled: false });
    const cursors = { [entryKey(off)]: at("2026-11-23T09:30:00Z") };
    const plan = planFires([off], cursors, now);
    expect(plan.fires).toEqual([]);
    expect(plan.cursors).toEqual(cursors);
    const on = { ...off, enabled: true };
    expect(firesOf(planFires([on], plan.cursors, now))).toHaveLength(3);
  });
});

describe("entryKey", () => {
  it("is the same for spellings of one expression and differs by zone", () => {
    expect(entryKey(entry("0 9 * * *"))).toBe(entryKey(entry("0  0 9 * * *")));
    expect(entryKey(entry("@daily"))).toBe(entryKey(entry("0 0 * * *")));
    expect(entryKey(entry("@every 60s"))).toBe(entryKey(entry("@every 1m")));
    const berlin = parseSchedule("0 9 * * *", "Europe/Berlin");
    if (!berlin.ok) throw new Error(berlin.message);
    expect(entryKey({ ...entry("0 9 * * *"), spec: berlin.spec })).not.toBe(
      entryKey(entry("0 9 * * *")),
    );
  });
});

describe("reconcileCursors", () => {
  it("keeps known entries, starts new ones at now and drops removed ones", () => {
    const kept = entry("0 * * * *");
    const added = entry("@every 5m");
    const cursors = reconcileCursors([kept, added], { [entryKey(kept)]: 5, gone: 7 }, 100);
    expect(cursors).toEqual({ [entryKey(kept)]: 5, [entryKey(added)]: 100 });
  });
});

describe("the wake planFires answers", () => {
  const now = at("2026-11-23T12:00:05Z");
  const entries = [
    entry("0 * * * *"),
    entry("*/10 * * * *"),
    entry("* * * * * *", "latest", { enabled: false }),
  ];

  it("is the earliest next fire among enabled entries", () => {
    const since = at("2026-11-23T11:59:00Z");
    const cursors = Object.fromEntries(entries.map((e) => [entryKey(e), since]));
    expect(planFires(entries, cursors, now).wake).toBe(at("2026-11-23T12:10:00Z"));
    expect(planFires([entry("@daily", "latest", { enabled: false })], {}, now).wake).toBeNull();
  });

  it("is the next fire after now when fires were missed, whatever the catch-up", () => {
    const since = at("2026-11-23T09:00:00Z");
    for (const catchup of ["none", "latest", "all"] as const) {
      const hourly = entry("0 * * * *", catchup);
      expect(planFires([hourly], { [entryKey(hourly)]: since }, now).wake).toBe(
        at("2026-11-23T13:00:00Z"),
      );
    }
  });

  it("is the next fire when none is due yet", () => {
    const hourly = entry("0 * * * *");
    expect(planFires([hourly], { [entryKey(hourly)]: now }, now).wake).toBe(
      at("2026-11-23T13:00:00Z"),
    );
  });
});

describe("lookAhead", () => {
  const berlin = parseSchedule("30 2 * * *", "Europe/Berlin");
  if (!berlin.ok) throw new Error(berlin.message);
  const hourly = entry("0 * * * *");
  const entries = [
    hourly,
    entry("*/10 * * * *", "all"),
    { ...entry("30 2 * * *", "none"), spec: berlin.spec },
    entry("@every 90s"),
    entry("* * * * * *", "latest", { enabled: false }),
  ];

  it("keeps the two fire times after each enabled entry's cursor", () => {
    const since = at("2026-11-23T11:59:00Z");
    const ahead = lookAhead(entries, reconcileCursors(entries, {}, since));
    expect(ahead[entryKey(hourly)]).toEqual({
      after: since,
      times: [at("2026-11-23T12:00:00Z"), at("2026-11-23T13:00:00Z")],
    });
    expect(Object.keys(ahead)).toHaveLength(4);
  });

  it("plans as the cron does, timely, late, early and across a DST change", () => {
    const cases = [
      ["2026-11-23T11:59:00Z", "2026-11-23T12:00:05Z"],
      ["2026-11-23T09:00:00Z", "2026-11-23T12:00:05Z"],
      ["2026-11-23T12:00:05Z", "2026-11-23T12:00:05Z"],
      ["2026-03-28T23:00:00Z", "2026-03-29T01:00:01Z"],
      ["2026-10-25T00:00:00Z", "2026-10-25T01:30:01Z"],
    ];
    for (const [since, until] of cases) {
      const cursors = reconcileCursors(entries, {}, at(since as string));
      const now = at(until as string);
      const ahead = lookAhead(entries, cursors);
      expect(planFires(entries, cursors, now, ahead)).toEqual(planFires(entries, cursors, now));
    }
  });

  it("is taken only while the cursor is where it was looked ahead from", () => {
    const since = at("2026-11-23T11:59:00Z");
    const now = at("2026-11-23T12:00:05Z");
    const cursors = { [entryKey(hourly)]: since };
    // Times no cron yields show which source the plan used.
    const times = [at("2026-11-23T11:59:30Z"), at("2026-11-23T12:30:00Z")];
    const kept = { [entryKey(hourly)]: { after: since, times } };
    expect(planFires([hourly], cursors, now, kept)).toMatchObject({
      fires: [{ at: times[0] }],
      wake: times[1],
    });
    const moved = { [entryKey(hourly)]: { after: since - 1, times } };
    expect(planFires([hourly], cursors, now, moved)).toEqual(planFires([hourly], cursors, now));
  });
});
