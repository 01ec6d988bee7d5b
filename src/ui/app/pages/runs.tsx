import { useState } from "preact/hooks";
import { RUN_STATUSES } from "../../../core/statuses";
import { get, withQuery } from "../api";
import { Empty, ErrorNote, Loading, StatusBadge } from "../components";
import { durationBetween, formatAgo, formatDuration, formatTime } from "../format";
import { useLoad, useNow } from "../hooks";
import { hrefs, Link, navigate, useLocation } from "../router";
import { splitTagFilters } from "../tag-filter";
import type { Page, RunListItem } from "../types";

const PAGE_SIZE = 50;
/** The list reloads this often while the tab is visible: new runs appear, statuses move. */
const POLL_MS = 2000;

interface Filters {
  job: string;
  status: string;
  tag: string;
  created_after: string;
  created_before: string;
}
const FILTER_NAMES: (keyof Filters)[] = ["job", "status", "tag", "created_after", "created_before"];

function readFilters(url: URL): Filters {
  const value = (name: keyof Filters) => url.searchParams.get(name) ?? "";
  return {
    job: value("job"),
    status: value("status"),
    tag: value("tag"),
    created_after: value("created_after"),
    created_before: value("created_before"),
  };
}

/** datetime-local values are local times; the API takes ISO 8601 instants. */
const toInstant = (local: string) => (local === "" ? undefined : new Date(local).toISOString());

/**
 * The run index, newest first: filters live in the page's query (so a filtered view can be
 * shared) and the server applies them (`GET /runs`), pages follow the API's cursors, and the
 * page reloads every POLL_MS.
 */
export function RunsPage() {
  const url = useLocation();
  const filters = readFilters(url);
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1);
  const now = useNow();
  const runs = useLoad(
    () =>
      get<Page<RunListItem>>(
        withQuery("/runs", {
          job: filters.job,
          status: filters.status,
          tag: splitTagFilters(filters.tag),
          created_after: toInstant(filters.created_after),
          created_before: toInstant(filters.created_before),
          cursor,
          limit: String(PAGE_SIZE),
        }),
      ),
    [url.search, cursor],
    POLL_MS,
  );
  const setFilter = (name: keyof Filters, value: string) => {
    const next = new URLSearchParams(url.search);
    if (value === "") next.delete(name);
    else next.set(name, value);
    setCursors([]);
    const query = next.toString();
    navigate(hrefs.runs(query === "" ? "" : `?${query}`), true);
  };
  return (
    <section aria-labelledby="runs-title">
      <h1 id="runs-title">Runs</h1>
      <form class="filters" onSubmit={(event) => event.preventDefault()} aria-label="Filters">
        <label>
          Job
          <input
            type="search"
            value={filters.job}
            placeholder="any"
            onChange={(event) => setFilter("job", event.currentTarget.value.trim())}
          />
        </label>
        <label>
          Status
          <select
            value={filters.status}
            onChange={(event) => setFilter("status", event.currentTarget.value)}
          >
            <option value="">any</option>
            <option value="queued,running,waiting,paused">unfinished</option>
            <option value="failed,timed_out,cancelled">failed, timed out or cancelled</option>
            {RUN_STATUSES.map((status) => (
              <option key={status} value={status}>
                {status}
              </option>
            ))}
          </select>
        </label>
        <label>
          Tag
          <input
            type="search"
            value={filters.tag}
            placeholder="key:value key2:value2"
            pattern="[^:]+:.*"
            onChange={(event) => setFilter("tag", event.currentTarget.value.trim())}
          />
        </label>
        <label>
          Created after
          <input
            type="datetime-local"
            value={filters.created_after}
            onChange={(event) => setFilter("created_after", event.currentTarget.value)}
          />
        </label>
        <label>
          Created before
          <input
            type="datetime-local"
            value={filters.created_before}
            onChange={(event) => setFilter("created_before", event.currentTarget.value)}
          />
        </label>
        {FILTER_NAMES.some((name) => filters[name] !== "") && (
          <button type="button" onClick={() => navigate(hrefs.runs(), true)}>
            Clear filters
          </button>
        )}
      </form>
      <ErrorNote error={runs.error} />
      {runs.data === undefined ? (
        runs.error === null && <Loading what="runs" />
      ) : (
        <RunList runs={runs.data.items} now={now} />
      )}
      <nav class="pager" aria-label="Pages of runs">
        <button
          type="button"
          disabled={cursors.length === 0}
          onClick={() => setCursors(cursors.slice(0, -1))}
        >
          ← Newer
        </button>
        <span class="muted">Page {cursors.length + 1} · updates live</span>
        <button
          type="button"
          disabled={!runs.data?.next_cursor}
          onClick={() => runs.data?.next_cursor && setCursors([...cursors, runs.data.next_cursor])}
        >
          Older →
        </button>
      </nav>
    </section>
  );
}

function RunList({ runs, now }: { runs: RunListItem[]; now: number }) {
  if (runs.length === 0) return <Empty>No runs match. Start one from a job's page.</Empty>;
  return (
    <div class="table-wrap">
      <table class="runs">
        <thead>
          <tr>
            <th scope="col">Run</th>
            <th scope="col">Job</th>
            <th scope="col">Status</th>
            <th scope="col">Tags</th>
            <th scope="col">Started</th>
            <th scope="col">Duration</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.id} data-run-id={run.id}>
              <td>
                <Link href={hrefs.run(run.id)} class="mono">
                  {run.id.slice(0, 8)}
                </Link>
              </td>
              <td>
                {run.job} <span class="muted">v{run.version}</span>
              </td>
              <td>
                <StatusBadge status={run.status} />
              </td>
              <td>
                <Tags tags={run.tags} />
              </td>
              <td title={formatTime(run.started_at ?? run.created_at)}>
                {formatAgo(run.started_at ?? run.created_at, now)}
              </td>
              <td>{formatDuration(durationBetween(run.started_at, run.finished_at, now))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function Tags({ tags }: { tags: Record<string, string> }) {
  const entries = Object.entries(tags);
  if (entries.length === 0) return <span class="muted">–</span>;
  return (
    <span class="tags">
      {entries.map(([key, value]) => (
        <span class="tag" key={key}>
          {key}: {value}
        </span>
      ))}
    </span>
  );
}
