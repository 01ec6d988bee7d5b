/**
 * Generated from GET /openapi.json by openapi-typescript (scripts/client-types.mjs).
 * Do not edit: run `npm run client:generate`.
 */
import type { components } from "./components";

export interface Operations7 {
  postJobsNameRuns: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        name: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        "application/json": {
          params?: {
            [key: string]: components["schemas"]["JsonValue"];
          };
          parameters?: {
            [key: string]: components["schemas"]["JsonValue"];
          };
          idempotency_key?: string;
          tags?: {
            [key: string]: string;
          };
        };
        "application/yaml": {
          params?: {
            [key: string]: components["schemas"]["JsonValue"];
          };
          parameters?: {
            [key: string]: components["schemas"]["JsonValue"];
          };
          idempotency_key?: string;
          tags?: {
            [key: string]: string;
          };
        };
      };
    };
    responses: {
      /** @description A run with this idempotency_key exists */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["RunSummary"];
        };
      };
      /** @description Run started */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["RunSummary"];
        };
      };
      /** @description Invalid body or params */
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
      /** @description No such job */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The idempotency_key was used with other params */
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
  getRuns: {
    parameters: {
      query?: {
        cursor?: string;
        limit?: number;
        job?: string;
        status?: string;
        tag?: string[];
        created_after?: string;
        created_before?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description A page of runs */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            items: {
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
              /** Format: date-time */
              created_at: string;
              started_at: string | null;
              finished_at: string | null;
              tags: {
                [key: string]: string;
              };
            }[];
            next_cursor: string | null;
          };
        };
      };
      /** @description An unknown, repeated or malformed parameter, named */
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
      /** @description The API key lacks the "read" scope */
      403: {
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
