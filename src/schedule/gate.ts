/**
 * The concurrency gate of one job, kept in its coordinator's storage: the runs it admitted
 * that have not ended (`active`, oldest first) and the starts it holds (the queue, in order).
 * Every method is called inside the coordinator's serialized calls, so a read-modify-write
 * of the state never interleaves with another.
 *
 * Storage: one small value (`gate`: active runs, next sequence number) and one value per
 * queued start (`queued:<seq>`, plus `queued-run:<run id>` to find it by id), so a start
 * writes only its own entry and a long queue never grows a value past the 2 MB a storage
 * value may hold.
 */

import type { AdmitResult, GateState, QueuedStart } from "../clients/coordinator";
import { refusalOf } from "../clients/refusal";
import { runClient, type StartRunInput } from "../clients/run";
import { deriveRunId, launchRun, missingAction } from "../clients/start-run";
import { CairnError, ConflictError } from "../core/errors";
import { isFinishedRunStatus } from "../core/statuses";
import { getDb } from "../db/client";
import { getJob, getJobToStart, type JobVersionRecord } from "../db/queries/jobs";
import type { StoredActions } from "../db/queries/stored-actions";
import { type Concurrency, readConcurrency } from "../definition/policy-schema";
import type { Env } from "../env";
import { endQueuedRun, indexQueuedRun, toQueuedSummary } from "./run-index";

const GATE_KEY = "gate";
const QUEUED = "queued:";
const QUEUED_RUN = "queued-run:";

/** Queue keys sort as their sequence numbers do. */
const queuedKey = (seq: number) => `${QUEUED}${String(seq).padStart(15, "0")}`;

/** What the `gate` value holds (before per-entry keys it also held the whole queue). */
interface GateMeta {
  active: string[];
  next_seq: number;
  queue?: QueuedStart[];
}

export type Admission = "start" | "refuse" | "queue" | "cancel_oldest";

/**
 * What a start does given the policy and the runs in progress. Under `queue`, a start while
 * others wait goes behind them even if a slot is free for a moment, so order is kept.
 */
export function decideAdmission(policy: Concurrency, active: number, queued: number): Admission {
  if (policy.overlap === "allow") return "start";
  if (active < policy.limit && (policy.overlap !== "queue" || queued === 0)) return "start";
  if (policy.overlap === "skip") return "refuse";
  return policy.overlap === "queue" ? "queue" : "cancel_oldest";
}

export class ConcurrencyGate {
  /** Runs given up by `cancel_previous`, cancelled by `cancelDeferred`. */
  private readonly deferred: string[] = [];

  constructor(
    private readonly storage: DurableObjectStorage,
    private readonly env: Env,
  ) {}

  /**
   * Starts, queues, refuses or makes room for a start of `record`'s job, by its concurrency.
   * `actions`, read with `record` in this call, serve a launch made now; a queued start
   * snapshots its actions when it launches (launchQueued), so they are not kept with it.
   */
  async admit(
    record: JobVersionRecord,
    input: StartRunInput,
    actions?: StoredActions,
  ): Promise<AdmitResult> {
    const policy = readConcurrency(record.source);
    if (!policy) return this.launch(input, actions);
    const state = await this.readMeta();
    const repeat = await this.findRepeat(state, input, actions);
    if (repeat) return repeat;
    // Refused before it is queued or older runs are given up for it (a launch would refuse it).
    const missing = actions && missingAction(input.job, actions);
    if (missing) return refusalOf(missing);
    const queued = (await this.head()) === null ? 0 : 1;
    switch (decideAdmission(policy, state.active.length, queued)) {
      case "refuse":
        return refusalOf(
          new ConflictError(
            `job ${record.name} already has ${state.active.length} run(s) in progress (concurrency limit ${policy.limit}, overlap skip)`,
          ),
        );
      case "queue":
        return this.enqueue(state, input);
      case "cancel_oldest":
        await this.cancelOldest(state, policy.limit);
        return this.start(state, input, actions);
      case "start":
        return this.start(state, input, actions);
    }
  }

