/**
 * What one step instance's templates see, read from the run's storage: the rows of its own
 * and every enclosing graph, its callback URLs, its map item, and the input a task without
 * `with:` is fed. Reads only; the scope itself is assembled by scope.ts.
 */

import type { JsonObject, JsonValue } from "../core/json";
import type { RunPlan } from "../definition/ir";
import type { Env } from "../env";
import type { TemplateScope } from "../templates/scope";
import { feederIds, feedInput } from "./feed";
import { framesAround, graphOfFrame, locate, nearestMapItem } from "./frames";
import { buildScope } from "./scope";
import type { RunRow, RunStore, StepRow } from "./store/run-store";

/** The scope of `row`'s next attempt (the row as it enters, beside its neighbours' stored rows). */
export function stepScope(
  store: RunStore,
  settings: Pick<Env, "PUBLIC_URL">,
  secrets: Record<string, string>,
  plan: RunPlan,
  run: RunRow,
  row: StepRow,
  now: number,
): TemplateScope {
  const stepId = row.step_id;
  return buildScope({
    plan,
    run,
    steps: [...rowsAround(store, stepId).filter((other) => other.step_id !== stepId), row],
    stepId,
    attempt: row.attempts + 1,
    secrets,
    callbacks: callbacksAround(store, settings, stepId, run.run_id),
    now,
    ...mapItemOf(store, stepId),
  });
}

/**
 * The input of a task without `with:`: see feedInput. A step no other step feeds (the first of
 * its graph) reads no rows; the others read their graph's, as its scope does (one read, kept).
 */
export function fedInput(store: RunStore, instance: string, params: JsonObject): JsonValue {
  const located = locate(store.readPlan().job, instance);
  if (!located) return null;
  const { frame, graph, id } = located;
  const fed = feederIds(graph, id).length > 0;
  const rows = new Map(
    (fed ? store.readResultsIn(frame, graph.order) : []).map((row) => [
      row.step_id.slice(frame.length),
      row,
    ]),
  );
  const item = mapItemOf(store, instance).item;
  const start = frame === "" ? params : item ? item.item : null;
  return feedInput(graph, id, rows, start);
}

/** Rows a step's templates can see: its own graph's and every enclosing graph's. */
function rowsAround(store: RunStore, instance: string): StepRow[] {
  const { job } = store.readPlan();
  const frame = locate(job, instance)?.frame ?? "";
  return framesAround(frame).flatMap((around) => {
    const graph = graphOfFrame(job, around);
    return graph ? store.readResultsIn(around, graph.order) : [];
  });
}

/**
 * The callback URL of every wait_for_event step in the graph of `instance`, by step id: for
 * the execution waiting now, else for the step's next one (a link sent ahead of the wait).
 */
function callbacksAround(
  store: RunStore,
  settings: Pick<Env, "PUBLIC_URL">,
  instance: string,
  runId: string,
): Record<string, string> {
  const located = locate(store.readPlan().job, instance);
  if (!located) return {};
  const base =
    typeof settings.PUBLIC_URL === "string" ? settings.PUBLIC_URL.replace(/\/$/, "") : "";
  const urls: Record<string, string> = {};
  for (const [id, step] of Object.entries(located.graph.steps)) {
    if (step.type !== "wait_for_event") continue;
    const waiter = located.frame + id;
    const row = store.readStep(waiter);
    const execution = row?.status === "waiting" ? row.executions : (row?.executions ?? 0) + 1;
    const token = store.inbox.callbackToken(waiter, execution, () => newCallbackToken(runId));
    urls[id] = `${base}/callbacks/${token}`;
  }
  return urls;
}

/** Inside a map item (at any depth below it), the item and its index (`meta.item`, `meta.index`). */
function mapItemOf(
  store: RunStore,
  instance: string,
): { item?: { item: JsonValue; index: number } } {
  const plan = store.readPlan();
  const child = nearestMapItem(plan.job, locate(plan.job, instance)?.frame ?? "");
  if (!child) return {};
  const items = store.readFanOutInput(child.parent)?.input;
  return Array.isArray(items)
    ? { item: { item: items[child.index] ?? null, index: child.index } }
    : {};
}

/** `<run id>.<128 random bits>`: the API finds the run from it; only the run can check the rest. */
function newCallbackToken(runId: string): string {
  const random = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) =>
    b.toString(16).padStart(2, "0"),
  );
  return `${runId}.${random.join("")}`;
}
