import { isFinishedRunStatus } from "../statuses";
import type { RunStore } from "./store/run-store";

/** A comment line now and then keeps proxies from closing a quiet stream. */
export const KEEP_ALIVE_MS = 15_000;
const PAGE = 100;

/**
 * The run's history as Server-Sent Events: every event after `afterSeq`, then each new one
 * as it commits, then an `end` event once the run has finished. Events are read from
 * storage, never from memory, so a reconnecting client (Last-Event-ID) misses nothing.
 */
export function streamHistory(store: RunStore, afterSeq: number): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let last = afterSeq;
  let wake: (() => void) | null = null;
  const unsubscribe = store.listen(() => wake?.());
  const nextChange = () =>
    new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), KEEP_ALIVE_MS);
      wake = () => {
        clearTimeout(timer);
        resolve(true);
      };
    });

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      for (;;) {
        const events = store.readHistory(last, PAGE);
        if (events.length > 0) {
          for (const event of events) {
            controller.enqueue(
              encoder.encode(
                `id: ${event.seq}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`,
              ),
            );
            last = event.seq;
          }
          return;
        }
        const { status } = store.readRun();
        if (isFinishedRunStatus(status)) {
          controller.enqueue(encoder.encode(`event: end\ndata: ${JSON.stringify({ status })}\n\n`));
          controller.close();
          unsubscribe();
          return;
        }
        if (!(await nextChange())) {
          controller.enqueue(encoder.encode(": keep-alive\n\n"));
          return;
        }
      }
    },
    cancel() {
      unsubscribe();
    },
  });
}
