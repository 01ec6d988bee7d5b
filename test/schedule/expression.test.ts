import { describe, expect, it } from "vitest";
import {
  formatInZone,
  latestFireTimes,
  nextFireTimes,
  parseSchedule,
  type ScheduleSpec,
} from "../../src/definition/schedule-expression";

function spec(cron: string, timezone = "UTC"): ScheduleSpec {
  const parsed = parseSchedule(cron, timezone);
  if (!parsed.ok) throw new Error(`${cron}: ${parsed.message}`);
  return parsed.spec;
}

const at = (iso: string) => Date.parse(iso);
const iso = (times: number[]) => times.map((t) => new Date(t).toISOString());

describe("parseSchedule", () => {
  it.each([
    ["*/5 * * * *", "0 */5 * * * *"],
    ["0 9 * * MON-FRI", "0 0 9 * * MON-FRI"],
    ["30 0 9 * * 1-5", "30 0 9 * * 1-5"],
    ["  0   9 * * *  ", "0 0 9 * * *"],
    ["@yearly", "0 0 0 1 1 *"],
    ["@monthly", "0 0 0 1 * *"],
    ["@weekly", "0 0 0 * * 0"],
    ["@daily", "0 0 0 * * *"],
    ["@hourly", "0 0 * * * *"],
    ["@DAILY", "0 0 0 * * *"],
  ])("accepts %j", (cron, expression) => {
    expect(parseSchedule(cron)).toEqual({
      ok: true,
      spec: { kind: "cron", expression, timezone: "UTC" },
    });
  });

  it.each([
    ["@every 90s", 90_000],
    ["@every 5m", 300_000],
    ["@every 1h30m", 5_400_000],
    ["@every PT1M", 60_000],
  ])("accepts %j", (cron, interval_ms) => {
    expect(parseSchedule(cron, "Europe/Berlin")).toEqual({
      ok: true,
      spec: { kind: "every", interval_ms, timezone: "Europe/Berlin" },
    });
  });

  it.each([
    ["", "cron", /5 fields .* got 0/],
    ["* * * *", "cron", /5 fields .* got 4/],
    ["* * * * * * *", "cron", /got 7/],
    ["61 * * * *", "cron", /invalid cron expression: .*61/],
    ["* * * * FOO", "cron", /invalid cron expression/],
    ["0 0 30 2 *", "cron", /invalid cron expression/],
    ["H * * * *", "cron", /"H" .* not supported/],
    ["@fortnightly", "cron", /unknown shortcut "@fortnightly"; use .*@every <duration>/],
    ["@every", "cron", /whole seconds/],
    ["@every 500ms", "cron", /at least 1s/],
    ["@every 1500ms", "cron", /whole seconds/],
    ["@every soon", "cron", /got "soon"/],
  ])("refuses %j with a clear message", (cron, field, message) => {
    const parsed = parseSchedule(cron);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.field).toBe(field);
    expect(parsed.message).toMatch(message);
  });

  it("refuses a time zone that is not IANA", () => {
    expect(parseSchedule("@daily", "Mars/Olympus")).toEqual({
      ok: false,
      field: "timezone",
      message: '"Mars/Olympus" is not an IANA time zone',
    });
    expect(parseSchedule("@daily", "")).toMatchObject({ ok: false, field: "timezone" });
  });

  it("accepts THU as a day name, not a random H", () => {
    expect(parseSchedule("0 9 * * THU").ok).toBe(true);
  });
});

describe("nextFireTimes", () => {
  it("is strictly after the given time, on whole seconds", () => {
    expect(iso(nextFireTimes(spec("0 9 * * *"), at("2026-11-23T09:00:00Z"), 2))).toEqual([
      "2026-11-24T09:00:00.000Z",
      "2026-11-25T09:00:00.000Z",
    ]);
    expect(iso(nextFireTimes(spec("*/20 * * * * *"), at("2026-11-23T09:00:00.500Z"), 3))).toEqual([
      "2026-11-23T09:00:20.000Z",
      "2026-11-23T09:00:40.000Z",
      "2026-11-23T09:01:00.000Z",
    ]);
  });

  it("puts @every on multiples of the interval since the epoch", () => {
    expect(iso(nextFireTimes(spec("@every 90s"), at("2026-11-23T09:00:00Z"), 3))).toEqual([
      "2026-11-23T09:01:30.000Z",
      "2026-11-23T09:03:00.000Z",
      "2026-11-23T09:04:30.000Z",
    ]);
  });

  it("reads wall-clock times in the schedule's zone", () => {
    const weekdays = spec("0 9 * * MON-FRI", "Europe/Berlin");
    // Friday 2026-11-27, then Monday: 09:00 CET is 08:00 UTC.
    expect(iso(nextFireTimes(weekdays, at("2026-11-26T12:00:00Z"), 2))).toEqual([
      "2026-11-27T08:00:00.000Z",
      "2026-11-30T08:00:00.000Z",
    ]);
  });
});

