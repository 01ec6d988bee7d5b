import { describe, expect, it } from "vitest";
import { executeAction } from "../../src/actions/execute";
import { handlerNames, NonRetryableError, registerHandler } from "../../src/actions/handlers/index";
import type { HandlerActionSpec } from "../../src/definition/ir";
import { makeScope } from "../templates/scope-fixture";
import { makeCall } from "./call-fixture";

const handler = (name: string): HandlerActionSpec => ({ type: "handler", handler: name });

registerHandler("test-fails", () => {
  throw new Error("downstream said no");
});
registerHandler("test-fails-for-good", () => {
  throw new NonRetryableError("bad input");
});
registerHandler("test-context", ({ input, params, meta }) => ({
  input: input ?? null,
  ticket: params.ticket_id ?? null,
  step: meta.current_step,
}));
registerHandler("test-ignores-signal", () => new Promise(() => {}));

describe("handler actions", () => {
  it("registers the built-ins", () => {
    expect([...handlerNames()]).toEqual(expect.arrayContaining(["noop", "echo", "sleep"]));
  });

  it("noop outputs null, echo its input", async () => {
    expect(await executeAction(makeCall(handler("noop")))).toMatchObject({
      ok: true,
      output: null,
      call: { kind: "handler" },
    });
    const scope = makeScope({ input: { a: [1, 2] } });
    expect(await executeAction(makeCall(handler("echo"), { scope }))).toMatchObject({
      ok: true,
      output: { a: [1, 2] },
    });
  });

  it("gives handlers the input, params and meta", async () => {
    const scope = makeScope({ input: "in" });
    const outcome = await executeAction(makeCall(handler("test-context"), { scope }));
    expect(outcome).toMatchObject({
      ok: true,
      output: { input: "in", ticket: "ABC-1", step: "check_jira" },
    });
  });

  it("sleep waits and honours the timeout", async () => {
    const short = makeCall(handler("sleep"), { scope: makeScope({ input: { ms: 5 } }) });
    expect(await executeAction(short)).toMatchObject({ ok: true, output: { slept_ms: 5 } });
    const long = makeCall(handler("sleep"), {
      scope: makeScope({ input: { ms: 30_000 } }),
      timeoutMs: 50,
    });
    expect(await executeAction(long)).toMatchObject({
      ok: false,
      error: { type: "timeout", retryable: true },
    });
  });

  it("sleep rejects bad input without retries", async () => {
    const call = makeCall(handler("sleep"), { scope: makeScope({ input: { ms: "soon" } }) });
    expect(await executeAction(call)).toMatchObject({
      ok: false,
      error: { type: "handler", retryable: false },
    });
  });

  it("a thrown error is a retryable handler error, NonRetryableError is not", async () => {
    const failed = await executeAction(makeCall(handler("test-fails")));
    expect(failed).toMatchObject({ ok: false, error: { type: "handler", retryable: true } });
    expect(failed.ok ? "" : failed.error.message).toContain("downstream said no");
    const final = await executeAction(makeCall(handler("test-fails-for-good")));
    expect(final).toMatchObject({ ok: false, error: { type: "handler", retryable: false } });
  });

  it("an unknown handler fails without retries", async () => {
    const outcome = await executeAction(makeCall(handler("no-such-handler")));
    expect(outcome).toMatchObject({ ok: false, error: { type: "handler", retryable: false } });
  });

  it("a handler that ignores its signal still times out", async () => {
    const outcome = await executeAction(
      makeCall(handler("test-ignores-signal"), { timeoutMs: 50 }),
    );
    expect(outcome).toMatchObject({ ok: false, error: { type: "timeout", retryable: true } });
  });
});
