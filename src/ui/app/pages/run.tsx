import { useState } from "preact/hooks";
import { post } from "../api";
import {
  ConfirmButton,
  ErrorNote,
  JsonBlock,
  Loading,
  StatusBadge,
  StepErrorView,
} from "../components";
import { durationBetween, formatDuration, formatTime } from "../format";
import { GraphView } from "../graph/graph-view";
import { patternOf } from "../graph/model";
import { useNow } from "../hooks";
import { useLiveRun } from "../live-run";
import { hrefs, Link } from "../router";
import { useCan } from "../session";
import type { Run } from "../types";
import { HistoryList } from "./run-history";
import { StepList } from "./run-steps";
import { Timeline } from "./run-timeline";
import { Tags } from "./runs";

type Control = "pause" | "resume" | "cancel" | "retry";

/** Which controls a run in this status can take (the API answers 409 to the others). */
const CONTROLS_BY_STATUS: Record<Run["status"], Control[]> = {
  queued: ["cancel"],
  running: ["pause", "cancel"],
  waiting: ["pause", "cancel"],
  paused: ["resume", "cancel"],
  succeeded: [],
  failed: ["retry"],
  cancelled: [],
  timed_out: ["retry"],
};

const CONTROL_TEXT: Record<Control, { label: string; detail: string; danger?: boolean }> = {
  pause: { label: "Pause", detail: "Steps in flight finish; nothing new starts until resumed." },
  resume: { label: "Resume", detail: "The run goes on from where it paused." },
  cancel: {
    label: "Cancel",
    detail: "Calls in flight are aborted and child runs are cancelled. This cannot be undone.",
    danger: true,
  },
  retry: { label: "Retry", detail: "The run starts again from the step that failed." },
};

/** One run: header, controls, graph, timeline, steps and history, all following the stream. */
export function RunPage({ id }: { id: string }) {
  const live = useLiveRun(id);
  const now = useNow();
  const [selected, setSelected] = useState<string | null>(null);
  const { run } = live;
  if (run === undefined)
    return live.error ? <ErrorNote error={live.error} /> : <Loading what="the run" />;
  return (
    <article aria-labelledby="run-title">
      <header class="run-header">
        <p class="crumbs">
          <Link href={hrefs.runs()}>Runs</Link> /
        </p>
        <h1 id="run-title">
          <span class="mono">{run.id}</span> <StatusBadge status={run.status} />
        </h1>
        <p class="live" aria-live="polite">
          {live.isLive ? "● live" : "○ not live (the run has ended)"}
        </p>
      </header>
      <ErrorNote error={live.error} />
      <RunControls run={run} onDone={live.refresh} />
      <dl class="facts">
        <dt>Job</dt>
        <dd>
          {run.version === 0 ? (
            `${run.job} (inline)`
          ) : (
            <Link href={hrefs.job(run.job)}>
              {run.job} v{run.version}
            </Link>
          )}
        </dd>
        <dt>Trigger</dt>
        <dd>{run.trigger}</dd>
        <dt>Created</dt>
        <dd>{formatTime(run.created_at)}</dd>
        <dt>Started</dt>
        <dd>{formatTime(run.started_at)}</dd>
        <dt>Finished</dt>
        <dd>{formatTime(run.finished_at)}</dd>
        <dt>Duration</dt>
        <dd>{formatDuration(durationBetween(run.started_at, run.finished_at, now))}</dd>
        <dt>Progress</dt>
        <dd>
          {live.steps.filter((step) => step.status === "succeeded").length} of {live.steps.length}{" "}
          steps succeeded
          {run.progress &&
            ` · ${run.progress.executions} of ${run.progress.max_step_executions} executions`}
        </dd>
        <dt>Tags</dt>
        <dd>
          <Tags tags={run.tags} />
        </dd>
      </dl>
      {run.error && (
        <section aria-label="Error">
          <h2>Error{run.failed_step && ` in ${run.failed_step}`}</h2>
          <StepErrorView error={run.error} />
        </section>
      )}
      <div class="two">
        <JsonBlock label="Params" value={run.params} />
        <JsonBlock label="Output" value={run.output} />
      </div>
      <section aria-labelledby="graph-title">
        <h2 id="graph-title">Graph</h2>
        {live.job === undefined ? (
          <Loading what="the graph" />
        ) : live.job === null ? (
          <p class="muted">This run's definition is not stored (an inline run): see its steps.</p>
        ) : (
          <GraphView
            job={live.job}
            steps={live.steps}
            onSelect={(pattern) => {
              setSelected(pattern);
              document.getElementById("steps-title")?.scrollIntoView({ behavior: "smooth" });
            }}
          />
        )}
      </section>
      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">Timeline</h2>
        <Timeline history={live.history} now={now} />
      </section>
      <section aria-labelledby="steps-title">
        <h2 id="steps-title">Steps</h2>
        <StepList
          steps={live.steps}
          now={now}
          filter={selected}
          matches={(stepId) =>
            selected === null || (live.job ? patternOf(live.job, stepId) === selected : true)
          }
          onClearFilter={() => setSelected(null)}
        />
      </section>
      <section aria-labelledby="history-title">
        <h2 id="history-title">History</h2>
        <HistoryList events={live.history} />
      </section>
    </article>
  );
}

function RunControls({ run, onDone }: { run: Run; onDone: () => Promise<void> }) {
  const canRun = useCan("run");
  const controls = CONTROLS_BY_STATUS[run.status];
  if (!canRun || controls.length === 0) return null;
  return (
    <div class="controls" role="toolbar" aria-label="Run controls">
      {controls.map((control) => (
        <ConfirmButton
          key={control}
          label={CONTROL_TEXT[control].label}
          question={`${CONTROL_TEXT[control].label} run ${run.id.slice(0, 8)} of ${run.job}?`}
          detail={CONTROL_TEXT[control].detail}
          danger={CONTROL_TEXT[control].danger}
          onConfirm={async () => {
            await post(`/runs/${run.id}/${control}`);
            await onDone();
          }}
        />
      ))}
    </div>
  );
}
