/**
 * Generated from GET /openapi.json by openapi-typescript (scripts/client-types.mjs).
 * Do not edit: run `npm run client:generate`.
 */
export interface Schemas1<S extends Record<"JsonValue" | "StepSource", unknown>> {
  Problem: {
    type: string;
    title: string;
    status: number;
    detail: string;
    /** @description Each problem with the dotted path of the field it concerns */
    errors: {
      path: string;
      message: string;
    }[];
  };
  /** @description Any JSON value: string, number, boolean, null, array or object */
  JsonValue: unknown;
  ActionSource:
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
          [key: string]: S["JsonValue"];
        };
        output_schema?: {
          [key: string]: S["JsonValue"];
        };
      };
  JobSource: {
    name: string;
    description?: string;
    params?: {
      [key: string]: S["JsonValue"];
    };
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
    timeout?: string | number;
    retention?: string | number;
    /** @default 10 */
    max_parallel: number;
    /** @default 10000 */
    max_step_executions: number;
    schedule?:
      | {
          /** @description 5 or 6 (seconds first) cron fields, @hourly/@daily/@weekly/@monthly/@yearly, or @every <duration> */
          cron: string;
          /**
           * @description IANA time zone
           * @default UTC
           */
          timezone: string;
          params?: Record<string, never>;
          /** @description The tags of each run */
          tags?: {
            [key: string]: string;
          };
          /** @default true */
          enabled: boolean;
          /**
           * @default latest
           * @enum {string}
           */
          catchup: "none" | "latest" | "all";
        }
      | {
          /** @description 5 or 6 (seconds first) cron fields, @hourly/@daily/@weekly/@monthly/@yearly, or @every <duration> */
          cron: string;
          /**
           * @description IANA time zone
           * @default UTC
           */
          timezone: string;
          params?: Record<string, never>;
          /** @description The tags of each run */
          tags?: {
            [key: string]: string;
          };
          /** @default true */
          enabled: boolean;
          /**
           * @default latest
           * @enum {string}
           */
          catchup: "none" | "latest" | "all";
        }[];
    concurrency?: {
      /** @default 1 */
      limit: number;
      /**
       * @default queue
       * @enum {string}
       */
      overlap: "skip" | "queue" | "allow" | "cancel_previous";
    };
    after?: {
      job: string;
      /**
       * @default succeeded
       * @enum {string}
       */
      status: "succeeded" | "failed" | "any";
      within?: string | number;
    }[];
    steps: S["StepSource"][];
  };
}
