/**
 * One run outside its Durable Object: the engine's own RunStore and RunDriver over a
 * node:sqlite database, with the harness's ports. What RunObject does on start, on its
 * alarm, on a child's end and on cancel, this does with the same engine functions.
 */

import type { ChildEnded, StartRequest } from "../clients/run";
import type { HistoryRecord } from "../core/history";
import type { JsonValue } from "../core/json";
import { isFinishedRunStatus } from "../core/statuses";
import { createRun } from "../engine/create-run";
import { RunDriver } from "../engine/driver";
import { deliverEvent } from "../engine/events";
import type { RunPorts } from "../engine/ports";
import { cancelOpenSteps } from "../engine/step-rows";
import { RunStore } from "../engine/store/run-store";
import { settleChild } from "../engine/sub-jobs";
import { finishRun } from "../engine/transitions";
import type { SqliteStorage } from "./sqlite-storage";

const HISTORY_PAGE = 1_000;

export class OfflineRun {
  readonly store: RunStore;
  private readonly driver: RunDriver;

  constructor(
    readonly storage: SqliteStorage,
    private readonly ports: RunPorts,
  ) {
    this.store = new RunStore(this.storage, [], this.storage.sql, () => ports.clock.now());
    this.driver = new RunDriver(this.store, ports, {});
  }

  /** Creates the run (as RunObject.start does) with its alarm due now. */
  start(request: StartRequest): void {
    const now = this.ports.clock.now();
    createRun(this.store, request, now);
    this.driver.arm();
  }

  /** True while the run can still move: unfinished, or its end not yet announced. */
  get pending(): boolean {
    const run = this.store.readRun();
    return !isFinishedRunStatus(run.status) || run.mirrored_seq < run.seq;
  }

  /** The alarm fires: the runtime clears it, then the drive loop runs. */
  async fire(): Promise<void> {
    this.storage.alarm = null;
    await this.driver.drive();
  }

  /** An event for the run's wait_for_event steps (kept until one waits, if none does yet). */
  deliverEvent(name: string, body: JsonValue): void {
    const now = this.ports.clock.now();
    this.store.transaction(() => deliverEvent(this.store, this.store.readPlan(), name, body, now));
  }

  /** A child run it started ended. */
  async childEnded(ended: ChildEnded): Promise<void> {
    if (isFinishedRunStatus(this.store.readRun().status)) return;
    const now = this.ports.clock.now();
    this.store.transaction(() => settleChild(this.store, this.store.readPlan(), ended, now));
    await this.afterChange();
  }

  /** Cancelled by its parent (the parent's step timed out or was cancelled). */
  async cancel(): Promise<void> {
    if (isFinishedRunStatus(this.store.readRun().status)) return;
    const now = this.ports.clock.now();
    this.store.transaction(() => {
      cancelOpenSteps(this.store, "run cancelled", now);
      finishRun(this.store, "cancelled", now, {}, "cancelled by request");
    });
    await this.driver.stopCancelled();
    await this.afterChange();
  }

  history(): HistoryRecord[] {
    const records: HistoryRecord[] = [];
    for (;;) {
      const page = this.store.history.readHistory(records.at(-1)?.seq ?? 0, HISTORY_PAGE);
      records.push(...page);
      if (page.length < HISTORY_PAGE) return records;
    }
  }

  // As RunObject.afterChange: nudge the loop, or publish and re-arm.
  private async afterChange(): Promise<void> {
    if (this.driver.isDriving) this.driver.poke();
    else {
      await this.driver.mirror();
      this.driver.arm();
    }
  }
}
