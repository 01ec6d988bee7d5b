/**
 * What each refusal code of a Durable Object means as a typed error: the one mapping, used by
 * the routes and by the clients' own calls (startRun), so a refusal keeps its reason on every
 * way up. Its HTTP status is the error's own, answered by src/api/problem.ts.
 */

import {
  type CairnError,
  ConflictError,
  GoneError,
  type Issue,
  NotFoundError,
  ValidationError,
} from "../core/errors";
import type { Refusal, RefusalCode } from "./run";

const REFUSAL_ERRORS: { [Code in RefusalCode]: (refusal: Refusal, subject: string) => CairnError } =
  {
    invalid: (refusal) => new ValidationError(refusal.errors ?? []),
    not_found: (_refusal, subject) => new NotFoundError(subject),
    conflict: (refusal) => new ConflictError(refusal.message, refusal.errors),
    gone: (refusal) => new GoneError(refusal.message),
  };

/**
 * The error to throw for an object's refusal (app.onError answers it); `subject` is what a
 * `not_found` names, as in "Run 0123… does not exist".
 */
export function refusalError(refusal: Refusal, subject: string): CairnError {
  return REFUSAL_ERRORS[refusal.code](refusal, subject);
}

/** The refusal code an error stands for: the way down of REFUSAL_ERRORS, for an object's answer. */
function refusalCodeOf(error: CairnError): RefusalCode {
  if (error instanceof ValidationError) return "invalid";
  if (error instanceof NotFoundError) return "not_found";
  if (error instanceof GoneError) return "gone";
  return "conflict";
}

/** An error an object met, as the refusal it answers over RPC (its issues kept). */
export function refusalOf(error: CairnError): Refusal & { errors: Issue[] } {
  return { ok: false, code: refusalCodeOf(error), message: error.message, errors: error.errors };
}
