/** What a repeated idempotency key dedupes, and the order a run's steps are read back in. */
import { describe, expect, it } from "vitest";
import { call, readProblem } from "../api/api-client";
import { createJob, getSteps, startRun, uniqueJobName, waitForRun } from "./runs";

describe("idempotency keys", () => {
  it("refuses a key repeated with another inline definition, naming idempotency_key", async () => {
    const key = `inline-${crypto.randomUUID()}`;
    const job = (output: string) => ({
      name: "inline-idem",
      steps: [{ id: "x", type: "pass", output }],
    });
    const first = await call("/runs", { body: { job: job("one"), idempotency_key: key } });
    const again = await call("/runs", { body: { job: job("one"), idempotency_key: key } });
    expect([first.status, again.status]).toEqual([201, 200]);
    const [a, b] = [await first.json<{ id: string }>(), await again.json<{ id: string }>()];
    expect(b.id).toBe(a.id);

    const other = await call("/runs", { body: { job: job("two"), idempotency_key: key } });
    expect(other.status).toBe(409);
    const problem = await readProblem(other);
    expect(problem.errors.map((error) => error.path)).toEqual(["idempotency_key"]);
    expect((await waitForRun(a.id)).output).toBe("one");
  });
});

describe("reading a run's steps", () => {
  it("lists them by instance path: a step, then its children by index, in definition order", async () => {
    const name = await createJob({
      name: uniqueJobName("order"),
      steps: [
        {
          id: "each",
          type: "map",
          items: "{{ params.items }}",
          steps: [
            { id: "b_first", type: "pass" },
            { id: "a_second", type: "pass" },
          ],
        },
        { id: "after", type: "pass" },
      ],
    });
    const items = Array.from({ length: 12 }, (_, i) => i);
    const run = await waitForRun(await startRun(name, { params: { items } }));
    expect(run.status).toBe("succeeded");
    const expected = [
      "each",
      ...items.flatMap((i) => [`each/${i}/b_first`, `each/${i}/a_second`]),
      "after",
    ];
    expect((await getSteps(run.id)).map((step) => step.id)).toEqual(expected);
  });
});
