/**
 * The loopback target server: a real HTTP server that outbound calls from tests, the
 * end-to-end script and the benchmark go to (fetchMock is gone from the Workers test pool).
 *
 * Self-contained on purpose: it imports only `node:*` modules and uses only TypeScript that
 * Node's type stripping accepts, because `node test/e2e/run.ts` and the benchmark import it
 * directly by relative path.
 *
 * Any path not under `/__` is a target. Each request is recorded and answered by the path's
 * program (exact path match, query ignored): a list of responses consumed in order, the
 * last one repeated. Control API:
 * - `PUT /__program` `{ path, responses: [{ status?, headers?, body?, delay_ms?, hold? }] }`
 * - `POST /__release` `{ path }` answers every held request of the path
 * - `GET /__requests?path=/x` → `{ requests: [{ seq, method, path, query, headers, body, at }] }`
 * - `GET /__held?path=/x` → `{ held: n }`
 * - `POST /__reset` forgets every program, request and held request
 */

import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer } from "node:http";

/** One programmed answer. A string body is sent as is; any other body is sent as JSON. */
export interface TargetResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Wait this long before answering. */
  delay_ms?: number;
  /** Keep the request open until `POST /__release` for its path. */
  hold?: boolean;
}

/** What the server saw. Header names are lowercase (Node's convention). */
export interface RecordedRequest {
  seq: number;
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  at: number;
}

export interface TargetServer {
  url: string;
  close(): Promise<void>;
}

interface Program {
  responses: TargetResponse[];
  next: number;
}

interface HeldRequest {
  res: ServerResponse;
  response: TargetResponse;
  received: RecordedRequest;
}

/** Request bodies above this are refused, so a runaway test cannot exhaust memory. */
const MAX_REQUEST_BYTES = 16 * 1024 * 1024;

/**
 * Starts the target server on 127.0.0.1. Defaults: a random free port (`port: 0`).
 * Resolves once it is listening, with its base URL (no trailing slash).
 */
export async function startTargetServer(options: { port?: number } = {}): Promise<TargetServer> {
  const state = createState();
  const server = createServer((req, res) => {
    handleRequest(state, req, res).catch((error: unknown) => {
      sendJson(res, 500, { error: error instanceof Error ? error.message : String(error) });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : options.port;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        releaseAll(state);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function createState() {
  return {
    seq: 0,
    programs: new Map<string, Program>(),
    requests: new Map<string, RecordedRequest[]>(),
    held: new Map<string, HeldRequest[]>(),
  };
}
type State = ReturnType<typeof createState>;

async function handleRequest(
  state: State,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  const body = await readBody(req);
  if (url.pathname.startsWith("/__"))
    return handleControl(state, req.method ?? "GET", url, body, res);
  const received: RecordedRequest = {
    seq: ++state.seq,
    method: req.method ?? "GET",
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: { ...req.headers },
    body,
    at: Date.now(),
  };
  listFor(state.requests, url.pathname).push(received);
  const response = nextResponse(state, url.pathname);
  if (response.delay_ms) await new Promise((resolve) => setTimeout(resolve, response.delay_ms));
  if (response.hold) {
    const held = listFor(state.held, url.pathname);
    const entry: HeldRequest = { res, response, received };
    held.push(entry);
    // A caller that gives up (timeout, cancel) no longer counts as in flight.
    res.once("close", () => removeHeld(held, entry));
    return;
  }
  answer(res, response, received);
}

function handleControl(
  state: State,
  method: string,
  url: URL,
  body: string,
  res: ServerResponse,
): void {
  const [status, answer] = runControl(
    state,
    `${method} ${url.pathname}`,
    url.searchParams.get("path") ?? "",
    body,
  );
  sendJson(res, status, answer);
}

/** One control route: returns the status and JSON body to answer with. */
function runControl(state: State, route: string, path: string, body: string): [number, unknown] {
  switch (route) {
    case "PUT /__program": {
      const input = parseJson(body) as { path?: string; responses?: TargetResponse[] } | undefined;
      if (typeof input?.path !== "string" || !Array.isArray(input.responses)) {
        return [400, { error: "expected { path, responses: [...] }" }];
      }
      state.programs.set(input.path, { responses: input.responses, next: 0 });
      return [200, { ok: true }];
    }
    case "POST /__release": {
      const input = parseJson(body) as { path?: string } | undefined;
      return [200, { released: releasePath(state, input?.path ?? "") }];
    }
    case "GET /__requests":
      return [200, { requests: state.requests.get(path) ?? [] }];
    case "GET /__held":
      return [200, { held: state.held.get(path)?.length ?? 0 }];
    case "POST /__reset":
      releaseAll(state);
      state.programs.clear();
      state.requests.clear();
      return [200, { ok: true }];
    default:
      return [404, { error: `unknown control route ${route}` }];
  }
}

function nextResponse(state: State, path: string): TargetResponse {
  const program = state.programs.get(path);
  if (!program || program.responses.length === 0) return {};
  const index = Math.min(program.next, program.responses.length - 1);
  program.next += 1;
  return program.responses[index] ?? {};
}

/** Sends a programmed response; with no body programmed, echoes what was received. */
function answer(res: ServerResponse, response: TargetResponse, received: RecordedRequest): void {
  if (res.writableEnded || res.destroyed) return;
  const status = response.status ?? 200;
  const body =
    response.body !== undefined
      ? response.body
      : {
          ok: true,
          method: received.method,
          path: received.path,
          body: parseJson(received.body) ?? received.body,
        };
  const headers = { ...response.headers };
  const hasContentType = Object.keys(headers).some((name) => name.toLowerCase() === "content-type");
  if (typeof body === "string") {
    if (!hasContentType) headers["content-type"] = "text/plain; charset=utf-8";
    res.writeHead(status, headers).end(body);
    return;
  }
  if (!hasContentType) headers["content-type"] = "application/json";
  res.writeHead(status, headers).end(JSON.stringify(body));
}

function releasePath(state: State, path: string): number {
  const held = state.held.get(path) ?? [];
  state.held.delete(path);
  for (const entry of held) answer(entry.res, entry.response, entry.received);
  return held.length;
}

function releaseAll(state: State): void {
  for (const path of [...state.held.keys()]) releasePath(state, path);
}

function removeHeld(held: HeldRequest[], entry: HeldRequest): void {
  const index = held.indexOf(entry);
  if (index >= 0) held.splice(index, 1);
}

function listFor<T>(map: Map<string, T[]>, key: string): T[] {
  let list = map.get(key);
  if (!list) {
    list = [];
    map.set(key, list);
  }
  return list;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const decoder = new TextDecoder();
  let text = "";
  let size = 0;
  for await (const chunk of req) {
    size += chunk.byteLength;
    if (size > MAX_REQUEST_BYTES) throw new Error("request body too large");
    text += decoder.decode(chunk, { stream: true });
  }
  return text + decoder.decode();
}

function parseJson(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.writableEnded || res.destroyed) return;
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}
