import { describe, expect, it } from "vitest";
import { formatDuration, MAX_DURATION_MS, parseDuration } from "../../src/core/duration";

describe("parseDuration", () => {
  it.each([
    ["500ms", 500],
    ["30s", 30_000],
    ["5m", 300_000],
    ["1h30m", 5_400_000],
    ["2d", 172_800_000],
    ["1w", 604_800_000],
    ["1.5h", 5_400_000],
    ["1m500ms", 60_500],
    [" 10s ", 10_000],
    ["PT5M", 300_000],
    ["P1DT2H", 93_600_000],
    ["pt0.5s", 500],
    ["P2W", 1_209_600_000],
    ["PT1H30M15S", 5_415_000],
    ["0", 0],
    ["1500", 1500],
    [1500, 1500],
    [0, 0],
    ["365d", MAX_DURATION_MS],
  ] as const)("parses %j", (input, expected) => {
    expect(parseDuration(input)).toBe(expected);
  });

  it.each([
    "",
    "abc",
    "5x",
    "-5s",
    "30m1h",
    "5m5m",
    "1h 30m",
    "P",
    "PT",
    "P1Y",
    "P1M",
    "P1DT",
    "PT5",
    "366d",
    "1e3",
    -1,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    MAX_DURATION_MS + 1,
  ])("rejects %j", (input) => {
    expect(parseDuration(input)).toBeNull();
  });
});

describe("formatDuration", () => {
  it.each([
    [0, "0ms"],
    [500, "500ms"],
    [30_000, "30s"],
    [5_400_000, "1h30m"],
    [172_800_000, "2d"],
    [60_500, "1m500ms"],
  ])("formats %d as %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it("round-trips through parseDuration", () => {
    for (const ms of [1, 999, 61_001, 93_600_000, MAX_DURATION_MS]) {
      expect(parseDuration(formatDuration(ms))).toBe(ms);
    }
  });
});
