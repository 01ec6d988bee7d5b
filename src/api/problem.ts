import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { CairnError, type Issue, TooManyRequestsError } from "../core/errors";

/** RFC 9457 problem details, with Cairn's `errors` list of located issues. */
export interface Problem {
  type: "about:blank";
  title: string;
  status: number;
  detail: string;
  errors: Issue[];
}

const GENERIC_TITLES: Record<number, string> = {
  400: "Bad request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not found",
  405: "Method not allowed",
  409: "Conflict",
  413: "Payload too large",
  415: "Unsupported media type",
  429: "Too many requests",
  500: "Internal server error",
  503: "Service unavailable",
};

/** Builds an `application/problem+json` response; `headers` are added as given. */
export function problemResponse(
  status: number,
  title: string,
  detail: string,
  errors: Issue[] = [],
  headers: Record<string, string> = {},
): Response {
  const problem: Problem = { type: "about:blank", title, status, detail, errors };
  return new Response(JSON.stringify(problem), {
    status,
    headers: { "Content-Type": "application/problem+json", ...headers },
  });
}

/**
 * The one place that turns an error into an HTTP status: CairnError keeps its own status
 * and issues, hono's HTTPException its status; anything else is a bug or a platform fault,
 * so it is logged and answered with a generic 500 that leaks nothing about it.
 */
export function handleError(error: Error, _c: Context): Response {
  if (error instanceof CairnError) {
    const headers: Record<string, string> =
      error.status === 401 ? { "WWW-Authenticate": 'Bearer realm="cairn"' } : {};
    if (error instanceof TooManyRequestsError)
      headers["Retry-After"] = String(error.retryAfterSeconds);
    return problemResponse(error.status, error.title, error.message, error.errors, headers);
  }
  if (error instanceof HTTPException) {
    const status = error.status as ContentfulStatusCode;
    const title = GENERIC_TITLES[status] ?? "Request failed";
    return problemResponse(status, title, error.message || title);
  }
  console.error("unhandled error", error);
  return problemResponse(500, "Internal server error", "An unexpected error occurred");
}

/** 404 problem for any path or method no route answers. */
export function handleNotFound(c: Context): Response {
  return problemResponse(404, "Not found", `No route for ${c.req.method} ${c.req.path}`);
}
