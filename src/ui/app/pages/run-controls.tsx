import { useRef, useState } from "preact/hooks";
import { ApiError, post } from "../api";
import { ConfirmButton, ErrorNote } from "../components";
import { formatJson } from "../format";
import { useCan } from "../session";
import type { Run } from "../types";

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

/** The run's controls, each behind a confirmation; none without the `run` scope. */
export function RunControls({
  run,
  steps,
  onDone,
}: {
  run: Run;
  /** The job's top-level step ids, for "retry from a step". */
  steps: string[];
  onDone: () => Promise<void>;
}) {
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
      {controls.includes("retry") && steps.length > 0 && (
        <RetryFrom run={run} steps={steps} onDone={onDone} />
      )}
    </div>
  );
}

/**
 * Retry from a chosen step with new params (`POST /runs/{id}/retry` `{ from, params }`):
 * steps before it keep their outputs; the params replace the run's for the steps that run again.
 */
function RetryFrom({
  run,
  steps,
  onDone,
}: {
  run: Run;
  steps: string[];
  onDone: () => Promise<void>;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [from, setFrom] = useState(run.failed_step?.split("/")[0] ?? steps[0] ?? "");
  const [params, setParams] = useState(formatJson(run.params));
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await post(`/runs/${run.id}/retry`, { from, params: JSON.parse(params) });
      dialog.current?.close();
      await onDone();
    } catch (caught) {
      setError(caught instanceof Error ? caught : new ApiError(0, String(caught)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" onClick={() => dialog.current?.showModal()}>
        Retry from a step…
      </button>
      <dialog ref={dialog} aria-label={`Retry run ${run.id.slice(0, 8)} from a step`}>
        <form class="params-form" onSubmit={submit}>
          <p class="dialog-question">Retry run {run.id.slice(0, 8)} from a step?</p>
          <label>
            From step
            <select value={from} onChange={(e) => setFrom(e.currentTarget.value)}>
              {steps.map((id) => (
                <option key={id} value={id}>
                  {id}
                </option>
              ))}
            </select>
          </label>
          <label>
            Params (JSON)
            <textarea rows={6} value={params} onInput={(e) => setParams(e.currentTarget.value)} />
          </label>
          <ErrorNote error={error} />
          <div class="dialog-buttons">
            <button type="button" onClick={() => dialog.current?.close()}>
              Keep it
            </button>
            <button class="primary" type="submit" disabled={busy}>
              {busy ? "Working…" : "Yes, retry from here"}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
