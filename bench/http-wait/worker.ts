import { DurableObject } from "cloudflare:workers";

interface WaitEnv {
  WAIT: DurableObjectNamespace<WaitObject>;
  DB: D1Database;
}

/** What a Cairn attempt does around its call, one piece at a time. */
type Work =
  | "journal"
  | "log"
  | "alarm"
  | "d1-write"
  | "d1-read"
  | "log-next-task"
  | "cpu"
  | "cpu-next-task";

/**
 * Each variant: what runs before the `fetch` (in the same turn), right after it (same turn:
 * I/O started there is released with the request), and once its answer is in.
 */
interface Sequence {
  before: Work[];
  after: Work[];
  answered: Work[];
  /**
   * How the request is made: as src/actions/exchange.ts builds it (default), with the
   * engine's signal linked to the attempt's timeout as executeAction links them, or as a
   * bare `fetch(url)` (the floor's).
   */
  request?: "cairn" | "linked-signal" | "plain";
  /** How the body is read: `text()` (default) or chunk by chunk, as readCapped reads it. */
  read?: "text" | "reader";
}

const VARIANTS: Record<string, Sequence> = {
  bare: { before: [], after: [], answered: [] },
  journal: { before: ["journal"], after: [], answered: [] },
  "journal+log": { before: ["journal", "log"], after: [], answered: [] },
  "journal, log next task": { before: ["journal"], after: ["log-next-task"], answered: [] },
  "journal+alarm": { before: ["journal"], after: ["alarm"], answered: [] },
  "journal+D1 write": { before: ["journal"], after: ["d1-write"], answered: [] },
  "journal+D1 read": { before: ["journal"], after: ["d1-read"], answered: [] },
  "journal, the call, then CPU": { before: ["journal"], after: ["cpu"], answered: [] },
  "journal, the call, CPU next task": {
    before: ["journal"],
    after: ["cpu-next-task"],
    answered: [],
  },
  "plain fetch(url)": { before: [], after: [], answered: [], request: "plain" },
  "linked signal": { before: [], after: [], answered: [], request: "linked-signal" },
  "body read by a reader": { before: [], after: [], answered: [], read: "reader" },
  "Cairn's order": {
    before: ["journal", "log"],
    after: ["d1-read", "d1-write", "alarm"],
    answered: [],
  },
  "the rest after the answer": {
    before: ["journal"],
    after: [],
    answered: ["log", "d1-read", "d1-write", "alarm"],
  },
};

const VARIANT_NAMES = Object.keys(VARIANTS);
const NOTHING: Sequence = { before: [], after: [], answered: [] };

/**
 * About 1-2 ms of JavaScript (a fixed amount of work: the object's clock does not advance
 * while it runs), as the engine's own work around a launch: the loop's next reads, the
 * request's rendering.
 */
function burnCpu(): number {
  let sum = 0;
  for (let i = 0; i < 400_000; i++) sum += Math.sqrt(i);
  return sum;
}

interface Timing {
  /** The object's clock when the request was made, its answer (headers) arrived, its body was read. */
  sent_at: number;
  answered_at: number;
  read_at: number;
}

/** The request as `sequence.request` says it is made. */
function makeRequest(url: string, how: Sequence["request"]): Promise<Response> {
  if (how === "plain") return fetch(url);
  const timeout = AbortSignal.timeout(30_000);
  const signal =
    how === "linked-signal" ? AbortSignal.any([new AbortController().signal, timeout]) : timeout;
  return fetch(
    new Request(url, {
      method: "GET",
      headers: new Headers({ "Idempotency-Key": crypto.randomUUID() }),
      body: null,
      redirect: "manual",
      signal,
    }),
  );
}

/** Reads the body as readCapped does (chunk by chunk, decoded), or with `text()`. */
async function readBody(response: Response, how: Sequence["read"]): Promise<void> {
  if (how !== "reader" || !response.body) {
    await response.text();
    return;
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    decoder.decode(value, { stream: true });
  }
}

/**
 * One fresh object per probe doing a Cairn attempt's sequence without Cairn: a SQLite
 * transaction (the journal), the call (built as src/actions/exchange.ts builds it), a log
 * line, an alarm write, a D1 index write and read. The driver (run.mjs) compares when the
 * echo receives the request with `sent_at`.
 */
export class WaitObject extends DurableObject<WaitEnv> {
  async probe(variant: string, url: string): Promise<Timing> {
    const sequence = VARIANTS[variant] ?? NOTHING;
    const { before, after, answered } = sequence;
    const pending = before.map((work) => this.do(work));
    const sent_at = Date.now();
    const response = makeRequest(url, sequence.request);
    pending.push(...after.map((work) => this.do(work)));
    const answer = await response;
    const answered_at = Date.now();
    pending.push(...answered.map((work) => this.do(work)));
    await readBody(answer, sequence.read);
    const read_at = Date.now();
    await Promise.all(pending);
    return { sent_at, answered_at, read_at };
  }

  private do(work: Work): Promise<unknown> {
    const { storage } = this.ctx;
    switch (work) {
      case "journal":
        storage.transactionSync(() => {
          storage.sql.exec("CREATE TABLE IF NOT EXISTS journal (at INTEGER)");
          storage.sql.exec("INSERT INTO journal VALUES (?)", Date.now());
        });
        return Promise.resolve();
      case "log":
        console.log(JSON.stringify({ event: "attempt_started", run_id: this.ctx.id.toString() }));
        return Promise.resolve();
      case "log-next-task":
        setTimeout(() => console.log(JSON.stringify({ event: "attempt_started" })), 0);
        return Promise.resolve();
      case "cpu":
        burnCpu();
        return Promise.resolve();
      case "cpu-next-task":
        setTimeout(burnCpu, 0);
        return Promise.resolve();
      case "alarm":
        return storage.setAlarm(Date.now() + 15_000);
      case "d1-write":
        return this.env.DB.prepare("INSERT INTO runs (at) VALUES (?)").bind(Date.now()).run();
      case "d1-read":
        return this.env.DB.prepare("SELECT count(*) FROM runs").first();
    }
  }

  override async alarm(): Promise<void> {}
}

/** `GET /health` (creates the D1 table); `POST /probe?variant=V&url=U`: a fresh object runs V. */
export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname === "/health") {
      await env.DB.exec("CREATE TABLE IF NOT EXISTS runs (at INTEGER)");
      return Response.json({ status: "ok", variants: VARIANT_NAMES });
    }
    const variant = url.searchParams.get("variant") ?? "";
    const target = url.searchParams.get("url");
    if (url.pathname !== "/probe" || !(variant in VARIANTS) || target === null) {
      return new Response("not found", { status: 404 });
    }
    const stub = env.WAIT.get(env.WAIT.idFromName(crypto.randomUUID()));
    return Response.json(await stub.probe(variant, target));
  },
} satisfies ExportedHandler<WaitEnv>;
