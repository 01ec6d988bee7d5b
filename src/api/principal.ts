import { hashKey, isSameHash, readKeyId } from "../access/key-format";
import { type Principal, ROOT, SCOPES, type Scope } from "../access/scopes";
import { getDb } from "../db/client";
import { type ApiKeyRecord, getKey, LAST_USED_GRANULARITY_MS, touchKey } from "../db/queries/keys";
import type { Env } from "../env";

/**
 * Resolves a presented credential (a bearer token, or a dashboard session's stored key) to
 * who it is: `API_TOKEN` is root; a `cairn_…` key is looked up by its id (no cache, so a
 * revoke takes effect on the next request) and must match its stored hash and not be
 * expired. Null for anything else, with no hint of which check failed or whether
 * `API_TOKEN` is configured at all. `last_used_at` is refreshed at most once a minute.
 */
export async function resolvePrincipal(
  env: Env,
  credential: string,
  now = Date.now(),
): Promise<Principal | null> {
  const id = readKeyId(credential);
  if (id === null) return (await isRootToken(env, credential)) ? ROOT : null;
  const db = getDb(env.DB);
  const record = await getKey(db, id);
  if (!record || !isSameHash(await hashKey(credential), record.hash)) return null;
  if (record.expires_at !== null && record.expires_at <= now) return null;
  if (record.last_used_at === null || record.last_used_at < now - LAST_USED_GRANULARITY_MS)
    await touchKey(db, id, now);
  return toPrincipal(record);
}

/**
 * Constant-time check against `API_TOKEN`, via SHA-256 digests so neither content nor length
 * leaks. An unset or empty `API_TOKEN` matches nothing (the API stays locked, not open).
 */
async function isRootToken(env: Env, credential: string): Promise<boolean> {
  const expected = env.API_TOKEN ?? "";
  const matches = isSameHash(await hashKey(credential), await rootTokenHash(expected));
  return matches && expected !== "";
}

/**
 * The digest of `API_TOKEN`, computed once per isolate for the value it was computed from:
 * every root request compared against it, and a changed secret (a new deployment, or a test's
 * own env) is a new value, hashed again.
 */
let rootHash: { token: string; hash: Promise<string> } | null = null;

function rootTokenHash(token: string): Promise<string> {
  if (rootHash?.token !== token) rootHash = { token, hash: hashKey(token) };
  return rootHash.hash;
}

function toPrincipal(record: ApiKeyRecord): Principal {
  const scopes = record.scopes.filter((scope): scope is Scope =>
    (SCOPES as readonly string[]).includes(scope),
  );
  return { kind: "key", id: record.id, scopes, jobs: record.jobs ?? null };
}
