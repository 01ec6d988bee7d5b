import { afterEach, describe, expect, it, vi } from "vitest";
import { target, uniquePath } from "../support/target";
import { createJob, startRun, uniqueJobName, waitForRun } from "./runs";

const SECRET = "s3cr3t-value-for-tests";

afterEach(() => {
  vi.restoreAllMocks();
});

interface Captured {
  level: "log" | "warn";
  text: string;
  line: Record<string, unknown>;
}

interface Write {
  level: "log" | "warn";
  lines: Captured[];
}

/** Every console call that wrote event lines, with its lines, from now on, in order. */
function captureEventWrites(): Write[] {
  const writes: Write[] = [];
  for (const level of ["log", "warn"] as const) {
    const original = console[level].bind(console);
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      const [text] = args;
      if (typeof text !== "string" || !text.startsWith('{"event"')) return original(...args);
      const lines = text.split("\n").map((line) => ({
        level,
        text: line,
        line: JSON.parse(line) as Record<string, unknown>,
      }));
      writes.push({ level, lines });
    });
  }
  return writes;
}

describe("event log lines", () => {
  it("writes one JSON line per run event with run, job, step, attempt, duration and outcome", async () => {
    const path = uniquePath("logged");
    await target.program(path, [{ status: 503 }, { status: 200, body: { ok: true } }]);
    const name = await createJob({
      name: uniqueJobName("logged"),
      steps: [
        {
          id: "call",
          type: "task",
          http: {
            url: target.url(path),
            headers: { authorization: "Bearer {{ secrets.API_KEY }}" },
          },
          retry: { max_attempts: 2, backoff: "constant", delay: "10ms" },
        },
        { id: "done", type: "pass", output: "{{ secrets.API_KEY }}" },
      ],
    });
    const writes = captureEventWrites();
    const id = await startRun(name);
    expect((await waitForRun(id)).status).toBe("succeeded");

    const lines = writes.flatMap((write) => write.lines).filter(({ line }) => line.run_id === id);
    expect(lines.every(({ line }) => line.job === name)).toBe(true);
    const summary = lines.map(({ level, line }) => [
      level,
      line.event,
      line.step_id ?? null,
      line.outcome ?? null,
    ]);
    expect(summary).toEqual([
      ["log", "run_created", null, "created"],
      ["log", "run_status", null, "running"],
      ["log", "step_started", "call", "started"],
      ["log", "attempt_started", "call", "started"],
      ["warn", "attempt_failed", "call", "failed"],
      ["log", "attempt_started", "call", "started"],
      ["log", "step_succeeded", "call", "succeeded"],
      ["log", "step_started", "done", "started"],
      ["log", "step_succeeded", "done", "succeeded"],
      ["log", "run_status", null, "succeeded"],
    ]);
    const failed = lines.find(({ line }) => line.event === "attempt_failed")?.line;
    expect(failed).toMatchObject({
      attempt: 1,
      error_type: "http_5xx",
      retry_in_ms: expect.any(Number),
    });
    const succeeded = lines.find(({ line }) => line.event === "step_succeeded")?.line;
    expect(succeeded?.duration_ms).toEqual(expect.any(Number));
    // Lines carry summaries only: neither the secret nor any output reaches the log.
    expect(lines.some(({ text }) => text.includes(SECRET))).toBe(false);
    expect(lines.some(({ text }) => text.includes("output"))).toBe(false);
  });

  it("writes the lines of the commits of one turn with one console call", async () => {
    const name = await createJob({
      name: uniqueJobName("logged-turn"),
      steps: [
        { id: "first", type: "pass" },
        { id: "last", type: "pass" },
      ],
    });
    const writes = captureEventWrites();
    const id = await startRun(name);
    expect((await waitForRun(id)).status).toBe("succeeded");

    const ofRun = writes.filter((write) => write.lines.some(({ line }) => line.run_id === id));
    const summaries = ofRun.map((write) =>
      write.lines.map(({ line }) => `${line.event} ${line.step_id ?? ""}`.trim()),
    );
    // The first move runs both steps in the start's turn, one transaction each: their
    // lines, and the end's, go out together.
    expect(summaries).toContainEqual(
      expect.arrayContaining(["step_started first", "step_succeeded last", "run_status"]),
    );
  });
});
