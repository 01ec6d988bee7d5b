import { get } from "../api";
import { Empty, ErrorNote, Loading } from "../components";
import { formatTime } from "../format";
import { useLoad } from "../hooks";
import { hrefs, Link } from "../router";
import type { Page, Schedule } from "../types";

export function SchedulesPage() {
  const schedules = useLoad(() => get<Page<Schedule>>("/schedules?limit=200"), [], 30_000);
  return (
    <section aria-labelledby="schedules-title">
      <h1 id="schedules-title">Schedules</h1>
      <ErrorNote error={schedules.error} />
      {schedules.data === undefined ? (
        schedules.error === null && <Loading what="schedules" />
      ) : schedules.data.items.length === 0 ? (
        <Empty>No job has a schedule.</Empty>
      ) : (
        <ScheduleTable schedules={schedules.data.items} showJob />
      )}
    </section>
  );
}

/** Each schedule entry with its next fire times in its own time zone. */
export function ScheduleTable({ schedules, showJob }: { schedules: Schedule[]; showJob: boolean }) {
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            {showJob && <th scope="col">Job</th>}
            <th scope="col">When</th>
            <th scope="col">State</th>
            <th scope="col">Next fires ({"time zone of the schedule"})</th>
            <th scope="col">Last fired</th>
          </tr>
        </thead>
        <tbody>
          {schedules.map((schedule) => (
            <tr key={`${schedule.job}-${schedule.index}`}>
              {showJob && (
                <td>
                  <Link href={hrefs.job(schedule.job)}>{schedule.job}</Link>
                </td>
              )}
              <td>
                {schedule.description}
                <br />
                <code>{schedule.cron}</code> <span class="muted">{schedule.timezone}</span>
              </td>
              <td>{schedule.paused ? "paused" : schedule.enabled ? "active" : "disabled"}</td>
              <td>
                <ul class="plain">
                  {schedule.next_fire_times.map((fire) => (
                    <li key={fire.utc} title={fire.utc}>
                      {fire.local}
                    </li>
                  ))}
                </ul>
              </td>
              <td>
                {formatTime(schedule.last_fire_at)}
                {schedule.last_error && <div class="error-note">{schedule.last_error}</div>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
