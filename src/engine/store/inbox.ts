/**
 * What reaches the run from outside for its wait_for_event steps: events kept until a step
 * takes them, and callback tokens (one per step execution) with a body that came early.
 */
import type { JsonValue } from "../../core/json";
import { redact } from "../../templates/secrets";
import { EVENTS_TABLE_IF_MISSING } from "./schema";
import type { RunSql } from "./storage";

export class Inbox {
  /**
   * @param currentExecution the execution a step is in now (legacy tokens belong to it)
   * @param waitsForEvents whether the run's plan has a wait_for_event step: the tables of
   * tokens and events are created with the run only then (schema.ts `OptionalTables`)
   */
  constructor(
    private readonly sql: RunSql,
    private readonly secretValues: readonly string[],
    private readonly currentExecution: (stepId: string) => number,
    private readonly waitsForEvents: () => boolean,
  ) {}

  /** Keeps an event posted to the run until a step takes it; returns its sequence number. */
  addEvent(name: string, body: JsonValue): number {
    if (!this.waitsForEvents()) this.sql.exec(EVENTS_TABLE_IF_MISSING);
    const row = this.sql
      .exec(
        "INSERT INTO cairn_events (name, body, received_at) VALUES (?, ?, ?) RETURNING seq",
        name,
        JSON.stringify(redact(body, this.secretValues)),
        Date.now(),
      )
      .one();
    return Number(row.seq);
  }
  /** The oldest event of `name` no step has taken yet, marked as taken by `instance`. */
  takeEvent(name: string, instance: string): { seq: number; body: JsonValue } | null {
    const row = this.sql
      .exec(
        "SELECT seq, body FROM cairn_events WHERE name = ? AND taken_by IS NULL ORDER BY seq LIMIT 1",
        name,
      )
      .toArray()[0];
    if (!row) return null;
    this.sql.exec("UPDATE cairn_events SET taken_by = ? WHERE seq = ?", instance, row.seq);
    return { seq: Number(row.seq), body: JSON.parse(String(row.body)) as JsonValue };
  }
  /**
   * The callback token of one execution of a step instance, created on first use. Created
   * outside any transaction on purpose: the output gate makes it durable before a call that
   * carries it leaves the object.
   */
  callbackToken(stepId: string, execution: number, create: () => string): string {
    const found = this.sql
      .exec(
        "SELECT token FROM cairn_callback_urls WHERE step_id = ? AND execution = ?",
        stepId,
        execution,
      )
      .toArray()[0];
    if (found) return String(found.token);
    const token = create();
    this.sql.exec(
      "INSERT INTO cairn_callback_urls (token, step_id, execution) VALUES (?, ?, ?)",
      token,
      stepId,
      execution,
    );
    return token;
  }
  /** The step execution a callback token belongs to and whether it was used; null if unknown. */
  readCallback(token: string): { step_id: string; execution: number; used: boolean } | null {
    if (!this.waitsForEvents()) return null;
    const row = this.sql
      .exec("SELECT step_id, execution, used_at FROM cairn_callback_urls WHERE token = ?", token)
      .toArray()[0];
    if (row)
      return {
        step_id: String(row.step_id),
        execution: Number(row.execution),
        used: row.used_at !== null,
      };
    // Runs started before tokens were per execution: a token is good for the current one.
    if (!this.hasLegacyTokens()) return null;
    const legacy = this.sql
      .exec("SELECT step_id, used_at FROM cairn_callbacks WHERE token = ?", token)
      .toArray()[0];
    if (!legacy) return null;
    const stepId = String(legacy.step_id);
    this.sql.exec(
      "INSERT INTO cairn_callback_urls (token, step_id, execution, used_at) VALUES (?, ?, ?, ?)",
      token,
      stepId,
      this.currentExecution(stepId),
      legacy.used_at,
    );
    this.sql.exec("DELETE FROM cairn_callbacks WHERE token = ?", token);
    return this.readCallback(token);
  }
  /** Only runs created before tokens were per execution have `cairn_callbacks` (see schema.ts). */
  private hasLegacyTokens(): boolean {
    return (
      this.sql
        .exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'cairn_callbacks'")
        .toArray().length > 0
    );
  }
  /** Spends a token; with a body, keeps it for its step execution, which has not started waiting. */
  useCallback(token: string, kept?: JsonValue): void {
    this.sql.exec(
      "UPDATE cairn_callback_urls SET used_at = ?, body = ? WHERE token = ?",
      Date.now(),
      kept === undefined ? null : JSON.stringify(redact(kept, this.secretValues)),
      token,
    );
  }
  /** The body of a callback that came before this step execution waited, taken once. */
  takeKeptCallback(stepId: string, execution: number): { body: JsonValue } | null {
    const row = this.sql
      .exec(
        "SELECT token, body FROM cairn_callback_urls WHERE step_id = ? AND execution = ? AND body IS NOT NULL",
        stepId,
        execution,
      )
      .toArray()[0];
    if (!row) return null;
    this.sql.exec("UPDATE cairn_callback_urls SET body = NULL WHERE token = ?", row.token);
    return { body: JSON.parse(String(row.body)) as JsonValue };
  }
}
