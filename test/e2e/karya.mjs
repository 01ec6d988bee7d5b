// Karya's example, end to end: its two actions and its inline job request, run once per
// branch of the choice step, checked through the API and the target's request log.
import KARYA_JOB_REQUEST from "../fixtures/karya-job-request.json" with { type: "json" };
import { checkHistoryShape, checkRunShape, checkStepsShape } from "./contract.mjs";
import { describe, headerOf } from "./http.mjs";
import { readHistory, readSteps, startInlineRun, waitForSuccess } from "./runs.mjs";

const JIRA_PATH = "/jira/ABC-123";
const TODO_PATH = "/posts";
const RUN_TIMEOUT_MS = 30_000;

/** CheckJiraStatus: an http GET of the ticket, saved under its own name. */
function checkJiraAction(target) {
  return {
    name: "CheckJiraStatus",
    type: "http",
    method: "GET",
    url: target.url("/jira/{{ params.ticket_id }}"),
    headers: { Accept: "application/json" },
    save_as: "jira",
  };
}

/** FetchTodo as Karya's README writes it; only the URL and Jinja's `default(0)` differ. */
function fetchTodoAction(target) {
  return {
    name: "FetchTodo",
    type: "http",
    method: "POST",
    url: target.url(TODO_PATH),
    headers: { "Content-Type": "application/json" },
    body: {
      user_id: "{{ context.user_id }}",
      step: "{{ meta.current_step }}",
      retries: "{{ meta.step_retries[meta.current_step] | default: 0 }}",
      timestamp: "{{ meta.current_time }}",
    },
    save_as: "fetch_todo",
  };
}

/** A JSON answer for the target to give (content type set explicitly). */
function jsonAnswer(body) {
  return {
    status: 200,
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  };
}

/**
 * Karya's two branches. "Open" goes through the wait step, whose `next` defaults to the
 * following step, so FetchTodo must come at least `retry_after` (1s) after the Jira call.
 */
const BRANCHES = [
  {
    jira: { status: "Done" },
    ran: ["check_jira", "decision", "done"],
    skipped: ["wait_step"],
    waitMs: 0,
  },
  {
    jira: { status: "Open", retry_after: "1s" },
    ran: ["check_jira", "decision", "wait_step", "done"],
    skipped: [],
    waitMs: 1_000,
  },
];

/** Creates the actions, then runs both branches one after the other (they share the Jira path). */
export async function runKaryaScenario({ cairn, target, report }) {
  report.section("Karya: actions and inline job request");
  await cairn.call("POST", "/actions", checkJiraAction(target), [201]);
  await cairn.call("POST", "/actions", fetchTodoAction(target), [201]);
  report.check(true, "POST /actions created CheckJiraStatus and FetchTodo");
  for (const branch of BRANCHES) {
    await target.program(JIRA_PATH, [jsonAnswer(branch.jira)]);
    await runBranch({ cairn, target, report }, branch);
  }
}

/** Runs Karya's request once and checks the run, its steps and history, and what the target received. */
async function runBranch({ cairn, target, report }, branch) {
  const id = await startInlineRun(cairn, KARYA_JOB_REQUEST);
  const run = await waitForSuccess(cairn, id, RUN_TIMEOUT_MS);
  report.check(run.status === "succeeded", `Jira "${branch.jira.status}": run ${id} succeeded`);
  checkRunShape(report, run);

  const steps = await readSteps(cairn, id);
  checkStepsShape(report, steps);
  for (const stepId of branch.ran) {
    const status = steps.get(stepId)?.status;
    report.check(status === "succeeded", `  step ${stepId} succeeded`, `got ${status}`);
  }
  for (const stepId of branch.skipped) {
    const status = steps.get(stepId)?.status;
    report.check(status !== "succeeded", `  step ${stepId} did not run`, `got ${status}`);
  }
  const events = await readHistory(cairn, id);
  report.check(events.length > 0, `  history has ${events.length} events`);
  checkHistoryShape(report, events);

  const jira = (await target.requests(JIRA_PATH)).filter((r) => isKeyOf(r, id, "check_jira"));
  const isOneGet = jira.length === 1 && jira[0].method === "GET";
  report.check(isOneGet, "  Jira called once with GET", describe(jira));
  const todos = (await target.requests(TODO_PATH)).filter((r) => isKeyOf(r, id, "done"));
  report.check(
    todos.length === 1,
    "  FetchTodo called once with this run's Idempotency-Key",
    describe(todos),
  );
  if (todos[0] !== undefined) checkTodoRequest(report, todos[0], id);
  if (branch.waitMs > 0 && jira[0] !== undefined && todos[0] !== undefined) {
    const gap = todos[0].at - jira[0].at;
    report.check(
      gap >= branch.waitMs,
      `  FetchTodo came ${gap} ms after the Jira call (waited >= ${branch.waitMs} ms)`,
    );
  }
}

/** The FetchTodo call carried a fully rendered JSON body and a well-formed key. */
function checkTodoRequest(report, request, runId) {
  let body = null;
  try {
    body = JSON.parse(request.body);
  } catch {
    // Reported just below: the body must be JSON.
  }
  report.check(
    body !== null && typeof body === "object",
    "  FetchTodo body is JSON",
    describe(request.body),
  );
  if (body === null || typeof body !== "object") return;
  report.check(
    !request.body.includes("{{"),
    "  FetchTodo body has no unrendered template",
    request.body,
  );
  report.check(body.step === "done", "  body.step is the current step", describe(body));
  report.check(
    body.retries === 0 || body.retries === "0",
    "  body.retries rendered through `default: 0`",
    describe(body),
  );
  report.check(
    !Number.isNaN(Date.parse(body.timestamp)),
    "  body.timestamp is a time",
    describe(body),
  );
  report.check(request.method === "POST", "  FetchTodo used POST", request.method);
  const key = headerOf(request, "idempotency-key") ?? "";
  report.check(
    key.startsWith(`${runId}:done:`),
    `  Idempotency-Key is <run_id>:done:<execution> (${key})`,
  );
}

/** True when the request's Idempotency-Key belongs to `runId`'s step `stepId`. */
export function isKeyOf(request, runId, stepId) {
  return (headerOf(request, "idempotency-key") ?? "").startsWith(`${runId}:${stepId}:`);
}
