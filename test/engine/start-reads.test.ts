/**
 * What a start reads from D1 before it reaches the run object, and the action snapshot it
 * freezes. A start is the path users feel (webhook bursts, schedules) and each D1 round trip
 * is a fixed latency deployed, so the saved job and the stored actions it names come in one
 * round trip, and only those actions, never the whole catalog. Round trips are counted on
 * the real binding (test/support/counted-d1.ts) given to the Worker as its `DB`; the run and
 * coordinator objects keep the real one, so what is counted is the request's own.
 */
import {
  createExecutionContext,
  runInDurableObject,
  waitOnExecutionContext,
} from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { runClient } from "../../src/clients/run";
import { deriveRunId } from "../../src/clients/start-run";
import type { ActionSpec, RunPlan } from "../../src/definition/ir";
import type { Env } from "../../src/env";
import worker from "../../src/index";
import { apiRequest, type CallOptions, call, db, readProblem } from "../api/api-client";
import { pollUntil, readGate, release, requestRun } from "../schedule/concurrency-support";
import { countedD1 } from "../support/counted-d1";
import { target, uniquePath } from "../support/target";
import { countRuns, createWebhook, signedDelivery } from "../webhooks/support";
import { createAction, createJob, runs, uniqueJobName } from "./runs";

const realEnv = env as unknown as Env;

