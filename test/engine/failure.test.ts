/**
 * The one classifier of thrown values (src/core/failure.ts), as a pure unit. Platform
 * errors cannot be caused on demand in workerd, so the transient ones are built with the
 * shape Cloudflare documents: an Error with `.retryable` or `.overloaded`, or a D1 message
 * its retry guide names.
 */
import { describe, expect, it } from "vitest";
import { classifyFailure, isPlatformTransient, stepErrorFrom } from "../../src/core/failure";
import { StepFailure, stepError } from "../../src/core/step-error";
import { TemplateError } from "../../src/templates/template-error";

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

describe("stepErrorFrom", () => {
  it("answers the step's error, and rethrows a transient error as it is", () => {
    expect(stepErrorFrom(new TemplateError("bad"))).toMatchObject({ type: "template" });
    expect(stepErrorFrom(new RangeError("oops"))).toMatchObject({ type: "failed" });
    const reset = platformError("Durable Object reset", { retryable: true });
    expect(() => stepErrorFrom(reset)).toThrow(reset);
  });
});
