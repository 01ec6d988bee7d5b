/**
 * Time as the harness tells it: it stands still while the engine works and jumps to the
 * next alarm when nothing is left to do now, so `wait: 1h` passes at once in wall time.
 */
import type { Clock } from "../engine/ports";

export class VirtualClock implements Clock {
  constructor(private current: number) {}

  now(): number {
    return this.current;
  }

  /** Moves time forward to `at` (never backwards). */
  advanceTo(at: number): void {
    this.current = Math.max(this.current, at);
  }

  /**
   * The drive loop sleeps until its next timer while calls are in flight: the calls
   * (mocks settle at once) go first, then time jumps to `at`.
   */
  wakeAt(at: number, wake: () => void): () => void {
    const handle = setImmediate(() => {
      this.advanceTo(at);
      wake();
    });
    return () => clearImmediate(handle);
  }
}