  /** Forgets an ended run and starts queued runs while slots are free. Idempotent. */
  async release(job: string, runId: string): Promise<void> {
    if ((await this.storage.get<GateMeta>(GATE_KEY)) === undefined) return;
    const state = await this.readMeta();
    state.active = state.active.filter((id) => id !== runId);
    await this.storage.put(GATE_KEY, state);
    await this.drain(job, state);
  }

  /**
   * Gives up a queued start (its run object does not exist yet, so the run's own `cancel`
   * cannot reach it) and marks its index row cancelled. False when `runId` is not queued.
   */
  async cancelQueued(runId: string): Promise<boolean> {
    await this.readMeta();
    const entry = await this.findQueued(runId);
    if (!entry) return false;
    await this.dequeue(entry);
    await endQueuedRun(this.env, entry, "cancelled", Date.now());
    return true;
  }

  /** The gate's state, for tests and diagnostics (the whole queue, read entry by entry). */
  async read(): Promise<GateState> {
    const meta = await this.readMeta();
    const entries = await this.storage.list<QueuedStart>({ prefix: QUEUED });
    return { active: meta.active, next_seq: meta.next_seq, queue: [...entries.values()] };
  }

  /** The small part of the state; a queue kept whole by an older version moves to its entries. */
  private async readMeta(): Promise<GateMeta> {
    const meta = (await this.storage.get<GateMeta>(GATE_KEY)) ?? { active: [], next_seq: 0 };
    const { queue, ...rest } = meta;
    if (!queue) return meta;
    const entries: Record<string, unknown> = {};
    queue.forEach((entry, at) => {
      entries[queuedKey(rest.next_seq + at)] = { ...entry, seq: rest.next_seq + at };
      entries[QUEUED_RUN + entry.run_id] = queuedKey(rest.next_seq + at);
    });
    rest.next_seq += queue.length;
    entries[GATE_KEY] = rest;
    // Each put of a batch is its own value; the batch commits at once.
    for (const batch of chunks(Object.entries(entries), 128))
      await this.storage.put(Object.fromEntries(batch));
    return rest;
  }

  /** The oldest queued start, if any. */
  private async head(): Promise<StoredStart | null> {
    const first = await this.storage.list<StoredStart>({ prefix: QUEUED, limit: 1 });
    return first.values().next().value ?? null;
  }

  private async findQueued(runId: string): Promise<StoredStart | null> {
    const key = await this.storage.get<string>(QUEUED_RUN + runId);
    return key === undefined ? null : ((await this.storage.get<StoredStart>(key)) ?? null);
  }

  private async dequeue(entry: StoredStart): Promise<void> {
    await this.storage.delete([queuedKey(entry.seq), QUEUED_RUN + entry.run_id]);
  }

  /** A repeated idempotency key reaches the run it named, queued or started, and adds nothing. */
  private async findRepeat(
    state: GateMeta,
    input: StartRunInput,
    actions: StoredActions | undefined,
  ): Promise<AdmitResult | null> {
    if (input.idempotency_key === undefined) return null;
    const runId = await deriveRunId(input, input.idempotency_key);
    const queued = await this.findQueued(runId);
    if (queued && canonicalJson(queued.params) !== canonicalJson(input.params))
      return refusalOf(
        new ConflictError("this idempotency_key was used to start a run with other params", [
          { path: "idempotency_key", message: "was used to start a run with other params" },
        ]),
      );
    if (queued) return { ok: true, created: false, run: toQueuedSummary(queued) };
    if (state.active.includes(runId) || (await runClient(this.env, runId).describe()) !== null)
      return this.launch(input, actions);
    return null;
  }

  private async start(
    state: GateMeta,
    input: StartRunInput,
    actions: StoredActions | undefined,
  ): Promise<AdmitResult> {
    // Recorded after the launch: a crash in between lets one run too many in, never blocks one.
    const result = await this.launch(input, actions);
    if (result.ok && result.created) {
      state.active.push(result.run.id);
      await this.storage.put(GATE_KEY, state);
    }
    return result;
  }

