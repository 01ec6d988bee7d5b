import { useState } from "preact/hooks";
import { ErrorNote, JsonBlock, Loading, StatusBadge, StepErrorView } from "../components";
import { durationBetween, formatDuration, formatTime } from "../format";
import { GraphView } from "../graph/graph-view";
import { patternOf } from "../graph/model";
import { useNow } from "../hooks";
import { useLiveRun } from "../live-run";
import { hrefs, Link } from "../router";
import { RunControls } from "./run-controls";
import { HistoryList } from "./run-history";
import { StepList } from "./run-steps";
import { Timeline } from "./run-timeline";
import { Tags } from "./runs";

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
      <RunControls run={run} steps={live.job?.order ?? []} onDone={live.refresh} />
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
          {` · ${run.progress.executions} of ${run.progress.max_step_executions} executions`}
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
