// HTTP helpers for the e2e script: a Cairn client that talks like curl, the target
// server's control API, and a bounded poll. Every failure message carries the request and
// the response, so a broken run reads as a bug report.

const REQUEST_TIMEOUT_MS = 15_000;

/** Thrown by a poll callback to stop polling at once (e.g. the run already failed). */
export class FatalError extends Error {
  name = "FatalError";
}

/**
 * Sends one JSON request and returns `{ status, body }` (body parsed when it is JSON,
 * else the text). Never throws on an HTTP status: callers decide what they expected.
 */
export async function sendJson(baseUrl, method, path, { token, body } = {}) {
  const headers = { accept: "application/json" };
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(new URL(path, baseUrl), {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await res.text();
  let parsed = text;
  try {
    parsed = text === "" ? null : JSON.parse(text);
  } catch {
    // Not JSON: keep the text so the failure message shows what came back.
  }
  return { status: res.status, body: parsed };
}

/** Shortens a value for messages: JSON, cut at `max` characters. */
export function describe(value, max = 600) {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text === undefined || text.length <= max ? String(text) : `${text.slice(0, max)}…`;
}

/**
 * A Cairn API client bound to a base URL and bearer token. `call` checks the status
 * against `expected` (default: any 2xx) and throws a message naming request and response.
 */
export function createCairnClient(baseUrl, token) {
  return {
    baseUrl,
    async call(method, path, body, expected) {
      const res = await sendJson(baseUrl, method, path, { token, body });
      const ok =
        expected === undefined
          ? res.status >= 200 && res.status < 300
          : expected.includes(res.status);
      if (!ok) {
        const sent = body === undefined ? "" : ` ${describe(body, 400)}`;
        throw new Error(
          `${method} ${path}${sent}\n  → ${res.status} ${describe(res.body)}\n  expected ${expected?.join(" or ") ?? "2xx"}`,
        );
      }
      return res.body;
    },
  };
}

/**
 * The loopback target server's control API (test/support/target-server.ts):
 * program responses per path, release held requests, read the request log.
 */
export function createTargetControl(targetUrl) {
  const control = async (method, path, body) => {
    const res = await sendJson(targetUrl, method, path, { body });
    if (res.status >= 300) {
      throw new Error(`target ${method} ${path} → ${res.status} ${describe(res.body)}`);
    }
    return res.body;
  };
  return {
    url: (path) => `${targetUrl}${path}`,
    program: (path, responses) => control("PUT", "/__program", { path, responses }),
    release: (path) => control("POST", "/__release", { path }),
    async requests(path) {
      const body = await control("GET", `/__requests?path=${encodeURIComponent(path)}`);
      return body?.requests ?? [];
    },
    async held(path) {
      const body = await control("GET", `/__held?path=${encodeURIComponent(path)}`);
      return body?.held ?? 0;
    },
  };
}

/** Reads a request header from the target's log case-insensitively (Node lowercases them). */
export function headerOf(request, name) {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(request.headers ?? {})) {
    if (key.toLowerCase() === wanted) return Array.isArray(value) ? value.join(", ") : value;
  }
  return undefined;
}

/**
 * Polls `probe` until it returns a truthy value, and returns that value. Bounded: after
 * `timeoutMs` it throws naming `what` and the last value or error seen. Errors thrown by
 * `probe` end the wait unless `tolerateErrors` (e.g. connection refused while starting);
 * a FatalError always ends it.
 */
export async function waitUntil(
  what,
  probe,
  { timeoutMs, intervalMs = 200, tolerateErrors = false },
) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      last = await probe();
      if (last) return last;
    } catch (error) {
      if (!tolerateErrors || error instanceof FatalError) throw error;
      last = error instanceof Error ? error.message : error;
    }
    if (Date.now() >= deadline) {
      throw new Error(
        `timed out after ${timeoutMs / 1000}s waiting for ${what}; last: ${describe(last)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
