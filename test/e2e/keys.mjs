// API keys as a CI job would use them: a key with the run scope on one job starts that
// job and nothing else, cannot touch the catalog or the keys, and stops working the moment
// it is revoked. Also proves the keys migration and the rate limiter object are deployed.
import { describe, sendJson } from "./http.mjs";

const MINE = "e2e-keys-mine";
const OTHER = "e2e-keys-other";

/** Runs the scenario against a running Cairn; `cairn` holds the API_TOKEN. */
export async function runKeysScenario({ cairn, report }) {
  report.section("API keys");
  for (const name of [MINE, OTHER])
    await cairn.call("POST", "/jobs", { name, steps: [{ id: "done", type: "succeed" }] });
  const created = await cairn.call(
    "POST",
    "/keys",
    { name: "ci", scopes: ["run"], jobs: [MINE] },
    [201],
  );
  report.check(
    typeof created.key === "string" && created.key.startsWith("cairn_"),
    "POST /keys answers a cairn_ key once",
    describe(created),
  );
  const asKey = (method, path, body) =>
    sendJson(cairn.baseUrl, method, path, { token: created.key, body });

  const mine = await asKey("POST", `/jobs/${MINE}/runs`, {});
  report.check(mine.status === 201, "the run key starts its job", describe(mine));
  const other = await asKey("POST", `/jobs/${OTHER}/runs`, {});
  report.check(other.status === 403, "  and not another job (403)", describe(other));
  const define = await asKey("POST", "/jobs", { name: "e2e-keys-new", steps: [] });
  report.check(
    define.status === 403 && String(define.body?.detail).includes('"write" scope'),
    "  nor define jobs (403 naming the write scope)",
    describe(define),
  );
  const keys = await asKey("GET", "/keys");
  report.check(keys.status === 403, "  nor list keys (403)", describe(keys));

  const listed = await cairn.call("GET", "/keys");
  const row = listed.items.find((item) => item.id === created.id);
  report.check(
    row !== undefined && !JSON.stringify(listed).includes(created.key) && row.last_used_at !== null,
    "GET /keys lists it without the key, with last_used_at",
    describe(listed),
  );
  await cairn.call("DELETE", `/keys/${created.id}`, undefined, [204]);
  const revoked = await asKey("GET", "/runs");
  report.check(revoked.status === 401, "a revoked key gets 401 at once", describe(revoked));
}
