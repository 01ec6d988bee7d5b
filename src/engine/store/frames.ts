/** The children of parallel and map steps: one row per branch or item, with its result. */
import { FRAME_JSON, type FrameCounts, type FrameResult, parseRow, toJson } from "./rows";
import type { RunSql } from "./storage";

export class FrameRepository {
  constructor(private readonly sql: RunSql) {}

  startFrame(parent: string, index: number): void {
    this.sql.exec(
      "INSERT OR REPLACE INTO cairn_frames (parent, idx, status) VALUES (?, ?, 'running')",
      parent,
      index,
    );
  }
  settleFrame(parent: string, index: number, result: FrameResult): void {
    this.sql.exec(
      "UPDATE cairn_frames SET status = ?, output = ?, error = ? WHERE parent = ? AND idx = ?",
      result.status,
      toJson(result.output),
      toJson(result.error),
      parent,
      index,
    );
  }
  /**
   * Children start in index order, so the highest index counts the started ones; running
   * and failed ones are counted through the (parent, status) index. Each item's end pays
   * for the items in flight, not for every item of the map.
   */
  countFrames(parent: string): FrameCounts {
    const count = (status: string) =>
      Number(
        this.sql
          .exec(
            "SELECT count(*) AS n FROM cairn_frames WHERE parent = ? AND status = ?",
            parent,
            status,
          )
          .one().n,
      );
    const top = this.sql
      .exec("SELECT max(idx) AS top FROM cairn_frames WHERE parent = ?", parent)
      .one().top;
    return {
      started: top === null ? 0 : Number(top) + 1,
      running: count("running"),
      failed: count("failed"),
    };
  }
  readFrames(parent: string): (FrameResult & { idx: number })[] {
    return this.sql
      .exec(
        "SELECT idx, status, output, error FROM cairn_frames WHERE parent = ? ORDER BY idx",
        parent,
      )
      .toArray()
      .map((row) => parseRow<FrameResult & { idx: number }>(row, FRAME_JSON));
  }
  cancelRunningFrames(parent: string): void {
    this.sql.exec(
      "UPDATE cairn_frames SET status = 'cancelled' WHERE parent = ? AND status = 'running'",
      parent,
    );
  }
}
