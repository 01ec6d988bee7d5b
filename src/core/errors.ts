/** One problem with a request, located by a dotted path into the input (`steps.2.next`). */
export interface Issue {
  path: string;
  message: string;
}

/**
 * Base of every error that crosses the HTTP boundary. `app.onError` maps each one to a
 * single RFC 9457 problem response; nothing else decides status codes.
 */
export class CairnError extends Error {
  override name = "CairnError";
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 405 | 409 | 410 | 413 | 415 | 422 | 429 | 500 | 503,
    readonly title: string,
    message: string,
    readonly errors: Issue[] = [],
  ) {
    super(message);
  }
}

export class ValidationError extends CairnError {
  override name = "ValidationError";
  constructor(errors: Issue[], message = describeIssues(errors)) {
    super(400, "Invalid request", message, errors);
  }
}

export class NotFoundError extends CairnError {
  override name = "NotFoundError";
  constructor(what: string) {
    super(404, "Not found", `${what} does not exist`);
  }
}

export class ConflictError extends CairnError {
  override name = "ConflictError";
  constructor(message: string, errors: Issue[] = []) {
    super(409, "Conflict", message, errors);
  }
}

export class UnauthorizedError extends CairnError {
  override name = "UnauthorizedError";
  constructor(message = "A valid bearer token is required") {
    super(401, "Unauthorized", message);
  }
}

export class ForbiddenError extends CairnError {
  override name = "ForbiddenError";
  constructor(message: string) {
    super(403, "Forbidden", message);
  }
}

export class TooManyRequestsError extends CairnError {
  override name = "TooManyRequestsError";
  constructor(readonly retryAfterSeconds: number) {
    super(429, "Too many requests", `Rate limit reached; retry after ${retryAfterSeconds} s`);
  }
}

export class PayloadTooLargeError extends CairnError {
  override name = "PayloadTooLargeError";
  constructor(limitBytes: number) {
    super(413, "Payload too large", `The request body exceeds ${limitBytes} bytes`);
  }
}

export class UnsupportedMediaTypeError extends CairnError {
  override name = "UnsupportedMediaTypeError";
  constructor(message: string) {
    super(415, "Unsupported media type", message);
  }
}

export class GoneError extends CairnError {
  override name = "GoneError";
  constructor(message: string) {
    super(410, "Gone", message);
  }
}

/** Shorthand for a single-issue validation error. */
export function invalid(path: string, message: string): ValidationError {
  return new ValidationError([{ path, message }]);
}

function describeIssues(errors: Issue[]): string {
  const first = errors[0];
  if (!first) return "The request is invalid";
  const head = first.path ? `${first.path}: ${first.message}` : first.message;
  return errors.length === 1 ? head : `${head} (and ${errors.length - 1} more)`;
}
