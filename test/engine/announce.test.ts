/**
 * A run's end is announced to its job's coordinator only when the coordinator has work:
 * a concurrency slot to free or a job `after` the run's job (the end's index write checks
 * for one in its batch). Whether the coordinator was reached is read from the namespace:
 * `listDurableObjectIds` lists an object once it was called.
 */
import { listDurableObjectIds } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { coordinatorNeed, tellsCoordinator } from "../../src/engine/announce";
import type { Env } from "../../src/env";
import { call } from "../api/api-client";
import {
  pollUntil,
  readGate,
  release,
  requestRun,
  triggeredBy,
} from "../schedule/concurrency-support";
import { uniqueName } from "../schedule/support";
import { waitForRun } from "./runs";

const coordinators = (env as unknown as Env).SCHEDULES;

async function coordinatorReached(job: string): Promise<boolean> {
  const mine = coordinators.idFromName(job);
  return (await listDurableObjectIds(coordinators)).some((id) => id.equals(mine));
}

async function mustSave(name: string, fields: Record<string, unknown>, steps: unknown[]) {
  const response = await call("/jobs", { body: { name, ...fields, steps } });
  expect(response.status, await response.clone().text()).toBe(201);
  return name;
}

const passing = [{ id: "done", type: "pass" }];
const holding = [{ id: "hold", type: "wait_for_event", event: "go" }];

describe("what a run's end asks of its coordinator (pure)", () => {
  const ended = { status: "succeeded", version: 3 } as const;
  const plain = { job: {} };
  const limited = { job: { concurrency: { limit: 1, overlap: "queue" } } } as const;

  it("asks nothing of a run in progress or an inline run", () => {
    expect(coordinatorNeed({ status: "running", version: 3 }, limited)).toBe("none");
    expect(coordinatorNeed({ status: "waiting", version: 3 }, plain)).toBe("none");
    expect(coordinatorNeed({ status: "succeeded", version: 0 }, limited)).toBe("none");
  });

  it("always tells the coordinator of a job with concurrency, whatever the index answered", () => {
    expect(coordinatorNeed(ended, limited)).toBe("slot");
    for (const listened of [true, false, null])
      expect(tellsCoordinator("slot", listened)).toBe(true);
  });

  it("tells it of another job's run unless the index write found no job after it", () => {
    expect(coordinatorNeed({ status: "failed", version: 1 }, plain)).toBe("listeners");
    expect(tellsCoordinator("listeners", true)).toBe(true);
    expect(tellsCoordinator("listeners", null)).toBe(true);
    expect(tellsCoordinator("listeners", false)).toBe(false);
    expect(tellsCoordinator("none", true)).toBe(false);
  });
});

describe("a run's end and its job's coordinator", () => {
  it("leaves the coordinator of a job nothing listens to untouched, at the start's end", async () => {
    const job = await mustSave(uniqueName("alone"), {}, passing);
    const started = await requestRun(job);
    expect(started.body.status).toBe("succeeded");
    expect(await coordinatorReached(job)).toBe(false);
  });

  it("leaves it untouched for a run that ends in a later invocation", async () => {
    const job = await mustSave(uniqueName("alone-held"), {}, holding);
    const { id } = (await requestRun(job)).body;
    await waitForRun(id, ["waiting"]);
    await release(id);
    expect((await waitForRun(id)).status).toBe("succeeded");
    expect(await coordinatorReached(job)).toBe(false);
  });

  it("fires a job saved `after` it once nothing else listened, on the next run's end", async () => {
    const up = await mustSave(uniqueName("up-alone"), {}, passing);
    const before = (await requestRun(up)).body;
    expect(before.status).toBe("succeeded");
    const down = await mustSave(uniqueName("down-late"), { after: [{ job: up }] }, passing);

    const next = (await requestRun(up)).body;
    expect(next.status).toBe("succeeded");
    expect(
      await pollUntil(
        () => triggeredBy(next.id),
        (jobs) => jobs.length > 0,
        "trigger",
      ),
    ).toEqual([down]);
    expect(await triggeredBy(before.id)).toEqual([]);
  });

  it("fires a job `after` a run that ends in a later invocation", async () => {
    const up = await mustSave(uniqueName("up-held"), {}, holding);
    const down = await mustSave(uniqueName("down-held"), { after: [{ job: up }] }, passing);
    const { id } = (await requestRun(up)).body;
    await waitForRun(id, ["waiting"]);
    await release(id);
    expect(
      await pollUntil(
        () => triggeredBy(id),
        (jobs) => jobs.length > 0,
        "trigger",
      ),
    ).toEqual([down]);
  });

  it("still frees the concurrency slot of a job nothing is after", async () => {
    const job = await mustSave(
      uniqueName("limited"),
      { concurrency: { limit: 1, overlap: "skip" } },
      passing,
    );
    expect((await requestRun(job)).status).toBe(201);
    await pollUntil(
      () => readGate(job),
      (gate) => gate.active.length === 0,
      "the freed slot",
    );
    expect((await requestRun(job)).status).toBe(201);
  });
});