  private async enqueue(state: GateMeta, input: StartRunInput): Promise<AdmitResult> {
    const key = input.idempotency_key ?? `queue:${state.next_seq}`;
    const seq = state.next_seq;
    const entry: StoredStart = {
      seq,
      run_id: await deriveRunId(input, key),
      job: input.job.name,
      version: input.version,
      trigger: input.trigger,
      created_at: Date.now(),
      params: input.params,
      idempotency_key: key,
      parent: input.parent ?? null,
      ...(input.tags === undefined ? {} : { tags: input.tags }),
      ...(input.params_checked ? { params_checked: true } : {}),
    };
    state.next_seq += 1;
    // Storage first: once the caller has the id, the start is never lost.
    await this.storage.put({
      [GATE_KEY]: state,
      [queuedKey(seq)]: entry,
      [QUEUED_RUN + entry.run_id]: queuedKey(seq),
    });
    await indexQueuedRun(this.env.DB, entry);
    return { ok: true, created: true, run: toQueuedSummary(entry) };
  }

  /**
   * Frees slots by giving up the oldest runs; the caller cancels them with `cancelDeferred`
   * once it has left its serialized section. Their ends arrive later and are no-ops.
   */
  private async cancelOldest(state: GateMeta, limit: number): Promise<void> {
    while (state.active.length >= limit) {
      const oldest = state.active.shift();
      if (oldest !== undefined) this.deferred.push(oldest);
    }
    await this.storage.put(GATE_KEY, state);
  }

  /**
   * Cancels the runs `cancel_previous` gave up. A failed cancel is logged, not retried: the
   * run then finishes on its own, beside the newer one.
   */
  async cancelDeferred(): Promise<void> {
    const ids = this.deferred.splice(0);
    for (const id of ids) {
      const result = await runClient(this.env, id)
        .cancel()
        .catch((error: unknown) => ({ ok: false, message: String(error) }));
      if (!result.ok) console.warn(`cairn: could not cancel run ${id}: ${result.message}`);
    }
  }

  private async drain(job: string, state: GateMeta): Promise<void> {
    if ((await this.head()) === null) return;
    const db = getDb(this.env.DB);
    // The current version's policy governs: raising the limit lets more queued runs through.
    const current = await getJob(db, job);
    const policy = current ? readConcurrency(current.source) : null;
    for (let head = await this.head(); head; head = await this.head()) {
      if (policy && decideAdmission(policy, state.active.length, 0) !== "start") return;
      const result = await this.launchQueued(head);
      await this.dequeue(head);
      if (result.ok && !isFinishedRunStatus(result.run.status)) state.active.push(result.run.id);
      if (!result.ok) {
        console.warn(
          `cairn: queued run ${head.run_id} of job ${job} could not start: ${result.message}`,
        );
        await endQueuedRun(this.env, head, "failed", Date.now());
      }
      await this.storage.put(GATE_KEY, state);
    }
  }

  /** Launches a queued start: its version and the actions it names, as they are now. */
  private async launchQueued(head: QueuedStart): Promise<AdmitResult> {
    const found = await getJobToStart(getDb(this.env.DB), head.job, head.version);
    if (!found)
      return {
        ok: false,
        code: "not_found",
        message: `version ${head.version} no longer exists`,
        errors: [],
      };
    return this.launch(
      {
        job: found.job.compiled,
        version: head.version,
        params: head.params,
        trigger: head.trigger,
        idempotency_key: head.idempotency_key,
        run_id: head.run_id,
        parent: head.parent ?? undefined,
        tags: head.tags,
        params_checked: head.params_checked,
      },
      found.actions,
    );
  }

  private async launch(input: StartRunInput, actions?: StoredActions): Promise<AdmitResult> {
    try {
      return { ok: true, ...(await launchRun(this.env, input, actions)) };
    } catch (error) {
      if (error instanceof CairnError) return refusalOf(error);
      throw error;
    }
  }
}

/** A queued start as stored, with its place in the queue. */
interface StoredStart extends QueuedStart {
  seq: number;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let at = 0; at < items.length; at += size) out.push(items.slice(at, at + size));
  return out;
}

/** JSON with object keys sorted, as the run object compares a repeated key's params. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === "object" && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : 1)))
      : inner,
  );
}
