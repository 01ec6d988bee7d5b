import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { MAX_BODY_BYTES } from "../../src/api/body-limit";
import { call, countRows, readProblem, TOKEN } from "./api-client";

const worker = (exports as unknown as { default: { fetch(request: Request): Promise<Response> } })
  .default;

/** A valid action padded past the limit with a long description-like header value. */
function oversizedAction(name: string): string {
  const padding = "x".repeat(MAX_BODY_BYTES);
  return JSON.stringify({
    name,
    type: "http",
    method: "GET",
    url: "https://example.com",
    headers: { "X-Pad": padding },
  });
}

function streamOf(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  return new ReadableStream({
    start(controller) {
      for (let offset = 0; offset < bytes.length; offset += 64 * 1024) {
        controller.enqueue(bytes.subarray(offset, offset + 64 * 1024));
      }
      controller.close();
    },
  });
}

describe("body size limit", () => {
  it("413 for a body over 1 MiB with an honest Content-Length; nothing written", async () => {
    const res = await call("/actions", { body: oversizedAction("Big1") });
    expect(res.status).toBe(413);
    expect((await readProblem(res)).title).toBe("Payload too large");
    expect(await countRows("actions")).toBe(0);
  });

  it("413 for a streamed body without Content-Length", async () => {
    const request = new Request("http://cairn/actions", {
      method: "POST",
      headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/json" },
      body: streamOf(oversizedAction("Big2")),
    });
    expect(request.headers.has("Content-Length")).toBe(false);
    const res = await worker.fetch(request);
    expect(res.status).toBe(413);
    expect(await countRows("actions")).toBe(0);
  });

  it("413 when the Content-Length understates the body", async () => {
    const res = await call("/actions", {
      body: oversizedAction("Big3"),
      headers: { "Content-Length": "100" },
    });
    expect(res.status).toBe(413);
    expect(await countRows("actions")).toBe(0);
  });

  it("accepts a body just under the limit", async () => {
    const body = JSON.stringify({
      name: "Small",
      type: "http",
      method: "GET",
      url: "https://example.com",
    });
    const res = await call("/actions", { body: body.padEnd(MAX_BODY_BYTES - 1, " ") });
    expect(res.status).toBe(201);
  });
});
