/**
 * A real platform error rethrown from a run's alarm() and retried by the runtime. With
 * MAX_RUNNING_RUNS set (vitest.run-cap.config.ts), a run's first alarm asks the running-runs
 * gate for its slot before anything else; that gate is reset (it throws from
 * blockConcurrencyWhile, holding its input gate) while the ask waits at it. The ask fails
 * with workerd's reset error, the alarm rethrows it (nothing of the move is kept), and the
 * runtime's retry of the alarm finds a fresh gate and runs the run.
 */
import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { RUN_GATE } from "../../src/engine/run-cap";
import { createJob, getHistory, runs, startRun, uniqueJobName, waitForRun } from "../engine/runs";

async function pollUntil(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let polls = 0; polls < 1_000; polls += 1) {
    if (await check()) return;
    await scheduler.wait(10);
  }
  throw new Error(`never: ${what}`);
}

describe("a run's alarm that meets a reset of the running-runs gate", () => {
  it("leaves alarm() with the error, and the runtime's retry runs the run", async () => {
    const job = await createJob({
      name: uniqueJobName("gate-reset"),
      steps: [{ id: "done", type: "succeed", output: "ran" }],
    });
    const gate = env.ACTION_GATES.get(env.ACTION_GATES.idFromName(RUN_GATE));
    let blocking = false;
    let askWaits = false;
    const reset = runInDurableObject(gate, (_object, state) =>
      state.blockConcurrencyWhile(async () => {
        blocking = true;
        for (let waited = 0; !askWaits && waited < 15_000; waited += 10) await scheduler.wait(10);
        throw new Error("the running-runs gate was reset");
      }),
    ).catch((error: unknown) => error);
    await pollUntil(async () => blocking, "the gate holds its input gate");

    const id = await startRun(job);
    // The alarm's first await is the ask: the run lets a call in only once it waits there,
    // and its alarm, being run, is no longer set.
    await pollUntil(
      () =>
        runInDurableObject(runs.get(runs.idFromName(id)), async (_object, state) => {
          const status = String(
            state.storage.sql.exec("SELECT status FROM cairn_run").one().status,
          );
          return (await state.storage.getAlarm()) === null && status !== "succeeded";
        }),
      "the run's alarm waits for the gate",
    );
    askWaits = true;
    expect(await reset).toMatchObject({ durableObjectReset: true });

    expect(await waitForRun(id)).toMatchObject({ status: "succeeded", output: "ran" });
    // The failed alarm kept nothing: the history is that of a run that ran once.
    const types = (await getHistory(id)).map((event) => event.type);
    expect(types.filter((type) => type === "step_started")).toHaveLength(1);
    expect(types).not.toContain("step_failed");
  });
});
