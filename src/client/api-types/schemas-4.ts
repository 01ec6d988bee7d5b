/**
 * Generated from GET /openapi.json by openapi-typescript (scripts/client-types.mjs).
 * Do not edit: run `npm run client:generate`.
 */
export interface Schemas4<S extends Record<"JsonValue", unknown>> {
  StepView: {
    id: string;
    type: string;
    /** @enum {string} */
    status: "pending" | "running" | "waiting" | "succeeded" | "failed" | "skipped" | "cancelled";
    attempts: number;
    executions: number;
    input: S["JsonValue"] | null;
    output: S["JsonValue"] | null;
    error: {
      type: string;
      message: string;
      retryable: boolean;
      status?: number;
      retry_after_ms?: number;
    } | null;
    started_at: string | null;
    finished_at: string | null;
  };
  HistoryRecord: {
    seq: number;
    /** Format: date-time */
    at: string;
    type: string;
    step_id: string | null;
    data: S["JsonValue"];
    event: string | null;
  };
}
