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

/** What a StepError holds besides its type and message. */
export type StepErrorExtra = Partial<Omit<StepError, "type" | "message">>;

/** A StepError value, for code that returns a failure (an action's outcome) rather than throws it. */
export function stepError(
  type: StepError["type"],
  message: string,
  extra: StepErrorExtra = {},
): StepError {
  return { type, message, retryable: extra.retryable ?? false, ...extra };
}

/**
 * A step's failure, as step code throws it (a template that renders to nonsense, items over
 * the limit). A thrown value that is not one is no step failure: src/core/failure.ts says
 * what it is. Rows and history keep its StepError (`toStepError()`, also its JSON form).
 */
export class StepFailure extends Error {
  override name = "StepFailure";
  readonly type: StepError["type"];
  readonly retryable: boolean;
  readonly status?: number;
  readonly retry_after_ms?: number;

  constructor(type: StepError["type"], message: string, extra: StepErrorExtra = {}) {
    super(message);
    this.type = type;
    this.retryable = extra.retryable ?? false;
    if (extra.status !== undefined) this.status = extra.status;
    if (extra.retry_after_ms !== undefined) this.retry_after_ms = extra.retry_after_ms;
  }

  /** A StepError another function answered, thrown as a failure. */
  static of({ type, message, ...extra }: StepError): StepFailure {
    return new StepFailure(type, message, extra);
  }

  toStepError(): StepError {
    const { status, retry_after_ms } = this;
    return stepError(this.type, this.message, {
      retryable: this.retryable,
      ...(status === undefined ? {} : { status }),
      ...(retry_after_ms === undefined ? {} : { retry_after_ms }),
    });
  }

  toJSON(): StepError {
    return this.toStepError();
  }
}
