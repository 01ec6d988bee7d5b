/**
 * Generated from GET /openapi.json by openapi-typescript (scripts/client-types.mjs).
 * Do not edit: run `npm run client:generate`.
 */
import type { components } from "./components";

export interface Operations8 {
  postRuns: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json":
          | {
              job: components["schemas"]["JobSource"];
              params?: {
                [key: string]: components["schemas"]["JsonValue"];
              };
              /** @description Karya's name for params */
              parameters?: {
                [key: string]: components["schemas"]["JsonValue"];
              };
              idempotency_key?: string;
            }
          | {
              description?: string;
              params?: {
                [key: string]: components["schemas"]["JsonValue"];
              };
              retry?: {
                max_attempts: number;
                /**
                 * @default exponential
                 * @enum {string}
                 */
                backoff?: "constant" | "linear" | "exponential";
                delay?: string | number;
                max_delay?: string | number;
                /** @default true */
                jitter?: boolean;
              };
              timeout?: string | number;
              retention?: string | number;
              /** @default 10 */
              max_parallel?: number;
              /** @default 10000 */
              max_step_executions?: number;
              schedule?:
                | {
                    /** @description 5 or 6 (seconds first) cron fields, @hourly/@daily/@weekly/@monthly/@yearly, or @every <duration> */
                    cron: string;
                    /**
                     * @description IANA time zone
                     * @default UTC
                     */
                    timezone?: string;
                    params?: Record<string, never>;
                    /** @description The tags of each run */
                    tags?: {
                      [key: string]: string;
                    };
                    /** @default true */
                    enabled?: boolean;
                    /**
                     * @default latest
                     * @enum {string}
                     */
                    catchup?: "none" | "latest" | "all";
                  }
                | {
                    /** @description 5 or 6 (seconds first) cron fields, @hourly/@daily/@weekly/@monthly/@yearly, or @every <duration> */
                    cron: string;
                    /**
                     * @description IANA time zone
                     * @default UTC
                     */
                    timezone?: string;
                    params?: Record<string, never>;
                    /** @description The tags of each run */
                    tags?: {
                      [key: string]: string;
                    };
                    /** @default true */
                    enabled?: boolean;
                    /**
                     * @default latest
                     * @enum {string}
                     */
                    catchup?: "none" | "latest" | "all";
                  }[];
              concurrency?: {
                /** @default 1 */
                limit?: number;
                /**
                 * @default queue
                 * @enum {string}
                 */
                overlap?: "skip" | "queue" | "allow" | "cancel_previous";
              };
              after?: {
                job: string;
                /**
                 * @default succeeded
                 * @enum {string}
                 */
                status?: "succeeded" | "failed" | "any";
                within?: string | number;
              }[];
              steps: components["schemas"]["StepSource"][];
              /** @description Karya's job name: lower-cased, other characters than a-z0-9_- become - */
              workflow_name: string;
              /** @description Karya's name for params */
              parameters?: {
                [key: string]: components["schemas"]["JsonValue"];
              };
              idempotency_key?: string;
            };
        "application/yaml":
          | {
              job: components["schemas"]["JobSource"];
              params?: {
                [key: string]: components["schemas"]["JsonValue"];
              };
              /** @description Karya's name for params */
              parameters?: {
                [key: string]: components["schemas"]["JsonValue"];
              };
              idempotency_key?: string;
            }
          | {
              description?: string;
              params?: {
                [key: string]: components["schemas"]["JsonValue"];
              };
              retry?: {
                max_attempts: number;
                /**
                 * @default exponential
                 * @enum {string}
                 */
                backoff?: "constant" | "linear" | "exponential";
                delay?: string | number;
                max_delay?: string | number;
                /** @default true */
                jitter?: boolean;
              };
              timeout?: string | number;
              retention?: string | number;
              /** @default 10 */
              max_parallel?: number;
              /** @default 10000 */
              max_step_executions?: number;
              schedule?:
                | {
                    /** @description 5 or 6 (seconds first) cron fields, @hourly/@daily/@weekly/@monthly/@yearly, or @every <duration> */
                    cron: string;
                    /**
                     * @description IANA time zone
                     * @default UTC
                     */
                    timezone?: string;
                    params?: Record<string, never>;
                    /** @description The tags of each run */
                    tags?: {
                      [key: string]: string;
                    };
                    /** @default true */
                    enabled?: boolean;
                    /**
                     * @default latest
                     * @enum {string}
                     */
                    catchup?: "none" | "latest" | "all";
                  }
                | {
                    /** @description 5 or 6 (seconds first) cron fields, @hourly/@daily/@weekly/@monthly/@yearly, or @every <duration> */
                    cron: string;
                    /**
                     * @description IANA time zone
                     * @default UTC
                     */
                    timezone?: string;
                    params?: Record<string, never>;
                    /** @description The tags of each run */
                    tags?: {
                      [key: string]: string;
                    };
                    /** @default true */
                    enabled?: boolean;
                    /**
                     * @default latest
                     * @enum {string}
                     */
                    catchup?: "none" | "latest" | "all";
                  }[];
              concurrency?: {
                /** @default 1 */
                limit?: number;
                /**
                 * @default queue
                 * @enum {string}
                 */
                overlap?: "skip" | "queue" | "allow" | "cancel_previous";
              };
              after?: {
                job: string;
                /**
                 * @default succeeded
                 * @enum {string}
                 */
                status?: "succeeded" | "failed" | "any";
                within?: string | number;
              }[];
              steps: components["schemas"]["StepSource"][];
              /** @description Karya's job name: lower-cased, other characters than a-z0-9_- become - */
              workflow_name: string;
              /** @description Karya's name for params */
              parameters?: {
                [key: string]: components["schemas"]["JsonValue"];
              };
              idempotency_key?: string;
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
      /** @description Invalid definition or params, every problem named by its path */
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
  getRunsId: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The run */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["RunView"];
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
      /** @description No such run */
      404: {
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
