/**
 * The run object's one alarm: `nextAlarmAt` decides when it must wake from the run's state
 * (pure, so every rule is a unit test; `nextIndexWrite` is its rule for the D1 index), and
 * `RunAlarm` is the only code in src/engine that sets, deletes or reads it
 * (test/engine/alarm.test.ts checks that no other file does).
 */
import type { RunStatus } from "../core/statuses";
import type { RunStorage } from "./store/storage";

/** How soon a run whose D1 index write failed tries again. */
export const MIRROR_RETRY_MS = 5_000;
/** How soon an expiry that died half-way is taken up again. */
export const EXPIRY_RETRY_MS = 60_000;
/**
 * How long a `running` or `waiting` status must last before the D1 index hears of it, when
 * the index already shows the other one of the two: a run alternating short waits and calls
 * writes its row when it starts, moves first and ends, not at every wait.
 */
export const INDEX_SETTLE_MS = 5_000;

/** The two statuses the index may show late (by INDEX_SETTLE_MS): both mean "in progress". */
const SETTLING: ReadonlySet<RunStatus> = new Set(["running", "waiting"]);

/** What decides the next index write: the run's row, and what this instance knows of the index. */
export interface IndexState {
  now: number;
  status: RunStatus;
  seq: number;
  mirroredSeq: number;
  /** The status the index row holds, when this instance wrote it (null: unknown). */
  indexedStatus: RunStatus | null;
  /** When this instance first saw the run at its current `seq` (its last status change). */
  seenAt: number;
}

/**
 * The index write the run needs: `none` (up to date), `write` now, `same` (the index already
 * shows this status: nothing to write), or `later` (a running <-> waiting change younger than
 * INDEX_SETTLE_MS; the alarm wakes the run at `at`, unless another change comes first).
 */
export type IndexWrite = { kind: "none" | "write" | "same" } | { kind: "later"; at: number };

export function nextIndexWrite(state: IndexState): IndexWrite {
  if (state.mirroredSeq >= state.seq) return { kind: "none" };
  const { indexedStatus, status } = state;
  if (indexedStatus === null || !SETTLING.has(indexedStatus) || !SETTLING.has(status))
    return { kind: "write" };
  if (status === indexedStatus) return { kind: "same" };
  const at = state.seenAt + INDEX_SETTLE_MS;
  return at <= state.now ? { kind: "write" } : { kind: "later", at };
}

/** What decides the next wake-up, read from committed state and this instance's calls. */
export interface AlarmState {
  now: number;
  /** The earliest timer the run's gate lets fire (a lease of a call in flight included). */
  nextTimer: number | null;
  /** A step is `running` with no call in this instance: a dead instance's attempt. */
  hasOrphanedAttempt: boolean;
  /** The D1 index is behind the run (`mirrored_seq` < `seq`). */
  isMirrorBehind: boolean;
  /** When a deferred index write falls due (nextIndexWrite's `later`); null: due now. */
  mirrorDeferredTo: number | null;
  /** When the finished run leaves storage; null while it is in progress. */
  expiresAt: number | null;
  /** Queued behind MAX_RUNNING_RUNS: only its timers (the deadline) wake it; the grant does. */
  isHeldByRunCap: boolean;
}

/** The moment the run must wake next, or null when nothing will ever need it. */
export function nextAlarmAt(state: AlarmState): number | null {
  const { now } = state;
  // Past its expiry the run is being deleted: if that dies half-way, the alarm finishes it.
  if (state.expiresAt !== null && state.expiresAt <= now) return now + EXPIRY_RETRY_MS;
  if (state.isHeldByRunCap) return state.nextTimer;
  const candidates = [
    state.nextTimer,
    // An interrupted attempt is recovered now, not when its lease runs out.
    state.hasOrphanedAttempt ? now : null,
    state.isMirrorBehind ? (state.mirrorDeferredTo ?? now + MIRROR_RETRY_MS) : null,
    state.expiresAt,
  ].filter((at): at is number => at !== null);
  return candidates.length === 0 ? null : Math.min(...candidates);
}

export class RunAlarm {
  constructor(private readonly storage: RunStorage) {}

  /**
   * Sets the alarm to `at` (deletes it for null). Not awaited: on SQLite-backed storage the
   * alarm is a row of the object's own database, written with the transaction just
   * committed, and the output gate holds every call and answer until both are durable.
   */
  set(at: number | null): void {
    if (at === null) void this.storage.deleteAlarm();
    else void this.storage.setAlarm(at);
  }

  async isSet(): Promise<boolean> {
    return (await this.storage.getAlarm()) !== null;
  }
}
