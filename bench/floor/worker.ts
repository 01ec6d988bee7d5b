import { DurableObject } from "cloudflare:workers";

interface FloorEnv {
  FLOOR: DurableObjectNamespace<FloorObject>;
}

const MAX_STEPS = 10_000;

/**
 * A run reduced to its durable minimum: each step is one INSERT into SQLite, awaited to
 * disk with `sync()` (not only the output gate), so a step costs what one durable write
 * costs. A fetching step first fetches, then records the answer's status the same way.
 */
export class FloorObject extends DurableObject<FloorEnv> {
  private record(index: number, status: string): Promise<void> {
    this.ctx.storage.sql.exec(
      "CREATE TABLE IF NOT EXISTS steps (i INTEGER PRIMARY KEY, status TEXT, at INTEGER)",
    );
    this.ctx.storage.sql.exec("INSERT INTO steps VALUES (?, ?, ?)", index, status, Date.now());
    return this.ctx.storage.sync();
  }

  /** Runs `steps` durable steps (each fetching `url` first, if given); answers their in-object ms. */
  async run(steps: number, url: string | null): Promise<{ elapsed_ms: number }> {
    const startedAt = Date.now();
    for (let i = 0; i < steps; i++) {
      const status = url === null ? "succeeded" : String((await fetch(url)).status);
      await this.record(i, status);
    }
    return { elapsed_ms: Date.now() - startedAt };
  }

  /** Records a wake-up due in `ms` and sets the alarm for it. */
  async sleep(ms: number): Promise<void> {
    const due = Date.now() + ms;
    await this.ctx.storage.put("due", due);
    await this.ctx.storage.setAlarm(due);
  }

  override async alarm(): Promise<void> {
    const due = (await this.ctx.storage.get<number>("due")) ?? 0;
    await this.ctx.storage.put("lateness", Date.now() - due);
    await this.ctx.storage.sync();
  }

  /** The wake-up's lateness in ms, or null while it has not woken. */
  async lateness(): Promise<number | null> {
    return (await this.ctx.storage.get<number>("lateness")) ?? null;
  }
}

/**
 * `GET /health`; `POST /run?steps=N[&fetch=URL]` (a fresh object runs, answers when done);
 * `POST /sleep?ms=N` (answers the object's name); `GET /sleep/<name>` (its lateness).
 */
export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const route = `${request.method} ${url.pathname.replace(/^\/sleep\/.+$/, "/sleep/:name")}`;
    if (route === "GET /health") return Response.json({ status: "ok" });
    if (route === "POST /run") {
      const steps = Number(url.searchParams.get("steps") ?? "1");
      if (!Number.isInteger(steps) || steps < 1 || steps > MAX_STEPS) {
        return Response.json({ error: `steps must be in 1..${MAX_STEPS}` }, { status: 400 });
      }
      const stub = env.FLOOR.get(env.FLOOR.idFromName(crypto.randomUUID()));
      return Response.json(await stub.run(steps, url.searchParams.get("fetch")), { status: 201 });
    }
    if (route === "POST /sleep") {
      const name = crypto.randomUUID();
      await env.FLOOR.get(env.FLOOR.idFromName(name)).sleep(Number(url.searchParams.get("ms")));
      return Response.json({ name }, { status: 201 });
    }
    if (route === "GET /sleep/:name") {
      const stub = env.FLOOR.get(env.FLOOR.idFromName(url.pathname.slice("/sleep/".length)));
      return Response.json({ lateness_ms: await stub.lateness() });
    }
    return new Response("not found", { status: 404 });
  },
} satisfies ExportedHandler<FloorEnv>;
