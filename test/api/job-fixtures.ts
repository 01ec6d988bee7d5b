import { expect } from "vitest";
import { call, countRows } from "./api-client";

/** Karya's JiraEscalation, in Cairn's job form (DESIGN.md "Definition language"). */
export const JIRA_ESCALATION = {
  name: "jira-escalation",
  description: "Escalate stale tickets",
  params: {
    type: "object",
    required: ["ticket_id"],
    properties: { ticket_id: { type: "string" } },
  },
  steps: [
    {
      id: "check_jira",
      type: "task",
      action: "CheckJiraStatus",
      with: { ticket: "{{ params.ticket_id }}" },
    },
    {
      id: "decision",
      type: "choice",
      conditions: [
        { if: "output.check_jira.status == 'Done'", next: "done" },
        { default: "wait_step" },
      ],
    },
    {
      id: "wait_step",
      type: "wait",
      duration: "{{ output.check_jira.retry_after }}",
      max_retries: 3,
      next: "check_jira",
    },
    { id: "done", type: "task", action: "FetchTodo" },
  ],
};

/** Creates the actions the job fixtures call (each test file has its own catalog). */
export async function seedActions(): Promise<void> {
  for (const [name, url] of [
    ["CheckJiraStatus", "https://jira.example.com/issue/{{ input.ticket }}"],
    ["FetchTodo", "https://jsonplaceholder.typicode.com/todos/1"],
    ["UsedAction", "https://example.com/used"],
  ]) {
    const res = await call("/actions", { body: { name, type: "http", method: "GET", url } });
    expect(res.status).toBe(201);
  }
}

/** Asserts the catalog's job tables are unchanged around `request`. */
export async function expectNothingWritten(request: () => Promise<Response>): Promise<Response> {
  const before = [await countRows("jobs"), await countRows("job_versions")];
  const res = await request();
  expect([await countRows("jobs"), await countRows("job_versions")]).toEqual(before);
  return res;
}
