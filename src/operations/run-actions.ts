/**
 * One run taking a bulk operation's action, through the same calls the single-run routes
 * make. Never throws for a run that cannot take the action: that is its outcome, with the
 * reason the single-run route would have given.
 */

import type { OperationSpec } from "../clients/operation";
import { controlQueuedRun } from "../clients/queued-runs";
import type { Refusal } from "../clients/run";
import { runClient } from "../clients/run";
import { CairnError } from "../core/errors";
import { isFinishedRunStatus } from "../core/statuses";
import type { RunIndexRecord } from "../db/queries/runs";
import type { Env } from "../env";
import type { RunOutcome } from "./operation";

export async function applyToRun(
  env: Env,
  spec: OperationSpec,
  row: RunIndexRecord,
): Promise<RunOutcome> {
  try {
    switch (spec.action) {
      case "cancel":
        return await cancelRun(env, row);
      case "retry":
        return fromRefusal(await runClient(env, row.id).retry(spec.retry ?? {}));
      case "delete":
        return await deleteRun(env, row);
    }
  } catch (error) {
    if (error instanceof CairnError) return { ok: false, reason: error.message };
    throw error;
  }
}

/** A run held by its job's queue (index row only, seq 0) leaves the queue instead. */
async function cancelRun(env: Env, row: RunIndexRecord): Promise<RunOutcome> {
  if (row.seq === 0 && row.status === "queued") {
    return fromRefusal(
      (await controlQueuedRun(env, row.id, "cancel")) ?? {
        ok: false,
        code: "not_found",
        message: "run does not exist",
      },
    );
  }
  return fromRefusal(await runClient(env, row.id).cancel());
}

/**
 * A finished run's object deletes its state; its index row goes with the rest of the page
 * (the operation object deletes the rows of every run whose delete succeeded). A row the
 * coordinator wrote (seq 0) for a start that ended in its queue has no object at all.
 */
async function deleteRun(env: Env, row: RunIndexRecord): Promise<RunOutcome> {
  const isQueueRow = row.seq === 0;
  if (isQueueRow && isFinishedRunStatus(row.status)) return { ok: true };
  if (isQueueRow) return { ok: false, reason: `run is ${row.status}; cancel it first` };
  const result = await runClient(env, row.id).destroy();
  // Already gone (deleted or expired meanwhile): only its row is left, and it goes too.
  return result.ok || result.code === "not_found" ? { ok: true } : fromRefusal(result);
}

function fromRefusal(result: { ok: true } | Refusal): RunOutcome {
  if (result.ok) return { ok: true };
  const fields = (result.errors ?? []).map((issue) => `${issue.path}: ${issue.message}`);
  return { ok: false, reason: fields.length > 0 ? fields.join("; ") : result.message };
}
