import type { MiddlewareHandler } from "hono";
import { PayloadTooLargeError } from "../core/errors";
import type { AppEnv } from "./app-env";
import { matchRoute } from "./route-scopes";

/**
 * Ceiling for definitions (jobs, actions, inline runs), starts (their params) and webhook
 * deliveries: 1 MiB. A saved job's start takes what an inline run with the same params takes.
 */
export const MAX_BODY_BYTES = 1024 * 1024;
/** Ceiling for delivering an event or callback: 256 KiB. */
export const MAX_DELIVERY_BYTES = 256 * 1024;
/** Ceiling for every other body (keys, webhooks, subscriptions, controls, operations): 64 KiB. */
export const MAX_SMALL_BODY_BYTES = 64 * 1024;

/**
 * Each route's body ceiling, by `method path` as in the route table; a route not named
 * here gets {@link MAX_SMALL_BODY_BYTES}. Senders' webhook payloads can be large, hence 1 MiB.
 */
const BODY_LIMITS: Record<string, number> = {
  "post /actions": MAX_BODY_BYTES,
  "put /actions/{name}": MAX_BODY_BYTES,
  "post /jobs": MAX_BODY_BYTES,
  "put /jobs/{name}": MAX_BODY_BYTES,
  "post /jobs/validate": MAX_BODY_BYTES,
  "post /runs": MAX_BODY_BYTES,
  "post /hooks/{job}": MAX_BODY_BYTES,
  "post /jobs/{name}/runs": MAX_BODY_BYTES,
  "post /runs/{id}/events/{name}": MAX_DELIVERY_BYTES,
  "post /runs/{id}/retry": MAX_BODY_BYTES,
  "post /callbacks/{token}": MAX_DELIVERY_BYTES,
};

/** The body ceiling of a request's route. */
export function bodyLimitFor(method: string, path: string): number {
  const { rule } = matchRoute(method, path);
  return BODY_LIMITS[`${rule.method} ${rule.path}`] ?? MAX_SMALL_BODY_BYTES;
}

/**
 * Rejects bodies over the route's ceiling ({@link bodyLimitFor}, or `maxBytes` when given)
 * with 413 before any handler parses them. A declared
 * Content-Length over the limit is refused without reading; otherwise the stream is
 * counted as it is read (a Content-Length can lie or be absent with chunked bodies) and
 * the buffered bytes replace the request body, so handlers read it as usual.
 */
export function bodyLimit({ maxBytes }: { maxBytes?: number } = {}): MiddlewareHandler<AppEnv> {
  return async function limitBodySize(c, next) {
    const body = c.req.raw.body;
    if (!body) return next();
    const limit = maxBytes ?? bodyLimitFor(c.req.method, c.req.path);
    const declared = Number(c.req.header("Content-Length") ?? Number.NaN);
    if (Number.isFinite(declared) && declared > limit) throw new PayloadTooLargeError(limit);
    const bytes = await readAtMost(body, limit);
    c.req.raw = new Request(c.req.raw, { body: bytes });
    return next();
  };
}

async function readAtMost(
  stream: ReadableStream<Uint8Array>,
  maxBytes: number,
): Promise<Uint8Array> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new PayloadTooLargeError(maxBytes);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
