import { get } from "../api";
import { Empty, ErrorNote, Loading } from "../components";
import { formatTime } from "../format";
import { useLoad } from "../hooks";
import { hrefs, Link } from "../router";
import type { JobSummary, Page } from "../types";

export function JobsPage() {
  const jobs = useLoad(() => get<Page<JobSummary>>("/jobs?limit=200"), []);
  return (
    <section aria-labelledby="jobs-title">
      <h1 id="jobs-title">Jobs</h1>
      <ErrorNote error={jobs.error} />
      {jobs.data === undefined ? (
        jobs.error === null && <Loading what="jobs" />
      ) : jobs.data.items.length === 0 ? (
        <Empty>No jobs yet: POST /jobs with a definition.</Empty>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Job</th>
                <th scope="col">Version</th>
                <th scope="col">Description</th>
                <th scope="col">Updated</th>
              </tr>
            </thead>
            <tbody>
              {jobs.data.items.map((job) => (
                <tr key={job.name}>
                  <td>
                    <Link href={hrefs.job(job.name)}>{job.name}</Link>
                  </td>
                  <td>v{job.version}</td>
                  <td>{job.description ?? <span class="muted">–</span>}</td>
                  <td>{formatTime(job.updated_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
