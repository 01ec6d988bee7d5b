/**
 * Generated from GET /openapi.json by openapi-typescript (scripts/client-types.mjs).
 * Do not edit: run `npm run client:generate`.
 */
import type { components } from "./components";

export interface Operations13 {
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
}
