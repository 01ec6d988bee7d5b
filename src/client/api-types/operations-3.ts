/**
 * Generated from GET /openapi.json by openapi-typescript (scripts/client-types.mjs).
 * Do not edit: run `npm run client:generate`.
 */
import type { components } from "./components";

export interface Operations3 {
  getActionsName: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        name: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The action */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json":
            | {
                /** @constant */
                type: "http";
                name: string;
                description?: string;
                concurrency?: {
                  limit: number;
                };
                /** @enum {string} */
                method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD";
                url: string;
                headers?: {
                  [key: string]: string;
                };
                query?: {
                  [key: string]: string;
                };
                body?: components["schemas"]["JsonValue"];
                /**
                 * @default body
                 * @enum {string}
                 */
                output: "body" | "response";
                timeout?: string | number;
                retry?: {
                  max_attempts: number;
                  /**
                   * @default exponential
                   * @enum {string}
                   */
                  backoff: "constant" | "linear" | "exponential";
                  delay?: string | number;
                  max_delay?: string | number;
                  /** @default true */
                  jitter: boolean;
                };
                save_as?: string;
                input_schema?: {
                  [key: string]: components["schemas"]["JsonValue"];
                };
                output_schema?: {
                  [key: string]: components["schemas"]["JsonValue"];
                };
                /**
                 * Format: date-time
                 * @example 2026-01-31T09:00:00.000Z
                 */
                created_at: string;
                /**
                 * Format: date-time
                 * @example 2026-01-31T09:00:00.000Z
                 */
                updated_at: string;
              }
            | {
                /** @constant */
                type: "worker";
                name: string;
                description?: string;
                concurrency?: {
                  limit: number;
                };
                binding: string;
                /** @enum {string} */
                method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD";
                path?: string;
                headers?: {
                  [key: string]: string;
                };
                query?: {
                  [key: string]: string;
                };
                body?: components["schemas"]["JsonValue"];
                /**
                 * @default body
                 * @enum {string}
                 */
                output: "body" | "response";
                timeout?: string | number;
                retry?: {
                  max_attempts: number;
                  /**
                   * @default exponential
                   * @enum {string}
                   */
                  backoff: "constant" | "linear" | "exponential";
                  delay?: string | number;
                  max_delay?: string | number;
                  /** @default true */
                  jitter: boolean;
                };
                save_as?: string;
                input_schema?: {
                  [key: string]: components["schemas"]["JsonValue"];
                };
                output_schema?: {
                  [key: string]: components["schemas"]["JsonValue"];
                };
                /**
                 * Format: date-time
                 * @example 2026-01-31T09:00:00.000Z
                 */
                created_at: string;
                /**
                 * Format: date-time
                 * @example 2026-01-31T09:00:00.000Z
                 */
                updated_at: string;
              }
            | {
                /** @constant */
                type: "handler";
                name: string;
                description?: string;
                concurrency?: {
                  limit: number;
                };
                handler: string;
                timeout?: string | number;
                retry?: {
                  max_attempts: number;
                  /**
                   * @default exponential
                   * @enum {string}
                   */
                  backoff: "constant" | "linear" | "exponential";
                  delay?: string | number;
                  max_delay?: string | number;
                  /** @default true */
                  jitter: boolean;
                };
                save_as?: string;
                input_schema?: {
                  [key: string]: components["schemas"]["JsonValue"];
                };
                output_schema?: {
                  [key: string]: components["schemas"]["JsonValue"];
                };
                /**
                 * Format: date-time
                 * @example 2026-01-31T09:00:00.000Z
                 */
                created_at: string;
                /**
                 * Format: date-time
                 * @example 2026-01-31T09:00:00.000Z
                 */
                updated_at: string;
              };
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
      /** @description No such action */
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
