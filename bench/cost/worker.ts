// Cairn with meters: the same Worker and Durable Objects (subclasses that change nothing but
// count), for `npm run bench:cost`, which reads what one run of the README example bills.
// Counted, as Cloudflare bills them: Worker requests, Durable Object requests (each stub
// call or fetch is one RPC session; each alarm is one request), D1 statements with the
// rows D1 reports read and written, and Durable Object rows written (SQL cursor counts,
// one per key put, one per setAlarm). Everything is passed through to the real bindings.
// Requests with the header `x-cost-uncounted` (the bench polling for completion) get the
// real env: they are not counted as requests, nor are their stub calls.
import type { Env } from "../../src/env";
import cairn, { ActionGate, JobCoordinator, RunObject, SubscriptionObject } from "../../src/index";

// Uncounted classes the Worker binds: exported as they are.
export { OperationObject, RateLimiter } from "../../src/index";

interface Counts {
  workerRequests: number;
  doRequests: Record<string, number>;
  alarms: number;
  d1Statements: number;
  /** Calls that cross to D1: one per statement run alone, one per batch. */
  d1RoundTrips: number;
  d1RowsRead: number;
  d1RowsWritten: number;
  d1SizeBytes: number;
  doSqlRowsWritten: number;
  doSetAlarms: number;
  doKvKeysWritten: number;
}

const fresh = (): Counts => ({
  workerRequests: 0,
  doRequests: {},
  alarms: 0,
  d1Statements: 0,
  d1RoundTrips: 0,
  d1RowsRead: 0,
  d1RowsWritten: 0,
  d1SizeBytes: 0,
  doSqlRowsWritten: 0,
  doSetAlarms: 0,
  doKvKeysWritten: 0,
});

let counts = fresh();
/** SQL cursors of the objects: their rowsWritten is final once consumed, read at report time. */
let cursors: SqlStorageCursor<Record<string, SqlStorageValue>>[] = [];

type D1Meta = { rows_read?: number; rows_written?: number; size_after?: number };

function addD1Meta(meta: D1Meta | undefined): void {
  if (!meta) return;
  counts.d1RowsRead += meta.rows_read ?? 0;
  counts.d1RowsWritten += meta.rows_written ?? 0;
  counts.d1SizeBytes = Math.max(counts.d1SizeBytes, meta.size_after ?? 0);
}

let d1Patched = false;
/** Counts every D1 statement of the isolate (Worker and objects share it under wrangler dev). */
function patchD1(db: D1Database): void {
  if (d1Patched) return;
  d1Patched = true;
  const statement = Object.getPrototypeOf(db.prepare("SELECT 1")) as Record<string, unknown>;
  for (const method of ["run", "all", "first", "raw"]) {
    const original = statement[method] as (...args: unknown[]) => Promise<unknown>;
    statement[method] = async function (this: unknown, ...args: unknown[]) {
      counts.d1Statements += 1;
      counts.d1RoundTrips += 1;
      const result = await original.apply(this, args);
      addD1Meta((result as { meta?: D1Meta } | null)?.meta);
      return result;
    };
  }
  const database = Object.getPrototypeOf(db) as Record<string, unknown>;
  const batch = database.batch as (statements: unknown[]) => Promise<{ meta?: D1Meta }[]>;
  database.batch = async function (this: unknown, statements: unknown[]) {
    counts.d1Statements += statements.length;
    counts.d1RoundTrips += 1;
    const results = await batch.call(this, statements);
    for (const result of results) addD1Meta(result.meta);
    return results;
  };
}

/** A stub whose every method call (an RPC session) or fetch counts as one request to `name`. */
function countStub<T extends object>(stub: T, name: string): T {
  return new Proxy(stub, {
    get(target, prop) {
      if (prop === "then") return undefined;
      const value = Reflect.get(target, prop);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        counts.doRequests[name] = (counts.doRequests[name] ?? 0) + 1;
        return Reflect.apply(value, target, args);
      };
    },
  });
}

