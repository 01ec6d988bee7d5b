import { describe, expect, it } from "vitest";
import { countRuns, createHookJob, createWebhook } from "../webhooks/support";
import { call, db, readProblem } from "./api-client";

/** The webhook row of a job: its secret, to see that a refused request rotated nothing. */
async function readWebhookSecret(job: string): Promise<string | null> {
  const row = await db
    .prepare("SELECT secret FROM webhooks WHERE job = ?")
    .bind(job)
    .first<{ secret: string }>();
  return row?.secret ?? null;
}

/**
 * Routes whose body is optional read an empty body as their default; a JSON `null` (or
 * YAML `~`) is a body the document calls invalid, so it must get 400 naming the body.
 */
describe("an optional body given as null", () => {
  const NULL_BODIES = [
    { text: "null", contentType: "application/json" },
    { text: "~", contentType: "application/yaml" },
  ];

  it("POST /jobs/{name}/runs: 400 on the body, no run started", async () => {
    const job = await createHookJob();
    for (const { text, contentType } of NULL_BODIES) {
      const response = await call(`/jobs/${job}/runs`, { body: text, contentType });
      expect(response.status, text).toBe(400);
      const problem = await readProblem(response);
      expect(problem.errors, text).toEqual([
        { path: "", message: expect.stringMatching(/object/) },
      ]);
    }
    expect(await countRuns(job)).toBe(0);
    // An empty body still means "no params".
    const empty = await call(`/jobs/${job}/runs`, { method: "POST" });
    expect(empty.status).toBe(201);
  });

  it("POST /jobs/{name}/webhook: 400 on the body, the secret neither created nor rotated", async () => {
    const job = await createHookJob();
    const refused = await call(`/jobs/${job}/webhook`, { body: "null" });
    expect(refused.status).toBe(400);
    expect((await readProblem(refused)).errors).toEqual([
      { path: "", message: expect.stringMatching(/object/) },
    ]);
    expect(await readWebhookSecret(job)).toBeNull();
    await createWebhook(job);
    const secret = await readWebhookSecret(job);
    for (const { text, contentType } of NULL_BODIES) {
      const response = await call(`/jobs/${job}/webhook`, { body: text, contentType });
      expect(response.status, text).toBe(400);
      await readProblem(response);
    }
    expect(await readWebhookSecret(job)).toBe(secret);
  });
});
