import { useMemo, useState } from "preact/hooks";
import { Empty } from "../components";
import { formatDuration } from "../format";
import { hrefs, Link } from "../router";
import { buildTimeline, type Segment } from "../timeline-model";
import type { HistoryRecord } from "../types";

const ROWS_AT_ONCE = 40;

/**
 * Attempts, waits and child runs on one time axis, a row per step instance. Each bar says
 * its outcome in words too (a tooltip, and text for screen readers), not only in colour.
 */
export function Timeline({ history, now }: { history: HistoryRecord[]; now: number }) {
  const rows = useMemo(() => buildTimeline(history), [history]);
  const [shown, setShown] = useState(ROWS_AT_ONCE);
  if (rows.length === 0) return <Empty>No attempts yet.</Empty>;
  const first = history[0] ? Date.parse(history[0].at) : now;
  const ends = rows.flatMap((row) => row.segments.map((s) => s.end ?? now));
  const span = Math.max(1, Math.max(...ends) - first);
  const position = (segment: Segment) => {
    const left = ((segment.start - first) / span) * 100;
    const width = Math.max(0.6, (((segment.end ?? now) - segment.start) / span) * 100);
    return { left: `${left}%`, width: `${Math.min(width, 100 - left)}%` };
  };
  return (
    <div class="timeline">
      <p class="timeline-axis muted">
        <span>step</span>
        <span>0 – {formatDuration(span)}</span>
      </p>
      <ul class="plain">
        {rows.slice(0, shown).map((row) => (
          <li class="timeline-row" key={row.stepId}>
            <span class="mono timeline-label">{row.stepId}</span>
            <span class="timeline-track">
              {row.segments.map((segment) => {
                const text = `${segment.label}: ${segment.outcome}, ${formatDuration((segment.end ?? now) - segment.start)}`;
                const bar = (
                  <span
                    key={segment.start}
                    class={`bar bar-${segment.kind} outcome-${segment.outcome}`}
                    style={position(segment)}
                    title={text}
                  >
                    <span class="sr-only">{text}</span>
                  </span>
                );
                return segment.runId ? (
                  <Link href={hrefs.run(segment.runId)} key={segment.start}>
                    {bar}
                  </Link>
                ) : (
                  bar
                );
              })}
            </span>
          </li>
        ))}
      </ul>
      {rows.length > shown && (
        <button type="button" onClick={() => setShown(shown + ROWS_AT_ONCE)}>
          Show {Math.min(ROWS_AT_ONCE, rows.length - shown)} more rows of {rows.length - shown}
        </button>
      )}
    </div>
  );
}
