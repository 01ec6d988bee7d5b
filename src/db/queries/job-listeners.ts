import { type SQL, sql } from "drizzle-orm";
import { getDb } from "../client";
import { bindPrepared } from "./prepared";

/** The current version of every job, as `v` (joined to its job row `j`). */
export const CURRENT_VERSIONS = sql.raw(
  "FROM jobs j JOIN job_versions v ON v.job = j.name AND v.version = j.version",
);

/**
 * The condition on `v` (a current version) that its `after` names `upstream`, as a trigger
 * or a gate. Checked at every run end, so `instr` over the stored text skips the JSON parse
 * of sources that lack the key `"after"` or the upstream's name as a JSON string (job names
 * need no JSON escaping): with a thousand jobs, none with `after`, no source is parsed.
 */
export function namesInAfter(upstream: string): SQL {
  return sql`instr(v.source, '"after"') > 0 AND instr(v.source, ${JSON.stringify(upstream)}) > 0
    AND EXISTS (SELECT 1 FROM json_each(v.source, '$.after') e
                WHERE json_extract(e.value, '$.job') = ${upstream})`;
}

/**
 * Whether any current job names `upstream` in `after`, as a statement of a
 * `D1Database.batch` (a finished run's index write: src/engine/mirror.ts), and how to read
 * the answer from that statement's result.
 */
export function listenersInBatch(
  d1: D1Database,
  upstream: string,
): { statement: D1PreparedStatement; read(result: D1Result | undefined): boolean } {
  const query = getDb(d1).all(
    sql`SELECT EXISTS (SELECT 1 ${CURRENT_VERSIONS} WHERE ${namesInAfter(upstream)}) AS listened`,
  );
  return {
    statement: bindPrepared(d1, query),
    read(result) {
      const row = result?.results[0] as { listened?: unknown } | undefined;
      if (row?.listened === undefined) throw new Error("the batch answered no listener check");
      return row.listened === 1;
    },
  };
}
