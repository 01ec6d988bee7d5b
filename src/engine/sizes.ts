import type { JsonValue } from "../core/json";
import { type StepError, stepError } from "../core/step-error";

/**
 * What one row of the run's storage may hold. Durable Object SQLite refuses a row or value
 * over 2 MB; a step's row holds its input and its output together, the run's row its plan,
 * params and output, so the engine checks values against this (with room for the rest of
 * the row) before writing them, and fails the step with `output_too_large` instead of the
 * write failing as an internal error.
 */
export const MAX_ROW_BYTES = 1_900_000;

const encoder = new TextEncoder();

/** Size of a value as stored (its JSON, in UTF-8 bytes). */
export function storedBytes(value: unknown): number {
  if (value === null || value === undefined) return 0;
  return encoder.encode(JSON.stringify(value)).byteLength;
}

/**
 * `output_too_large` when `value` (the `what` of a step: its output, input, items) together
 * with `beside` (what else its row holds) is over MAX_ROW_BYTES; null when it fits.
 */
export function checkStoredSize(
  what: string,
  value: JsonValue | null,
  beside = 0,
): StepError | null {
  const size = storedBytes(value);
  if (size + beside <= MAX_ROW_BYTES) return null;
  const others = beside > 0 ? ` (${beside} bytes more are in the same row)` : "";
  return stepError(
    "output_too_large",
    `${what} is ${size} bytes${others}, over the limit of ${MAX_ROW_BYTES} bytes one stored row holds`,
  );
}
