import type { MiddlewareHandler } from "hono";
import { PayloadTooLargeError } from "../errors";
import type { AppEnv } from "./app-env";

/** Default request-body ceiling: 1 MiB. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Rejects bodies over `maxBytes` with 413 before any handler parses them. A declared
 * Content-Length over the limit is refused without reading; otherwise the stream is
 * counted as it is read (a Content-Length can lie or be absent with chunked bodies) and
 * the buffered bytes replace the request body, so handlers read it as usual.
 */
export function bodyLimit({
  maxBytes = MAX_BODY_BYTES,
}: {
  maxBytes?: number;
} = {}): MiddlewareHandler<AppEnv> {
  return async function limitBodySize(c, next) {
    const body = c.req.raw.body;
    if (!body) return next();
    const declared = Number(c.req.header("Content-Length") ?? Number.NaN);
    if (Number.isFinite(declared) && declared > maxBytes) throw new PayloadTooLargeError(maxBytes);
    const bytes = await readAtMost(body, maxBytes);
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
