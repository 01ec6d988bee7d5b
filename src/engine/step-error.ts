/**
 * Why a step attempt failed. `type` is what `catch` routes match on; `retryable` decides
 * whether the retry policy applies at all.
 */
export interface StepError {
  type: StepErrorType;
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

/** `catch` entries may list `*` (or `all`) to match any error. */
export const CATCH_ALL = ["*", "all"] as const;

export function stepError(
  type: StepErrorType,
  message: string,
  extra: Partial<Omit<StepError, "type" | "message">> = {},
): StepError {
  return { type, message, retryable: extra.retryable ?? false, ...extra };
}
