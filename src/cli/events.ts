/**
 * One history event as one line of text (pure): what `cairn run --wait` and `cairn logs`
 * print. Unknown event types still print, with their data, so a newer server reads fine.
 */
import type { HistoryEvent } from "../client";
import { color } from "./output";

type Data = Record<string, unknown>;
type Formatter = (step: string, data: Data) => string;

/** The step events `run --wait` shows; `logs` shows every event. */
export const STEP_EVENTS = new Set([
  "step_started",
  "step_succeeded",
  "step_failed",
  "step_skipped",
  "step_caught",
  "step_cancelled",
  "attempt_failed",
  "wait_started",
  "choice_made",
  "child_started",
]);

const FORMATS: Record<string, Formatter> = {
  run_created: (_, data) => `run created (trigger ${String(data.trigger)})`,
  run_status: (_, data) =>
    `run ${String(data.from)} → ${String(data.to)}${data.reason ? ` (${String(data.reason)})` : ""}`,
  step_started: (step, data) =>
    `${color.cyan("▶")} ${step} started${Number(data.execution) > 1 ? ` (execution ${String(data.execution)})` : ""}`,
  attempt_started: (step, data) => `  ${step} attempt ${String(data.attempt)}`,
  attempt_failed: (step, data) =>
    `${color.yellow("!")} ${step} attempt ${String(data.attempt)} failed: ${describeError(data.error)}${
      typeof data.retry_in_ms === "number" ? `; retry in ${formatMs(data.retry_in_ms)}` : ""
    }`,
  attempt_interrupted: (step, data) =>
    `${color.yellow("!")} ${step} attempt ${String(data.attempt)} interrupted`,
  attempt_discarded: (step, data) =>
    `  ${step} attempt ${String(data.attempt)} discarded: ${String(data.reason)}`,
  wait_started: (step, data) =>
    `${color.blue("…")} ${step} waiting ${data.slot ? `for a slot of ${String(data.slot)}` : data.event ? `for event ${String(data.event)}` : `until ${String(data.until)}`}`,
  child_started: (step, data) => `  ${step} started run ${String(data.run_id)}`,
  event_received: (_, data) =>
    `event ${String(data.name)} received${data.taken_by ? ` by ${String(data.taken_by)}` : ""}`,
  choice_made: (step, data) => `${color.blue("→")} ${step} chose ${String(data.next)}`,
  step_succeeded: (step, data) =>
    `${color.green("✓")} ${step} succeeded${typeof data.duration_ms === "number" ? ` in ${formatMs(data.duration_ms)}` : ""}`,
  step_failed: (step, data) => `${color.red("✗")} ${step} failed: ${describeError(data.error)}`,
  step_caught: (step, data) =>
    `${color.yellow("↪")} ${step} caught ${describeError(data.error)}; next ${String(data.next)}`,
  step_skipped: (step, data) => `${color.dim("-")} ${step} skipped: ${String(data.reason)}`,
  step_cancelled: (step, data) => `${color.red("✗")} ${step} cancelled: ${String(data.reason)}`,
};

/** `12:00:03 ✓ fetch succeeded in 120ms`: the time (UTC) and what happened. */
export function formatEvent(event: HistoryEvent): string {
  return `${color.dim(event.at.slice(11, 19))} ${describeEvent(event)}`;
}

/** `✓ fetch succeeded in 120ms`: what happened, without the time. */
export function describeEvent(event: Pick<HistoryEvent, "type" | "step_id" | "data">): string {
  const data = isRecord(event.data) ? event.data : { value: event.data };
  const step = color.bold(event.step_id ?? "");
  const format = FORMATS[event.type];
  return format
    ? format(step, data)
    : `${event.type} ${event.step_id ?? ""} ${JSON.stringify(event.data)}`;
}

function describeError(error: unknown): string {
  if (!isRecord(error)) return String(error);
  return `${String(error.type)}: ${String(error.message)}`;
}

/** `950ms`, `1.5s`, `2m5s`. */
export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${Number((ms / 1000).toFixed(1))}s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes}m${Math.round((ms % 60_000) / 1000)}s`;
}

function isRecord(value: unknown): value is Data {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
