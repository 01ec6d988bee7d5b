import { describe, expect, it } from "vitest";
import { MAX_RESPONSE_BYTES } from "../../src/actions/exchange";
import { executeAction } from "../../src/actions/execute";
import type { Env } from "../../src/env";
import { target, uniquePath } from "../support/target";
import { httpSpec, makeCall } from "./call-fixture";

describe("http actions: requests", () => {
  it("sends method, rendered headers, query and a JSON body with the Idempotency-Key", async () => {
    const path = uniquePath("send");
    const spec = httpSpec(`${target.url(path)}?fixed=1`, {
      method: "POST",
      headers: {
        Authorization: "Bearer {{ secrets.API_KEY }}",
        "X-Step": "{{ meta.current_step }}",
      },
      query: { ticket: "{{ params.ticket_id }}" },
      body: { ticket: "{{ params.ticket_id }}", count: "{{ params.count }}", tags: ["x"] },
    });
    const outcome = await executeAction(makeCall(spec));
    expect(outcome).toMatchObject({
      ok: true,
      output: { ok: true, method: "POST", path, body: { ticket: "ABC-1", count: 4, tags: ["x"] } },
      call: { kind: "http", method: "POST", url: target.url(path), status: 200 },
    });
    const [seen] = await target.requests(path);
    expect(seen?.query).toEqual({ fixed: "1", ticket: "ABC-1" });
    expect(seen?.headers).toMatchObject({
      authorization: "Bearer s3cr3t-value-for-tests",
      "x-step": "check_jira",
      "idempotency-key": "run-1:check_jira:1",
      "content-type": "application/json",
    });
    expect(JSON.parse(seen?.body ?? "")).toEqual({ ticket: "ABC-1", count: 4, tags: ["x"] });
  });

  it("sends a string body as is and keeps a given content type", async () => {
    const path = uniquePath("text");
    const spec = httpSpec(target.url(path), {
      method: "PUT",
      headers: { "Content-Type": "text/csv" },
      body: "a,b\n{{ params.count }},2",
    });
    await executeAction(makeCall(spec));
    const [seen] = await target.requests(path);
    expect(seen).toMatchObject({ method: "PUT", body: "a,b\n4,2" });
    expect(seen?.headers["content-type"]).toBe("text/csv");
  });

  it("replaces a user-given Idempotency-Key with the engine's", async () => {
    const path = uniquePath("idem");
    await executeAction(
      makeCall(httpSpec(target.url(path), { headers: { "idempotency-key": "mine" } })),
    );
    const [seen] = await target.requests(path);
    expect(seen?.headers["idempotency-key"]).toBe("run-1:check_jira:1");
  });

  it("returns a text body as a string and an empty body as null", async () => {
    const path = uniquePath("plain");
    await target.program(path, [{ body: "hello" }, { status: 204, body: "" }]);
    expect(await executeAction(makeCall(httpSpec(target.url(path))))).toMatchObject({
      ok: true,
      output: "hello",
    });
    expect(await executeAction(makeCall(httpSpec(target.url(path))))).toMatchObject({
      ok: true,
      output: null,
    });
  });

  it('gives { status, headers, body } with output: "response"', async () => {
    const path = uniquePath("response");
    await target.program(path, [{ status: 201, headers: { "x-id": "7" }, body: { id: 7 } }]);
    const outcome = await executeAction(
      makeCall(httpSpec(target.url(path), { output: "response" })),
    );
    expect(outcome).toMatchObject({
      ok: true,
      output: { status: 201, headers: { "x-id": "7" }, body: { id: 7 } },
    });
  });

  it("renders the URL and sends HEAD without a body", async () => {
    const path = uniquePath("head");
    const spec = httpSpec(`${target.url(path)}/{{ params.ticket_id }}`, {
      method: "HEAD",
      body: { ignored: true },
    });
    expect(await executeAction(makeCall(spec))).toMatchObject({
      ok: true,
      output: null,
      call: { status: 200 },
    });
    const [seen] = await target.requests(`${path}/ABC-1`);
    expect(seen).toMatchObject({ method: "HEAD", body: "" });
  });

  it("fails with a template error (not retryable) when a template is broken", async () => {
    const spec = httpSpec(target.url(uniquePath("tpl")), {
      headers: { X: "{{ params.x | nope }}" },
    });
    const outcome = await executeAction(makeCall(spec));
    expect(outcome).toMatchObject({ ok: false, error: { type: "template", retryable: false } });
  });
});

