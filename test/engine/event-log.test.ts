import { afterEach, describe, expect, it, vi } from "vitest";
import type { HistoryEvent } from "../../src/core/history";
import { logEvents } from "../../src/engine/event-log";

const RUN = { run_id: "r-log", job: "logged" };

afterEach(() => {
  vi.restoreAllMocks();
});

/** The events of each console.log call from now on, as their `event` fields. */
function captureWrites(): string[][] {
  const writes: string[][] = [];
  vi.spyOn(console, "log").mockImplementation((text: unknown) => {
    writes.push(
      String(text)
        .split("\n")
        .map((line) => JSON.parse(line).event as string),
    );
  });
  return writes;
}

const journal: HistoryEvent[] = [
  { type: "step_started", step_id: "call", data: { execution: 1 } },
  { type: "attempt_started", step_id: "call", data: { attempt: 1, idempotency_key: "k" } },
];
const outcome: HistoryEvent[] = [
  { type: "step_succeeded", step_id: "call", data: { output: null } },
];

describe("logEvents", () => {
  it("writes a commit without a call at once", () => {
    const writes = captureWrites();
    logEvents(RUN, outcome);
    expect(writes).toEqual([["step_succeeded"]]);
  });

  it("writes a commit that journals a call after its turn, in one console call", async () => {
    const writes = captureWrites();
    logEvents(RUN, journal);
    expect(writes).toEqual([]);
    await scheduler.wait(1);
    expect(writes).toEqual([["step_started", "attempt_started"]]);
  });

  it("writes a held commit before the next commit's lines, so the order stays", () => {
    const writes = captureWrites();
    logEvents(RUN, journal);
    logEvents(RUN, outcome);
    expect(writes).toEqual([["step_started", "attempt_started"], ["step_succeeded"]]);
  });
});
