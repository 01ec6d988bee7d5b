/**
 * Generated from GET /openapi.json by openapi-typescript (scripts/client-types.mjs).
 * Do not edit: run `npm run client:generate`.
 */
import type { components } from "./components";

export interface Operations15 {
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