describe("http actions: what a template or a response may not smuggle", () => {
  it("fails a header rendered with CR or LF as a template error, sending nothing", async () => {
    const path = uniquePath("crlf");
    for (const injected of ["a\r\nX-Evil: 1", "a\nb", "a\rb"]) {
      const spec = httpSpec(target.url(path), { headers: { "X-Note": "{{ params.note }}" } });
      const call = makeCall(spec);
      const outcome = await executeAction({
        ...call,
        scope: { ...call.scope, params: { note: injected } },
      });
      expect(outcome).toMatchObject({ ok: false, error: { type: "template", retryable: false } });
      if (!outcome.ok) expect(outcome.error.message).not.toContain(injected);
    }
    expect(await target.requests(path)).toHaveLength(0);
  });

  it('keeps no Set-Cookie or credential-like header in output: "response"', async () => {
    const path = uniquePath("cookies");
    const sent = {
      "set-cookie": "session=abc",
      authorization: "Bearer echoed",
      "proxy-authorization": "Basic eA==",
      "x-api-key": "k",
      "x-auth-token": "t",
      "x-session-id": "s",
      "x-request-id": "r-1",
    };
    await target.program(path, [{ headers: sent, body: { ok: 1 } }]);
    const outcome = await executeAction(
      makeCall(httpSpec(target.url(path), { output: "response" })),
    );
    expect(outcome.ok).toBe(true);
    const headers = (outcome.ok ? outcome.output : null) as { headers: Record<string, string> };
    expect(headers.headers["x-request-id"]).toBe("r-1");
    for (const name of Object.keys(sent).filter((n) => n !== "x-request-id"))
      expect(headers.headers[name], name).toBeUndefined();
  });

  it("does not quote a rendered URL that is not absolute", async () => {
    const call = makeCall(httpSpec("{{ secrets.API_KEY }}/x"));
    const outcome = await executeAction(call);
    expect(outcome).toMatchObject({ ok: false, error: { type: "blocked_url" } });
    if (!outcome.ok) expect(outcome.error.message).not.toContain("s3cr3t");
  });
});

describe("http actions: classification", () => {
  it("maps 4xx to http_4xx, not retryable, naming method, URL without query, status and body", async () => {
    const path = uniquePath("404");
    await target.program(path, [{ status: 404, body: { error: "no such ticket" } }]);
    const outcome = await executeAction(makeCall(httpSpec(`${target.url(path)}?token=s3cr3t`)));
    expect(outcome).toMatchObject({
      ok: false,
      error: { type: "http_4xx", retryable: false, status: 404 },
    });
    if (outcome.ok) return;
    expect(outcome.error.message).toContain(`GET ${target.url(path)} → 404`);
    expect(outcome.error.message).toContain("no such ticket");
    expect(outcome.error.message).not.toContain("token");
  });

  it("maps 429 to http_429, retryable, with Retry-After in seconds", async () => {
    const path = uniquePath("429");
    await target.program(path, [
      { status: 429, headers: { "Retry-After": "7" }, body: "slow down" },
    ]);
    const outcome = await executeAction(makeCall(httpSpec(target.url(path))));
    expect(outcome).toMatchObject({
      ok: false,
      error: { type: "http_429", retryable: true, status: 429, retry_after_ms: 7000 },
    });
  });

  it("maps 5xx to http_5xx, retryable, honouring an HTTP-date Retry-After", async () => {
    const path = uniquePath("503");
    const when = new Date(Date.now() + 60_000).toUTCString();
    await target.program(path, [{ status: 503, headers: { "Retry-After": when } }]);
    const outcome = await executeAction(makeCall(httpSpec(target.url(path))));
    expect(outcome).toMatchObject({
      ok: false,
      error: { type: "http_5xx", retryable: true, status: 503 },
    });
    const retryAfter = outcome.ok ? 0 : (outcome.error.retry_after_ms ?? 0);
    expect(retryAfter).toBeGreaterThan(50_000);
    expect(retryAfter).toBeLessThanOrEqual(60_000);
  });

  it("maps a connection failure to network, retryable", async () => {
    const outcome = await executeAction(makeCall(httpSpec("http://127.0.0.1:1/unreachable")));
    expect(outcome).toMatchObject({ ok: false, error: { type: "network", retryable: true } });
  });

  it("times out a held request with type timeout, retryable", async () => {
    const path = uniquePath("hold");
    await target.program(path, [{ hold: true }]);
    const outcome = await executeAction(makeCall(httpSpec(target.url(path)), { timeoutMs: 300 }));
    expect(outcome).toMatchObject({ ok: false, error: { type: "timeout", retryable: true } });
    await target.release(path);
  });

  it("ends with interrupted when the engine cancels mid-call", async () => {
    const path = uniquePath("cancel");
    await target.program(path, [{ hold: true }]);
    const controller = new AbortController();
    const pending = executeAction(
      makeCall(httpSpec(target.url(path)), { signal: controller.signal }),
    );
    await target.waitForHeld(path);
    controller.abort(new Error("run cancelled"));
    expect(await pending).toMatchObject({
      ok: false,
      error: { type: "interrupted", retryable: false },
    });
    await target.release(path);
  });

  it("refuses a response larger than the cap with response_too_large", async () => {
    const path = uniquePath("big");
    await target.program(path, [{ body: "x".repeat(MAX_RESPONSE_BYTES + 10) }]);
    const outcome = await executeAction(makeCall(httpSpec(target.url(path))));
    expect(outcome).toMatchObject({
      ok: false,
      error: { type: "response_too_large", retryable: false },
    });
  });
});

