import { DurableObject } from "cloudflare:workers";
import { createRunSchema } from "../../src/engine/store/schema";

interface ProbeEnv {
  PROBE: DurableObjectNamespace<ProbeObject>;
  HUB: DurableObjectNamespace<HubObject>;
  DB: D1Database;
}

/**
 * What an object does on top of the floor's one INSERT + `sync()`, one feature at a time, so
 * the runtime's memory per object can be pinned on each: `schema` runs Cairn's own run schema
 * script (8 tables, 4 indexes); `statements` executes `count` distinct statements (each
 * prepared and cached by the runtime), `repeats` as many executions of one statement;
 * `log` writes WRITE_COUNT commits with a log
 * line each; `alarm` sets an alarm an hour away; `plan` stores a ~20 KB JSON row; `hold`
 * keeps that plan parsed in the object's memory; `reopen` then resets the instance
 * (`ctx.abort()`, as an eviction would) and wakes a new one with one read, so what stays is
 * the object's database without the first instance's cached statements and state; `d1`
 * writes a row to a D1 table (as a run's index write does); `hub` calls one shared object
 * (as a run announces itself to its job's coordinator); `line` writes one console call of
 * four JSON lines (as Cairn's event log does once per one-step run); `drop` resets the
 * instance after its work and leaves it be (as a finished run that evicted itself would).
 */
const FEATURES = [
  "schema",
  "statements",
  "repeats",
  "log",
  "alarm",
  "plan",
  "hold",
  "reopen",
  "drop",
  "line",
  "d1",
  "hub",
] as const;
type Feature = (typeof FEATURES)[number];

/** About the number of distinct statements Cairn's engine runs on a run's database. */
const DEFAULT_STATEMENTS = 33;
const MAX_STATEMENTS = 1000;
/** About the commits of a one-step Cairn run, each with its log line. */
const WRITE_COUNT = 5;
const PLAN_STEPS = 200;
const HOUR_MS = 3_600_000;

/** A plan of PLAN_STEPS steps, about 20 KB of JSON, shaped like a job's steps. */
function makePlan(): string {
  const steps = Array.from({ length: PLAN_STEPS }, (_, i) => ({
    id: `step-${i}`,
    type: "pass",
    output: { index: i, note: "x".repeat(40) },
  }));
  return JSON.stringify({ name: "probe", steps });
}

/**
 * Distinct statement texts over the floor's table: a SELECT, an UPDATE and an INSERT
 * shape, each with its own constant, so none shares a cache entry with another.
 */
function distinctStatement(k: number): string {
  if (k % 3 === 0) return `SELECT status, at FROM steps WHERE i = ? AND at >= ${k}`;
  if (k % 3 === 1) return `UPDATE steps SET at = at + ${k} WHERE i = ?`;
  return `INSERT OR REPLACE INTO steps (i, status, at) VALUES (? + ${k * 1000}, 'probe', ${k})`;
}

export class ProbeObject extends DurableObject<ProbeEnv> {
  /** Held only with the `hold` feature: in-memory state the object keeps while it lives. */
  heldPlan: unknown = null;

  /** Does the floor's write plus `features`; answers once it is durable. */
  async setup(features: readonly Feature[], count: number): Promise<void> {
    const has = (feature: Feature) => features.includes(feature);
    const sql = this.ctx.storage.sql;
    sql.exec("CREATE TABLE IF NOT EXISTS steps (i INTEGER PRIMARY KEY, status TEXT, at INTEGER)");
    sql.exec("INSERT INTO steps VALUES (?, ?, ?)", 0, "succeeded", Date.now());
    if (has("schema"))
      this.ctx.storage.transactionSync(() =>
        createRunSchema(sql, { frames: true, eventWaits: true, indexes: true }),
      );
    if (has("statements")) {
      for (let k = 0; k < count; k++) sql.exec(distinctStatement(k), 0).toArray();
    }
    if (has("repeats")) {
      for (let k = 0; k < count; k++) sql.exec(distinctStatement(0), 0).toArray();
    }
    if (has("plan") || has("hold")) {
      const plan = makePlan();
      sql.exec("CREATE TABLE IF NOT EXISTS plan (singleton INTEGER PRIMARY KEY, body TEXT)");
      sql.exec("INSERT INTO plan VALUES (1, ?)", plan);
      if (has("hold")) this.heldPlan = JSON.parse(plan);
    }
    if (has("alarm")) await this.ctx.storage.setAlarm(Date.now() + HOUR_MS);
    if (has("d1")) await this.writeIndexRow();
    if (has("hub")) await this.env.HUB.get(this.env.HUB.idFromName("job")).announce();
    await this.ctx.storage.sync();
    if (has("log")) await this.commitWithLogs();
    if (has("line")) this.writeLine();
  }

