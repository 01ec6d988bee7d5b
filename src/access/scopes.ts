/**
 * What an API key may do. Each scope includes the ones before it: `run` can read, `write`
 * can run, `admin` can do everything (DESIGN.md, "Access").
 */
export const SCOPES = ["read", "run", "write", "admin"] as const;
export type Scope = (typeof SCOPES)[number];

const RANK: Record<Scope, number> = { read: 0, run: 1, write: 2, admin: 3 };

/**
 * Who sent a request: `root` is the `API_TOKEN` holder (every scope, every job); `key` an
 * API key. `jobs` null means every job; a list limits starting and steering runs to those.
 */
export interface Principal {
  kind: "root" | "key";
  /** The key's id; null for root. */
  id: string | null;
  scopes: readonly Scope[];
  jobs: readonly string[] | null;
}

export const ROOT: Principal = { kind: "root", id: null, scopes: ["admin"], jobs: null };

/** Whether any scope the principal holds includes `needed`. */
export function hasScope(principal: Pick<Principal, "scopes">, needed: Scope): boolean {
  return principal.scopes.some((held) => RANK[held] >= RANK[needed]);
}

/** Whether the principal may start or steer runs of `job`. */
export function mayRunJob(principal: Pick<Principal, "jobs">, job: string): boolean {
  return principal.jobs === null || principal.jobs.includes(job);
}

/** The identity an API key's rate limit counts against (root is not limited). */
export function rateKey(principal: Principal): string {
  return `key:${principal.id}`;
}
