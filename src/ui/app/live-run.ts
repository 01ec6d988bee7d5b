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
  /** Reloads the run and its steps, and follows the stream again if it had ended (a retry). */
  refresh: () => Promise<void>;
}

/** Events arriving in a burst cause one reload of the run and its steps, not one each. */
const REFRESH_DELAY_MS = 250;
/** Pause before reconnecting a dropped stream, or asking again for a run still queued. */
const RECONNECT_DELAY_MS = 1000;

/**
 * A run kept up to date: GET /runs/{id} and /steps once, then GET /runs/{id}/stream, which
 * sends the whole history and then each new event; every burst of events reloads the run
 * and its steps. The stream resumes after the last event it delivered if the connection
 * drops; a queued run is asked again (GET /runs/{id}) until it starts, and only then followed.
 */
export function useLiveRun(id: string): LiveRun {
  const [run, setRun] = useState<Run | undefined>(undefined);
  const [steps, setSteps] = useState<Step[]>([]);
  const [history, setHistory] = useState<HistoryRecord[]>([]);
  const [job, setJob] = useState<CompiledJob | null | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);
  const [isLive, setLive] = useState(false);
  /** Bumped to follow the stream again after it ended (a retried run goes on). */
  const [generation, setGeneration] = useState(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const arrived = useRef<HistoryRecord[]>([]);
  const lastSeq = useRef(0);
  const hasEnded = useRef(false);

  const reload = async () => {
    try {
      const nextRun = await get<Run>(`/runs/${id}`);
      // A queued run has no steps yet (held in its job's queue, it has no object at all).
      const nextSteps =
        nextRun.status === "queued"
          ? []
          : (await get<{ steps: Step[] }>(`/runs/${id}/steps`)).steps;
      setRun(nextRun);
      setSteps(nextSteps);
      setError(null);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught : new ApiError(0, String(caught)));
    }
  };
  const reloadSoon = () => {
    if (timer.current !== null) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      const batch = arrived.current;
      arrived.current = [];
      setHistory((events) => events.concat(batch));
      void reload();
    }, REFRESH_DELAY_MS);
  };
  const refresh = async () => {
    await reload();
    if (hasEnded.current) setGeneration((n) => n + 1);
  };

  useEffect(() => {
    setRun(undefined);
    setSteps([]);
    setHistory([]);
    setJob(undefined);
    arrived.current = [];
    lastSeq.current = 0;
    void reload();
    return () => {
      if (timer.current !== null) clearTimeout(timer.current);
      timer.current = null;
    };
  }, [id]);

  useEffect(() => {
    const abort = new AbortController();
    hasEnded.current = false;
    void follow(id, lastSeq.current, abort.signal, {
      onEvent: (record) => {
        lastSeq.current = record.seq;
        arrived.current.push(record);
        reloadSoon();
      },
      onLive: setLive,
      onEnd: () => {
        hasEnded.current = true;
        void reload();
      },
    });
    return () => abort.abort();
  }, [id, generation]);

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

/**
 * Reads the run's stream from after `seq` until its `end` event or `signal` aborts,
 * reconnecting after drops; while the run is queued, asking only whether it still is (a run
 * in its job's queue has no object, so no stream, and each refused request is a console
 * error in the browser).
 */
async function follow(id: string, seq: number, signal: AbortSignal, handlers: FollowHandlers) {
  let after = seq;
  let ended = false;
  while (!ended && !signal.aborted) {
    try {
      if (!(await isQueued(id))) {
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
      }
    } catch {
      // Aborted (the page moved on) or the connection dropped: the loop decides.
    }
    handlers.onLive(false);
    if (!ended && !signal.aborted)
      await new Promise((resolve) => setTimeout(resolve, RECONNECT_DELAY_MS));
  }
  if (ended) handlers.onEnd();
}

/** Whether the run is still queued (in its job's queue, or held by the running-runs cap). */
async function isQueued(id: string): Promise<boolean> {
  const run = await get<Run>(`/runs/${id}`).catch(() => null);
  return run?.status === "queued";
}
