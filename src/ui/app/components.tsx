import type { ComponentChildren } from "preact";
import { useRef, useState } from "preact/hooks";
import { ApiError } from "./api";
import { formatJson, STATUS_GLYPHS, statusLabel } from "./format";
import type { Status, StepError } from "./types";

/** A status as colour, glyph and word: it reads in grey, too. */
export function StatusBadge({ status }: { status: Status }) {
  return (
    <span class={`badge status-${status}`} data-status={status}>
      <span aria-hidden="true">{STATUS_GLYPHS[status]}</span> {statusLabel(status)}
    </span>
  );
}

export function ErrorNote({ error }: { error: ApiError | Error | null }) {
  if (error === null) return null;
  const issues = error instanceof ApiError ? error.issues : [];
  return (
    <div class="error-note" role="alert">
      <strong>{error instanceof ApiError && error.status ? `${error.status}: ` : ""}</strong>
      {error.message}
      {issues.length > 0 && (
        <ul>
          {issues.map((issue) => (
            <li key={issue.path}>
              <code>{issue.path || "(body)"}</code> {issue.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function StepErrorView({ error }: { error: StepError | null }) {
  if (error === null) return null;
  return (
    <div class="error-note">
      <strong>{error.type}</strong>
      {error.status !== undefined && ` (HTTP ${error.status})`}: {error.message}
      {error.retryable ? " · retryable" : ""}
    </div>
  );
}

/** JSON, pretty-printed; long values scroll inside their box. */
export function JsonBlock({ value, label }: { value: unknown; label: string }) {
  return (
    <figure class="json">
      <figcaption>{label}</figcaption>
      <pre>{value === undefined ? "–" : formatJson(value)}</pre>
    </figure>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p class="muted" aria-live="polite">
      Loading {what}…
    </p>
  );
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <p class="empty">{children}</p>;
}

interface ConfirmButtonProps {
  label: string;
  /** What the dialog asks ("Cancel run 3f2a…?"). */
  question: string;
  detail?: string;
  danger?: boolean;
  onConfirm: () => Promise<unknown>;
}

/**
 * A button that asks first, in a modal <dialog> (focus moves into it, Escape closes it),
 * then runs `onConfirm` and shows its error, if any, in the dialog.
 */
export function ConfirmButton({ label, question, detail, danger, onConfirm }: ConfirmButtonProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      dialog.current?.close();
    } catch (caught) {
      setError(caught instanceof Error ? caught : new Error(String(caught)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button
        type="button"
        class={danger ? "danger" : ""}
        onClick={() => {
          setError(null);
          dialog.current?.showModal();
        }}
      >
        {label}
      </button>
      <dialog ref={dialog} aria-label={question}>
        <p class="dialog-question">{question}</p>
        {detail && <p class="muted">{detail}</p>}
        <ErrorNote error={error} />
        <div class="dialog-buttons">
          <button type="button" onClick={() => dialog.current?.close()}>
            Keep it
          </button>
          <button
            type="button"
            class={danger ? "danger" : "primary"}
            disabled={busy}
            onClick={confirm}
          >
            {busy ? "Working…" : `Yes, ${label.toLowerCase()}`}
          </button>
        </div>
      </dialog>
    </>
  );
}
