/**
 * What a thrown value means for the step whose work threw it, decided here once for every
 * catch in the engine (activation, the drive loop's timers, attempt settlement, child starts):
 *
 * - `step`: the step failed, with a type its `catch` can match: a StepFailure (a template's
 *   TemplateError is one, of type `template`: the definition's fault).
 * - `transient`: the platform failed, not the step (a Durable Object reset or overloaded, a
 *   dropped connection to D1). Nothing is recorded: the work is done again (alarm() rethrows
 *   it, and the runtime retries the alarm with backoff).
 * - `bug`: anything else. The step fails with type `failed` ("internal error: ..."), so a
 *   broken run ends instead of firing the same timer forever; never `template`.
 *
 * Pure: it reads only the thrown value.
 */

import { type StepError, StepFailure, stepError } from "./step-error";

export type Failure =
  | { kind: "step"; error: StepError }
  | { kind: "transient"; cause: unknown }
  | { kind: "bug"; error: StepError };

/**
 * What Cloudflare's D1 retry guide names as transient failures (messages only: these errors
 * carry no flag). https://developers.cloudflare.com/d1/best-practices/retry-queries/
 */
const TRANSIENT_MESSAGES = [
  "Network connection lost",
  "storage caused object to be reset",
  "reset because its code was updated",
] as const;

export function classifyFailure(thrown: unknown): Failure {
  if (thrown instanceof StepFailure) return { kind: "step", error: thrown.toStepError() };
  if (isPlatformTransient(thrown)) return { kind: "transient", cause: thrown };
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return { kind: "bug", error: stepError("failed", `internal error: ${message}`) };
}

/**
 * True for errors the platform marks as worth another try. Durable Object errors carry
 * `.retryable` (the request may be repeated) or `.overloaded`
 * (https://developers.cloudflare.com/durable-objects/best-practices/error-handling/). The
 * docs advise against retrying an overload at once; here the retry is the alarm's, which
 * backs off (2 s, doubling), and a platform's load is no reason to fail a step for good.
 * A call to an object that was reset meanwhile fails with `.durableObjectReset` (and no
 * `.retryable`: that is what workerd raises, test/engine/failure.test.ts): the request never
 * ran, and a new stub reaches a fresh instance. The object's own throw (`.remote`) is not one.
 */
export function isPlatformTransient(thrown: unknown): boolean {
  if (!(thrown instanceof Error)) return false;
  const flags = thrown as Error & {
    retryable?: unknown;
    overloaded?: unknown;
    durableObjectReset?: unknown;
    remote?: unknown;
  };
  if (flags.retryable === true || flags.overloaded === true) return true;
  if (flags.durableObjectReset === true && flags.remote !== true) return true;
  return TRANSIENT_MESSAGES.some((text) => thrown.message.includes(text));
}

/**
 * The StepError a throw fails its step with. A transient throw is rethrown as it is: it
 * must not fail the step, and whoever runs the work (alarm(), the runtime) tries again.
 */
export function stepErrorFrom(thrown: unknown): StepError {
  const failure = classifyFailure(thrown);
  if (failure.kind === "transient") throw thrown;
  return failure.error;
}
