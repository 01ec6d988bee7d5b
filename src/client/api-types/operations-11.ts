/**
 * Generated from GET /openapi.json by openapi-typescript (scripts/client-types.mjs).
 * Do not edit: run `npm run client:generate`.
 */
import type { components } from "./components";

export interface Operations11 {
  postRunsIdRetry: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        "application/json": {
          /** @description A top-level step: it and what follows it run again (any finished run); default: the failed step */
          from?: string;
          /** @description Replaces the run's params for the steps that run again (checked against the job's params schema) */
          params?: {
            [key: string]: components["schemas"]["JsonValue"];
          };
        };
        "application/yaml": {
          /** @description A top-level step: it and what follows it run again (any finished run); default: the failed step */
          from?: string;
          /** @description Replaces the run's params for the steps that run again (checked against the job's params schema) */
          params?: {
            [key: string]: components["schemas"]["JsonValue"];
          };
        };
      };
    };
    responses: {
      /** @description The run after the change */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["RunView"];
        };
      };
      /** @description A bad from, or params the job's schema refuses, named */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid bearer token or API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The API key lacks the "run" scope, or the key is limited to other jobs */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such run */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The run is not in a state that allows this */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Body over 1 MiB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Body neither JSON nor YAML */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  postCallbacksToken: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        token: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        "application/json": unknown;
        "application/yaml": unknown;
      };
    };
    responses: {
      /** @description Delivered */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            run_id: string;
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
          };
        };
      };
      /** @description Invalid body, every problem named by its path */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such callback */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The callback was already used, or its run has finished */
      410: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Body over 1 MiB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Body neither JSON nor YAML */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Rate limit reached (Retry-After says when to retry) */
      429: {
        headers: {
          /** @description Seconds to wait before trying again */
          "Retry-After": string;
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  postOperations: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          /** @enum {string} */
          action: "cancel" | "retry" | "delete";
          filter: {
            job?: string;
            status?:
              | (
                  | "queued"
                  | "running"
                  | "waiting"
                  | "paused"
                  | "succeeded"
                  | "failed"
                  | "cancelled"
                  | "timed_out"
                )
              | (
                  | "queued"
                  | "running"
                  | "waiting"
                  | "paused"
                  | "succeeded"
                  | "failed"
                  | "cancelled"
                  | "timed_out"
                )[];
            tags?: {
              [key: string]: string;
            };
            /**
             * Format: date-time
             * @description ISO 8601 time
             */
            created_after?: string;
            /**
             * Format: date-time
             * @description ISO 8601 time
             */
            created_before?: string;
            ids?: string[];
          };
          /** @description retry only: the top-level step each run re-runs from */
          from?: string;
          /** @description retry only: keys set over each run's params (each result checked against its job's schema) */
          set_params?: {
            [key: string]: components["schemas"]["JsonValue"];
          };
        };
        "application/yaml": {
          /** @enum {string} */
          action: "cancel" | "retry" | "delete";
          filter: {
            job?: string;
            status?:
              | (
                  | "queued"
                  | "running"
                  | "waiting"
                  | "paused"
                  | "succeeded"
                  | "failed"
                  | "cancelled"
                  | "timed_out"
                )
              | (
                  | "queued"
                  | "running"
                  | "waiting"
                  | "paused"
                  | "succeeded"
                  | "failed"
                  | "cancelled"
                  | "timed_out"
                )[];
            tags?: {
              [key: string]: string;
            };
            /**
             * Format: date-time
             * @description ISO 8601 time
             */
            created_after?: string;
            /**
             * Format: date-time
             * @description ISO 8601 time
             */
            created_before?: string;
            ids?: string[];
          };
          /** @description retry only: the top-level step each run re-runs from */
          from?: string;
          /** @description retry only: keys set over each run's params (each result checked against its job's schema) */
          set_params?: {
            [key: string]: components["schemas"]["JsonValue"];
          };
        };
      };
    };
    responses: {
      /** @description The operation, started */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            /** @enum {string} */
            action: "cancel" | "retry" | "delete";
            /** @enum {string} */
            status: "running" | "done";
            matched: number;
            done: number;
            failed: number;
            failures: {
              run_id: string;
              reason: string;
            }[];
            /** Format: date-time */
            created_at: string;
            finished_at: string | null;
          };
        };
      };
      /** @description A bad action or filter (an empty filter included), named */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or invalid bearer token or API key */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The API key lacks the "write" scope */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Body over 1 MiB */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Body neither JSON nor YAML */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
}
