import type { Catalog } from "../../src/definition/compile";
import type { ActionSpec } from "../../src/definition/ir";
import karyaJobRequestJson from "../fixtures/karya-job-request.json";

const getAction: ActionSpec = {
  type: "http",
  method: "GET",
  url: "https://jira.example.com/ticket",
  headers: {},
  query: {},
  output: "body",
};

/** A catalog with Karya's two actions and one registered handler. */
export const catalog: Catalog = {
  actions: new Map<string, ActionSpec>([
    ["CheckJiraStatus", getAction],
    ["FetchTodo", { ...getAction, method: "POST" }],
  ]),
  handlers: new Set(["uppercase"]),
};

/** Karya's `POST /jobs` request body, exactly as its README writes it (shared with the e2e run). */
export const karyaJobRequest = karyaJobRequestJson;

/** Karya's action JSON, exactly as its README writes it (Jinja's `default(0)` included). */
export const karyaAction = {
  name: "FetchTodo",
  type: "http",
  method: "POST",
  url: "https://jsonplaceholder.typicode.com/posts",
  headers: {
    "Content-Type": "application/json",
  },
  body: {
    user_id: "{{ context.user_id }}",
    step: "{{ meta.current_step }}",
    retries: "{{ meta.step_retries[meta.current_step] | default(0) }}",
    timestamp: "{{ meta.current_time }}",
  },
  save_as: "fetch_todo",
};

/** A valid two-step sequence job to vary in tests. */
export function sequenceJob(steps: unknown[]): Record<string, unknown> {
  return { name: "test-job", steps };
}

/** DESIGN.md's YAML example, without `schedule` and `concurrency` (not accepted yet). */
export const designYaml = `
name: jira-escalation          # job id: lowercase letters, digits, - and _
description: Escalate stale tickets
params:
  type: object
  required: [ticket_id]
  properties: { ticket_id: { type: string } }
retry: { max_attempts: 3, backoff: exponential, delay: 1s, max_delay: 5m, jitter: true }
timeout: 1h                    # whole-run deadline
steps:
  - id: check_jira
    type: task
    action: CheckJiraStatus
    with: { ticket: "{{ params.ticket_id }}" }
    timeout: 30s
    save_as: jira
    catch:
      - errors: [timeout, http_5xx]
        next: done
  - id: decision
    type: choice
    conditions:
      - if: "output.check_jira.status == 'Done'"
        next: done
      - default: wait_step
  - id: wait_step
    type: wait
    duration: "{{ output.check_jira.retry_after }}"
    max_retries: 3
    next: check_jira
  - id: done
    type: task
    action: FetchTodo
`;
