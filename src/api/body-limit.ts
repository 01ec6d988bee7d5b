import type { MiddlewareHandler } from "hono";
import { PayloadTooLargeError } from "../core/errors";
import type { AppEnv } from "./app-env";
import { MAX_SMALL_BODY_BYTES } from "./body-sizes";
import { matchRoute } from "./route-scopes";

export { MAX_BODY_BYTES, MAX_DELIVERY_BYTES, MAX_SMALL_BODY_BYTES } from "./body-sizes";

/** The body ceiling of a request's route, as the route declares it (`maxBodyBytes`). */
export function bodyLimitFor(method: string, path: string): number {
  return matchRoute(method, path).rule.maxBodyBytes ?? MAX_SMALL_BODY_BYTES;
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
