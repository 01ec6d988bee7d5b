// The at-least-once / exactly-once accounting of the crash test, from the target's own
// request log: the Idempotency-Key `<run_id>:<step_id>:<execution>` names every call.
import { describe, headerOf } from "./http.mjs";

/** The steps that call the target, in both crash jobs. */
const HTTP_STEPS = ["first", "second"];

/** Groups logged requests by `<run_id>:<step_id>` (the key without its execution number). */
function groupByRunAndStep(requests) {
  const groups = new Map();
  for (const request of requests) {
    const prefix = (headerOf(request, "idempotency-key") ?? "(none)").replace(/:\d+$/, "");
    groups.set(prefix, [...(groups.get(prefix) ?? []), request]);
  }
  return groups;
}

/**
 * Classifies each HTTP step of each run at the crash and checks its calls:
 * - completed (succeeded in `before`, the steps read just before the kill): exactly once;
 * - not started (no call had reached the target at the kill): exactly once;
 * - in flight (a call had reached the target, no result recorded): once or twice;
 * and always one Idempotency-Key per step. `callsAtCrash` is the target's log right after
 * the kill, `callsAfter` the log once every run has finished.
 */
export function checkExecutions(report, { ids, before, callsAtCrash, callsAfter }) {
  const atCrash = groupByRunAndStep(callsAtCrash);
  const after = groupByRunAndStep(callsAfter);
  const problems = [];
  let rerun = 0;
  for (const id of ids) {
    for (const stepId of HTTP_STEPS) {
      const calls = after.get(`${id}:${stepId}`) ?? [];
      const isCompleted = before.get(id)?.get(stepId)?.status === "succeeded";
      const hasStarted = atCrash.has(`${id}:${stepId}`);
      const state = isCompleted ? "completed" : hasStarted ? "in flight" : "not started";
      const allowed = state === "in flight" ? 2 : 1;
      const keys = new Set(calls.map((request) => headerOf(request, "idempotency-key")));
      if (isCompleted && !hasStarted) problems.push(`${id} ${stepId}: succeeded without a call`);
      if (calls.length === 0) problems.push(`${id} ${stepId}: never called`);
      if (calls.length > allowed) {
        problems.push(`${id} ${stepId}: called ${calls.length}x (${state} at the crash)`);
      }
      if (keys.size > 1) problems.push(`${id} ${stepId}: different keys ${describe([...keys])}`);
      if (state === "in flight" && calls.length === 2) rerun++;
    }
  }
  report.check(
    problems.length === 0,
    "completed and unstarted steps ran exactly once, in-flight ones at most twice, one key each",
    problems.join("\n       "),
  );
  report.note(`${rerun} in-flight call(s) ran a second time after the crash`);
}
