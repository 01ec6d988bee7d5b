import { sql } from "drizzle-orm";
import type { Issue } from "../../core/errors";
import type { CompiledJob } from "../../definition/ir";
import { findCallPath, listJobCalls } from "../../definition/job-calls";
import type { Db } from "../client";

/**
 * Save-time checks of a job's `run_job` steps that need the other jobs: each target must
 * exist (or be the job itself, which is then a cycle), and no chain of calls may lead back
 * to the job (recursion would start runs until the depth limit). Reads the current version
 * of every job that has a `run_job` step.
 */
export async function checkJobCalls(db: Db, job: CompiledJob): Promise<Issue[]> {
  const calls = listJobCalls(job);
  if (calls.length === 0) return [];
  const rows = await db.all<{ name: string; compiled: string | null }>(
    sql`SELECT j.name AS name, CASE WHEN v.compiled LIKE '%"run_job"%' THEN v.compiled END AS compiled
        FROM jobs j JOIN job_versions v ON v.job = j.name AND v.version = j.version`,
  );
  const edges = new Map(
    rows.map((row) => [
      row.name,
      row.compiled
        ? listJobCalls(JSON.parse(row.compiled) as CompiledJob).map((call) => call.job)
        : [],
    ]),
  );
  edges.set(
    job.name,
    calls.map((call) => call.job),
  );
  const issues: Issue[] = [];
  for (const call of calls) {
    if (!edges.has(call.job)) {
      issues.push({ path: call.path, message: `job "${call.job}" does not exist` });
      continue;
    }
    const path = findCallPath(call.job, job.name, (name) => edges.get(name) ?? []);
    if (path)
      issues.push({ path: call.path, message: `recursion: ${[job.name, ...path].join(" -> ")}` });
  }
  return issues;
}
