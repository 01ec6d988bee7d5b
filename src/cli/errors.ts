/**
 * DESIGN.md's exit codes: 0 success; 1 a failure (an invalid file, a failed run, an API
 * error); 2 a usage error, the command line's fault.
 */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A bad command line: unknown option values, unreadable paths, malformed --params. */
export class UsageError extends Error {
  override name = "UsageError";
}
