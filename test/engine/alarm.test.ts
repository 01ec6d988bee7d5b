/// <reference types="vite/client" />
/**
 * The run object's alarm: every rule of `nextAlarmAt` (pure, no storage), and the check that
 * RunAlarm is the only code in src/engine that touches the alarm.
 */
import { describe, expect, it } from "vitest";
import {
  type AlarmState,
  EXPIRY_RETRY_MS,
  MIRROR_RETRY_MS,
  nextAlarmAt,
} from "../../src/engine/alarm";

const NOW = 1_000_000;
const idle: AlarmState = {
  now: NOW,
  nextTimer: null,
  hasOrphanedAttempt: false,
  isMirrorBehind: false,
  expiresAt: null,
  isHeldByRunCap: false,
};

describe("nextAlarmAt", () => {
  it("sets no alarm when nothing is pending", () => {
    expect(nextAlarmAt(idle)).toBeNull();
  });

  it("wakes at the earliest timer (a lease of a call in flight is one)", () => {
    expect(nextAlarmAt({ ...idle, nextTimer: NOW + 15_000 })).toBe(NOW + 15_000);
  });

  it("recovers an attempt no instance holds at once, before any timer", () => {
    expect(nextAlarmAt({ ...idle, nextTimer: NOW + 15_000, hasOrphanedAttempt: true })).toBe(NOW);
  });

  it("retries a failed index write after MIRROR_RETRY_MS unless a timer comes first", () => {
    expect(nextAlarmAt({ ...idle, isMirrorBehind: true })).toBe(NOW + MIRROR_RETRY_MS);
    expect(nextAlarmAt({ ...idle, isMirrorBehind: true, nextTimer: NOW + 1 })).toBe(NOW + 1);
  });

  it("wakes a finished run when it expires, and retries an expiry in progress", () => {
    expect(nextAlarmAt({ ...idle, expiresAt: NOW + 60_000 })).toBe(NOW + 60_000);
    expect(nextAlarmAt({ ...idle, expiresAt: NOW })).toBe(NOW + EXPIRY_RETRY_MS);
    expect(nextAlarmAt({ ...idle, expiresAt: NOW - 1, isMirrorBehind: true })).toBe(
      NOW + EXPIRY_RETRY_MS,
    );
  });

  it("wakes a run held by the run cap only for its timers: the grant wakes it otherwise", () => {
    const held = { ...idle, isHeldByRunCap: true, isMirrorBehind: true };
    expect(nextAlarmAt(held)).toBeNull();
    expect(nextAlarmAt({ ...held, nextTimer: NOW + 5 })).toBe(NOW + 5);
  });
});

describe("the alarm's one owner", () => {
  it("is RunAlarm: no other file in src/engine sets, deletes or reads the alarm", () => {
    const sources: Record<string, string> = import.meta.glob("../../src/engine/**/*.ts", {
      query: "?raw",
      import: "default",
      eager: true,
    });
    const touching = Object.entries(sources)
      .filter(([, text]) => /\.(setAlarm|deleteAlarm|getAlarm)\(/.test(text))
      .map(([path]) => path.replace(/^.*src\/engine\//, ""));
    expect(Object.keys(sources).length).toBeGreaterThan(20);
    expect(touching).toEqual(["alarm.ts"]);
  });
});
