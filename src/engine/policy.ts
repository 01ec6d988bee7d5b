import { CATCH_ALL, type StepError } from "../core/step-error";
import type { ActionSpec, CatchRoute, CompiledJob, RetryPolicy, TaskStep } from "../definition/ir";

/** Per-attempt timeout when neither the step nor its action gives one. */
export const DEFAULT_ATTEMPT_TIMEOUT_MS = 30_000;
/** Upper bound of any attempt: an alarm invocation may not run much longer than this. */
export const MAX_ATTEMPT_TIMEOUT_MS = 10 * 60_000;
/** A server may ask us to come back later, but not to park a run for a day. */
export const MAX_RETRY_AFTER_MS = 60 * 60_000;
/** Crashes that interrupt the same step execution before the run gives up on it. */
export const MAX_INTERRUPTIONS = 5;

const NO_RETRY: RetryPolicy = {
  max_attempts: 1,
  backoff: "constant",
  delay_ms: 0,
  max_delay_ms: 0,
  jitter: false,
};

/** The step's policy wins over its action's, which wins over the job's; by default, one attempt. */
export function resolveRetryPolicy(
  step: TaskStep,
  action: ActionSpec,
  job: CompiledJob,
): RetryPolicy {
  return step.retry ?? action.retry ?? job.retry ?? NO_RETRY;
}

export function resolveAttemptTimeout(step: TaskStep, action: ActionSpec): number {
  return Math.min(
    step.timeout_ms ?? action.timeout_ms ?? DEFAULT_ATTEMPT_TIMEOUT_MS,
    MAX_ATTEMPT_TIMEOUT_MS,
  );
}

/**
 * Delay before attempt `attempt + 1`, or null when the failure is final. Jitter draws from
 * [d/2, d] so retries of many runs spread out without ever waiting longer than the policy
 * says; a server's `Retry-After` wins over the backoff.
 */
export function retryDelay(
  policy: RetryPolicy,
  attempt: number,
  error: StepError,
  random: () => number = Math.random,
): number | null {
  if (!error.retryable || attempt >= policy.max_attempts) return null;
  if (error.retry_after_ms !== undefined) return Math.min(error.retry_after_ms, MAX_RETRY_AFTER_MS);
  const base = backoffDelay(policy, attempt);
  return policy.jitter ? Math.round(base / 2 + (random() * base) / 2) : base;
}

function backoffDelay(policy: RetryPolicy, attempt: number): number {
  const grown =
    policy.backoff === "constant"
      ? policy.delay_ms
      : policy.backoff === "linear"
        ? policy.delay_ms * attempt
        : policy.delay_ms * 2 ** (attempt - 1);
  return Math.min(grown, Math.max(policy.max_delay_ms, policy.delay_ms));
}

/** The first `catch` route that matches; `http_4xx` also catches 429s, `*` and `all` catch anything. */
export function matchCatch(routes: readonly CatchRoute[], error: StepError): CatchRoute | null {
  return routes.find((route) => route.errors.some((name) => catches(name, error))) ?? null;
}

function catches(name: string, error: StepError): boolean {
  if ((CATCH_ALL as readonly string[]).includes(name)) return true;
  return name === error.type || (name === "http_4xx" && error.type === "http_429");
}
