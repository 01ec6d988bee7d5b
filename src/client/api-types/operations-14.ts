/**
 * Generated from GET /openapi.json by openapi-typescript (scripts/client-types.mjs).
 * Do not edit: run `npm run client:generate`.
 */
import type { components } from "./components";

export interface Operations14 {
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
}