function countNamespace<T extends object>(namespace: T, name: string): T {
  return new Proxy(namespace, {
    get(target, prop) {
      const value = Reflect.get(target, prop);
      if (typeof value !== "function") return value;
      if (prop === "get" || prop === "getByName") {
        return (...args: unknown[]) => countStub(Reflect.apply(value, target, args), name);
      }
      return value.bind(target);
    },
  });
}

const NAMESPACES = ["RUNS", "SCHEDULES", "SUBSCRIPTIONS", "ACTION_GATES"] as const;

/** The env with counting namespaces, D1 patched. */
function meter(env: Env): Env {
  patchD1(env.DB);
  const metered: Record<string, unknown> = { ...env };
  for (const name of NAMESPACES) metered[name] = countNamespace(env[name], name);
  return metered as Env;
}

/** Counts the alarms and SQL writes of a Durable Object's storage. */
function meterStorage(ctx: DurableObjectState): void {
  const sql = ctx.storage.sql;
  const exec = sql.exec.bind(sql);
  sql.exec = ((query: string, ...bindings: unknown[]) => {
    const cursor = exec(query, ...bindings);
    cursors.push(cursor);
    return cursor;
  }) as typeof sql.exec;
  const put = ctx.storage.put.bind(ctx.storage) as (...args: unknown[]) => Promise<void>;
  // Key-value writes land in a hidden SQLite table: one row written per key.
  ctx.storage.put = ((keyOrEntries: unknown, ...rest: unknown[]) => {
    counts.doKvKeysWritten +=
      typeof keyOrEntries === "string" ? 1 : Object.keys(keyOrEntries as object).length;
    return put(keyOrEntries, ...rest);
  }) as typeof ctx.storage.put;
  const setAlarm = ctx.storage.setAlarm.bind(ctx.storage);
  ctx.storage.setAlarm = (...args) => {
    counts.doSetAlarms += 1;
    return setAlarm(...args);
  };
}

export class CountedRunObject extends RunObject {
  constructor(ctx: DurableObjectState, env: Env) {
    meterStorage(ctx);
    super(ctx, meter(env));
  }
  /** `info` passed on: the run object tells the runtime's invocations by it (RunDriver.drive). */
  override async alarm(info?: AlarmInvocationInfo): Promise<void> {
    counts.alarms += 1;
    await super.alarm(info);
  }
  /** Bytes of this run's SQLite database (billed as Durable Object stored data). */
  databaseSize(): number {
    return this.ctx.storage.sql.databaseSize;
  }
}

export class CountedJobCoordinator extends JobCoordinator {
  constructor(ctx: DurableObjectState, env: Env) {
    meterStorage(ctx);
    super(ctx, meter(env));
  }
}

export class CountedActionGate extends ActionGate {
  constructor(ctx: DurableObjectState, env: Env) {
    meterStorage(ctx);
    super(ctx, meter(env));
  }
}

export class CountedSubscriptionObject extends SubscriptionObject {
  constructor(ctx: DurableObjectState, env: Env) {
    meterStorage(ctx);
    super(ctx, meter(env));
  }
}

/** The counts so far, with the objects' SQL rows written summed from their cursors. */
function report(): Counts {
  return { ...counts, doSqlRowsWritten: cursors.reduce((sum, c) => sum + c.rowsWritten, 0) };
}

export default {
  async fetch(request, env, ctx) {
    const path = new URL(request.url).pathname;
    if (path === "/__cost") return Response.json(report());
    if (path === "/__cost/reset") {
      counts = fresh();
      cursors = [];
      return Response.json(report());
    }
    if (path.startsWith("/__cost/size/")) {
      const id = env.RUNS.idFromName(path.slice("/__cost/size/".length));
      const stub = env.RUNS.get(id) as unknown as { databaseSize(): Promise<number> };
      return Response.json({ bytes: await stub.databaseSize() });
    }
    // GET /runs/{id} reads the run object only (no D1), with stubs that count nothing.
    if (request.headers.has("x-cost-uncounted")) return cairn.fetch(request, env, ctx);
    counts.workerRequests += 1;
    return cairn.fetch(request, meter(env), ctx);
  },
} satisfies ExportedHandler<Env>;
