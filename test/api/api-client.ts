import { env, exports } from "cloudflare:workers";
import type { Env } from "../../src/env";

/** The Worker's default export, called in-process like a real HTTP client would. */
const worker = (exports as unknown as { default: { fetch(request: Request): Promise<Response> } })
  .default;

/** The catalog binding, to read back what a request wrote (or did not). */
export const db = (env as unknown as Env).DB;

export const TOKEN = "test-token";

export interface CallOptions {
  method?: string;
  /** Sent as is when a string; JSON-encoded otherwise. */
  body?: unknown;
  contentType?: string | null;
  token?: string | null;
  headers?: Record<string, string>;
}

/** Calls the API with the test token and JSON by default. */
export function call(path: string, options: CallOptions = {}): Promise<Response> {
  return worker.fetch(apiRequest(path, options));
}

/** The request `call` sends, for a test that hands it to the Worker with an env of its own. */
export function apiRequest(path: string, options: CallOptions = {}): Request {
  const { method = options.body === undefined ? "GET" : "POST", token = TOKEN } = options;
  const headers = new Headers(options.headers);
  if (token !== null) headers.set("Authorization", `Bearer ${token}`);
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
    const contentType =
      options.contentType === undefined ? "application/json" : options.contentType;
    if (contentType !== null) headers.set("Content-Type", contentType);
  }
  return new Request(`http://cairn${path}`, { method, headers, body });
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors: { path: string; message: string }[];
}

/** Reads a problem response, checking its media type. */
export async function readProblem(response: Response): Promise<ProblemBody> {
  if (response.headers.get("Content-Type") !== "application/problem+json") {
    throw new Error(`expected a problem, got ${response.status} ${await response.text()}`);
  }
  return response.json<ProblemBody>();
}

/** Number of rows in a catalog table: the "nothing was written" check. */
export async function countRows(table: "actions" | "jobs" | "job_versions"): Promise<number> {
  const row = await db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).first<{ n: number }>();
  return row?.n ?? 0;
}
