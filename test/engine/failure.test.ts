/**
 * The one classifier of thrown values (src/core/failure.ts). Mostly a pure unit: the flagged
 * errors (`.retryable`, `.overloaded`) and D1's messages are built with the shape Cloudflare
 * documents, since workerd raises none of them on demand. One platform error workerd does
 * raise for real: a call queued at a Durable Object that is reset meanwhile.
 */
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { remote } from "../../src/clients/rpc";
import { classifyFailure, isPlatformTransient, stepErrorFrom } from "../../src/core/failure";
import { StepFailure, stepError } from "../../src/core/step-error";
import { TemplateError } from "../../src/templates/template-error";
import { runs } from "./runs";

function platformError(message: string, flags: { retryable?: boolean; overloaded?: boolean }) {
  return Object.assign(new Error(message), flags);
}

describe("StepFailure", () => {
  it("is an Error whose stored form is exactly the StepError shape", () => {
    const failure = new StepFailure("http_429", "slow down", {
      retryable: true,
      status: 429,
      retry_after_ms: 2_000,
    });
    expect(failure).toBeInstanceOf(Error);
    expect(failure).toMatchObject({ name: "StepFailure", type: "http_429", retryable: true });
    const stored = { type: "http_429", message: "slow down", retryable: true, status: 429 };
    expect(JSON.parse(JSON.stringify(failure))).toEqual({ ...stored, retry_after_ms: 2_000 });
    expect(new StepFailure("Nope", "Nope: no").toStepError()).toEqual({
      type: "Nope",
      message: "Nope: no",
      retryable: false,
    });
  });

  it("carries a StepError another function answered unchanged", () => {
    const answered = stepError("output_too_large", "items: too big", { status: 413 });
    expect(StepFailure.of(answered).toStepError()).toEqual(answered);
  });
});

describe("classifyFailure", () => {
  it("keeps a thrown StepFailure's type, which is what catch routes match", () => {
    const failure = new StepFailure("PaymentDeclined", "card refused");
    expect(classifyFailure(failure)).toEqual({
      kind: "step",
      error: { type: "PaymentDeclined", message: "card refused", retryable: false },
    });
  });

  it("labels template errors `template`, and only them", () => {
    expect(classifyFailure(new TemplateError("unknown filter"))).toEqual({
      kind: "step",
      error: { type: "template", message: "unknown filter", retryable: false },
    });
    for (const bug of [new TypeError("x is undefined"), new SyntaxError("Unexpected token")]) {
      expect(classifyFailure(bug)).toEqual({
        kind: "bug",
        error: { type: "failed", message: `internal error: ${bug.message}`, retryable: false },
      });
    }
    expect(classifyFailure("thrown text")).toMatchObject({
      kind: "bug",
      error: { type: "failed", message: "internal error: thrown text" },
    });
  });

  it("answers transient for the errors Durable Objects and D1 mark as worth a retry", () => {
    const transient = [
      platformError("Durable Object reset", { retryable: true }),
      platformError("Durable Object is overloaded", { overloaded: true }),
      new Error("D1_ERROR: Network connection lost."),
      new Error("D1_ERROR: Durable Object storage caused object to be reset."),
      new Error("D1_ERROR: Durable Object reset because its code was updated."),
    ];
    for (const error of transient) {
      expect(isPlatformTransient(error)).toBe(true);
      expect(classifyFailure(error)).toEqual({ kind: "transient", cause: error });
    }
  });

  it("does not take a plain value with a retryable flag, or a remote error, for a platform error", () => {
    const notPlatform = [
      { type: "network", message: "x", retryable: true },
      platformError("the object's own code threw", { retryable: false }),
      Object.assign(new Error("the object's own code threw"), { remote: true }),
    ];
    for (const value of notPlatform) {
      expect(isPlatformTransient(value)).toBe(false);
      expect(classifyFailure(value).kind).toBe("bug");
    }
  });
});

/**
 * The error a caller gets when the object it called is reset before answering: the object's
 * input gate is held (blockConcurrencyWhile) once the call is sent, and the held work throws,
 * which resets the object (a real reset, not a built error; the call never runs).
 */
async function errorOfCallToResetObject(): Promise<unknown> {
  const name = crypto.randomUUID();
  let queued = false;
  const reset = runInDurableObject(runs.get(runs.idFromName(name)), (_object, state) =>
    state.blockConcurrencyWhile(async () => {
      for (let waited = 0; !queued && waited < 5_000; waited += 10) await scheduler.wait(10);
      throw new Error("the object's setup failed");
    }),
  ).catch((error: unknown) => error);
  // The typed client: workerd's own stub type is too deep for the checker (see rpc.ts).
  const call = remote(runs, name)
    .describe()
    .then(
      () => null,
      (error: unknown) => error,
    );
  queued = true;
  const [caller, owner] = await Promise.all([call, reset]);
  // The object's own throw reaches its own caller as a remote error: not a platform one.
  expect(owner).toMatchObject({ durableObjectReset: true, remote: true });
  expect(isPlatformTransient(owner)).toBe(false);
  return caller;
}

describe("a real Durable Object reset", () => {
  it("fails a call sent to the object with a reset error, which is transient", async () => {
    const error = await errorOfCallToResetObject();
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ durableObjectReset: true });
    expect((error as { remote?: unknown }).remote).toBeUndefined();
    expect(classifyFailure(error)).toEqual({ kind: "transient", cause: error });
    expect(() => stepErrorFrom(error)).toThrow(error as Error);
  });
});

describe("stepErrorFrom", () => {
  it("answers the step's error, and rethrows a transient error as it is", () => {
    expect(stepErrorFrom(new TemplateError("bad"))).toMatchObject({ type: "template" });
    expect(stepErrorFrom(new RangeError("oops"))).toMatchObject({ type: "failed" });
    const reset = platformError("Durable Object reset", { retryable: true });
    expect(() => stepErrorFrom(reset)).toThrow(reset);
  });
});
