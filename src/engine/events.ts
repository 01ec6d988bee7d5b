import type { JsonValue } from "../core/json";
import { stepError } from "../core/step-error";
import type { RunPlan, WaitForEventStep } from "../definition/ir";
import { locate } from "./frames";
import type { RunStore, StepRow } from "./store/run-store";
import { failStep, markRunning, succeedStep } from "./transitions";

/**
 * `wait_for_event` steps and the events posted to a run. Events are kept in the run's storage
 * until a step takes them, so one that arrives before its step starts waiting is not lost.
 * Each function runs inside a transaction.
 */

/**
 * A step starts waiting: a callback kept for this very execution, else an event already
 * kept, ends the wait at once.
 */
export function beginEventWait(
  store: RunStore,
  plan: RunPlan,
  row: StepRow,
  step: WaitForEventStep,
  now: number,
): void {
  const kept =
    store.inbox.takeKeptCallback(row.step_id, row.executions) ??
    store.inbox.takeEvent(step.event, row.step_id);
  if (kept) {
    succeedStep(store, plan, row, kept.body, now);
    return;
  }
  store.writeStep({ ...row, status: "waiting" });
  const until = step.timeout_ms === undefined ? null : now + step.timeout_ms;
  store.append({
    type: "wait_started",
    step_id: row.step_id,
    data: { event: step.event, until: until === null ? null : new Date(until).toISOString() },
  });
  if (until !== null) store.timers.addTimer("resume", row.step_id, until);
}

/** Records an event; the oldest step waiting for it takes it. Returns that step, if any. */
export function deliverEvent(
  store: RunStore,
  plan: RunPlan,
  name: string,
  body: JsonValue,
  now: number,
): string | null {
  const seq = store.inbox.addEvent(name, body);
  const waiting = store.waitingSteps().find((row) => waitsFor(plan, row.step_id, name));
  store.append({ type: "event_received", data: { name, seq, taken_by: waiting?.step_id ?? null } });
  if (!waiting) return null;
  const taken = store.inbox.takeEvent(name, waiting.step_id);
  store.timers.deleteStepTimers(waiting.step_id);
  markRunning(store, now);
  succeedStep(store, plan, { ...waiting, status: "running" }, taken?.body ?? body, now);
  return waiting.step_id;
}

/** The wait's timeout fell due: the step fails with `timeout`, which `catch` can route. */
export function timeOutEventWait(
  store: RunStore,
  plan: RunPlan,
  row: StepRow,
  step: WaitForEventStep,
  now: number,
): void {
  markRunning(store, now);
  const error = stepError("timeout", `no "${step.event}" event within ${step.timeout_ms} ms`);
  failStep(store, plan, { ...row, status: "running" }, error, now);
}

function waitsFor(plan: RunPlan, instance: string, name: string): boolean {
  const step = locate(plan.job, instance)?.step;
  return step?.type === "wait_for_event" && step.event === name;
}

/**
 * A POST to a step's callback URL, which names one execution of one step instance: delivered
 * to it if it is waiting, else kept for it alone (never for another step or map item waiting
 * on the same event name) until it waits. A token works once; one whose execution is over
 * counts as used.
 */
export function deliverCallback(
  store: RunStore,
  plan: RunPlan,
  token: string,
  body: JsonValue,
  now: number,
): "delivered" | "unknown" | "used" {
  const callback = store.inbox.readCallback(token);
  const step = callback ? locate(plan.job, callback.step_id)?.step : undefined;
  if (!callback || step?.type !== "wait_for_event") return "unknown";
  if (callback.used) return "used";
  const row = store.readStep(callback.step_id);
  const current = row?.executions ?? 0;
  if (callback.execution > current) {
    store.inbox.useCallback(token, body);
    store.append({ type: "event_received", data: { name: step.event, seq: 0, taken_by: null } });
    return "delivered";
  }
  if (row?.status !== "waiting" || callback.execution < current) return "used";
  store.inbox.useCallback(token);
  store.append({
    type: "event_received",
    data: { name: step.event, seq: 0, taken_by: row.step_id },
  });
  store.timers.deleteStepTimers(row.step_id);
  markRunning(store, now);
  succeedStep(store, plan, { ...row, status: "running" }, body, now);
  return "delivered";
}
