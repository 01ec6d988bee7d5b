/**
 * The run object's one alarm: `nextAlarmAt` decides when it must wake from the run's state
 * (pure, so every rule is a unit test), and `RunAlarm` is the only code in src/engine that
 * sets, deletes or reads it (test/engine/alarm.test.ts checks that no other file does).
 */

/** How soon a run whose D1 index write failed tries again. */
export const MIRROR_RETRY_MS = 5_000;
/** How soon an expiry that died half-way is taken up again. */
export const EXPIRY_RETRY_MS = 60_000;

/** What decides the next wake-up, read from committed state and this instance's calls. */
export interface AlarmState {
  now: number;
  /** The earliest timer the run's gate lets fire (a lease of a call in flight included). */
  nextTimer: number | null;
  /** A step is `running` with no call in this instance: a dead instance's attempt. */
  hasOrphanedAttempt: boolean;
  /** The D1 index is behind the run (`mirrored_seq` < `seq`). */
  isMirrorBehind: boolean;
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
    state.isMirrorBehind ? now + MIRROR_RETRY_MS : null,
    state.expiresAt,
  ].filter((at): at is number => at !== null);
  return candidates.length === 0 ? null : Math.min(...candidates);
}

export class RunAlarm {
  constructor(private readonly storage: DurableObjectStorage) {}

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
