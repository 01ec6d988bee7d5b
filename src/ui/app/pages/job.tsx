import { useState } from "preact/hooks";
import { ApiError, get, post } from "../api";
import { ConfirmButton, ErrorNote, Loading } from "../components";
import { formatTime } from "../format";
import { useLoad } from "../hooks";
import { ParamsForm } from "../params-form";
import { hrefs, Link, navigate } from "../router";
import { useCan } from "../session";
import type { JobDetail, Json, Page, Run, Schedule } from "../types";
import { DefinitionView } from "./job-definition";
import { ScheduleTable } from "./schedules";

/** A job: its definition (YAML, any version, diffs), schedule, webhook, and a start form. */
export function JobPage({ name }: { name: string }) {
  const path = `/jobs/${encodeURIComponent(name)}`;
  const job = useLoad(() => get<JobDetail>(path), [name]);
  const versions = useLoad(
    () => get<{ items: { version: number; created_at: string }[] }>(`${path}/versions`),
    [name],
  );
  const schedules = useLoad(() => get<Page<Schedule>>("/schedules?limit=200"), []);
  const canRun = useCan("run");
  const canWrite = useCan("write");
  if (job.data === undefined)
    return job.error ? <ErrorNote error={job.error} /> : <Loading what="the job" />;
  const detail = job.data;
  const ownSchedules = schedules.data?.items.filter((s) => s.job === name) ?? [];
  return (
    <article aria-labelledby="job-title">
      <p class="crumbs">
        <Link href={hrefs.jobs()}>Jobs</Link> /
      </p>
      <h1 id="job-title">
        {detail.name} <span class="muted">v{detail.version}</span>
      </h1>
      {detail.description && <p>{detail.description}</p>}
      <p>
        <Link href={hrefs.runs(`?job=${encodeURIComponent(name)}`)}>Runs of this job</Link> ·
        updated {formatTime(detail.updated_at)}
      </p>
      {canRun && <StartRun name={name} schema={detail.compiled.params_schema} />}
      <section aria-labelledby="schedule-title">
        <h2 id="schedule-title">Schedule</h2>
        {ownSchedules.length === 0 ? (
          <p class="muted">No schedule.</p>
        ) : (
          <ScheduleTable schedules={ownSchedules} showJob={false} />
        )}
      </section>
      <section aria-labelledby="webhook-title">
        <h2 id="webhook-title">Webhook</h2>
        <p class="muted">
          Runs start on signed POSTs to{" "}
          <code>
            {location.origin}/hooks/{name}
          </code>{" "}
          once a webhook is created; its secret is shown only when it is made.
        </p>
        {canWrite && <WebhookControl name={name} />}
      </section>
      <section aria-labelledby="definition-title">
        <h2 id="definition-title">Definition</h2>
        <DefinitionView name={name} current={detail} versions={versions.data?.items ?? []} />
      </section>
    </article>
  );
}

function StartRun({
  name,
  schema,
}: {
  name: string;
  schema: JobDetail["compiled"]["params_schema"];
}) {
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const start = async (params: Record<string, Json>) => {
    setBusy(true);
    setError(null);
    try {
      const run = await post<Run>(`/jobs/${encodeURIComponent(name)}/runs`, { params });
      navigate(hrefs.run(run.id));
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, String(caught)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="start-title">
      <h2 id="start-title">Start a run</h2>
      <ParamsForm schema={schema} onSubmit={start} busy={busy} />
      <ErrorNote error={error} />
    </section>
  );
}

function WebhookControl({ name }: { name: string }) {
  const [created, setCreated] = useState<{ url: string; secret: string } | null>(null);
  return (
    <>
      <ConfirmButton
        label="Create or rotate webhook"
        question={`Create (or rotate) the webhook of ${name}?`}
        detail="A rotated secret keeps verifying for 24 hours, so senders can switch."
        onConfirm={async () =>
          setCreated(
            await post<{ url: string; secret: string }>(
              `/jobs/${encodeURIComponent(name)}/webhook`,
              {},
            ),
          )
        }
      />
      {created && (
        <dl class="facts" aria-live="polite">
          <dt>URL</dt>
          <dd>
            <code>{created.url}</code>
          </dd>
          <dt>Secret (shown once)</dt>
          <dd>
            <code>{created.secret}</code>
          </dd>
        </dl>
      )}
    </>
  );
}
