/**
 * Following a run on the terminal: one line per event and, for `run --wait` on a terminal,
 * a status line under them on stderr (steps done, running, failed) rewritten in place.
 */
import { clearLine, cursorTo } from "node:readline";
import { type CairnClient, followRun, type HistoryEvent, type RunStatus } from "../client";
import { color } from "./output";

export interface FollowOptions {
  /** An event's line, or null for an event not worth one. */
  format: (event: HistoryEvent) => string | null;
  /** Where the lines go: stderr when stdout is kept for the run's output. */
  out: NodeJS.WriteStream;
  /** Draw the status line (only ever on a terminal). */
  progress: boolean;
  /** Instead of lines: each event as one JSON line on stdout. */
  json?: boolean;
}

/** Follows the run to its end and returns its final status. */
export async function followToEnd(
  client: CairnClient,
  id: string,
  options: FollowOptions,
): Promise<RunStatus> {
  const progress = new Progress(options.progress && process.stderr.isTTY === true && !options.json);
  try {
    for await (const item of followRun(client, id)) {
      if (item.kind === "end") return item.status;
      progress.track(item.event);
      const line = options.json ? JSON.stringify(item.event) : options.format(item.event);
      if (line !== null) progress.log(options.json ? process.stdout : options.out, line);
      progress.render();
    }
    throw new Error(`the stream of run ${id} ended without its final status`);
  } finally {
    progress.clear();
  }
}

const FINISHED = new Set([
  "step_succeeded",
  "step_failed",
  "step_skipped",
  "step_cancelled",
  "step_caught",
]);

class Progress {
  private readonly running = new Set<string>();
  private done = 0;
  private failed = 0;
  private drawn = false;
  private readonly enabled: boolean;

  constructor(enabled: boolean) {
    this.enabled = enabled;
  }

  track(event: HistoryEvent): void {
    const step = event.step_id;
    if (step === null) return;
    if (event.type === "step_started") this.running.add(step);
    if (!FINISHED.has(event.type)) return;
    this.running.delete(step);
    if (event.type === "step_failed") this.failed += 1;
    else this.done += 1;
  }

  log(out: NodeJS.WriteStream, line: string): void {
    this.clear();
    out.write(`${line}\n`);
  }

  render(): void {
    if (!this.enabled) return;
    this.clear();
    const running = [...this.running];
    const names =
      running.length > 0
        ? `: ${running.slice(0, 3).join(", ")}${running.length > 3 ? ", …" : ""}`
        : "";
    const failed = this.failed > 0 ? color.red(` · ${this.failed} failed`) : "";
    process.stderr.write(
      color.dim(`${this.done} done · ${running.length} running${names}`) + failed,
    );
    this.drawn = true;
  }

  clear(): void {
    if (!this.drawn) return;
    clearLine(process.stderr, 0);
    cursorTo(process.stderr, 0);
    this.drawn = false;
  }
}
