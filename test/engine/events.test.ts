import { describe, expect, it } from "vitest";
import { call, readProblem } from "../api/api-client";
import { target, uniquePath } from "../support/target";
import {
  createJob,
  getHistory,
  getSteps,
  startRun,
  stepOf,
  uniqueJobName,
  waitForRun,
  waitForSteps,
} from "./runs";

const post = (id: string, name: string, body: unknown) =>
  call(`/runs/${id}/events/${name}`, { body });

async function approvalJob(timeout?: string) {
  return createJob({
    name: uniqueJobName("approval"),
    steps: [
      {
        id: "approval",
        type: "wait_for_event",
        event: "approved",
        ...(timeout
          ? { timeout, catch: [{ errors: ["timeout"], next: "expired" }], next: "decide" }
          : {}),
      },
      { id: "decide", type: "succeed", output: "{{ output.approval.by }}" },
      ...(timeout ? [{ id: "expired", type: "succeed", output: "expired" }] : []),
    ],
  });
}

describe("wait_for_event steps", () => {
  it("waits durably until the event arrives; its body becomes the output", async () => {
    const id = await startRun(await approvalJob());
    await waitForRun(id, ["waiting"]);
    const response = await post(id, "approved", { by: "ada" });
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({ taken_by: "approval" });
    expect(await waitForRun(id)).toMatchObject({ status: "succeeded", output: "ada" });
    expect(stepOf(await getSteps(id), "approval").output).toEqual({ by: "ada" });
  });

  it("keeps an event that arrives before the step waits", async () => {
    const name = await createJob({
      name: uniqueJobName("early"),
      steps: [
        { id: "nap", type: "wait", duration: "300ms" },
        { id: "approval", type: "wait_for_event", event: "approved" },
        { id: "decide", type: "succeed", output: "{{ output.approval.by }}" },
      ],
    });
    const id = await startRun(name);
    const response = await post(id, "approved", { by: "early-bird" });
    expect(await response.json()).toMatchObject({ taken_by: null });
    expect(await waitForRun(id)).toMatchObject({ status: "succeeded", output: "early-bird" });
    const received = (await getHistory(id)).filter((e) => e.type === "event_received");
    expect(received).toHaveLength(1);
  });

  it("times out into its catch route", async () => {
    const id = await startRun(await approvalJob("300ms"));
    expect(await waitForRun(id)).toMatchObject({ status: "succeeded", output: "expired" });
    expect(stepOf(await getSteps(id), "approval")).toMatchObject({
      status: "failed",
      error: { type: "timeout" },
    });
  });

  it("rejects bad event names and events for finished runs", async () => {
    const id = await startRun(await approvalJob());
    await waitForRun(id, ["waiting"]);
    const bad = await post(id, "no spaces allowed", {});
    expect(bad.status).toBe(400);
    expect((await readProblem(bad)).errors[0]?.path).toBe("name");
    await call(`/runs/${id}/cancel`, { method: "POST" });
    expect((await post(id, "approved", {})).status).toBe(409);
    expect((await post("f".repeat(32), "approved", {})).status).toBe(404);
  });
});

