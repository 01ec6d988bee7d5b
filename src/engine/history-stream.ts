import { isFinishedRunStatus } from "../core/statuses";
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
  let timer: ReturnType<typeof setTimeout> | null = null;
  const unsubscribe = store.listen(() => wake?.());
  const stop = () => {
    if (timer !== null) clearTimeout(timer);
    wake = null;
    unsubscribe();
  };
  /** Resolves true on the next committed event, false after KEEP_ALIVE_MS of quiet. */
  const nextChange = () =>
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), KEEP_ALIVE_MS);
      wake = () => {
        if (timer !== null) clearTimeout(timer);
        resolve(true);
      };
    });
  const send = (controller: ReadableStreamDefaultController<Uint8Array>, text: string) =>
    controller.enqueue(encoder.encode(text));

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        for (;;) {
          const events = store.history.readHistory(last, PAGE);
          if (events.length > 0) {
            for (const event of events) {
              send(
                controller,
                `id: ${event.seq}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`,
              );
              last = event.seq;
            }
            return;
          }
          const { status } = store.readRun();
          if (isFinishedRunStatus(status)) {
            send(controller, `event: end\ndata: ${JSON.stringify({ status })}\n\n`);
            stop();
            controller.close();
            return;
          }
          if (!(await nextChange())) {
            send(controller, ": keep-alive\n\n");
            return;
          }
        }
      } catch (error) {
        // The run was deleted mid-stream, or storage failed: end the stream, keep nothing.
        stop();
        controller.error(error);
      }
    },
    cancel() {
      stop();
    },
  });
}
