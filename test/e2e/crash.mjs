// The crash test: runs that are mid-wait and runs that are mid-HTTP-call when the whole
// runtime is SIGKILLed; after a restart on the same storage every run must finish, no
// completed step may run again, and the in-flight call may run once more with the same key.
import { checkExecutions } from "./executions.mjs";
import { describe, sendJson, waitUntil } from "./http.mjs";
import { listRunIds, readSteps, startInlineRun } from "./runs.mjs";

const WAITING_RUNS = 4;
const HOLDING_RUNS = 4;
const HOLD_PATH = "/crash/hold/second";
const SETTLE_TIMEOUT_MS = 30_000;
const RECOVERY_TIMEOUT_MS = 100_000;
/** After this long without every run finished, fire the cron watchdog once, as production would every minute. */
const WATCHDOG_AFTER_MS = 45_000;

/** One action for every crash step; the path names the job kind and the step. */
function crashCallAction(target) {
  return {
    name: "CrashCall",
    type: "http",
    method: "POST",
    url: target.url("/crash/{{ params.kind }}/{{ meta.current_step }}"),
    body: { run: "{{ meta.run_id }}", step: "{{ meta.current_step }}" },
    // No retry policy on purpose: a crash must not count as a failed attempt.
    timeout: "10s",
  };
}

/** Every path the crash jobs call. */
const CALL_PATHS = ["/crash/wait/first", "/crash/wait/second", "/crash/hold/first", HOLD_PATH];
const task = (id) => ({ id, type: "task", action: "CrashCall" });

/** A 3s wait between two HTTP calls: killed while the wait's timer is pending. */
const WAIT_JOB = {
  workflow_name: "crash-wait",
  parameters: { kind: "wait" },
  steps: [task("first"), { id: "pause", type: "wait", duration: "3s" }, task("second")],
};

/** Two HTTP calls, the second held open by the target: killed while it is in flight. */
const HOLD_JOB = {
  workflow_name: "crash-hold",
  parameters: { kind: "hold" },
  steps: [task("first"), task("second")],
};

/**
 * Runs the crash scenario. `crash()` SIGKILLs the runtime; `restart()` starts it again on
 * the same persist dir and resolves to a client for the new address.
 */
export async function runCrashScenario({ cairn, target, report, crash, restart }) {
  report.section(
    `Crash: ${WAITING_RUNS} runs mid-wait, ${HOLDING_RUNS} runs mid-HTTP-call, SIGKILL, restart`,
  );
  await cairn.call("POST", "/actions", crashCallAction(target), [201]);
  await target.program(HOLD_PATH, [{ hold: true }]);

  const holding = await startRuns(cairn, HOLD_JOB, HOLDING_RUNS);
  await waitUntil(
    `${HOLDING_RUNS} calls held at ${HOLD_PATH}`,
    async () => (await target.held(HOLD_PATH)) >= HOLDING_RUNS,
    {
      timeoutMs: SETTLE_TIMEOUT_MS,
    },
  );
  const waiting = await startRuns(cairn, WAIT_JOB, WAITING_RUNS);
  await waitUntil(
    "every waiting run to finish its first step",
    () => allFinished(cairn, waiting, "first"),
    {
      timeoutMs: SETTLE_TIMEOUT_MS,
      intervalMs: 100,
    },
  );
  const before = await snapshotSteps(cairn, [...holding, ...waiting]);
  const heldAtCrash = await target.held(HOLD_PATH);

  await crash();
  const callsAtCrash = await readCallLog(target);
  const midWait = waiting.filter((id) => before.get(id)?.get("pause")?.status !== "succeeded");
  report.check(midWait.length > 0, `killed with ${midWait.length}/${WAITING_RUNS} runs mid-wait`);
  report.check(
    heldAtCrash === HOLDING_RUNS,
    `killed with ${heldAtCrash}/${HOLDING_RUNS} calls in flight`,
  );
  // The retried calls must be answered, and the dead connections let go.
  await target.program(HOLD_PATH, [{ status: 200 }]);
  await target.release(HOLD_PATH);

  const revived = await restart();
  const all = [...holding, ...waiting];
  await waitForAll(revived, all, report);
  const listed = await listRunIds(revived);
  const lost = all.filter((id) => !listed.has(id));
  report.check(
    lost.length === 0,
    `GET /runs lists all ${all.length} runs`,
    `missing: ${lost.join(", ")}`,
  );
  checkExecutions(report, {
    ids: all,
    before,
    callsAtCrash,
    callsAfter: await readCallLog(target),
  });
}

/** Starts `count` runs of `job` and returns their ids. */
async function startRuns(cairn, job, count) {
  const ids = [];
  for (let i = 0; i < count; i++) ids.push(await startInlineRun(cairn, job));
  return ids;
}

/** True when step `stepId` has succeeded in every run. */
async function allFinished(cairn, ids, stepId) {
  for (const id of ids) {
    if ((await readSteps(cairn, id)).get(stepId)?.status !== "succeeded") return false;
  }
  return true;
}

/** Each run's step states right before the crash: the line between "completed" and "in flight". */
async function snapshotSteps(cairn, ids) {
  const snapshot = new Map();
  for (const id of ids) snapshot.set(id, await readSteps(cairn, id));
  return snapshot;
}

/**
 * Polls until every run has finished and checks they all succeeded. If some are still
 * unfinished after WATCHDOG_AFTER_MS, fires the cron watchdog once (as production's
 * every-minute trigger would) and says so, since the runs' own alarms should have sufficed.
 */
async function waitForAll(cairn, ids, report) {
  const startedAt = Date.now();
  let isWatchdogFired = false;
  let runs = [];
  const isFinished = (run) => !["queued", "running", "waiting"].includes(run.status);
  try {
    await waitUntil(
      `all ${ids.length} runs to finish after the restart`,
      async () => {
        runs = [];
        for (const id of ids) runs.push(await cairn.call("GET", `/runs/${id}`));
        if (runs.every(isFinished)) return true;
        if (!isWatchdogFired && Date.now() - startedAt > WATCHDOG_AFTER_MS) {
          isWatchdogFired = true;
          const res = await sendJson(
            cairn.baseUrl,
            "GET",
            "/cdn-cgi/local/scheduled?cron=*+*+*+*+*",
          );
          report.note(
            `runs unfinished after ${WATCHDOG_AFTER_MS / 1000}s: fired the watchdog (${res.status})`,
          );
        }
        return false;
      },
      { timeoutMs: RECOVERY_TIMEOUT_MS, intervalMs: 300 },
    );
  } catch (error) {
    const statuses = runs.map((run) => `${run.id} ${run.status}`).join(", ");
    report.check(
      false,
      "every run finished after the restart",
      `${error.message}\n       ${statuses}`,
    );
    return;
  }
  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
  const failed = runs.filter((run) => run.status !== "succeeded");
  const details = failed.map((run) => `${run.id} ${run.status}: ${describe(run.error)}`);
  report.check(
    failed.length === 0,
    `all ${ids.length} runs succeeded after the restart (${seconds}s)`,
    details.join("\n       "),
  );
  report.check(!isWatchdogFired, "recovered by the runs' own alarms, without the cron watchdog");
}

/** Every call the target received on the crash paths, so far. */
async function readCallLog(target) {
  const log = [];
  for (const path of CALL_PATHS) log.push(...(await target.requests(path)));
  return log;
}
