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

  it("accepts its schedule and concurrency", () => {
    const schedule = `schedule:\n  cron: "0 9 * * MON-FRI"\n  timezone: Europe/Berlin\n  params: { ticket_id: ABC-1 }\n`;
    const text = `${designYaml}${schedule}concurrency: { limit: 1, overlap: skip }\n`;
    const scheduled = compileJob(parseDocument(text, "text/yaml"), catalog);
    if (!scheduled.ok) throw new Error(JSON.stringify(scheduled.errors));
  });
});
