import { isFinishedRunStatus, type RunStatus } from "../core/statuses";
import { type IndexState, type IndexWrite, nextIndexWrite } from "./alarm";
import { coordinatorNeed, tellsCoordinator } from "./announce";
import type { RunPorts } from "./ports";
import type { RunRow, RunStore } from "./store/run-store";

/**
 * Keeps the run's D1 index row current, as `nextIndexWrite` (alarm.ts, pure) decides, and
 * hands the run's end to its coordinator (when it has something to do: announce.ts) and run
 * slot with the write that records it.
 */
export class IndexWriter {
  /**
   * What this instance knows of the D1 index row: the newest status it wrote (by seq: two
   * writes may settle out of order), and when it first saw the run's current seq. A cache: a
   * fresh instance knows neither and writes its first change at once, so forgetting costs
   * one write, never a stale index.
   */
  private indexed: { status: RunStatus; seq: number } | null = null;
  private seqSeen: { seq: number; at: number } | null = null;

  constructor(
    private readonly store: RunStore,
    private readonly ports: RunPorts,
  ) {}

  /** The write the run needs now (`later`: the alarm must wake it for a deferred one). */
  next(run: Readonly<RunRow>): IndexWrite {
    return nextIndexWrite(this.indexState(run));
  }

  /**
   * Writes the D1 index when it is behind and the write is due (a short-lived change between
   * in-progress statuses waits for the alarm); a failure is retried by a later alarm.
   */
  async write(): Promise<void> {
    const run = this.store.readRun();
    const next = this.next(run);
    if (next.kind === "same") this.store.markMirrored(run.seq);
    if (next.kind !== "write") return;
    try {
      const plan = this.store.readPlan();
      const need = coordinatorNeed(run, plan);
      const written = await this.ports.mirror(run, plan.tags, need === "listeners");
      // Before markMirrored: an announcement that failed is repeated with the mirror.
      await this.ports.announceEnd(run, tellsCoordinator(need, written.listened));
      // Like the announcement, the run slot's return is repeated until it succeeds.
      const runSlot = isFinishedRunStatus(run.status) ? this.ports.slots.runClaim(run) : null;
      if (runSlot) await this.ports.slots.giveBack(runSlot);
      this.store.markMirrored(run.seq);
      if (run.seq > (this.indexed?.seq ?? 0)) this.indexed = { status: run.status, seq: run.seq };
    } catch (error) {
      console.error(`cairn: run ${run.run_id}: index write failed`, error);
    }
  }

  private indexState(run: Readonly<RunRow>): IndexState {
    const now = this.ports.clock.now();
    if (this.seqSeen?.seq !== run.seq) this.seqSeen = { seq: run.seq, at: now };
    return {
      now,
      status: run.status,
      seq: run.seq,
      mirroredSeq: run.mirrored_seq,
      indexedStatus: this.indexed?.status ?? null,
      seenAt: this.seqSeen.at,
    };
  }
}
