/**
 * Following a run live: `GET /runs/{id}/stream` read as Server-Sent Events, resumed from
 * the last event seen when the connection drops (the server replays from `after`).
 */
import { EventSourceParserStream } from "eventsource-parser/stream";
import { ApiError, type CairnClient, expectOk } from "./client";
import type { HistoryEvent, RunStatus } from "./types";

export type StreamItem =
  | { kind: "event"; event: HistoryEvent }
  | { kind: "end"; status: RunStatus };

/** How many times in a row a dropped stream is reopened before giving up. */
const MAX_RECONNECTS = 5;
/** How often a run still queued behind a concurrency limit is looked at again. */
const QUEUED_POLL_MS = 1_000;
const FINISHED: ReadonlySet<RunStatus> = new Set(["succeeded", "failed", "cancelled", "timed_out"]);

/**
 * Yields the run's history events from `after` on, each once and in order, and finally
 * `end` with the run's final status. A run queued behind its job's concurrency limit has
 * no history yet: it is waited for. Throws an ApiError when the run does not exist.
 */
export async function* followRun(
  client: CairnClient,
  id: string,
  after = 0,
): AsyncGenerator<StreamItem> {
  let last = after;
  let reconnects = 0;
  for (;;) {
    const opened = await openStream(client, id, last);
    if (opened.kind === "end") {
      yield opened;
      return;
    }
    try {
      for await (const message of readMessages(opened.stream)) {
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
      // undici reports a reset connection as a TypeError: reopen from `last`.
      if (!(error instanceof TypeError)) throw error;
    }
    reconnects += 1;
    if (reconnects > MAX_RECONNECTS) throw new Error(`the stream of run ${id} keeps closing`);
  }
}

type Opened =
  | { kind: "stream"; stream: ReadableStream<Uint8Array> }
  | { kind: "end"; status: RunStatus };

async function openStream(client: CairnClient, id: string, after: number): Promise<Opened> {
  for (;;) {
    try {
      const stream = await expectOk(
        client.GET("/runs/{id}/stream", {
          params: { path: { id }, query: { after } },
          parseAs: "stream",
        }),
      );
      return { kind: "stream", stream: stream as ReadableStream<Uint8Array> };
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 404) throw error;
      // The run index knows runs that have no object yet (queued) or never will (cancelled while queued).
      const run = await expectOk(client.GET("/runs/{id}", { params: { path: { id } } }));
      if (FINISHED.has(run.status)) return { kind: "end", status: run.status };
      await new Promise((resolve) => setTimeout(resolve, QUEUED_POLL_MS));
    }
  }
}

function readMessages(stream: ReadableStream<Uint8Array>) {
  return stream.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream());
}
