import { describe, expect, it } from "vitest";
import type { HistoryEvent } from "../../src/core/history";
import { matchesEvent, toLifecycleEvent } from "../../src/core/lifecycle";
import { stepError } from "../../src/core/step-error";

const error = stepError("http_5xx", "boom", { retryable: true });

describe("toLifecycleEvent", () => {
  const cases: [HistoryEvent, string | null][] = [
    [{ type: "run_created", data: { params: {}, trigger: "api" } }, "run.queued"],
    [{ type: "run_status", data: { from: "queued", to: "running" } }, "run.started"],
    [{ type: "run_status", data: { from: "waiting", to: "running" } }, null],
    [{ type: "run_status", data: { from: "failed", to: "running" } }, null],
    [{ type: "run_status", data: { from: "running", to: "waiting" } }, "run.waiting"],
    [{ type: "run_status", data: { from: "running", to: "paused" } }, null],
    [{ type: "run_status", data: { from: "running", to: "succeeded" } }, "run.succeeded"],
    [{ type: "run_status", data: { from: "running", to: "failed" } }, "run.failed"],
    [{ type: "run_status", data: { from: "waiting", to: "cancelled" } }, "run.cancelled"],
    [{ type: "run_status", data: { from: "running", to: "timed_out" } }, "run.timed_out"],
    [{ type: "step_started", step_id: "a", data: { execution: 1 } }, "step.started"],
    [{ type: "step_succeeded", step_id: "a", data: { output: 1 } }, "step.succeeded"],
    [{ type: "step_failed", step_id: "a", data: { error } }, "step.failed"],
    [
      { type: "attempt_failed", step_id: "a", data: { attempt: 1, error, retry_in_ms: 10 } },
      "step.retrying",
    ],
    [{ type: "attempt_failed", step_id: "a", data: { attempt: 3, error } }, null],
    [{ type: "choice_made", step_id: "a", data: { next: "b" } }, null],
  ];
  it.each(cases)("maps %j to %s", (event, expected) => {
    expect(toLifecycleEvent(event)).toBe(expected);
  });
});

describe("matchesEvent", () => {
  it("matches names, family wildcards and *", () => {
    expect(matchesEvent(["*"], "step.failed")).toBe(true);
    expect(matchesEvent(["run.*"], "run.failed")).toBe(true);
    expect(matchesEvent(["run.*"], "step.failed")).toBe(false);
    expect(matchesEvent(["step.failed", "run.succeeded"], "run.succeeded")).toBe(true);
    expect(matchesEvent(["step.failed"], "step.started")).toBe(false);
  });
});
