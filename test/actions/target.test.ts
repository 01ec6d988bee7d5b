import { describe, expect, it } from "vitest";
import { target, uniquePath } from "../support/target";

describe("loopback target server", () => {
  it("is reachable from workerd through inject('targetUrl') and echoes by default", async () => {
    const path = uniquePath("echo");
    const response = await fetch(`${target.url(path)}?a=1`, { method: "POST", body: '{"x":1}' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, method: "POST", path, body: { x: 1 } });
    const [seen] = await target.requests(path);
    expect(seen).toMatchObject({ method: "POST", path, query: { a: "1" }, body: '{"x":1}' });
  });

  it("plays programmed responses in order and repeats the last", async () => {
    const path = uniquePath("program");
    await target.program(path, [
      { status: 503, body: "busy" },
      { status: 201, body: { done: true } },
    ]);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await fetch(target.url(path))).status);
    expect(statuses).toEqual([503, 201, 201]);
  });

  it("holds a request until released", async () => {
    const path = uniquePath("hold");
    await target.program(path, [{ hold: true, body: { late: true } }]);
    const pending = fetch(target.url(path));
    await target.waitForHeld(path);
    expect(await target.release(path)).toBe(1);
    expect(await (await pending).json()).toEqual({ late: true });
    expect(await target.held(path)).toBe(0);
  });

  it("stops counting a held request once its caller gives up", async () => {
    const path = uniquePath("abandoned");
    await target.program(path, [{ hold: true }]);
    const controller = new AbortController();
    const pending = fetch(target.url(path), { signal: controller.signal }).catch(() => "aborted");
    await target.waitForHeld(path);
    controller.abort();
    expect(await pending).toBe("aborted");
    for (let polls = 0; (await target.held(path)) > 0 && polls < 250; polls++)
      await scheduler.wait(20);
    expect(await target.held(path)).toBe(0);
  });
});
