import type { JsonValue } from "../../core/json";
import { NonRetryableError, registerHandler } from "./registry";

/** Longest `sleep` a handler may ask for; longer waits belong in a `wait` step. */
export const MAX_SLEEP_MS = 60_000;

/** `noop`: does nothing, outputs null. */
registerHandler("noop", () => null);

/** `echo`: outputs its input (the step's `with:`), or null without one. */
registerHandler("echo", ({ input }) => input ?? null);

/** `sleep`: waits `input.ms` milliseconds (0 to 60 000), honouring the abort signal; outputs `{ slept_ms }`. */
registerHandler("sleep", async ({ input, signal }) => {
  const ms = readMs(input);
  await new Promise<void>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
  return { slept_ms: ms };
});

function readMs(input: JsonValue | undefined): number {
  const ms =
    typeof input === "object" && input !== null && !Array.isArray(input) ? input.ms : undefined;
  if (typeof ms !== "number" || !Number.isFinite(ms) || ms < 0 || ms > MAX_SLEEP_MS) {
    throw new NonRetryableError(`sleep needs { ms } between 0 and ${MAX_SLEEP_MS}`);
  }
  return ms;
}
