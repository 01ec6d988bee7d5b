/** Reads of the run's history (appends go through RunStore, which tells listeners on commit). */

import type { HistoryEvent, HistoryRecord } from "../../core/history";
import type { JsonValue } from "../../core/json";
import { toLifecycleEvent } from "../../core/lifecycle";
import type { RunSql } from "./storage";

export class HistoryRepository {
  constructor(private readonly sql: RunSql) {}

  readHistory(afterSeq: number, limit: number): HistoryRecord[] {
    return (
      this.sql
        .exec("SELECT * FROM cairn_history WHERE seq > ? ORDER BY seq LIMIT ?", afterSeq, limit)
        .toArray()
        .map((row) => ({
          seq: Number(row.seq),
          at: new Date(Number(row.at)).toISOString(),
          type: row.type as HistoryRecord["type"],
          step_id: row.step_id === null ? null : String(row.step_id),
          data: JSON.parse(String(row.data)) as JsonValue,
        }))
        // A stored record has the shape of the event it was appended as.
        .map((record) => ({
          ...record,
          event: toLifecycleEvent(record as unknown as HistoryEvent),
        }))
    );
  }
}
