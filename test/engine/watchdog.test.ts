import {
  createExecutionContext,
  createScheduledController,
  runInDurableObject,
  waitOnExecutionContext,
} from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Env } from "../../src/env";
import worker from "../../src/index";
import { createJob, runs, startRun, uniqueJobName, waitForRun } from "./runs";

async function tick(): Promise<void> {
  const ctx = createExecutionContext();
  await worker.scheduled(
    createScheduledController({ cron: "* * * * *" }),
    env as unknown as Env,
    ctx,
  );
  await waitOnExecutionContext(ctx);
}

describe("the Cron Trigger watchdog", () => {
  it("re-arms a waiting run whose alarm was lost", async () => {
    const name = await createJob({
      name: uniqueJobName("lost"),
      steps: [{ id: "nap", type: "wait", duration: "1h" }],
    });
    const id = await startRun(name);
    await waitForRun(id, ["waiting"]);
    const stub = runs.get(runs.idFromName(id));
    const armed = await runInDurableObject(stub, (_run, state) => state.storage.getAlarm());
    await runInDurableObject(stub, (_run, state) => state.storage.deleteAlarm());
    await tick();
    expect(await runInDurableObject(stub, (_run, state) => state.storage.getAlarm())).toBe(armed);
  });
});