/** Sends a request to the Worker with a counted DB; answers the response and the D1 trips. */
async function countedCall(path: string, options: CallOptions) {
  const counted = countedD1(realEnv.DB);
  const ctx = createExecutionContext();
  const response = await worker.fetch(
    apiRequest(path, options),
    { ...realEnv, DB: counted.d1 },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return { response, trips: counted.trips };
}

/** Saves a stored http action calling the loopback target; returns its name. */
async function savedAction(prefix: string): Promise<string> {
  const name = uniqueJobName(prefix);
  await createAction({ name, type: "http", url: target.url(uniquePath(prefix)) });
  return name;
}

/** The actions the run's plan froze, read from its own storage. */
function snapshotOf(id: string): Promise<Record<string, ActionSpec>> {
  return runInDurableObject(runs.get(runs.idFromName(id)), (_object, state) => {
    const { plan } = state.storage.sql.exec<{ plan: string }>("SELECT plan FROM cairn_run").one();
    return (JSON.parse(plan) as RunPlan).actions;
  });
}

describe("the D1 round trips of a start", () => {
  it("reads a saved job and the stored action it names in one round trip", async () => {
    const action = await savedAction("one-trip-action");
    const job = await createJob({
      name: uniqueJobName("one-trip"),
      steps: [{ id: "call", type: "task", action }],
    });
    const { response, trips } = await countedCall(`/jobs/${job}/runs`, { body: {} });
    expect(response.status, await response.clone().text()).toBe(201);
    expect(trips).toHaveLength(1);
  });

  it("reads a saved job without stored actions in one round trip", async () => {
    const job = await createJob({
      name: uniqueJobName("no-actions"),
      steps: [{ id: "done", type: "pass" }],
    });
    const { response, trips } = await countedCall(`/jobs/${job}/runs`, { body: {} });
    expect(response.status, await response.clone().text()).toBe(201);
    expect(trips).toHaveLength(1);
  });

  it("compiles and snapshots an inline run from one read of the catalog", async () => {
    const action = await savedAction("inline-action");
    const { response, trips } = await countedCall("/runs", {
      body: {
        job: {
          name: uniqueJobName("inline-once"),
          steps: [{ id: "call", type: "task", action }],
        },
      },
    });
    expect(response.status, await response.clone().text()).toBe(201);
    expect(trips).toHaveLength(1);
    const { id } = await response.json<{ id: string }>();
    expect(Object.keys(await snapshotOf(id))).toEqual([action]);
  });

  it("reads a webhook's job and the stored action it names in one round trip after the webhook", async () => {
    const action = await savedAction("hook-action");
    const job = await createJob({
      name: uniqueJobName("hook-trips"),
      steps: [{ id: "call", type: "task", action }],
    });
    const { secret } = await createWebhook(job);
    const { response, trips } = await countedCall(`/hooks/${job}`, signedDelivery(secret, "{}"));
    expect(response.status, await response.clone().text()).toBe(202);
    // The webhook (with its secret), then the job with its actions.
    expect(trips).toHaveLength(2);
  });
});

describe("a run's action snapshot", () => {
  it("holds exactly the stored actions the job names, nested in parallel and map bodies", async () => {
    const [top, deep, unused] = await Promise.all([
      savedAction("snap-top"),
      savedAction("snap-deep"),
      savedAction("snap-unused"),
    ]);
    const job = await createJob({
      name: uniqueJobName("snapshot"),
      steps: [
        // A value shaped like a named action reference is data, not a use of the action.
        {
          id: "first",
          type: "task",
          action: top,
          with: { action: { kind: "named", name: unused } },
        },
        {
          id: "each",
          type: "map",
          items: "{{ params.items }}",
          steps: [
            {
              id: "fan",
              type: "parallel",
              branches: [
                [{ id: "deep", type: "task", action: deep }],
                [{ id: "again", type: "task", action: top }],
                [{ id: "inline", type: "task", http: { url: target.url(uniquePath("snap")) } }],
              ],
            },
          ],
        },
      ],
    });
    const response = await call(`/jobs/${job}/runs`, { body: { params: { items: [1] } } });
    expect(response.status, await response.clone().text()).toBe(201);
    const { id } = await response.json<{ id: string }>();
    const snapshot = await snapshotOf(id);
    expect(Object.keys(snapshot).sort()).toEqual([top, deep].sort());
    expect(snapshot[deep]).toMatchObject({ type: "http" });
  });

  it("records with each saved version the stored actions it names, and none for a job naming none", async () => {
    const action = await savedAction("named-list");
    const withAction = await createJob({
      name: uniqueJobName("named-list"),
      steps: [
        { id: "a", type: "task", action },
        { id: "b", type: "task", action },
      ],
    });
    const without = await createJob({
      name: uniqueJobName("none-named"),
      steps: [{ id: "a", type: "pass" }],
    });
    const namesOf = async (job: string) =>
      (
        await db
          .prepare("SELECT action_names FROM job_versions WHERE job = ?")
          .bind(job)
          .first<{ action_names: string }>()
      )?.action_names;
    expect(await namesOf(withAction)).toBe(JSON.stringify([action]));
    expect(await namesOf(without)).toBe("[]");
  });

  it("snapshots the actions of a version saved before versions listed them", async () => {
    const action = await savedAction("unlisted");
    const job = await createJob({
      name: uniqueJobName("unlisted"),
      steps: [{ id: "call", type: "task", action }],
    });
    // What migration 0006 leaves on a version saved before it: no list, found in `compiled`.
    await db.prepare("UPDATE job_versions SET action_names = NULL WHERE job = ?").bind(job).run();
    const { response, trips } = await countedCall(`/jobs/${job}/runs`, { body: {} });
    expect(response.status, await response.clone().text()).toBe(201);
    expect(trips).toHaveLength(1);
    const { id } = await response.json<{ id: string }>();
    expect(Object.keys(await snapshotOf(id))).toEqual([action]);
  });

  it("refuses a start (409 naming the action) when an action the job names no longer exists", async () => {
    const action = await savedAction("gone-action");
    const job = await createJob({
      name: uniqueJobName("gone"),
      steps: [{ id: "call", type: "task", action }],
    });
    // A row lost behind the API's back (the API refuses to delete an action a job uses).
    await db.prepare("DELETE FROM actions WHERE name = ?").bind(action).run();
    const key = "gone-start";
    const response = await call(`/jobs/${job}/runs`, { body: { idempotency_key: key } });
    expect(response.status).toBe(409);
    expect((await readProblem(response)).detail).toBe(
      `action ${action}, used by job ${job}, no longer exists`,
    );
    const runId = await deriveRunId({ job: { name: job } as RunPlan["job"], version: 1 }, key);
    expect(await runClient(realEnv, runId).describe()).toBeNull();
    expect(await countRuns(job)).toBe(0);
  });

  for (const overlap of ["queue", "cancel_previous"] as const)
    it(`refuses a start its job's gate (${overlap}) would hold or make room for, when an action it names is gone`, async () => {
      const action = await savedAction(`gone-${overlap}`);
      const job = await createJob({
        name: uniqueJobName(`gone-${overlap}`),
        concurrency: { limit: 1, overlap },
        steps: [
          { id: "hold", type: "wait_for_event", event: "go" },
          { id: "call", type: "task", action },
        ],
      });
      const first = await requestRun(job);
      expect(first.status).toBe(201);
      await db.prepare("DELETE FROM actions WHERE name = ?").bind(action).run();
      // Before: `queue` held the start (201, a queued index row) to fail at its turn, and
      // `cancel_previous` cancelled the first run and then refused the start all the same.
      const second = await call(`/jobs/${job}/runs`, { body: {} });
      expect(second.status).toBe(409);
      expect((await readProblem(second)).detail).toBe(
        `action ${action}, used by job ${job}, no longer exists`,
      );
      expect((await readGate(job)).queue).toEqual([]);
      expect(await countRuns(job)).toBe(1);
      expect((await call(`/runs/${first.body.id}`)).ok).toBe(true);
      const run = await (await call(`/runs/${first.body.id}`)).json<{ status: string }>();
      expect(run.status).not.toBe("cancelled");
      await call(`/runs/${first.body.id}/cancel`, { method: "POST" });
    });

  it("is taken when a start held in the job's queue launches, not when it was queued", async () => {
    const action = await savedAction("queued-action");
    const job = await createJob({
      name: uniqueJobName("queued-snapshot"),
      concurrency: { limit: 1, overlap: "queue" },
      steps: [
        { id: "hold", type: "wait_for_event", event: "go" },
        { id: "call", type: "task", action },
      ],
    });
    const first = await requestRun(job);
    expect(first.status).toBe(201);
    const queued = await requestRun(job);
    expect(queued.body.status).toBe("queued");
    const later = target.url(uniquePath("queued-later"));
    const replaced = await call(`/actions/${action}`, {
      method: "PUT",
      body: { type: "http", url: later },
    });
    expect(replaced.status, await replaced.clone().text()).toBe(200);

    await release(first.body.id);
    await pollUntil(
      async () => (await call(`/runs/${queued.body.id}`)).json<{ status: string }>(),
      (run) => run.status === "waiting",
      `queued run ${queued.body.id}`,
    );
    expect((await snapshotOf(queued.body.id))[action]).toMatchObject({ url: later });
    await release(queued.body.id);
  });
});
