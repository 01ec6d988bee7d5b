import { runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { coordinatorClient } from "../../src/clients/coordinator";
import type { Env } from "../../src/env";
import { call, db, readProblem } from "../api/api-client";
import { waitForRun } from "../engine/runs";
import { indexedRuns, pollUntil, readGate, requestRun, triggeredBy } from "./concurrency-support";
import { coordinatorOf, readState, rewindCursors, scheduledRuns, uniqueName } from "./support";

async function saveJob(name: string, fields: Record<string, unknown>, steps: unknown[]) {
  return call("/jobs", { body: { name, ...fields, steps } });
}

async function mustSave(name: string, fields: Record<string, unknown> = {}, steps?: unknown[]) {
  const response = await saveJob(name, fields, steps ?? [{ id: "done", type: "succeed" }]);
  expect(response.status, await response.clone().text()).toBe(201);
  return name;
}

const failing = [{ id: "boom", type: "fail", message: "on purpose" }];

/** Repeats the run's end notice and waits for it: every trigger it sets off has been handled. */
async function settle(job: string, runId: string, status: "succeeded" | "failed") {
  await coordinatorClient(env as unknown as Env, job).runEnded({
    run_id: runId,
    job,
    version: 1,
    status,
    trigger: "api",
    finished_at: Date.now(),
  });
}

describe("after: as a trigger", () => {
  it("starts downstream jobs when an upstream run ends with a matching status, once", async () => {
    const ok = await mustSave(uniqueName("up-ok"));
    const bad = await mustSave(uniqueName("up-bad"), {}, failing);
    const onSuccess = await mustSave(uniqueName("on-success"), {
      after: [{ job: ok }, { job: bad }],
    });
    const onFailure = await mustSave(uniqueName("on-failure"), {
      after: [
        { job: ok, status: "failed" },
        { job: bad, status: "failed" },
      ],
    });
    const onAny = await mustSave(uniqueName("on-any"), {
      after: [
        { job: ok, status: "any" },
        { job: bad, status: "any" },
      ],
    });

    const good = (await requestRun(ok)).body.id;
    expect((await waitForRun(good)).status).toBe("succeeded");
    await pollUntil(
      () => triggeredBy(good),
      (jobs) => jobs.length === 2,
      "triggers of the success",
    );
    await settle(ok, good, "succeeded");
    expect(await triggeredBy(good)).toEqual([onAny, onSuccess].sort());

    const failed = (await requestRun(bad)).body.id;
    expect((await waitForRun(failed)).status).toBe("failed");
    await pollUntil(
      () => triggeredBy(failed),
      (jobs) => jobs.length === 2,
      "triggers of the failure",
    );
    await settle(bad, failed, "failed");
    expect(await triggeredBy(failed)).toEqual([onAny, onFailure].sort());

    // Each triggered run ran, and the repeated notices started nothing more.
    for (const job of [onSuccess, onFailure]) {
      const rows = await pollUntil(
        () => indexedRuns(job),
        (all) => all.every((row) => row.status === "succeeded"),
        `runs of ${job}`,
      );
      expect(rows).toHaveLength(1);
    }
    expect(await indexedRuns(onAny)).toHaveLength(2);
  });

  it("starts a job after a scheduled upstream, whose end its coordinator hears from the alarm", async () => {
    // The scheduled run makes its first move inside the start the coordinator waits for, so
    // its end is announced by its alarm right after (src/engine ARCHITECTURE, "The drive loop").
    const up = await mustSave(uniqueName("scheduled-up"), {
      schedule: { cron: "0 0 1 1 *", catchup: "latest" },
    });
    const down = await mustSave(uniqueName("after-scheduled"), { after: [{ job: up }] });
    await rewindCursors(up, Date.parse("2025-06-01T00:00:00Z"));
    expect(await runDurableObjectAlarm(coordinatorOf(up))).toBe(true);
    const [fired] = await scheduledRuns(up);
    expect(fired).toBeDefined();
    expect((await waitForRun(fired as string)).status).toBe("succeeded");
    await pollUntil(
      () => triggeredBy(fired as string),
      (jobs) => jobs.length === 1,
      "the trigger of the scheduled run",
    );
    expect(await triggeredBy(fired as string)).toEqual([down]);
  });

  it("goes through the downstream job's concurrency", async () => {
    const up = await mustSave(uniqueName("up"));
    const down = await mustSave(
      uniqueName("down-held"),
      { after: [{ job: up }], concurrency: { limit: 1, overlap: "queue" } },
      [{ id: "hold", type: "wait_for_event", event: "go" }],
    );
    const first = (await requestRun(up)).body.id;
    const second = (await requestRun(up)).body.id;
    const gate = await pollUntil(
      () => readGate(down),
      (state) => state.active.length === 1 && state.queue.length === 1,
      "downstream gate",
    );
    expect(gate.queue[0]?.trigger).toMatch(/^after:/);
    expect((await indexedRuns(down)).map((row) => row.trigger).sort()).toEqual(
      [`after:${first}`, `after:${second}`].sort(),
    );
  });
});

describe("after: saved jobs", () => {
  it("rejects a cycle between jobs, naming it", async () => {
    const a = await mustSave(uniqueName("a"));
    const b = await mustSave(uniqueName("b"), { after: [{ job: a }] });
    const c = await mustSave(uniqueName("c"), { after: [{ job: b }] });
    const response = await call(`/jobs/${a}`, {
      method: "PUT",
      body: { name: a, after: [{ job: c }], steps: [{ id: "done", type: "succeed" }] },
    });
    expect(response.status).toBe(400);
    expect((await readProblem(response)).errors).toEqual([
      { path: "after.0.job", message: `cycle: ${a} -> ${c} -> ${b} -> ${a}` },
    ]);
  });

  it("rejects a trigger into a job whose params schema refuses empty params", async () => {
    const up = await mustSave(uniqueName("up"));
    const response = await saveJob(
      uniqueName("needy"),
      {
        after: [{ job: up }],
        params: { type: "object", required: ["id"], properties: { id: { type: "string" } } },
      },
      [{ id: "d", type: "succeed" }],
    );
    expect(response.status).toBe(400);
    const [issue] = (await readProblem(response)).errors;
    expect(issue?.path).toBe("after.0");
    expect(issue?.message).toMatch(
      /^starts runs with empty params, which the params schema refuses/,
    );
  });

  it("rejects a job after itself and unknown upstream jobs", async () => {
    const self = uniqueName("self");
    const selfish = await saveJob(self, { after: [{ job: self }] }, [{ id: "d", type: "succeed" }]);
    expect((await readProblem(selfish)).errors).toEqual([
      { path: "after.0.job", message: `cycle: ${self} -> ${self}` },
    ]);
    const unknown = await saveJob(uniqueName("orphan"), { after: [{ job: "no-such-job" }] }, [
      { id: "d", type: "succeed" },
    ]);
    expect(unknown.status).toBe(400);
    expect((await readProblem(unknown)).errors).toEqual([
      { path: "after.0.job", message: "job no-such-job does not exist" },
    ]);
  });
});

describe("after: with within, a gate on scheduled fires", () => {
  const FIRE = Date.parse("2026-01-01T00:00:00Z");
  const HOUR = 3_600_000;

  /** A finished run of `job` in the index, as a run object would have mirrored it. */
  async function indexEnded(job: string, status: string, finishedAt: number) {
    await db
      .prepare(
        "INSERT INTO runs (id, job, version, status, trigger, seq, created_at, finished_at) VALUES (?, ?, 1, ?, 'api', 9, ?, ?)",
      )
      .bind(crypto.randomUUID().replaceAll("-", ""), job, status, finishedAt - 1000, finishedAt)
      .run();
  }

  async function fireOnce(job: string) {
    await rewindCursors(job, Date.parse("2025-06-01T00:00:00Z"));
    expect(await runDurableObjectAlarm(coordinatorOf(job))).toBe(true);
  }

  it("starts a fire only when the upstream succeeded within the window before it", async () => {
    const up = await mustSave(uniqueName("nightly"));
    const schedule = { cron: "0 0 1 1 *", catchup: "latest" };
    const inWindow = await mustSave(uniqueName("in-window"), {
      schedule,
      after: [{ job: up, within: "1h" }],
    });
    const tooOld = await mustSave(uniqueName("too-old"), {
      schedule,
      after: [{ job: up, within: "10m" }],
    });
    await indexEnded(up, "succeeded", FIRE - HOUR / 2);
    // Failed runs and runs after the fire do not open the window.
    await indexEnded(up, "failed", FIRE - 60_000);
    await indexEnded(up, "succeeded", FIRE + 60_000);

    await fireOnce(inWindow);
    expect(await scheduledRuns(inWindow)).toHaveLength(1);

    await fireOnce(tooOld);
    expect(await scheduledRuns(tooOld)).toEqual([]);
    expect((await readState(tooOld))?.last_error).toBe(
      `2026-01-01T00:00:00.000Z: skipped: no succeeded run of ${up} ended within 10m before the fire`,
    );
    const row = await db
      .prepare("SELECT last_error FROM schedules WHERE job = ?")
      .bind(tooOld)
      .first<{ last_error: string }>();
    expect(row?.last_error).toContain("skipped");
  });

  it("is not a trigger", async () => {
    const up = await mustSave(uniqueName("gate-up"));
    const gated = await mustSave(uniqueName("gated"), {
      schedule: { cron: "0 0 1 1 *" },
      after: [{ job: up, within: "1h" }],
    });
    const run = (await requestRun(up)).body.id;
    await waitForRun(run);
    await settle(up, run, "succeeded");
    expect(await indexedRuns(gated)).toEqual([]);
  });

  it("needs a schedule", async () => {
    const up = await mustSave(uniqueName("gate-up"));
    const response = await saveJob(
      uniqueName("unscheduled"),
      { after: [{ job: up, within: "1h" }] },
      [{ id: "d", type: "succeed" }],
    );
    expect((await readProblem(response)).errors).toEqual([
      { path: "after.0.within", message: "gates scheduled fires, but the job has no schedule" },
    ]);
  });
});
