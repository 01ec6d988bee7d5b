/**
 * Generated from GET /openapi.json by openapi-typescript (scripts/client-types.mjs).
 * Do not edit: run `npm run client:generate`.
 */
import type { components } from "./components";

export interface Operations1 {
  getHealth: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The Worker is up */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @constant */
            ok: true;
          };
        };
      };
    };
  };
  getOpenapiJson: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The OpenAPI document */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            openapi: string;
            info: {
              title: string;
              version: string;
            } & {
              [key: string]: unknown;
            };
            paths: {
              [key: string]: {
                [key: string]: unknown;
              };
            };
          } & {
            [key: string]: unknown;
          };
        };
      };
    };
  };
  getDocs: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description HTML documentation */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "text/html": string;
        };
      };
    };
  };
  getSchemasJobJson: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The job definition schema */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            $schema: string;
            $id: string;
            title: string;
          } & {
            [key: string]: unknown;
          };
        };
      };
    };
  };
  getSchemasActionJson: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The action definition schema */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            $schema: string;
            $id: string;
            title: string;
          } & {
            [key: string]: unknown;
          };
        };
      };
    };
  };
  getActions: {
    parameters: {
      query?: {
        cursor?: string;
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page of actions */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            items: (
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
                }
            )[];
            next_cursor: string | null;
          };
        };
      };
      /** @description Invalid query parameters, each one named */
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
