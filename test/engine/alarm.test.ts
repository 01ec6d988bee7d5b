/// <reference types="vite/client" />
/**
 * The run object's alarm: every rule of `nextAlarmAt` (pure, no storage), and the check that
 * RunAlarm is the only code in src/engine that touches the alarm.
 */
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import {
  type AlarmState,
  EXPIRY_RETRY_MS,
  INDEX_SETTLE_MS,
  type IndexState,
  MIRROR_RETRY_MS,
  nextAlarmAt,
  nextIndexWrite,
} from "../../src/engine/alarm";
import { LEASE_MS } from "../../src/engine/attempts";
import { target, uniquePath } from "../support/target";
import { createJob, runs, startRun, uniqueJobName, waitForRun } from "./runs";

const NOW = 1_000_000;
const idle: AlarmState = {
  now: NOW,
  nextTimer: null,
  hasOrphanedAttempt: false,
  isMirrorBehind: false,
  mirrorDeferredTo: null,
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

  it("wakes for a deferred index write when it falls due, unless a timer comes first", () => {
    const deferred = { ...idle, isMirrorBehind: true, mirrorDeferredTo: NOW + 4_000 };
    expect(nextAlarmAt(deferred)).toBe(NOW + 4_000);
    expect(nextAlarmAt({ ...deferred, nextTimer: NOW + 1_000 })).toBe(NOW + 1_000);
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

describe("nextIndexWrite", () => {
  const ran: IndexState = {
    now: NOW,
    status: "waiting",
    seq: 4,
    mirroredSeq: 3,
    indexedStatus: "running",
    seenAt: NOW,
  };

  it("writes nothing when the index has the run's seq", () => {
    expect(nextIndexWrite({ ...ran, mirroredSeq: 4 })).toEqual({ kind: "none" });
  });

  it("defers a running <-> waiting change by INDEX_SETTLE_MS from when it was seen", () => {
    expect(nextIndexWrite(ran)).toEqual({ kind: "later", at: NOW + INDEX_SETTLE_MS });
    expect(nextIndexWrite({ ...ran, status: "running", indexedStatus: "waiting" })).toEqual({
      kind: "later",
      at: NOW + INDEX_SETTLE_MS,
    });
  });

  it("writes a change that lasted INDEX_SETTLE_MS", () => {
    expect(nextIndexWrite({ ...ran, now: NOW + INDEX_SETTLE_MS })).toEqual({ kind: "write" });
  });

  it("writes nothing when the index already shows the status (a wait shorter than the threshold)", () => {
    expect(nextIndexWrite({ ...ran, status: "running", seq: 5 })).toEqual({ kind: "same" });
  });

  it("writes at once every other change: from or to queued, paused or an end", () => {
    for (const [indexedStatus, status] of [
      ["queued", "running"],
      ["running", "paused"],
      ["paused", "running"],
      ["waiting", "succeeded"],
      ["running", "failed"],
      ["waiting", "cancelled"],
    ] as const) {
      expect(nextIndexWrite({ ...ran, indexedStatus, status })).toEqual({ kind: "write" });
    }
  });

  it("writes at once when the instance does not know what the index shows", () => {
    expect(nextIndexWrite({ ...ran, indexedStatus: null })).toEqual({ kind: "write" });
    expect(nextIndexWrite({ ...ran, indexedStatus: null, mirroredSeq: -1 })).toEqual({
      kind: "write",
    });
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

describe("the lease of a call in flight", () => {
  const stateOf = (id: string) =>
    runInDurableObject(runs.get(runs.idFromName(id)), async (_o, state) => ({
      timers: state.storage.sql
        .exec("SELECT kind, step_id, due_at FROM cairn_timers ORDER BY id")
        .toArray(),
      alarm: await state.storage.getAlarm(),
    }));
  /**
   * The state once the loop has armed: it holds its alarm write until a call it launched
   * settles or DEPARTURE_HOLD_MS passed (until then the alarm invocation in progress is the
   * one that covers the call, and reads as no alarm), so the test waits for it, bounded.
   */
  async function armedStateOf(id: string, timeoutMs = 5_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const state = await stateOf(id);
      if (state.alarm !== null || Date.now() > deadline) return state;
      await scheduler.wait(10);
    }
  }

  it("is a timer committed with the attempt, the alarm set from it, dropped with the outcome", async () => {
    const path = uniquePath("leased");
    await target.program(path, [{ hold: true }]);
    const name = await createJob({
      name: uniqueJobName("leased"),
      steps: [{ id: "call", type: "task", http: { url: target.url(path) } }],
    });
    const id = await startRun(name);
    await target.waitForHeld(path);
    const during = await armedStateOf(id);
    expect(during.timers).toEqual([{ kind: "lease", step_id: "call", due_at: expect.any(Number) }]);
    const [lease] = during.timers;
    expect(Number(lease?.due_at) - Date.now()).toBeLessThanOrEqual(LEASE_MS);
    expect(during.alarm).toBe(lease?.due_at);
    await target.release(path);
    expect((await waitForRun(id)).status).toBe("succeeded");
    expect((await stateOf(id)).timers).toEqual([]);
  });
});
