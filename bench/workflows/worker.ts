import { WorkflowEntrypoint, type WorkflowEvent, type WorkflowStep } from "cloudflare:workers";

interface BenchParams {
  /** Number of `step.do`s: no-ops, or each fetching `fetch` when given. */
  steps: number;
  fetch?: string;
  /** When given, the run is instead a `step.sleep` of this many ms between two timestamps. */
  sleep_ms?: number;
}

interface WorkflowsEnv {
  BENCH: Workflow<BenchParams>;
}

/** The bench's runs as a Workflow; the output holds what was measured inside the instance. */
export class BenchWorkflow extends WorkflowEntrypoint<WorkflowsEnv, BenchParams> {
  override async run(event: WorkflowEvent<BenchParams>, step: WorkflowStep) {
    const { steps, fetch: url, sleep_ms: sleepMs } = event.payload;
    const startedAt = await step.do("start", async () => Date.now());
    if (sleepMs !== undefined) {
      await step.sleep("sleep", sleepMs);
      const woke = await step.do("woke", async () => Date.now());
      return { lateness_ms: woke - startedAt - sleepMs };
    }
    for (let i = 0; i < steps; i++) {
      await step.do(`step-${i}`, async () => (url ? (await fetch(url)).status : i));
    }
    return { elapsed_ms: Date.now() - startedAt };
  }
}

/** `GET /health`; `POST /run` (JSON BenchParams) creates an instance; `GET /status/<id>`. */
export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname === "/health") return Response.json({ status: "ok" });
    if (request.method === "POST" && url.pathname === "/run") {
      const instance = await env.BENCH.create({ params: (await request.json()) as BenchParams });
      return Response.json({ id: instance.id }, { status: 201 });
    }
    if (url.pathname.startsWith("/status/")) {
      const instance = await env.BENCH.get(url.pathname.slice("/status/".length));
      return Response.json(await instance.status());
    }
    return new Response("not found", { status: 404 });
  },
} satisfies ExportedHandler<WorkflowsEnv>;
