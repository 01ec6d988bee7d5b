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
  /**
   * Set while a start's first move runs for the run's own coordinator (a schedule fire, a
   * `concurrency` admission), which handles one call at a time and is waiting for that very
   * start: an end it must hear is written to the index but not announced, and the mirror is
   * left behind (`heldSeq`), so the alarm, due at once, announces it (its row already
   * written: `written` below).
   */
  private coordinatorWaits = false;
  private heldSeq: number | null = null;
  /**
   * The seq whose row the last write put in the index while what follows the write (the end's
   * announcement, the run slot's return) is still to do: held for the alarm above, or failed.
   * The next write of that seq repeats the announcement and the slot's return, not the row,
   * so a held end writes its row once. A cache like `indexed`: a fresh instance writes the
   * row again, which the seq guard allows. All this instance knows of the index is forgotten
   * when the run is destroyed: a run started again in this object (the same idempotency key)
   * counts its seqs from 1.
   */
  private written: { seq: number; toCoordinator: boolean } | null = null;

  constructor(
    private readonly store: RunStore,
    private readonly ports: RunPorts,
  ) {
    store.whenDestroyed(() => this.forget());
  }

  /** The write the run needs now (`later`: the alarm must wake it for a deferred one). */
  next(run: Readonly<RunRow>): IndexWrite {
    return nextIndexWrite(this.indexState(run));
  }

  /** Whether an end's announcement is held for the alarm, which must then wake at once. */
  get holdsEnd(): boolean {
    return this.heldSeq !== null;
  }

  /** Runs a start's first move with the end's announcement held for the alarm (see above). */
  async whileCoordinatorWaits(move: () => Promise<void>): Promise<void> {
    this.coordinatorWaits = true;
    try {
      await move();
    } finally {
      this.coordinatorWaits = false;
      this.heldSeq = null;
    }
  }

  /**
   * Writes the D1 index when it is behind and the write is due (a short-lived change between
   * in-progress statuses waits for the alarm); a failure is retried by a later alarm.
   */
  async write(): Promise<void> {
    const run = this.store.readRun();
    const next = this.next(run);
    if (next.kind === "same") this.store.markMirrored(run.seq);
    if (next.kind !== "write" || run.seq === this.heldSeq) return;
    try {
      const toCoordinator = await this.writeRow(run);
      if (toCoordinator && this.coordinatorWaits) {
        this.heldSeq = run.seq;
        return;
      }
      // Before markMirrored: an announcement that failed is repeated by the next write.
      await this.ports.announceEnd(run, toCoordinator);
      // Like the announcement, the run slot's return is repeated until it succeeds.
      const runSlot = isFinishedRunStatus(run.status) ? this.ports.slots.runClaim(run) : null;
      if (runSlot) await this.ports.slots.giveBack(runSlot);
      this.store.markMirrored(run.seq);
      // Only this seq's: an older write settling late must not drop a newer one's record.
      if (this.written?.seq === run.seq) this.written = null;
    } catch (error) {
      console.error(`cairn: run ${run.run_id}: index write failed`, error);
    }
  }

  /**
   * Puts the run's row in the index, unless this instance already did for this seq, and
   * answers whether its end is to be told to its coordinator.
   */
  private async writeRow(run: Readonly<RunRow>): Promise<boolean> {
    if (this.written?.seq === run.seq) return this.written.toCoordinator;
    const plan = this.store.readPlan();
    const need = coordinatorNeed(run, plan);
    const { listened } = await this.ports.mirror(run, plan.tags, need === "listeners");
    this.written = { seq: run.seq, toCoordinator: tellsCoordinator(need, listened) };
    if (run.seq > (this.indexed?.seq ?? 0)) this.indexed = { status: run.status, seq: run.seq };
    return this.written.toCoordinator;
  }

  private forget(): void {
    this.indexed = null;
    this.seqSeen = null;
    this.written = null;
    this.heldSeq = null;
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