  /** One row in D1, as a run's index write (the table made on first use). */
  private async writeIndexRow(): Promise<void> {
    const db = this.env.DB;
    await db.batch([
      db.prepare("CREATE TABLE IF NOT EXISTS runs (id TEXT PRIMARY KEY, status TEXT NOT NULL)"),
      db.prepare("INSERT INTO runs VALUES (?, ?)").bind(this.ctx.id.toString(), "succeeded"),
    ]);
  }

  /** Ends this instance (its in-memory state and cached statements); the next call gets a new one. */
  reset(): void {
    this.ctx.abort("bench:rss reset");
  }

  /** One read, as a reopened run's first look at its storage. */
  touch(): number {
    return Number(this.ctx.storage.sql.exec("SELECT count(*) AS n FROM steps").one().n);
  }

  /** One console call of four event lines, as a one-step run's event log writes when it answers. */
  private writeLine(): void {
    const object = this.ctx.id.toString();
    const events = ["run_created", "step_started", "step_succeeded", "run_succeeded"];
    console.log(events.map((event) => JSON.stringify({ event, run_id: object })).join("\n"));
  }

  /** WRITE_COUNT more commits, each awaited to disk and logged, as a run's moves are. */
  private async commitWithLogs(): Promise<void> {
    for (let i = 1; i <= WRITE_COUNT; i++) {
      this.ctx.storage.sql.exec("INSERT INTO steps VALUES (?, ?, ?)", i, "succeeded", Date.now());
      await this.ctx.storage.sync();
      console.log(JSON.stringify({ msg: "probe commit", object: this.ctx.id.toString(), i }));
    }
  }

  override async alarm(): Promise<void> {
    // An hour away: the probe ends long before; nothing to do if it ever fires.
  }
}

/** Resets the object's instance and leaves it be, as a finished run that evicts itself would. */
async function drop(namespace: DurableObjectNamespace<ProbeObject>, id: DurableObjectId) {
  try {
    await namespace.get(id).reset();
  } catch {
    // The reset itself rejects the call that asked for it: that is the point.
  }
}

/** Resets the object's instance, then wakes a new one (a fresh stub: the old one is broken). */
async function reopen(namespace: DurableObjectNamespace<ProbeObject>, id: DurableObjectId) {
  await drop(namespace, id);
  await namespace.get(id).touch();
}

/** The one object every `hub` object calls, as a job's coordinator is called by its runs. */
export class HubObject extends DurableObject<ProbeEnv> {
  announce(): number {
    const sql = this.ctx.storage.sql;
    sql.exec("CREATE TABLE IF NOT EXISTS seen (n INTEGER NOT NULL)");
    sql.exec("INSERT INTO seen VALUES (1)");
    return Number(sql.exec("SELECT count(*) AS n FROM seen").one().n);
  }
}

function parseFeatures(text: string | null): Feature[] | string {
  const names = (text ?? "").split(",").filter((name) => name !== "");
  const unknown = names.find((name) => !(FEATURES as readonly string[]).includes(name));
  return unknown === undefined ? (names as Feature[]) : unknown;
}

/**
 * `GET /health`; `POST /object?features=a,b[&statements=N]` creates one fresh object with
 * those features (`statements`: how many the statement features execute).
 */
export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const route = `${request.method} ${url.pathname}`;
    if (route === "GET /health") return Response.json({ status: "ok" });
    if (route === "POST /object") {
      const features = parseFeatures(url.searchParams.get("features"));
      if (typeof features === "string") {
        return Response.json({ error: `unknown feature ${features}` }, { status: 400 });
      }
      if (features.includes("reopen") && features.includes("drop")) {
        return Response.json({ error: "reopen already drops the instance" }, { status: 400 });
      }
      const count = Number(url.searchParams.get("statements") ?? DEFAULT_STATEMENTS);
      if (!Number.isInteger(count) || count < 1 || count > MAX_STATEMENTS) {
        return Response.json(
          { error: `statements must be in 1..${MAX_STATEMENTS}` },
          { status: 400 },
        );
      }
      const id = env.PROBE.idFromName(crypto.randomUUID());
      await env.PROBE.get(id).setup(features, count);
      if (features.includes("reopen")) await reopen(env.PROBE, id);
      else if (features.includes("drop")) await drop(env.PROBE, id);
      return Response.json({ ok: true }, { status: 201 });
    }
    return new Response("not found", { status: 404 });
  },
} satisfies ExportedHandler<ProbeEnv>;
