import { describe, expect, it } from "vitest";
import { call } from "../api/api-client";
import { createJob, getSteps, startRun, stepOf, uniqueJobName, waitForSteps } from "../engine/runs";

const SECRET = "s3cr3t-value-for-tests";

/** A parent whose run_job step renders the template secret into the child's params. */
async function startParent(child: string): Promise<string> {
  const parent = await createJob({
    name: uniqueJobName("secret-parent"),
    steps: [
      {
        id: "sub",
        type: "run_job",
        job: child,
        params: { token: "{{ secrets.API_KEY }}", query: "k={{ secrets.API_KEY | url_encode }}" },
      },
    ],
  });
  const run = await startRun(parent);
  await waitForSteps(run, (steps) => stepOf(steps, "sub").status === "waiting");
  const output = stepOf(await getSteps(run), "sub").output as { run_id: string };
  return output.run_id;
}

async function everythingShownOf(runId: string): Promise<string> {
  const parts = await Promise.all(
    [`/runs/${runId}`, `/runs/${runId}/history`, `/runs/${runId}/steps`].map(async (path) =>
      (await call(path)).text(),
    ),
  );
  return parts.join("\n");
}

describe("secrets rendered into a run_job child's params", () => {
  it("are redacted in the child run's params and history", async () => {
    const child = await createJob({
      name: uniqueJobName("secret-child"),
      steps: [{ id: "hold", type: "wait", duration: "1h" }],
    });
    const childRun = await startParent(child);
    const run = await (await call(`/runs/${childRun}`)).json<{ params: Record<string, string> }>();
    expect(run.params).toEqual({ token: "[redacted]", query: "k=[redacted]" });
    expect(await everythingShownOf(childRun)).not.toContain(SECRET);
    await call(`/runs/${childRun}/cancel`, { method: "POST" });
  });

  it("are redacted while the child waits in its job's queue", async () => {
    const child = await createJob({
      name: uniqueJobName("secret-queued"),
      concurrency: { limit: 1, overlap: "queue" },
      steps: [{ id: "hold", type: "wait", duration: "1h" }],
    });
    const holder = await startRun(child);
    const childRun = await startParent(child);
    const run = await (await call(`/runs/${childRun}`)).json<{
      status: string;
      params: Record<string, string>;
    }>();
    expect(run.status).toBe("queued");
    expect(run.params.token).toBe("[redacted]");
    expect(await (await call(`/runs/${childRun}`)).text()).not.toContain(SECRET);
    await call(`/runs/${holder}/cancel`, { method: "POST" });
  });
});
