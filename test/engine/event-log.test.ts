import { afterEach, describe, expect, it, vi } from "vitest";
import type { HistoryEvent } from "../../src/core/history";
import { EventLog, MAX_HELD_LINES } from "../../src/engine/event-log";

const RUN = { run_id: "r-log", job: "logged" };

afterEach(() => {
  vi.restoreAllMocks();
});

/** The events of each console.log and console.warn call from now on, as their `event` fields. */
function captureWrites(): string[][] {
  const writes: string[][] = [];
  for (const level of ["log", "warn"] as const)
    vi.spyOn(console, level).mockImplementation((text: unknown) => {
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

const failed: HistoryEvent[] = [
  {
    type: "attempt_failed",
    step_id: "call",
    data: { attempt: 1, error: { type: "http_5xx", message: "503", retryable: true } },
  },
];

describe("EventLog", () => {
  it("holds the lines of commits until flushed, then writes them in one console call", () => {
    const writes = captureWrites();
    const log = new EventLog();
    log.write(RUN, journal);
    log.write(RUN, outcome);
    expect(writes).toEqual([]);
    log.flush();
    expect(writes).toEqual([["step_started", "attempt_started", "step_succeeded"]]);
    log.flush();
    expect(writes).toHaveLength(1);
  });

  it("keeps the order across levels: a failure's line between others gets its own call", () => {
    const writes = captureWrites();
    const log = new EventLog();
    log.write(RUN, journal);
    log.write(RUN, failed);
    log.write(RUN, outcome);
    log.flush();
    expect(writes).toEqual([
      ["step_started", "attempt_started"],
      ["attempt_failed"],
      ["step_succeeded"],
    ]);
  });

  it("writes at once when a turn holds MAX_HELD_LINES lines", () => {
    const writes = captureWrites();
    const log = new EventLog();
    for (let i = 0; i < MAX_HELD_LINES; i++) log.write(RUN, outcome);
    expect(writes).toHaveLength(1);
    expect(writes[0]).toHaveLength(MAX_HELD_LINES);
  });
});
