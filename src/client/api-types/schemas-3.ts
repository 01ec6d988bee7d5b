/**
 * Generated from GET /openapi.json by openapi-typescript (scripts/client-types.mjs).
 * Do not edit: run `npm run client:generate`.
 */
export interface Schemas3<S extends Record<"JsonValue", unknown>> {
  RunView: {
    id: string;
    job: string;
    version: number;
    /** @enum {string} */
    status:
      | "queued"
      | "running"
      | "waiting"
      | "paused"
      | "succeeded"
      | "failed"
      | "cancelled"
      | "timed_out";
    trigger: string;
    params: {
      [key: string]: S["JsonValue"];
    };
    output: S["JsonValue"] | null;
    error: {
      type: string;
      message: string;
      retryable: boolean;
      status?: number;
      retry_after_ms?: number;
    } | null;
    failed_step: string | null;
    idempotency_key: string | null;
    /** Format: date-time */
    created_at: string;
    started_at: string | null;
    finished_at: string | null;
    tags: {
      [key: string]: string;
    };
    expires_at: string | null;
    progress: {
      executions: number;
      max_step_executions: number;
    };
  };
}
