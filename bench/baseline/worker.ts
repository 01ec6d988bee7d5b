import { DurableObject } from "cloudflare:workers";

interface BaselineEnv {
  BASELINE: DurableObjectNamespace<BaselineObject>;
}

/** Upper bound on `steps`, so a typo cannot pin a core for minutes. */
const MAX_STEPS = 10_000;

/**
 * A SQLite-backed Durable Object doing the minimum a durable step needs: one awaited
 * storage write. Its cost per write is what a Cairn step is compared against.
 */
export class BaselineObject extends DurableObject<BaselineEnv> {
  /**
   * Writes `steps` records, one awaited `storage.put` each, and answers the elapsed
   * milliseconds measured inside the object (the runtime's clock advances only on I/O,
   * so this is the same kind of clock Cairn's `started_at`/`finished_at` come from).
   */
  async runSteps(steps: number): Promise<{ steps: number; elapsed_ms: number }> {
    const startedAt = Date.now();
    for (let i = 0; i < steps; i++) {
      await this.ctx.storage.put(`step:${i}`, { index: i, status: "succeeded", at: Date.now() });
    }
    return { steps, elapsed_ms: Date.now() - startedAt };
  }

  /** Records that the object started: the baseline of a run start (one write). */
  async start(): Promise<{ started_at: number }> {
    const startedAt = Date.now();
    await this.ctx.storage.put("run", { status: "running", started_at: startedAt });
    return { started_at: startedAt };
  }
}

/** Reads `?steps=N` as an integer in 1..MAX_STEPS; undefined when it is not one. */
function parseSteps(url: URL): number | undefined {
  const steps = Number(url.searchParams.get("steps") ?? "1");
  return Number.isInteger(steps) && steps >= 1 && steps <= MAX_STEPS ? steps : undefined;
}

/** Routes: `GET /health`, `POST /run?steps=N`, `POST /start`; each POST uses a fresh object. */
async function handleRequest(request: Request, env: BaselineEnv): Promise<Response> {
  const url = new URL(request.url);
  const route = `${request.method} ${url.pathname}`;
  if (route === "GET /health") return Response.json({ status: "ok" });
  if (route === "POST /start") {
    const stub = env.BASELINE.get(env.BASELINE.idFromName(crypto.randomUUID()));
    return Response.json(await stub.start(), { status: 201 });
  }
  if (route === "POST /run") {
    const steps = parseSteps(url);
    if (steps === undefined) {
      return Response.json(
        { error: `steps must be an integer in 1..${MAX_STEPS}` },
        { status: 400 },
      );
    }
    const stub = env.BASELINE.get(env.BASELINE.idFromName(crypto.randomUUID()));
    return Response.json(await stub.runSteps(steps));
  }
  return Response.json({ error: "not found" }, { status: 404 });
}

export default { fetch: handleRequest } satisfies ExportedHandler<BaselineEnv>;