describe("across daylight-saving changes", () => {
  it("Europe/Berlin, spring forward: 02:30 does not exist and fires once, at 03:30 CEST", () => {
    const daily = spec("30 2 * * *", "Europe/Berlin");
    expect(iso(nextFireTimes(daily, at("2026-03-27T12:00:00Z"), 3))).toEqual([
      "2026-03-28T01:30:00.000Z", // 02:30 CET
      "2026-03-29T01:30:00.000Z", // 03:30 CEST, just after the gap
      "2026-03-30T00:30:00.000Z", // 02:30 CEST
    ]);
  });

  it("Europe/Berlin, fall back: 02:30 happens twice and fires once, the first time", () => {
    const daily = spec("30 2 * * *", "Europe/Berlin");
    expect(iso(nextFireTimes(daily, at("2026-10-24T12:00:00Z"), 2))).toEqual([
      "2026-10-25T00:30:00.000Z", // 02:30 CEST
      "2026-10-26T01:30:00.000Z", // 02:30 CET
    ]);
  });

  it("Europe/Berlin: hourly follows real time through both changes", () => {
    const hourly = spec("0 * * * *", "Europe/Berlin");
    expect(iso(nextFireTimes(hourly, at("2026-03-29T00:30:00Z"), 2))).toEqual([
      "2026-03-29T01:00:00.000Z", // 03:00 CEST: 02:00 did not exist
      "2026-03-29T02:00:00.000Z",
    ]);
    expect(iso(nextFireTimes(hourly, at("2026-10-24T23:30:00Z"), 3))).toEqual([
      "2026-10-25T00:00:00.000Z", // 02:00 CEST
      "2026-10-25T01:00:00.000Z", // 02:00 CET
      "2026-10-25T02:00:00.000Z", // 03:00 CET
    ]);
  });

  it("America/New_York: 09:00 stays 09:00 local as the offset changes", () => {
    const morning = spec("0 9 * * *", "America/New_York");
    expect(iso(nextFireTimes(morning, at("2026-03-07T00:00:00Z"), 2))).toEqual([
      "2026-03-07T14:00:00.000Z", // EST, UTC-5
      "2026-03-08T13:00:00.000Z", // EDT, UTC-4
    ]);
    expect(iso(nextFireTimes(morning, at("2026-10-31T00:00:00Z"), 2))).toEqual([
      "2026-10-31T13:00:00.000Z",
      "2026-11-01T14:00:00.000Z",
    ]);
  });

  it("America/New_York: 02:30 fires once on the spring day and once on the fall day", () => {
    const early = spec("30 2 * * *", "America/New_York");
    expect(iso(nextFireTimes(early, at("2026-03-07T12:00:00Z"), 2))).toEqual([
      "2026-03-08T07:30:00.000Z", // 03:30 EDT, just after the gap
      "2026-03-09T06:30:00.000Z",
    ]);
    const repeated = spec("30 1 * * *", "America/New_York");
    expect(iso(nextFireTimes(repeated, at("2026-10-31T12:00:00Z"), 2))).toEqual([
      "2026-11-01T05:30:00.000Z", // 01:30 EDT, the first of two
      "2026-11-02T06:30:00.000Z",
    ]);
  });

  it("latestFireTimes agrees with nextFireTimes across the changes", () => {
    for (const [cron, zone, from, to] of [
      ["30 2 * * *", "Europe/Berlin", "2026-03-25T00:00:00Z", "2026-04-02T00:00:00Z"],
      ["30 2 * * *", "Europe/Berlin", "2026-10-22T00:00:00Z", "2026-10-29T00:00:00Z"],
      ["*/30 1-3 * * *", "America/New_York", "2026-10-30T00:00:00Z", "2026-11-03T00:00:00Z"],
      ["*/30 1-3 * * *", "America/New_York", "2026-03-06T00:00:00Z", "2026-03-10T00:00:00Z"],
    ] as const) {
      const schedule = spec(cron, zone);
      const forward = nextFireTimes(schedule, at(from), 500).filter((t) => t <= at(to));
      expect(latestFireTimes(schedule, at(from), at(to), 500), `${cron} ${zone}`).toEqual(forward);
      expect(latestFireTimes(schedule, at(from), at(to), 3)).toEqual(forward.slice(-3));
    }
  });
});

describe("latestFireTimes", () => {
  it("returns fires in (after, atOrBefore], the latest ones when capped", () => {
    const minutely = spec("* * * * *");
    const end = at("2026-11-23T10:00:00Z");
    expect(iso(latestFireTimes(minutely, end - 3 * 60_000, end, 10))).toEqual([
      "2026-11-23T09:58:00.000Z",
      "2026-11-23T09:59:00.000Z",
      "2026-11-23T10:00:00.000Z",
    ]);
    expect(latestFireTimes(minutely, end - 60_000, end - 1, 10)).toEqual([]);
  });

  it("stays cheap when the last handled fire is years ago", () => {
    const secondly = spec("* * * * * *");
    const end = at("2026-11-23T10:00:00Z");
    expect(latestFireTimes(secondly, at("2020-01-01T00:00:00Z"), end, 100)).toHaveLength(100);
    expect(iso(latestFireTimes(spec("@every 1s"), 0, end, 2))).toEqual([
      "2026-11-23T09:59:59.000Z",
      "2026-11-23T10:00:00.000Z",
    ]);
  });
});

describe("formatInZone", () => {
  it("writes the local time with its offset", () => {
    expect(formatInZone(at("2026-03-29T01:30:00Z"), "Europe/Berlin")).toBe(
      "2026-03-29T03:30:00+02:00",
    );
    expect(formatInZone(at("2026-11-01T05:30:00Z"), "America/New_York")).toBe(
      "2026-11-01T01:30:00-04:00",
    );
    expect(formatInZone(at("2026-11-01T06:30:00Z"), "America/New_York")).toBe(
      "2026-11-01T01:30:00-05:00",
    );
    expect(formatInZone(at("2026-01-01T00:00:00Z"), "UTC")).toBe("2026-01-01T00:00:00Z");
    expect(formatInZone(at("2026-01-01T00:00:00Z"), "Asia/Kolkata")).toBe(
      "2026-01-01T05:30:00+05:30",
    );
  });
});
