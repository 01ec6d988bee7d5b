// A minimal Chrome DevTools Protocol client over the inspector WebSocket of `wrangler dev`
// (bench:profile's CPU profiles and heap snapshots).

/** Connects to the inspector on `port`: `send(method, params)` answers the result; `on(event, fn)`. */
export async function connectInspector(port) {
  const targets = await (await fetch(`http://127.0.0.1:${port}/json`)).json();
  const target = targets.find((t) => t.webSocketDebuggerUrl) ?? targets[0];
  const url = target.webSocketDebuggerUrl ?? `ws://127.0.0.1:${port}/${target.id}`;
  // wrangler's inspector proxy refuses a client without a loopback Origin (Node's WebSocket sends none).
  const socket = new WebSocket(url, { headers: { origin: "http://127.0.0.1" } });
  await new Promise((resolve, reject) => {
    socket.addEventListener("open", resolve, { once: true });
    socket.addEventListener("error", reject, { once: true });
  });
  let nextId = 1;
  const pending = new Map();
  const listeners = new Map();
  socket.addEventListener("message", (message) => {
    const data = JSON.parse(String(message.data));
    // An answer carries the id of its request (wrangler's proxy may add the method too); an
    // event has no id.
    const waiter = data.id === undefined ? undefined : pending.get(data.id);
    if (!waiter) {
      for (const listener of listeners.get(data.method) ?? []) listener(data.params);
      return;
    }
    pending.delete(data.id);
    if (data.error) waiter.reject(new Error(JSON.stringify(data.error)));
    else waiter.resolve(data.result);
  });
  return {
    send: (method, params = {}) =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        socket.send(JSON.stringify({ id, method, params }));
      }),
    on: (method, listener) => listeners.set(method, [...(listeners.get(method) ?? []), listener]),
    close: () => socket.close(),
  };
}
