/**
 * Generated from GET /openapi.json by openapi-typescript (scripts/client-types.mjs).
 * Do not edit: run `npm run client:generate`.
 */
export interface Schemas2<S extends Record<"JsonValue", unknown>> {
  StepSource:
    | {
        id: string;
        description?: string;
        when?: string;
        depends_on?: string[];
        /** @enum {string} */
        condition?: "all_success" | "on_failure" | "all_done" | "one_success" | "none_failed";
        max_retries?: number;
        /** @constant */
        type: "task";
        next?: string | null;
        action?: string;
        http?: {
          /** @constant */
          type?: "http";
          /** @enum {string} */
          method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD";
          url: string;
          headers?: {
            [key: string]: string;
          };
          query?: {
            [key: string]: string;
          };
          body?: S["JsonValue"];
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
            [key: string]: S["JsonValue"];
          };
          output_schema?: {
            [key: string]: S["JsonValue"];
          };
        };
        handler?: string;
        with?: S["JsonValue"];
        save_as?: string;
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
        /** @default [] */
        catch: {
          errors: (
            | (
                | "timeout"
                | "network"
                | "http_4xx"
                | "http_429"
                | "http_5xx"
                | "response_too_large"
                | "output_too_large"
                | "blocked_url"
                | "template"
                | "handler"
                | "worker"
                | "schema"
                | "max_retries_exceeded"
                | "interrupted"
                | "failed"
                | "*"
                | "all"
              )
            | string
          )[];
          next: string;
        }[];
        input_schema?: {
          [key: string]: S["JsonValue"];
        };
        output_schema?: {
          [key: string]: S["JsonValue"];
        };
      }
    | {
        id: string;
        description?: string;
        when?: string;
        depends_on?: string[];
        /** @enum {string} */
        condition?: "all_success" | "on_failure" | "all_done" | "one_success" | "none_failed";
        max_retries?: number;
        /** @constant */
        type: "choice";
        conditions?: {
          if?: string;
          next?: string;
          default?: string;
        }[];
        default?: string;
      }
    | {
        id: string;
        description?: string;
        when?: string;
        depends_on?: string[];
        /** @enum {string} */
        condition?: "all_success" | "on_failure" | "all_done" | "one_success" | "none_failed";
        max_retries?: number;
        /** @constant */
        type: "wait";
        next?: string | null;
        duration?: string | number;
        until?: string;
      }
    | {
        id: string;
        description?: string;
        when?: string;
        depends_on?: string[];
        /** @enum {string} */
        condition?: "all_success" | "on_failure" | "all_done" | "one_success" | "none_failed";
        max_retries?: number;
        /** @constant */
        type: "pass";
        next?: string | null;
        output?: S["JsonValue"];
        save_as?: string;
      }
    | {
        id: string;
        description?: string;
        when?: string;
        depends_on?: string[];
        /** @enum {string} */
        condition?: "all_success" | "on_failure" | "all_done" | "one_success" | "none_failed";
        max_retries?: number;
        /** @constant */
        type: "succeed";
        output?: S["JsonValue"];
      }
    | {
        id: string;
        description?: string;
        when?: string;
        depends_on?: string[];
        /** @enum {string} */
        condition?: "all_success" | "on_failure" | "all_done" | "one_success" | "none_failed";
        max_retries?: number;
        /** @constant */
        type: "fail";
        /** @default failed */
        error: string;
        message?: string;
      }
    | {
        id: string;
        description?: string;
        when?: string;
        depends_on?: string[];
        /** @enum {string} */
        condition?: "all_success" | "on_failure" | "all_done" | "one_success" | "none_failed";
        max_retries?: number;
        next?: string | null;
        /** @default true */
        fail_fast: boolean;
        /** @default [] */
        catch: {
          errors: (
            | (
                | "timeout"
                | "network"
                | "http_4xx"
                | "http_429"
                | "http_5xx"
                | "response_too_large"
                | "output_too_large"
                | "blocked_url"
                | "template"
                | "handler"
                | "worker"
                | "schema"
                | "max_retries_exceeded"
                | "interrupted"
                | "failed"
                | "*"
                | "all"
              )
            | string
          )[];
          next: string;
        }[];
        save_as?: string;
        /** @constant */
        type: "parallel";
        branches: unknown[][];
      }
    | {
        id: string;
        description?: string;
        when?: string;
        depends_on?: string[];
        /** @enum {string} */
        condition?: "all_success" | "on_failure" | "all_done" | "one_success" | "none_failed";
        max_retries?: number;
        next?: string | null;
        /** @default true */
        fail_fast: boolean;
        /** @default [] */
        catch: {
          errors: (
            | (
                | "timeout"
                | "network"
                | "http_4xx"
                | "http_429"
                | "http_5xx"
                | "response_too_large"
                | "output_too_large"
                | "blocked_url"
                | "template"
                | "handler"
                | "worker"
                | "schema"
                | "max_retries_exceeded"
                | "interrupted"
                | "failed"
                | "*"
                | "all"
              )
            | string
          )[];
          next: string;
        }[];
        save_as?: string;
        /** @constant */
        type: "map";
        items: string;
        steps: unknown[];
        max_concurrency?: number;
      }
    | {
        id: string;
        description?: string;
        when?: string;
        depends_on?: string[];
        /** @enum {string} */
        condition?: "all_success" | "on_failure" | "all_done" | "one_success" | "none_failed";
        max_retries?: number;
        /** @constant */
        type: "wait_for_event";
        next?: string | null;
        event: string;
        timeout?: string | number;
        /** @default [] */
        catch: {
          errors: (
            | (
                | "timeout"
                | "network"
                | "http_4xx"
                | "http_429"
                | "http_5xx"
                | "response_too_large"
                | "output_too_large"
                | "blocked_url"
                | "template"
                | "handler"
                | "worker"
                | "schema"
                | "max_retries_exceeded"
                | "interrupted"
                | "failed"
                | "*"
                | "all"
              )
            | string
          )[];
          next: string;
        }[];
        save_as?: string;
      }
    | {
        id: string;
        description?: string;
        when?: string;
        depends_on?: string[];
        /** @enum {string} */
        condition?: "all_success" | "on_failure" | "all_done" | "one_success" | "none_failed";
        max_retries?: number;
        /** @constant */
        type: "run_job";
        next?: string | null;
        job: string;
        params?: S["JsonValue"];
        tags?: {
          [key: string]: string;
        };
        timeout?: string | number;
        /** @default [] */
        catch: {
          errors: (
            | (
                | "timeout"
                | "network"
                | "http_4xx"
                | "http_429"
                | "http_5xx"
                | "response_too_large"
                | "output_too_large"
                | "blocked_url"
                | "template"
                | "handler"
                | "worker"
                | "schema"
                | "max_retries_exceeded"
                | "interrupted"
                | "failed"
                | "*"
                | "all"
              )
            | string
          )[];
          next: string;
        }[];
        save_as?: string;
      };
  RunSummary: {
    id: string;
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
    job: string;
    version: number;
  };
}
