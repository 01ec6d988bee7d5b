import { useState } from "preact/hooks";
import { Empty } from "../components";
import { formatJson } from "../format";
import type { HistoryRecord } from "../types";

const EVENTS_AT_ONCE = 200;

/** The run's append-only history, newest last, as it arrives from the stream. */
export function HistoryList({ events }: { events: HistoryRecord[] }) {
  const [shown, setShown] = useState(EVENTS_AT_ONCE);
  if (events.length === 0) return <Empty>No events yet.</Empty>;
  const hidden = Math.max(0, events.length - shown);
  return (
    <>
      {hidden > 0 && (
        <button type="button" onClick={() => setShown(shown + EVENTS_AT_ONCE)}>
          Show {Math.min(EVENTS_AT_ONCE, hidden)} earlier events of {hidden}
        </button>
      )}
      <ol class="history">
        {events.slice(hidden).map((event) => (
          <li key={event.seq} value={event.seq}>
            <details>
              <summary>
                <time dateTime={event.at}>{new Date(event.at).toLocaleTimeString()}</time>{" "}
                <strong>{event.type}</strong>
                {event.step_id && <span class="mono"> {event.step_id}</span>}
              </summary>
              <pre>{formatJson(event.data)}</pre>
            </details>
          </li>
        ))}
      </ol>
    </>
  );
}
