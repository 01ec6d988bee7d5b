import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError, get } from "./api";
import { readServerEvents } from "./sse";
import type { CompiledJob, HistoryRecord, JobDetail, Run, Step } from "./types";

export interface LiveRun {
  run: Run | undefined;
  steps: Step[];
  history: HistoryRecord[];
  job: CompiledJob | null | undefined;
  error: ApiError | null;
  /** Whether the stream is open (the run goes on and the page follows it). */
  isLive: boolean;
  refresh: () => Promise<void>;
}

/** Events arriving in a burst cause one reload of the run and its steps, not one each. */
const REFRESH_DELAY_MS = 250;
const RECONNECT_DELAY_MS = 1000;

/**
 * A run kept up to date: GET /runs/{id} and /steps once, then GET /runs/{id}/stream, which
 * sends the whole history and then each new event; every event reloads the run and steps.
 * The stream resumes after the last event it delivered if the connection drops.
 */
export function useLiveRun(id: string): LiveRun {
  const [run, setRun] = useState<Run | undefined>(undefined);
  const [steps, setSteps] = useState<Step[]>([]);
  const [history, setHistory] = useState<HistoryRecord[]>([]);
  const [job, setJob] = useState<CompiledJob | null | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);
  const [isLive, setLive] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const arrived = useRef<HistoryRecord[]>([]);

  const refresh = async () => {
    try {
      const [nextRun, nextSteps] = await Promise.all([
        get<Run>(`/runs/${id}`),
        get<{ steps: Step[] }>(`/runs/${id}/steps`),
      ]);
      setRun(nextRun);
      setSteps(nextSteps.steps);
      setError(null);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, String(caught)));
    }
  };
  const refreshSoon = () => {
    if (timer.current !== null) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      const batch = arrived.current;
      arrived.current = [];
      setHistory((events) => events.concat(batch));
      void refresh();
    }, REFRESH_DELAY_MS);
  };

  useEffect(() => {
    setRun(undefined);
    setSteps([]);
    setHistory([]);
    setJob(undefined);
    arrived.current = [];
    const abort = new AbortController();
    void refresh();
    void follow(id, abort.signal, {
      onEvent: (record) => {
        arrived.current.push(record);
        refreshSoon();
      },
      onLive: setLive,
      onEnd: () => void refresh(),
    });
    return () => {
      abort.abort();
      if (timer.current !== null) clearTimeout(timer.current);
      timer.current = null;
    };
  }, [id]);

  // The graph comes from the version the run executes (inline runs, version 0, have none).
  useEffect(() => {
    if (run === undefined || job !== undefined) return;
    if (run.version === 0) {
      setJob(null);
      return;
    }
    get<JobDetail>(`/jobs/${encodeURIComponent(run.job)}?version=${run.version}`)
      .then((detail) => setJob(detail.compiled))
      .catch(() => setJob(null));
  }, [run, job]);

  return { run, steps, history, job, error, isLive, refresh };
}

interface FollowHandlers {
  onEvent: (record: HistoryRecord) => void;
  onLive: (isLive: boolean) => void;
  onEnd: () => void;
}

/** Reads the run's stream until its `end` event or `signal` aborts, reconnecting after drops. */
async function follow(id: string, signal: AbortSignal, handlers: FollowHandlers) {
  let after = 0;
  let ended = false;
  while (!ended && !signal.aborted) {
    try {
      const res = await fetch(`/runs/${id}/stream?after=${after}`, {
        signal,
        headers: { accept: "text/event-stream" },
      });
      if (!res.ok || res.body === null) break;
      handlers.onLive(true);
      await readServerEvents(res.body, (event) => {
        if (event.event === "end") {
          ended = true;
          return;
        }
        const record = JSON.parse(event.data) as HistoryRecord;
        after = record.seq;
        handlers.onEvent(record);
      });
    } catch {
      // Aborted (the page moved on) or the connection dropped: the loop decides.
    }
    handlers.onLive(false);
    if (!ended && !signal.aborted)
      await new Promise((resolve) => setTimeout(resolve, RECONNECT_DELAY_MS));
  }
  if (ended) handlers.onEnd();
}
