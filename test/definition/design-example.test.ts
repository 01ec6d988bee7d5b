import { describe, expect, it } from "vitest";
import { compileJob } from "../../src/definition/compile";
import { parseDocument } from "../../src/definition/parse";
import { catalog, designYaml } from "./fixtures";

describe("DESIGN.md's example job", () => {
  it("parses from YAML and compiles", () => {
    const result = compileJob(parseDocument(designYaml, "application/yaml"), catalog);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const { job } = result;
    expect(job).toMatchObject({
      name: "jira-escalation",
      description: "Escalate stale tickets",
      mode: "sequence",
      start: "check_jira",
      timeout_ms: 3_600_000,
      retry: {
        max_attempts: 3,
        backoff: "exponential",
        delay_ms: 1000,
        max_delay_ms: 300_000,
        jitter: true,
      },
      params_schema: { type: "object", required: ["ticket_id"] },
    });
    expect(job.steps.check_jira).toMatchObject({
      next: "decision",
      with: { ticket: "{{ params.ticket_id }}" },
      timeout_ms: 30_000,
      save_as: "jira",
      catch: [{ errors: ["timeout", "http_5xx"], next: "done" }],
    });
    expect(job.steps.wait_step).toMatchObject({ next: "check_jira", max_retries: 3 });
    expect(job.steps.done?.next).toBeNull();
  });

  it("reports schedule and concurrency as unknown fields for now", () => {
    const text = `${designYaml}\nschedule: { cron: "0 9 * * MON-FRI" }\nconcurrency: { limit: 1 }\n`;
    const result = compileJob(parseDocument(text, "text/yaml"), catalog);
    expect(result).toEqual({
      ok: false,
      errors: [
        { path: "schedule", message: 'unknown field "schedule"' },
        { path: "concurrency", message: 'unknown field "concurrency"' },
      ],
    });
  });
});
