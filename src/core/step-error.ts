/**
 * Why a step attempt failed. `type` is what `catch` routes match on; `retryable` decides
 * whether the retry policy applies at all.
 */
export interface StepError {
  /** One of STEP_ERROR_TYPES, or the `error` of a `fail` step (a name the job chose). */
  type: StepErrorType | (string & {});
  message: string;
  retryable: boolean;
  /** HTTP status of the response, for http and worker actions. */
  status?: number;
  /** Server-requested delay (`Retry-After`), honoured over the backoff. */
  retry_after_ms?: number;
}

export const STEP_ERROR_TYPES = [
  "timeout",
  "network",
  "http_4xx",
  "http_429",
  "http_5xx",
  "response_too_large",
  "output_too_large",
  "blocked_url",
  "template",
  "handler",
  "worker",
  "schema",
  "max_retries_exceeded",
  "interrupted",
  "failed",
] as const;
export type StepErrorType = (typeof STEP_ERROR_TYPES)[number];

/** What a `fail` step's `error` may be, and so what a `catch` may list besides the built-in types. */
export const ERROR_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_.:-]{0,63}$/;

/** `catch` entries may list `*` (or `all`) to match any error. */
export const CATCH_ALL = ["*", "all"] as const;

export function stepError(
  type: StepError["type"],
  message: string,
  extra: Partial<Omit<StepError, "type" | "message">> = {},
): StepError {
  return { type, message, retryable: extra.retryable ?? false, ...extra };
}
