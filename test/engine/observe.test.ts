import { afterEach, describe, expect, it, vi } from "vitest";
import { call } from "../api/api-client";
import { target, uniquePath } from "../support/target";
import { createJob, startRun, uniqueJobName, waitForRun } from "./runs";

afterEach(() => {
  vi.restoreAllMocks();
});

/** Reads an SSE response to its end and returns its events. */
async function readEvents(response: Response): Promise<{ event: string; data: unknown }[]> {
  const text = await response.text();
  return text
    .split("\n\n")
    .filter((block) => block.includes("event: "))
    .map((block) => {
      const event = /event: (.*)/.exec(block)?.[1] ?? "";
      const data = /data: (.*)/.exec(block)?.[1] ?? "null";
      return { event, data: JSON.parse(data) };
    });
}

describe("observing runs", () => {
  it("streams the history as server-sent events until the run ends", async () => {
    const name = await createJob({
      name: uniqueJobName("stream"),
      steps: [
        { id: "nap", type: "wait", duration: "300ms" },
        { id: "end", type: "pass", output: "done" },
      ],
    });
    const id = await startRun(name);
    const response = await call(`/runs/${id}/stream`);
    expect(response.headers.get("Content-Type")).toBe("text/event-stream");
    const events = await readEvents(response);
    const names = events.map((e) => e.event);
    expect(names[0]).toBe("run_created");
    const lifecycle = events
      .map((e) => (e.data as { event?: string | null }).event)
      .filter(Boolean);
    expect(lifecycle).toEqual(
      expect.arrayContaining([
        "run.queued",
        "run.started",
        "run.waiting",
        "step.succeeded",
        "run.succeeded",
      ]),
    );
    expect(names).toContain("wait_started");
    expect(names.at(-1)).toBe("end");
    expect(events.at(-1)?.data).toEqual({ status: "succeeded" });
    const seqs = events.slice(0, -1).map((e) => (e.data as { seq: number }).seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));

    const resumed = await readEvents(
      await call(`/runs/${id}/stream`, { headers: { "Last-Event-ID": String(seqs.at(-2)) } }),
    );
    expect(resumed.map((e) => e.event)).toEqual([names.at(-2), "end"]);
  });

  it("logs one JSON line per event, without secrets", async () => {
    const lines: string[] = [];
    // One console call writes the lines of one commit, a line per event.
    const keep = (...args: unknown[]) => {
      lines.push(...args.map(String).join(" ").split("\n"));
    };
    vi.spyOn(console, "log").mockImplementation(keep);
    vi.spyOn(console, "warn").mockImplementation(keep);
    const path = uniquePath("logged");
    await target.program(path, [{ status: 500, body: "nope" }]);
    const name = await createJob({
      name: uniqueJobName("logs"),
      steps: [
        {
          id: "call",
          type: "task",
          http: {
            url: `${target.url(path)}?key={{ secrets.API_KEY }}`,
            headers: { "X-Key": "{{ secrets.API_KEY }}" },
          },
        },
      ],
    });
    const id = await startRun(name);
    await waitForRun(id);
    const entries = lines.filter((line) => line.startsWith("{")).map((line) => JSON.parse(line));
    const failed = entries.find((entry) => entry.event === "step_failed" && entry.run_id === id);
    expect(failed).toMatchObject({ job: name, step_id: "call", error_type: "http_5xx" });
    expect(typeof failed.duration_ms).toBe("number");
    expect(entries.filter((entry) => entry.run_id === id).map((e) => e.event)).toContain(
      "run_status",
    );
    expect(lines.join("\n")).not.toContain("s3cr3t-value-for-tests");
  });
});
