/**
 * A typed client of the Cairn API: openapi-fetch over the types generated from
 * `GET /openapi.json` (api-types.ts), so a caller cannot drift from the routes' schemas.
 */
import createClient, { type Client } from "openapi-fetch";
import type { components, paths } from "./api-types";

export type CairnClient = Client<paths>;
export type Problem = components["schemas"]["Problem"];

export interface ClientOptions {
  /** Base URL of the Worker, e.g. `http://localhost:8787`. */
  url: string;
  /** The API token or an API key; sent as `Authorization: Bearer <token>`. */
  token?: string;
}

/** The request failed with an HTTP error status; `problem` is the RFC 9457 body when there was one. */
export class ApiError extends Error {
  override name = "ApiError";
  readonly status: number;
  readonly problem: Problem | null;
  constructor(status: number, problem: Problem | null, fallback: string) {
    super(problem?.detail ?? fallback);
    this.status = status;
    this.problem = problem;
  }
}

/** The server could not be reached at all (refused, reset, DNS). */
export class ConnectionError extends Error {
  override name = "ConnectionError";
  readonly url: string;
  constructor(url: string, cause: unknown) {
    const reason = cause instanceof Error ? describeCause(cause) : String(cause);
    super(`cannot reach Cairn at ${url}: ${reason}`);
    this.url = url;
  }
}

/** Creates a client bound to one Cairn deployment. Unreachable servers throw ConnectionError. */
export function createCairnClient(options: ClientOptions): CairnClient {
  const baseUrl = options.url.replace(/\/+$/, "");
  return createClient<paths>({
    baseUrl,
    headers: options.token === undefined ? {} : { Authorization: `Bearer ${options.token}` },
    fetch: async (request) => {
      try {
        return await fetch(request);
      } catch (error) {
        throw new ConnectionError(baseUrl, error);
      }
    },
  });
}

type Result = { data?: unknown; error?: unknown; response: Response };
type Success<R extends Result> = Exclude<R["data"], undefined>;

/**
 * Awaits an openapi-fetch call and returns its data, or throws an ApiError carrying the
 * problem the server answered with.
 */
export async function expectOk<R extends Result>(pending: Promise<R>): Promise<Success<R>> {
  const { data, error, response } = await pending;
  if (!response.ok) throw toApiError(response, error);
  return data as Success<R>;
}

/** As expectOk, for routes that answer without a body (204). */
export async function expectDone(pending: Promise<Result>): Promise<void> {
  const { error, response } = await pending;
  if (!response.ok) throw toApiError(response, error);
}

function toApiError(response: Response, body: unknown): ApiError {
  const fallback = `${response.status} ${response.statusText}`.trim();
  return new ApiError(response.status, isProblem(body) ? body : null, fallback);
}

function isProblem(body: unknown): body is Problem {
  return (
    typeof body === "object" &&
    body !== null &&
    typeof (body as { detail?: unknown }).detail === "string"
  );
}

// undici reports "fetch failed" and keeps the reason (ECONNREFUSED...) in `cause`.
function describeCause(error: Error): string {
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof Error) return (cause as { code?: string }).code ?? cause.message;
  return error.message;
}
