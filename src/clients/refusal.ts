/**
 * What each refusal code of a Durable Object means as a typed error: the one mapping, used by
 * the routes and by the clients' own calls (startRun), so a refusal keeps its reason on every
 * way up. Its HTTP status is the error's own, answered by src/api/problem.ts.
 */

import {
  type CairnError,
  ConflictError,
  GoneError,
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
