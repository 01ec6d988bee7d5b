import { describe, expect, it } from "vitest";
import type { Issue } from "../../src/core/errors";
import { compileJob } from "../../src/definition/compile";
import { catalog, karyaJobRequest, sequenceJob } from "./fixtures";

function compileErrors(source: unknown): Issue[] {
  const result = compileJob(source, catalog);
  if (result.ok) throw new Error("expected errors");
  return result.errors;
}

describe("compileJob: sequence jobs", () => {
  it("compiles Karya's job, the wait step's next defaulting to done", () => {
    const result = compileJob({ name: "jiraescalation", steps: karyaJobRequest.steps }, catalog);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const { job } = result;
    expect(job.mode).toBe("sequence");
    expect(job.start).toBe("check_jira");
    expect(job.order).toEqual(["check_jira", "decision", "wait_step", "done"]);
    expect(job.max_parallel).toBe(10);
    expect(job.max_step_executions).toBe(10_000);
    expect(job.steps.check_jira).toEqual({
      id: "check_jira",
      type: "task",
      next: "decision",
      depends_on: [],
      condition: "all_success",
      action: { kind: "named", name: "CheckJiraStatus" },
      catch: [],
    });
    expect(job.steps.decision).toMatchObject({
      type: "choice",
      next: null,
      conditions: [{ if: "output.check_jira.status == 'Done'", next: "done" }],
      default: "wait_step",
    });
    expect(job.steps.wait_step).toMatchObject({
      type: "wait",
      next: "done",
      max_retries: 3,
      wait: {
        kind: "duration",
        duration: { kind: "template", template: "{{ output.check_jira.retry_after }}" },
      },
    });
    expect(job.steps.done?.next).toBeNull();
  });

  it("compiles fixed durations, inline http and handler tasks, retry and timeouts", () => {
    const result = compileJob(
      {
        name: "full",
        timeout: "1h",
        retry: { max_attempts: 3 },
        steps: [
          {
            id: "a",
            type: "task",
            http: { url: "https://x.test/a", timeout: "5s" },
            timeout: "30s",
          },
          {
            id: "b",
            type: "task",
            handler: "uppercase",
            with: { text: "{{ output.a.name }}" },
            save_as: "up",
          },
          { id: "c", type: "wait", duration: "1h30m" },
          { id: "d", type: "wait", until: "2030-01-01T00:00:00Z" },
          { id: "e", type: "pass", output: { n: 1 }, next: null },
        ],
      },
      catalog,
    );
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const { job } = result;
    expect(job.timeout_ms).toBe(3_600_000);
    expect(job.retry).toEqual({
      max_attempts: 3,
      backoff: "exponential",
      delay_ms: 1000,
      max_delay_ms: 300_000,
      jitter: true,
    });
    expect(job.steps.a).toMatchObject({
      timeout_ms: 30_000,
      action: {
        kind: "inline",
        spec: {
          type: "http",
          method: "GET",
          url: "https://x.test/a",
          timeout_ms: 5000,
          output: "body",
        },
      },
    });
    expect(job.steps.b).toMatchObject({
      action: { kind: "inline", spec: { type: "handler", handler: "uppercase" } },
      save_as: "up",
    });
    expect(job.steps.c).toMatchObject({
      wait: { kind: "duration", duration: { kind: "fixed", ms: 5_400_000 } },
    });
    expect(job.steps.d).toMatchObject({ wait: { kind: "until", until: "2030-01-01T00:00:00Z" } });
    expect(job.steps.e).toMatchObject({ next: null, output: { n: 1 } });
  });

  it("rejects unknown fields, naming them, on the job and on steps", () => {
    const errors = compileErrors({
      name: "x",
      colour: "blue",
      steps: [{ id: "a", type: "pass", colour: "red" }],
    });
    expect(errors).toEqual([
      { path: "colour", message: 'unknown field "colour"' },
      { path: "steps.0.colour", message: 'unknown field "colour"' },
    ]);
  });

  it("reports duplicate ids", () => {
    const errors = compileErrors(
      sequenceJob([
        { id: "a", type: "pass" },
        { id: "a", type: "succeed" },
      ]),
    );
    expect(errors).toContainEqual({
      path: "steps.1.id",
      message: 'duplicate step id "a" (also steps.0)',
    });
  });

  it("reports unknown next, choice and catch targets", () => {
    const errors = compileErrors(
      sequenceJob([
        {
          id: "a",
          type: "task",
          action: "FetchTodo",
          next: "nope",
          catch: [{ errors: ["timeout"], next: "gone" }],
        },
        { id: "b", type: "choice", conditions: [{ if: "params.x", next: "b2" }], default: "b3" },
        { id: "c", type: "choice", conditions: [{ default: "c2" }] },
      ]),
    );
    expect(errors).toEqual([
      { path: "steps.0.next", message: 'step "nope" does not exist' },
      { path: "steps.0.catch.0.next", message: 'step "gone" does not exist' },
      { path: "steps.1.conditions.0.next", message: 'step "b2" does not exist' },
      { path: "steps.1.default", message: 'step "b3" does not exist' },
      { path: "steps.1", message: 'step "b" is unreachable' },
      { path: "steps.2.conditions.0.default", message: 'step "c2" does not exist' },
      { path: "steps.2", message: 'step "c" is unreachable' },
    ]);
  });

  it("reports unknown actions and handlers", () => {
    const errors = compileErrors(
      sequenceJob([
        { id: "a", type: "task", action: "Missing" },
        { id: "b", type: "task", handler: "nothing" },
      ]),
    );
    expect(errors).toEqual([
      { path: "steps.0.action", message: 'action "Missing" does not exist' },
      { path: "steps.1.handler", message: 'handler "nothing" does not exist' },
    ]);
  });

  it("reports unreachable steps", () => {
    const errors = compileErrors(
      sequenceJob([
        { id: "a", type: "pass", next: "c" },
        { id: "b", type: "pass" },
        { id: "c", type: "succeed" },
        { id: "x", type: "pass" },
      ]),
    );
    expect(errors).toEqual([
      { path: "steps.1", message: 'step "b" is unreachable' },
      { path: "steps.3", message: 'step "x" is unreachable' },
    ]);
  });

  it("collects errors of several steps at once", () => {
    const errors = compileErrors(
      sequenceJob([
        { id: "a", type: "task" },
        { id: "b", type: "wait" },
        { id: "c", type: "bogus" },
        { type: "pass" },
      ]),
    );
    expect(errors.map((error) => error.path)).toEqual([
      "steps.0",
      "steps.1",
      "steps.2.type",
      "steps.3.id",
    ]);
    expect(errors[2]?.message).toContain('unknown step type "bogus"');
    expect(errors[3]?.message).toBe("is required");
  });

  it("rejects a save_as that is another step's id", () => {
    const errors = compileErrors(
      sequenceJob([
        { id: "a", type: "task", action: "FetchTodo", save_as: "b" },
        { id: "b", type: "pass", save_as: "b" },
      ]),
    );
    expect(errors).toEqual([
      { path: "steps.0.save_as", message: '"b" is the id of steps.1; output.b would be ambiguous' },
    ]);
  });
});
