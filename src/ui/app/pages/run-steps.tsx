import { useState } from "preact/hooks";
import { JsonBlock, StatusBadge, StepErrorView } from "../components";
import { durationBetween, formatDuration, formatTime } from "../format";
import type { Step } from "../types";

/** Steps are shown this many at a time: a map of 1,000 items stays one click per page. */
const SHOWN_AT_ONCE = 100;

/** Every step instance with its status, attempts and timings; a row opens its input, output and error. */
export function StepList({
  steps,
  now,
  filter,
  matches,
  onClearFilter,
}: {
  steps: Step[];
  now: number;
  filter: string | null;
  matches: (stepId: string) => boolean;
  onClearFilter: () => void;
}) {
  const [shown, setShown] = useState(SHOWN_AT_ONCE);
  const visible = steps.filter((step) => matches(step.id));
  return (
    <>
      {filter !== null && (
        <p>
          Showing instances of <code>{filter}</code>{" "}
          <button type="button" onClick={onClearFilter}>
            Show all steps
          </button>
        </p>
      )}
      <ul class="steps">
        {visible.slice(0, shown).map((step) => (
          <li key={step.id} data-step={step.id}>
            <details open={step.status === "failed"}>
              <summary>
                <StatusBadge status={step.status} /> <span class="mono">{step.id}</span>{" "}
                <span class="muted">
                  {step.type}
                  {step.attempts > 0 &&
                    ` · ${step.attempts} attempt${step.attempts > 1 ? "s" : ""}`}
                  {step.started_at &&
                    ` · ${formatDuration(durationBetween(step.started_at, step.finished_at, now))}`}
                </span>
              </summary>
              <p class="muted">
                Started {formatTime(step.started_at)} · finished {formatTime(step.finished_at)} ·{" "}
                {step.executions} execution{step.executions === 1 ? "" : "s"}
              </p>
              <StepErrorView error={step.error} />
              <div class="two">
                <JsonBlock label="Input" value={step.input} />
                <JsonBlock label="Output" value={step.output} />
              </div>
            </details>
          </li>
        ))}
      </ul>
      {visible.length > shown && (
        <button type="button" onClick={() => setShown(shown + SHOWN_AT_ONCE)}>
          Show {Math.min(SHOWN_AT_ONCE, visible.length - shown)} more of {visible.length - shown}
        </button>
      )}
    </>
  );
}
