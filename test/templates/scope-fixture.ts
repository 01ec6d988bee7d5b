import type { TemplateScope } from "../../src/templates/scope";

/** A scope with a little of everything; override what a test cares about. */
export function makeScope(overrides: Partial<TemplateScope> = {}): TemplateScope {
  return {
    params: { ticket_id: "ABC-1", force: true, count: 4 },
    output: { check_jira: { status: "Done", count: 5, retry_after: "30s", tags: ["a", "b"] } },
    context: { ticket_id: "ABC-1", jira: { status: "Done" } },
    meta: {
      run_id: "run-1",
      job: "jira-escalation",
      current_step: "check_jira",
      attempt: 1,
      step_retries: { check_jira: 2 },
      current_time: "2026-11-23T10:00:00.000Z",
    },
    secrets: { API_KEY: "s3cr3t" },
    ...overrides,
  };
}
