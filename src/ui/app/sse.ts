/** One Server-Sent Event as the run stream sends it (`id`, `event`, `data` lines). */
export interface ServerEvent {
  id: string | null;
  event: string;
  data: string;
}

/**
 * Parses an SSE text stream block by block (blocks end with a blank line) and calls
 * `onEvent` for each event; comment lines (`: keep-alive`) are skipped. Resolves when the
 * stream ends. fetch rather than EventSource: the run stream names every event by its
 * type, and ends for good with `end`, where EventSource would reconnect.
 */
export async function readServerEvents(
  body: ReadableStream<Uint8Array>,
  onEvent: (event: ServerEvent) => void,
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    const blocks = buffer.split(/\r?\n\r?\n/);
    buffer = blocks.pop() ?? "";
    for (const block of blocks) {
      const event = parseBlock(block);
      if (event !== null) onEvent(event);
    }
  }
}

function parseBlock(block: string): ServerEvent | null {
  const event: ServerEvent = { id: null, event: "message", data: "" };
  const data: string[] = [];
  for (const line of block.split(/\r?\n/)) {
    if (line === "" || line.startsWith(":")) continue;
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? "" : line.slice(colon + 1).replace(/^ /, "");
    if (field === "id") event.id = value;
    else if (field === "event") event.event = value;
    else if (field === "data") data.push(value);
  }
  if (data.length === 0) return null;
  event.data = data.join("\n");
  return event;
}