describe("callback URLs", () => {
  it("hands a step's callback URL to an external system, which completes the step once", async () => {
    const path = uniquePath("ask");
    const name = await createJob({
      name: uniqueJobName("callback"),
      steps: [
        {
          id: "ask",
          type: "task",
          http: {
            method: "POST",
            url: target.url(path),
            body: { reply_to: "{{ callbacks.answer }}" },
          },
        },
        { id: "answer", type: "wait_for_event", event: "answered" },
        { id: "done", type: "succeed", output: "{{ output.answer.choice }}" },
      ],
    });
    const id = await startRun(name);
    await waitForRun(id, ["waiting"]);
    const [request] = await target.requests(path);
    const replyTo = String(JSON.parse(request?.body ?? "{}").reply_to);
    expect(replyTo).toMatch(/^\/callbacks\/[0-9a-f]{32}\.[0-9a-f]{32}$/);

    const first = await call(replyTo, { body: { choice: "yes" }, token: null });
    expect(first.status).toBe(202);
    expect(await waitForRun(id)).toMatchObject({ status: "succeeded", output: "yes" });
    expect((await call(replyTo, { body: { choice: "again" }, token: null })).status).toBe(410);
    const forged = replyTo.replace(/.$/, (last) => (last === "0" ? "1" : "0"));
    expect((await call(forged, { body: {}, token: null })).status).toBe(404);
    expect((await call("/callbacks/not-a-token", { body: {}, token: null })).status).toBe(404);
  });

  it("answers 404 to a callback and keeps an event for a run without wait_for_event steps", async () => {
    // Such a run has no table of callback tokens, nor of events until its first one
    // (schema.ts `OptionalTables`).
    const name = await createJob({
      name: uniqueJobName("no-callbacks"),
      steps: [
        { id: "nap", type: "wait", duration: "1h" },
        { id: "done", type: "pass" },
      ],
    });
    const id = await startRun(name);
    await waitForRun(id, ["waiting"]);
    const token = `${id.replace(/-/g, "")}.${"0".repeat(32)}`;
    expect((await call(`/callbacks/${token}`, { body: {}, token: null })).status).toBe(404);
    expect((await post(id, "approved", { by: "ana" })).status).toBe(202);
    expect((await post(id, "approved", { by: "bo" })).status).toBe(202);
    expect((await call(`/runs/${id}/cancel`, { method: "POST" })).status).toBe(200);
  });

  it("gives a step reached again a fresh URL, good while that execution waits", async () => {
    const path = uniquePath("rounds");
    const name = await createJob({
      name: uniqueJobName("callback-loop"),
      steps: [
        {
          id: "ask",
          type: "task",
          http: {
            method: "POST",
            url: target.url(path),
            body: { reply_to: "{{ callbacks.answer }}" },
          },
        },
        { id: "answer", type: "wait_for_event", event: "answered" },
        {
          id: "again",
          type: "choice",
          conditions: [{ if: "output.answer.round < 2", next: "ask" }],
          default: "done",
        },
        { id: "done", type: "succeed", output: "{{ output.answer.round }}" },
      ],
    });
    const id = await startRun(name);
    const replyTo = async (count: number) => {
      const deadline = Date.now() + 10_000;
      while ((await target.requests(path)).length < count && Date.now() < deadline)
        await scheduler.wait(20);
      const requests = await target.requests(path);
      return String(JSON.parse(requests[count - 1]?.body ?? "{}").reply_to);
    };
    const first = await replyTo(1);
    await waitForRun(id, ["waiting"]);
    expect((await call(first, { body: { round: 1 }, token: null })).status).toBe(202);
    const second = await replyTo(2);
    expect(second).not.toBe(first);
    await waitForSteps(id, (steps) => stepOf(steps, "answer").status === "waiting");
    expect((await call(second, { body: { round: 2 }, token: null })).status).toBe(202);
    expect(await waitForRun(id)).toMatchObject({ status: "succeeded", output: 2 });
    expect((await call(first, { body: { round: 3 }, token: null })).status).toBe(410);
    expect((await call(second, { body: { round: 3 }, token: null })).status).toBe(410);
  });

  it("keeps a callback that comes before its step waits for that map item only", async () => {
    const name = await createJob({
      name: uniqueJobName("callback-early"),
      steps: [
        {
          id: "each",
          type: "map",
          items: "{{ params.items }}",
          steps: [
            { id: "link", type: "pass", output: "{{ callbacks.hold }}" },
            { id: "nap", type: "wait", duration: "1s" },
            { id: "hold", type: "wait_for_event", event: "go" },
          ],
        },
      ],
    });
    const id = await startRun(name, { params: { items: ["a", "b"] } });
    // The wait after `link` is begun by the alarm after the start's first move: wait for it.
    const steps = await waitForSteps(
      id,
      (all) =>
        all.some((s) => s.id === "each/1/link" && s.status === "succeeded") &&
        all.some((s) => s.id === "each/1/nap"),
    );
    const early = String(stepOf(steps, "each/1/link").output);
    expect(stepOf(steps, "each/1/nap").status).toBe("waiting");
    expect((await call(early, { body: { via: "callback" }, token: null })).status).toBe(202);
    await waitForSteps(id, (all) =>
      all.some((s) => s.id === "each/0/hold" && s.status === "waiting"),
    );
    await call(`/runs/${id}/events/go`, { body: { via: "event" } });
    expect(await waitForRun(id)).toMatchObject({
      status: "succeeded",
      output: [{ via: "event" }, { via: "callback" }],
    });
  });
});
