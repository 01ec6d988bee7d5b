/**
 * The graph of `after` edges between saved jobs, read from D1 by scanning the current
 * version of every job whose source has an `after` field (SQLite's json_each does the
 * filtering). A scan rather than an edge table: the sources are the single truth, so the
 * graph can never disagree with them after a failed write, and no save path has to keep a
 * second table in step. The cost is one join per run end, parsing only the sources that
 * mention `after` and the upstream (see findDownstream).
 */
import { sql } from "drizzle-orm";
import type { Issue } from "../core/errors";
import type { Db } from "../db/client";
import { CURRENT_VERSIONS, namesInAfter } from "../db/queries/job-listeners";
import type { CompiledJob } from "../definition/ir";
import { type AfterEntry, readAfter } from "../definition/policy-schema";

/** The current version of a job that names an upstream in `after`. */
export interface DownstreamJob {
  name: string;
  version: number;
  compiled: CompiledJob;
  after: AfterEntry[];
}

/**
 * Jobs whose current version names `upstream` in `after` (as a trigger or a gate), parsing
 * only the sources that may (`namesInAfter`). Called by the coordinator at a run's end.
 */
export async function findDownstream(db: Db, upstream: string): Promise<DownstreamJob[]> {
  const results = await db.all<{ name: string; version: number; source: string; compiled: string }>(
    sql`SELECT v.job AS name, v.version AS version, v.source AS source, v.compiled AS compiled
       ${CURRENT_VERSIONS}
       WHERE ${namesInAfter(upstream)}`,
  );
  return results.map((row) => ({
    name: row.name,
    version: row.version,
    compiled: JSON.parse(row.compiled) as CompiledJob,
    after: readAfter(JSON.parse(row.source)),
  }));
}

/**
 * Save-time checks of a job's `after` that need the other jobs: every upstream must exist,
 * and the edges, with this job's replaced by the new ones, must not form a cycle (a cycle
 * of triggers would start runs forever). Empty when the field is fine.
 */
export async function checkJobGraph(db: Db, name: string, source: unknown): Promise<Issue[]> {
  const after = readAfter(source);
  if (after.length === 0) return [];
  const issues = await findUnknownUpstreams(db, after);
  if (issues.length > 0) return issues;
  const edges = await readEdges(db);
  edges.set(
    name,
    after.map((entry) => entry.job),
  );
  for (const [index, entry] of after.entries()) {
    const path = findPath(edges, entry.job, name);
    if (path)
      return [{ path: `after.${index}.job`, message: `cycle: ${[name, ...path].join(" -> ")}` }];
  }
  return [];
}

async function findUnknownUpstreams(db: Db, after: AfterEntry[]): Promise<Issue[]> {
  const names = [...new Set(after.map((entry) => entry.job))];
  const results = await db.all<{ name: string }>(
    sql`SELECT name FROM jobs WHERE name IN (${sql.join(
      names.map((name) => sql`${name}`),
      sql`, `,
    )})`,
  );
  const known = new Set(results.map((row) => row.name));
  return after.flatMap((entry, index) =>
    known.has(entry.job)
      ? []
      : [{ path: `after.${index}.job`, message: `job ${entry.job} does not exist` }],
  );
}

/** Every job's upstream jobs, from the current versions. */
async function readEdges(db: Db): Promise<Map<string, string[]>> {
  const results = await db.all<{ job: string; upstream: string }>(
    sql`SELECT v.job AS job, json_extract(e.value, '$.job') AS upstream
       ${CURRENT_VERSIONS}, json_each(v.source, '$.after') e`,
  );
  const edges = new Map<string, string[]>();
  for (const row of results) edges.set(row.job, [...(edges.get(row.job) ?? []), row.upstream]);
  return edges;
}

/** A path of upstream edges from `from` to `to` (both included), or null; depth-first. */
function findPath(edges: Map<string, string[]>, from: string, to: string): string[] | null {
  const seen = new Set<string>();
  const walk = (node: string): string[] | null => {
    if (node === to) return [node];
    if (seen.has(node)) return null;
    seen.add(node);
    for (const next of edges.get(node) ?? []) {
      const rest = walk(next);
      if (rest) return [node, ...rest];
    }
    return null;
  };
  return walk(from);
}
