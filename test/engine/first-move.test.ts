/**
 * A run's first move happens inside its start: the inline steps before the first call run
 * before POST /runs answers (no alarm round trip), and the answer says where the run got.
 * The first call is the alarm's (see crash.test.ts: a start leaves no call in flight).
 */
import { describe, expect, it } from "vitest";
import { call } from "../api/api-client";
import { target, uniquePath } from "../support/target";
import { createJob, getHistory, getSteps, stepOf, uniqueJobName, waitForRun } from "./runs";

/** Starts a run and answers the start's own body (what the client sees on 201). */
async function start(job: string): Promise<{ id: string; status: string }> {
  const response = await call(`/jobs/${job}/runs`, { body: { params: { n: 1 } } });
  expect(response.status, await response.clone().text()).toBe(201);
  return response.json<{ id: string; status: string }>();
}

describe("a run's first move", () => {
  it("finishes a run of inline steps before its start answers, and lists it so", async () => {
    const job = await createJob({
      name: uniqueJobName("first-pass"),
      steps: [
        { id: "a", type: "pass", output: "{{ params.n | plus: 1 }}" },
        { id: "b", type: "pass", output: "{{ output.a | plus: 1 }}" },
      ],
    });
    const { id, status } = await start(job);
    expect(status).toBe("succeeded");
    const listed = await (await call(`/runs?job=${job}`)).json<{
      items: { id: string; status: string }[];
    }>();
    expect(listed.items).toEqual([expect.objectContaining({ id, status: "succeeded" })]);
    expect((await waitForRun(id)).output).toBe(3);
  });

  it("finishes an inline definition's run inside its start, whatever concurrency it declares", async () => {
    // POST /runs has no coordinator (version 0): nothing waits for the run's first move.
    const response = await call("/runs", {
      body: {
        job: {
          name: uniqueJobName("first-inline"),
          concurrency: { limit: 1, overlap: "skip" },
          steps: [{ id: "a", type: "pass", output: "{{ params.n }}" }],
        },
        params: { n: 4 },
      },
    });
    expect(response.status, await response.clone().text()).toBe(201);
    const { id, status } = await response.json<{ id: string; status: string }>();
    expect(status).toBe("succeeded");
    expect((await waitForRun(id)).output).toBe(4);
  });

  it("finishes a run its coordinator admitted before the start answers, then frees its slot", async () => {
    // The coordinator admits `concurrency` jobs one call at a time and waits for this start:
    // the run's end is announced to it by the alarm after the answer, never from inside it.
    const job = await createJob({
      name: uniqueJobName("first-admitted"),
      concurrency: { limit: 1, overlap: "skip" },
      steps: [{ id: "a", type: "pass", output: "{{ params.n }}" }],
    });
    const first = await start(job);
    expect(first.status).toBe("succeeded");
    // With limit 1 and overlap skip, a second start is refused until the first one's slot is
    // free again: the held announcement got through.
    const deadline = Date.now() + 10_000;
    let second = await call(`/jobs/${job}/runs`, { body: { params: { n: 2 } } });
    while (second.status === 409 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      second = await call(`/jobs/${job}/runs`, { body: { params: { n: 2 } } });
    }
    expect(second.status, await second.clone().text()).toBe(201);
    expect((await second.json<{ status: string }>()).status).toBe("succeeded");
  });

  it("leaves a wait to the alarm: the inline steps before it run, the wait starts after", async () => {
    const job = await createJob({
      name: uniqueJobName("first-wait"),
      steps: [
        { id: "prep", type: "pass", output: "{{ params.n }}" },
        { id: "nap", type: "wait", duration: "1h" },
      ],
    });
    const { id, status } = await start(job);
    // The answer is the run as the start left it: `prep` done, the wait not begun (a wait
    // armed from inside the start woke measurably later, bench/README).
    expect(status).toBe("running");
    expect(stepOf(await getSteps(id), "prep").status).toBe("succeeded");
    expect((await waitForRun(id, ["waiting"])).status).toBe("waiting");
    expect(stepOf(await getSteps(id), "nap").status).toBe("waiting");
    await call(`/runs/${id}/cancel`, { method: "POST" });
  });

  it("runs the inline steps before the first call, and leaves the call to the alarm", async () => {
    const path = uniquePath("first-call");
    await target.program(path, [{ hold: true }]);
    const job = await createJob({
      name: uniqueJobName("first-call"),
      steps: [
        { id: "prep", type: "pass", output: "{{ params.n }}" },
        { id: "send", type: "task", http: { method: "POST", url: target.url(path) } },
      ],
    });
    const { id, status } = await start(job);
    expect(status).toBe("running");
    const steps = await getSteps(id);
    expect(stepOf(steps, "prep").status).toBe("succeeded");
    await target.waitForHeld(path);
    await target.release(path);
    expect((await waitForRun(id)).status).toBe("succeeded");
    expect(await target.requests(path)).toHaveLength(1);
    const attempts = (await getHistory(id)).filter((event) => event.type === "attempt_started");
    expect(attempts).toHaveLength(1);
  });
});
