/**
 * Following a run live: `GET /runs/{id}/stream` read as Server-Sent Events, resumed from
 * the last event seen when the connection drops (the server replays from `after`).
 */
import { EventSourceParserStream } from "eventsource-parser/stream";
import { type CairnClient, expectOk } from "./client";
import type { HistoryEvent, RunStatus } from "./types";

export type StreamItem =
  | { kind: "event"; event: HistoryEvent }
  | { kind: "end"; status: RunStatus };

/** How many times in a row a dropped stream is reopened before giving up. */
const MAX_RECONNECTS = 5;

/**
 * Yields the run's history events from `after` on, each once and in order, and finally
 * `end` with the run's final status. Throws an ApiError when the run does not exist.
 */
export async function* followRun(
  client: CairnClient,
  id: string,
  after = 0,
): AsyncGenerator<StreamItem> {
  let last = after;
  let reconnects = 0;
  for (;;) {
    const stream = await expectOk(
      client.GET("/runs/{id}/stream", {
        params: { path: { id }, query: { after: last } },
        parseAs: "stream",
      }),
    );
    try {
      for await (const message of readMessages(stream as ReadableStream<Uint8Array>)) {
        reconnects = 0;
        if (message.event === "end") {
          yield { kind: "end", status: (JSON.parse(message.data) as { status: RunStatus }).status };
          return;
        }
        const event = JSON.parse(message.data) as HistoryEvent;
        if (event.seq <= last) continue;
        last = event.seq;
        yield { kind: "event", event };
      }
    } catch (error) {
      // A reset connection: reopen from `last`; anything else is not ours to hide.
      if (!(error instanceof TypeError) || reconnects >= MAX_RECONNECTS) throw error;
    }
    reconnects += 1;
    if (reconnects > MAX_RECONNECTS) throw new Error(`the stream of run ${id} keeps closing`);
  }
}

function readMessages(stream: ReadableStream<Uint8Array>) {
  return stream.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream());
}
