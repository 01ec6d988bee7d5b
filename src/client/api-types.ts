/**
 * The Cairn API's types, generated from GET /openapi.json by openapi-typescript.
 * Do not edit: run `npm run client:generate`.
 */

/** Any JSON value: what the document's recursive `z.json()` components describe. */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | { [key: string]: JsonValue };
export interface paths {
  "/health": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Liveness check */
    get: operations["getHealth"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/openapi.json": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** This API as an OpenAPI 3.1 document */
    get: operations["getOpenapiJson"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/docs": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** This API as a browsable HTML page */
    get: operations["getDocs"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/schemas/job.json": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** JSON Schema (draft 2020-12) of a job definition, for editors and CI */
    get: operations["getSchemasJobJson"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/schemas/action.json": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** JSON Schema (draft 2020-12) of an action definition, for editors and CI */
    get: operations["getSchemasActionJson"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/actions": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List actions by name */
    get: operations["getActions"];
    put?: never;
    /** Create an action (409 if the name exists) */
    post: operations["postActions"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/actions/{name}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get an action as written */
    get: operations["getActionsName"];
    /** Create or replace an action (body name absent or equal to the path) */
    put: operations["putActionsName"];
    post?: never;
    /** Delete an action unused by any job's current version */
    delete: operations["deleteActionsName"];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/jobs": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List jobs by name */
    get: operations["getJobs"];
    put?: never;
    /** Create a job from JSON or YAML (409 if the name exists) */
    post: operations["postJobs"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/jobs/validate": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Dry-run: compile a job without saving it */
    post: operations["postJobsValidate"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/jobs/{name}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get a job: its source as written and its compiled graph (?version=N for an older one) */
    get: operations["getJobsName"];
    /** Save a new version of a job (created if absent); runs keep the version they started with */
    put: operations["putJobsName"];
    post?: never;
    /** Delete a job and its versions (runs keep their snapshot) */
    delete: operations["deleteJobsName"];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/jobs/{name}/versions": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Every saved version of a job, newest first */
    get: operations["getJobsNameVersions"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/jobs/{name}/runs": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Start a run of the job's current version (idempotent by idempotency_key) */
    post: operations["postJobsNameRuns"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/runs": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The run index, newest first, filtered by job, status (a comma-separated list), tags (tag=key:value, repeatable) and creation time; unknown parameters are refused */
    get: operations["getRuns"];
    put?: never;
    /** Start a run of an inline job definition (Karya's request body is accepted as written) */
    post: operations["postRuns"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/runs/{id}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A run's status, params, output and error */
    get: operations["getRunsId"];
    put?: never;
    post?: never;
    /** Delete a finished run and its state */
    delete: operations["deleteRunsId"];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/runs/{id}/definition": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The definition the run executes: its job version's source as saved, or the inline definition it was started with */
    get: operations["getRunsIdDefinition"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/runs/{id}/steps": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Every step of the run with its status, attempts, input, output and error */
    get: operations["getRunsIdSteps"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/runs/{id}/history": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The run's append-only event history (page with ?after=<seq>) */
    get: operations["getRunsIdHistory"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/runs/{id}/stream": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The run's history as Server-Sent Events, then each new event until the run ends (resumes after ?after= or Last-Event-ID) */
    get: operations["getRunsIdStream"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/runs/{id}/events/{name}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Deliver an event: the wait_for_event step waiting for it takes it (its body becomes the step's output), or the run keeps it for a step that waits later */
    post: operations["postRunsIdEventsName"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/callbacks/{token}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Deliver the event of the wait_for_event step the token belongs to (no API token: the URL, from `callbacks.<step_id>` in templates, is the credential; it works once) */
    post: operations["postCallbacksToken"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/runs/{id}/pause": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Pause a run: steps in flight finish, nothing new starts */
    post: operations["postRunsIdPause"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/runs/{id}/resume": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Resume a paused run */
    post: operations["postRunsIdResume"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/runs/{id}/cancel": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Cancel a run: calls in flight are aborted and runs its run_job steps started are cancelled; a start still held by its job's concurrency queue leaves the queue */
    post: operations["postRunsIdCancel"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/runs/{id}/retry": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Re-run a failed or timed-out run from the step that failed; with `from`, any finished run from that top-level step (a DAG: it and everything downstream), with `params`, with new params; the history records what changed */
    post: operations["postRunsIdRetry"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/operations": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Cancel, retry or delete every run a filter matches, in the background; runs that cannot take the action are counted in failed with a reason */
    post: operations["postOperations"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/operations/{id}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A bulk operation's progress: matched, done, failed and the first 100 failures */
    get: operations["getOperationsId"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/schedules": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Every schedule entry of every job, with its next five fire times and a description (paged by job) */
    get: operations["getSchedules"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/jobs/{name}/pause": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Pause a job's schedule: no run starts on schedule until resumed */
    post: operations["postJobsNamePause"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/jobs/{name}/resume": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Resume a job's schedule; fires missed while paused follow each entry's catchup */
    post: operations["postJobsNameResume"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/jobs/{name}/webhook": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Create the job's webhook secret, or rotate it (the old one works 24 more hours); the body is optional */
    post: operations["postJobsNameWebhook"];
    /** Remove the job's webhook; deliveries to it then get 404 */
    delete: operations["deleteJobsNameWebhook"];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/hooks/{job}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Start a run from a signed delivery (Standard Webhooks, or GitHub's X-Hub-Signature-256 when enabled); a repeated delivery id returns the first run */
    post: operations["postHooksJob"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/subscriptions": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List subscriptions (without secrets) */
    get: operations["getSubscriptions"];
    put?: never;
    /** Subscribe a URL to run lifecycle events, delivered signed (Standard Webhooks) */
    post: operations["postSubscriptions"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/subscriptions/{id}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Read a subscription (without its secret) */
    get: operations["getSubscriptionsId"];
    put?: never;
    post?: never;
    /** Delete a subscription; pending deliveries are dropped */
    delete: operations["deleteSubscriptionsId"];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/subscriptions/{id}/deliveries": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Recent deliveries, newest first, with every attempt's outcome */
    get: operations["getSubscriptionsIdDeliveries"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/keys": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Every API key, without its secret, with when it was last used */
    get: operations["getKeys"];
    put?: never;
    /** Create an API key; its secret is answered once, and only its hash is stored */
    post: operations["postKeys"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/keys/{id}": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Revoke a key: the next request that presents it gets 401 */
    delete: operations["deleteKeysId"];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/ui/session": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** What the dashboard's session may do */
    get: operations["getUiSession"];
    put?: never;
    /** Sign the dashboard in: sets an HttpOnly, SameSite=Strict session cookie (12 hours) that the API accepts like the bearer token */
    post: operations["postUiSession"];
    /** Sign the dashboard out (clears the cookie) */
    delete: operations["deleteUiSession"];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Opens the dashboard (redirects to /ui/) */
    get: operations["get"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/ui/*": {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The dashboard: its bundled files, and its one HTML page for every other path (client-side routes such as /ui/runs/{id}) */
    get: operations["getUi"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
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
        };
    JobSource: {
      name: string;
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
      steps: components["schemas"]["StepSource"][];
    };
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
          };
          handler?: string;
          with?: components["schemas"]["JsonValue"];
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
            [key: string]: components["schemas"]["JsonValue"];
          };
          output_schema?: {
            [key: string]: components["schemas"]["JsonValue"];
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
          output?: components["schemas"]["JsonValue"];
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
          output?: components["schemas"]["JsonValue"];
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
          params?: components["schemas"]["JsonValue"];
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
        [key: string]: components["schemas"]["JsonValue"];
      };
      output: components["schemas"]["JsonValue"] | null;
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
    StepView: {
      id: string;
      type: string;
      /** @enum {string} */
      status: "pending" | "running" | "waiting" | "succeeded" | "failed" | "skipped" | "cancelled";
      attempts: number;
      executions: number;
      input: components["schemas"]["JsonValue"] | null;
      output: components["schemas"]["JsonValue"] | null;
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
      data: components["schemas"]["JsonValue"];
      event: string | null;
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
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
  postActions: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["ActionSource"];
        "application/yaml": components["schemas"]["ActionSource"];
      };
    };
    responses: {
      /** @description Created */
      201: {
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
      /** @description Invalid action: every bad field is named */
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
      /** @description An action with this name exists */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Body too large */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not JSON or YAML */
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
  putActionsName: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        name: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["ActionSource"];
        "application/yaml": components["schemas"]["ActionSource"];
      };
    };
    responses: {
      /** @description Replaced */
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
      /** @description Created */
      201: {
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
      /** @description Invalid action */
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
  deleteActionsName: {
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
      /** @description Deleted */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
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
      /** @description No such action */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Jobs use it; the problem names them */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  getJobs: {
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
      /** @description One page of jobs */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            items: {
              name: string;
              version: number;
              description: string | null;
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
            }[];
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
  postJobs: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["JobSource"];
        "application/yaml": components["schemas"]["JobSource"];
      };
    };
    responses: {
      /** @description Created at version 1 */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            name: string;
            version: number;
            description: string | null;
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
      /** @description Invalid job: every problem is named by its path */
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
      /** @description A job with this name exists */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Body too large */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Not JSON or YAML */
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
  postJobsValidate: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["JobSource"];
        "application/yaml": components["schemas"]["JobSource"];
      };
    };
    responses: {
      /** @description Valid */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @constant */
            valid: true;
            /** @description The compiled graph (IR) */
            compiled: {
              [key: string]: unknown;
            };
          };
        };
      };
      /** @description Invalid job: every problem is named by its path */
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
  getJobsName: {
    parameters: {
      query?: {
        version?: number;
      };
      header?: never;
      path: {
        name: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The job */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            name: string;
            version: number;
            description: string | null;
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
            definition: components["schemas"]["JobSource"];
            /** @description The compiled graph (IR) */
            compiled: {
              [key: string]: unknown;
            };
            /**
             * Format: date-time
             * @example 2026-01-31T09:00:00.000Z
             */
            version_created_at: string;
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
      /** @description No such job or version */
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
  putJobsName: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        name: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": components["schemas"]["JobSource"];
        "application/yaml": components["schemas"]["JobSource"];
      };
    };
    responses: {
      /** @description New version saved */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            name: string;
            version: number;
            description: string | null;
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
      /** @description Created at version 1 */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            name: string;
            version: number;
            description: string | null;
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
      /** @description Invalid job: every problem is named by its path */
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
      /** @description Lost a race with concurrent saves on every attempt; retry */
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
  deleteJobsName: {
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
      /** @description Deleted */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
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
      /** @description No such job */
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
  getJobsNameVersions: {
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
      /** @description The versions */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            items: {
              version: number;
              /**
               * Format: date-time
               * @example 2026-01-31T09:00:00.000Z
               */
              created_at: string;
            }[];
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
      /** @description No such job */
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
  deleteRunsId: {
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
      /** @description Deleted */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
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
      /** @description No such run */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The run has not finished */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  getRunsIdDefinition: {
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
      /** @description The run's job, version and definition */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            job: string;
            version: number;
            definition: components["schemas"]["JsonValue"];
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
      /** @description No such run, or its job (and so its version) was deleted */
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
  getRunsIdSteps: {
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
      /** @description The steps */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            steps: components["schemas"]["StepView"][];
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
  getRunsIdHistory: {
    parameters: {
      query?: {
        after?: number;
        limit?: number;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Events in order */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            events: components["schemas"]["HistoryRecord"][];
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
  getRunsIdStream: {
    parameters: {
      query?: {
        after?: number;
      };
      header?: {
        "Last-Event-ID"?: string;
      };
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The events as they happen, then an `end` event with the run's status */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "text/event-stream": string;
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
  postRunsIdEventsName: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        name: string;
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
      /** @description Delivered (taken_by: the step instance that took it, or null when kept) */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            run_id: string;
            event: string;
            taken_by: string | null;
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
      /** @description Bad event name or body */
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
      /** @description The run has finished */
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
  postRunsIdPause: {
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
      /** @description The run after the change */
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
    };
  };
  postRunsIdResume: {
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
      /** @description The run after the change */
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
    };
  };
  postRunsIdCancel: {
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
      /** @description The run after the change */
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
    };
  };
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
  getOperationsId: {
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
      /** @description The operation */
      200: {
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
      /** @description No such operation */
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
  getSchedules: {
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
      /** @description One page */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            items: {
              job: string;
              version: number;
              /** @description Position of the entry in the job's `schedule` */
              index: number;
              cron: string;
              timezone: string;
              /** @example at 09:00 on Monday–Friday (Europe/Berlin) */
              description: string;
              enabled: boolean;
              /** @description The whole job's schedule is paused */
              paused: boolean;
              /** @enum {string} */
              catchup: "none" | "latest" | "all";
              params: {
                [key: string]: unknown;
              };
              /** @description When it fires next (once enabled and resumed), in UTC and in its time zone */
              next_fire_times: {
                /**
                 * Format: date-time
                 * @example 2026-01-31T09:00:00.000Z
                 */
                utc: string;
                /** @example 2026-03-30T09:00:00+02:00 */
                local: string;
              }[];
              last_fire_at: string | null;
              last_error: string | null;
            }[];
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
  postJobsNamePause: {
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
      /** @description Where the schedule stands */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            job: string;
            paused: boolean;
            next_fire_at: string | null;
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
      /** @description The API key lacks the "write" scope */
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
      /** @description The job has no schedule */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  postJobsNameResume: {
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
      /** @description Where the schedule stands */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            job: string;
            paused: boolean;
            next_fire_at: string | null;
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
      /** @description The API key lacks the "write" scope */
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
      /** @description The job has no schedule */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
    };
  };
  postJobsNameWebhook: {
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
          /** @description Also accept GitHub's X-Hub-Signature-256 (keyed with the whole secret string) */
          github?: boolean;
          /** @description Liquid templates over payload and headers giving the run's params; null removes */
          params?: {
            [key: string]: components["schemas"]["JsonValue"];
          } | null;
          /** @description Liquid templates over payload and headers giving the run's tags; null removes */
          tags?: {
            [key: string]: string;
          } | null;
        };
        "application/yaml": {
          /** @description Also accept GitHub's X-Hub-Signature-256 (keyed with the whole secret string) */
          github?: boolean;
          /** @description Liquid templates over payload and headers giving the run's params; null removes */
          params?: {
            [key: string]: components["schemas"]["JsonValue"];
          } | null;
          /** @description Liquid templates over payload and headers giving the run's tags; null removes */
          tags?: {
            [key: string]: string;
          } | null;
        };
      };
    };
    responses: {
      /** @description Rotated: the new secret, shown once */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            url: string;
            /** @description whsec_<base64>: shown only in this response */
            secret: string;
            github: boolean;
            params: {
              [key: string]: components["schemas"]["JsonValue"];
            } | null;
            tags: {
              [key: string]: string;
            } | null;
            previous_secret_expires_at: string | null;
          };
        };
      };
      /** @description Created: the secret, shown once */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            url: string;
            /** @description whsec_<base64>: shown only in this response */
            secret: string;
            github: boolean;
            params: {
              [key: string]: components["schemas"]["JsonValue"];
            } | null;
            tags: {
              [key: string]: string;
            } | null;
            previous_secret_expires_at: string | null;
          };
        };
      };
      /** @description Invalid options or params templates */
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
      /** @description No such job */
      404: {
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
  deleteJobsNameWebhook: {
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
      /** @description Removed */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
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
      /** @description The job has no webhook */
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
  postHooksJob: {
    parameters: {
      query?: never;
      header?: {
        "webhook-id"?: string;
        "webhook-timestamp"?: string;
        "webhook-signature"?: string;
        "X-Hub-Signature-256"?: string;
        "X-GitHub-Delivery"?: string;
      };
      path: {
        job: string;
      };
      cookie?: never;
    };
    requestBody?: {
      content: {
        "*/*": unknown;
      };
    };
    responses: {
      /** @description Delivery seen before: its run, nothing started */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["RunSummary"];
        };
      };
      /** @description Run started */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": components["schemas"]["RunSummary"];
        };
      };
      /** @description No delivery id, or the params do not fit the job */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Missing or bad signature, or a timestamp outside 5 minutes */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No webhook for this job */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The delivery id was used with other params */
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
      /** @description Too many deliveries for this job (Retry-After says when to retry) */
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
  getSubscriptions: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Every subscription, newest first */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            items: {
              id: string;
              url: string;
              events: string[];
              jobs: string[] | null;
              description: string | null;
              /**
               * Format: date-time
               * @example 2026-01-31T09:00:00.000Z
               */
              created_at: string;
            }[];
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
    };
  };
  postSubscriptions: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          /** @description Where deliveries are POSTed (https; http and private hosts only with ALLOW_PRIVATE_NETWORK) */
          url: string;
          /** @description Lifecycle events to deliver, or "run.*", "step.*", "*" (default: ["*"]) */
          events?: (
            | "*"
            | "run.*"
            | "step.*"
            | "run.queued"
            | "run.started"
            | "run.waiting"
            | "run.succeeded"
            | "run.failed"
            | "run.cancelled"
            | "run.timed_out"
            | "step.started"
            | "step.succeeded"
            | "step.failed"
            | "step.retrying"
          )[];
          /** @description Only runs of these jobs (default: every job) */
          jobs?: string[];
          description?: string;
        };
        "application/yaml": {
          /** @description Where deliveries are POSTed (https; http and private hosts only with ALLOW_PRIVATE_NETWORK) */
          url: string;
          /** @description Lifecycle events to deliver, or "run.*", "step.*", "*" (default: ["*"]) */
          events?: (
            | "*"
            | "run.*"
            | "step.*"
            | "run.queued"
            | "run.started"
            | "run.waiting"
            | "run.succeeded"
            | "run.failed"
            | "run.cancelled"
            | "run.timed_out"
            | "step.started"
            | "step.succeeded"
            | "step.failed"
            | "step.retrying"
          )[];
          /** @description Only runs of these jobs (default: every job) */
          jobs?: string[];
          description?: string;
        };
      };
    };
    responses: {
      /** @description Created: the signing secret, shown once */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            url: string;
            events: string[];
            jobs: string[] | null;
            description: string | null;
            /**
             * Format: date-time
             * @example 2026-01-31T09:00:00.000Z
             */
            created_at: string;
            /** @description whsec_<base64>: verifies the webhook-signature of deliveries; shown only here */
            secret: string;
          };
        };
      };
      /** @description Invalid URL, event name or field */
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
  getSubscriptionsId: {
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
      /** @description The subscription */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            id: string;
            url: string;
            events: string[];
            jobs: string[] | null;
            description: string | null;
            /**
             * Format: date-time
             * @example 2026-01-31T09:00:00.000Z
             */
            created_at: string;
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
      /** @description No such subscription */
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
  deleteSubscriptionsId: {
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
      /** @description Deleted */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
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
      /** @description No such subscription */
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
  getSubscriptionsIdDeliveries: {
    parameters: {
      query?: {
        limit?: number;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deliveries */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            items: {
              /** @description The event id, sent as webhook-id: <run_id>:<history seq> */
              id: string;
              type: string;
              run_id: string;
              /** @enum {string} */
              status: "pending" | "delivered" | "failed";
              attempts: number;
              last_status_code: number | null;
              last_error: string | null;
              /**
               * Format: date-time
               * @example 2026-01-31T09:00:00.000Z
               */
              created_at: string;
              delivered_at: string | null;
              next_attempt_at: string | null;
              attempt_log: {
                /**
                 * Format: date-time
                 * @example 2026-01-31T09:00:00.000Z
                 */
                at: string;
                status: number | null;
                error: string | null;
              }[];
            }[];
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
      /** @description No such subscription */
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
  getKeys: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The keys */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            items: {
              /** @description The non-secret part of the key (cairn_<id>_…) */
              id: string;
              name: string;
              scopes: ("read" | "run" | "write" | "admin")[];
              jobs: string[] | null;
              /**
               * Format: date-time
               * @example 2026-01-31T09:00:00.000Z
               */
              created_at: string;
              expires_at: string | null;
              last_used_at: string | null;
            }[];
            next_cursor: string | null;
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
      /** @description The API key lacks the "admin" scope */
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
  postKeys: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          /** @description What the key is for (shown in GET /keys) */
          name: string;
          /** @description read < run < write < admin: each includes the ones before it */
          scopes: ("read" | "run" | "write" | "admin")[];
          /** @description Limit a run key to starting and steering runs of these jobs (default: every job) */
          jobs?: string[];
          /**
           * Format: date-time
           * @description When the key stops working (default: never)
           */
          expires_at?: string;
        };
        "application/yaml": {
          /** @description What the key is for (shown in GET /keys) */
          name: string;
          /** @description read < run < write < admin: each includes the ones before it */
          scopes: ("read" | "run" | "write" | "admin")[];
          /** @description Limit a run key to starting and steering runs of these jobs (default: every job) */
          jobs?: string[];
          /**
           * Format: date-time
           * @description When the key stops working (default: never)
           */
          expires_at?: string;
        };
      };
    };
    responses: {
      /** @description Created: the key, shown once */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            /** @description The non-secret part of the key (cairn_<id>_…) */
            id: string;
            name: string;
            scopes: ("read" | "run" | "write" | "admin")[];
            jobs: string[] | null;
            /**
             * Format: date-time
             * @example 2026-01-31T09:00:00.000Z
             */
            created_at: string;
            expires_at: string | null;
            last_used_at: string | null;
            /** @description cairn_<id>_<secret>: shown only in this response, stored as a hash */
            key: string;
          };
        };
      };
      /** @description Invalid name, scopes, jobs or expires_at */
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
      /** @description The API key lacks the "admin" scope */
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
  deleteKeysId: {
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
      /** @description Revoked */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
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
      /** @description The API key lacks the "admin" scope */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description No such key */
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
  getUiSession: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The session (signed_in false without a valid, unexpired one) */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            signed_in: boolean;
            /** @description Empty when not signed in */
            scopes: ("read" | "run" | "write" | "admin")[];
            expires_at: string | null;
          };
        };
      };
    };
  };
  postUiSession: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        "application/json": {
          /** @description The API token or an API key */
          credential: string;
        };
        "application/yaml": {
          /** @description The API token or an API key */
          credential: string;
        };
      };
    };
    responses: {
      /** @description Signed in */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/json": {
            signed_in: boolean;
            /** @description Empty when not signed in */
            scopes: ("read" | "run" | "write" | "admin")[];
            expires_at: string | null;
          };
        };
      };
      /** @description No credential given */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description The token or API key is not valid */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "application/problem+json": components["schemas"]["Problem"];
        };
      };
      /** @description Origin is not this server's */
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
  deleteUiSession: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Signed out */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Origin is not this server's */
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
  get: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description To /ui/ */
      302: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  getUi: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The page, or one of its files (with that file's media type) */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          "text/html": string;
        };
      };
      /** @description No such file */
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
