// Run-level helpers over the REST contract (DESIGN.md "REST API").
import { describe, FatalError, waitUntil } from "./http.mjs";

const FINISHED_BADLY = new Set(["failed", "cancelled", "timed_out"]);

/**
 * Starts a run of an inline definition with `POST /runs` and checks the answer's shape
 * (`201 { id, status, job, version }`). Returns the run id.
 */
export async function startInlineRun(cairn, definition) {
  const started = await cairn.call("POST", "/runs", definition, [201]);
  if (typeof started?.id !== "string" || typeof started.status !== "string") {
    throw new Error(`POST /runs answered 201 without { id, status }: ${describe(started)}`);
  }
  return started.id;
}

/**
 * Polls `GET /runs/{id}` until the run has succeeded and returns the run. A run that
 * ends failed, cancelled or timed out stops the wait at once with its error.
 */
export function waitForSuccess(cairn, id, timeoutMs) {
  return waitUntil(
    `run ${id} to succeed`,
    async () => {
      const run = await cairn.call("GET", `/runs/${id}`);
      if (FINISHED_BADLY.has(run.status)) {
        throw new FatalError(`run ${id} ended ${run.status}: ${describe(run.error ?? run)}`);
      }
      return run.status === "succeeded" ? run : null;
    },
    { timeoutMs, intervalMs: 250 },
  );
}

/** `GET /runs/{id}/steps` as a map from step id to step state. */
export async function readSteps(cairn, id) {
  const body = await cairn.call("GET", `/runs/${id}/steps`);
  if (!Array.isArray(body?.steps)) {
    throw new Error(`GET /runs/${id}/steps has no steps list: ${describe(body)}`);
  }
  return new Map(body.steps.map((step) => [step.id, step]));
}

/** `GET /runs/{id}/history` events. */
export async function readHistory(cairn, id) {
  const body = await cairn.call("GET", `/runs/${id}/history`);
  if (!Array.isArray(body?.events)) {
    throw new Error(`GET /runs/${id}/history has no events list: ${describe(body)}`);
  }
  return body.events;
}

/** Every run id in `GET /runs`, following `next_cursor` (bounded to 50 pages). */
export async function listRunIds(cairn) {
  const ids = new Set();
  let cursor = null;
  for (let page = 0; page < 50; page++) {
    const query = cursor === null ? "" : `&cursor=${encodeURIComponent(cursor)}`;
    const body = await cairn.call("GET", `/runs?limit=100${query}`);
    for (const item of body?.items ?? []) ids.add(item.id);
    cursor = body?.next_cursor ?? null;
    if (cursor === null) break;
  }
  return ids;
}
