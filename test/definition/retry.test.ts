import { describe, expect, it } from "vitest";
import { toIssues } from "../../src/definition/issues";
import { RetrySourceSchema } from "../../src/definition/retry";

function retryIssues(source: unknown) {
  const result = RetrySourceSchema.safeParse(source);
  if (result.success) throw new Error("expected errors");
  return toIssues(result.error.issues, ["retry"]);
}

describe("RetrySourceSchema", () => {
  it("fills the documented defaults", () => {
    expect(RetrySourceSchema.parse({ max_attempts: 3 })).toEqual({
      max_attempts: 3,
      backoff: "exponential",
      delay_ms: 1000,
      max_delay_ms: 300_000,
      jitter: true,
    });
  });

  it("compiles every field, durations in ms", () => {
    expect(
      RetrySourceSchema.parse({
        max_attempts: 100,
        backoff: "linear",
        delay: "PT2S",
        max_delay: 60000,
        jitter: false,
      }),
    ).toEqual({
      max_attempts: 100,
      backoff: "linear",
      delay_ms: 2000,
      max_delay_ms: 60_000,
      jitter: false,
    });
  });

  it("checks max_delay >= delay", () => {
    expect(retryIssues({ max_attempts: 2, delay: "10m" })).toEqual([
      { path: "retry.max_delay", message: "max_delay (5m) must not be shorter than delay (10m)" },
    ]);
    expect(
      RetrySourceSchema.parse({ max_attempts: 2, delay: "5m", max_delay: "5m" }).max_delay_ms,
    ).toBe(300_000);
  });

  it("bounds max_attempts and rejects unknown fields and bad durations", () => {
    expect(retryIssues({ max_attempts: 101 }).map((issue) => issue.path)).toEqual([
      "retry.max_attempts",
    ]);
    expect(retryIssues({ max_attempts: 1.5 }).map((issue) => issue.path)).toEqual([
      "retry.max_attempts",
    ]);
    expect(retryIssues({}).map((issue) => issue.path)).toEqual(["retry.max_attempts"]);
    expect(retryIssues({ max_attempts: 2, delay: "{{ params.d }}", tries: 1 })).toEqual([
      {
        path: "retry.delay",
        message: expect.stringMatching(/^invalid duration "\{\{ params.d \}\}": use 500ms/),
      },
      { path: "retry.tries", message: 'unknown field "tries"' },
    ]);
  });
});
