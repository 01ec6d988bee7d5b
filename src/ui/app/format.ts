import type { Status } from "./types";

/**
 * Every status has a colour (in styles.css, `status-<name>`), a glyph and its word, so it
 * reads without colour too. The glyphs are ones common fonts (and Chromium's minimal set)
 * have: ⏸ and ⌛ often show as empty boxes.
 */
export const STATUS_GLYPHS: Record<Status, string> = {
  queued: "◷",
  pending: "○",
  running: "▶",
  waiting: "◔",
  paused: "‖",
  succeeded: "✓",
  failed: "✕",
  cancelled: "⊘",
  timed_out: "⊗",
  skipped: "↷",
};

export function statusLabel(status: Status): string {
  return status.replace("_", " ");
}

export const FINISHED: readonly Status[] = ["succeeded", "failed", "cancelled", "timed_out"];

/** "1.2 s", "3 min 4 s", "2 h 5 min"; "–" without a start. */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return "–";
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.floor(seconds % 60)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** From `start` to `end`, or to `now` while it goes on. */
export function durationBetween(start: string | null, end: string | null, now: number) {
  if (start === null) return null;
  return (end === null ? now : Date.parse(end)) - Date.parse(start);
}

const dateTime = new Intl.DateTimeFormat(undefined, {
  dateStyle: "medium",
  timeStyle: "medium",
});

export function formatTime(iso: string | null): string {
  return iso === null ? "–" : dateTime.format(new Date(iso));
}

/** "12 s ago", "5 min ago", else the date. */
export function formatAgo(iso: string | null, now: number): string {
  if (iso === null) return "–";
  const ms = now - Date.parse(iso);
  if (ms < 60_000) return `${Math.max(0, Math.round(ms / 1000))} s ago`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min ago`;
  return formatTime(iso);
}

export function formatJson(value: unknown): string {
  return JSON.stringify(value, null, 2) ?? "undefined";
}