describe("http actions: redirects and the net guard", () => {
  it("follows a redirect, turning 303 into GET", async () => {
    const from = uniquePath("from");
    const to = uniquePath("to");
    await target.program(from, [{ status: 303, headers: { Location: to }, body: "" }]);
    const outcome = await executeAction(
      makeCall(httpSpec(target.url(from), { method: "POST", body: { a: 1 } })),
    );
    expect(outcome).toMatchObject({
      ok: true,
      output: { method: "GET", path: to },
      call: { url: target.url(to) },
    });
    const [seen] = await target.requests(to);
    expect(seen?.headers["idempotency-key"]).toBe("run-1:check_jira:1");
  });

  it("keeps method and body on 307", async () => {
    const from = uniquePath("from307");
    const to = uniquePath("to307");
    await target.program(from, [{ status: 307, headers: { Location: target.url(to) }, body: "" }]);
    const outcome = await executeAction(
      makeCall(httpSpec(target.url(from), { method: "POST", body: { a: 1 } })),
    );
    expect(outcome).toMatchObject({ ok: true, output: { method: "POST", body: { a: 1 } } });
  });

  it("drops credentials when a redirect changes origin", async () => {
    const from = uniquePath("cross");
    const to = uniquePath("cross-to");
    const otherOrigin = target.url(to).replace("127.0.0.1", "localhost");
    await target.program(from, [{ status: 302, headers: { Location: otherOrigin }, body: "" }]);
    const spec = httpSpec(target.url(from), {
      headers: { Authorization: "Bearer {{ secrets.API_KEY }}", "X-Keep": "1" },
    });
    expect(await executeAction(makeCall(spec))).toMatchObject({ ok: true, output: { path: to } });
    const [seen] = await target.requests(to);
    expect(seen?.headers.authorization).toBeUndefined();
    expect(seen?.headers["idempotency-key"]).toBe("run-1:check_jira:1");
  });

  it("keeps only safe headers across origins, whatever a credential header is called", async () => {
    const from = uniquePath("cross-any");
    const to = uniquePath("cross-any-to");
    const otherOrigin = target.url(to).replace("127.0.0.1", "localhost");
    await target.program(from, [{ status: 307, headers: { Location: otherOrigin }, body: "" }]);
    const spec = httpSpec(target.url(from), {
      headers: { "X-Api-Key": "{{ secrets.API_KEY }}", "Private-Token": "t", Accept: "text/plain" },
    });
    expect(await executeAction(makeCall(spec))).toMatchObject({ ok: true, output: { path: to } });
    const [seen] = await target.requests(to);
    expect(seen?.headers["x-api-key"]).toBeUndefined();
    expect(seen?.headers["private-token"]).toBeUndefined();
    expect(seen?.headers.accept).toBe("text/plain");
  });

  it("does not resend the body on a 301 or 302 to another origin", async () => {
    for (const status of [301, 302]) {
      const from = uniquePath(`cross-body-${status}`);
      const to = uniquePath(`cross-body-${status}-to`);
      const otherOrigin = target.url(to).replace("127.0.0.1", "localhost");
      await target.program(from, [{ status, headers: { Location: otherOrigin }, body: "" }]);
      const spec = httpSpec(target.url(from), {
        method: "POST",
        body: { token: "{{ secrets.API_KEY }}" },
      });
      expect(await executeAction(makeCall(spec))).toMatchObject({ ok: true });
      const [seen] = await target.requests(to);
      expect(seen?.method, String(status)).toBe("GET");
      expect(seen?.body, String(status)).toBe("");
    }
  });

  it("blocks a redirect to the metadata address even with private networks allowed", async () => {
    const path = uniquePath("to-metadata");
    await target.program(path, [
      { status: 302, headers: { Location: "http://169.254.169.254/latest/meta-data" } },
    ]);
    const outcome = await executeAction(makeCall(httpSpec(target.url(path))));
    expect(outcome).toMatchObject({ ok: false, error: { type: "blocked_url", retryable: false } });
  });

  it("gives up after 5 redirects", async () => {
    const path = uniquePath("loop");
    await target.program(path, [{ status: 302, headers: { Location: path }, body: "" }]);
    const outcome = await executeAction(makeCall(httpSpec(target.url(path))));
    expect(outcome).toMatchObject({ ok: false, error: { type: "network", retryable: false } });
    expect(await target.requests(path)).toHaveLength(6);
  });

  it("refuses loopback http without ALLOW_PRIVATE_NETWORK, before any request", async () => {
    const path = uniquePath("guarded");
    const call = makeCall(httpSpec(target.url(path)));
    const outcome = await executeAction({
      ...call,
      env: { ...call.env, ALLOW_PRIVATE_NETWORK: "false" } as Env,
    });
    expect(outcome).toMatchObject({ ok: false, error: { type: "blocked_url", retryable: false } });
    expect(await target.requests(path)).toHaveLength(0);
  });

  it("refuses a rendered URL that is not absolute", async () => {
    const outcome = await executeAction(makeCall(httpSpec("{{ params.ticket_id }}/x")));
    expect(outcome).toMatchObject({ ok: false, error: { type: "blocked_url" } });
  });
});
