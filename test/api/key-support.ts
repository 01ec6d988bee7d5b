import { call } from "./api-client";

/** Creates an API key with the root token and returns its id and key string. */
export async function createKey(
  scopes: string[],
  extra: Record<string, unknown> = {},
): Promise<{ id: string; key: string }> {
  const res = await call("/keys", { body: { name: `test ${scopes.join("+")}`, scopes, ...extra } });
  if (res.status !== 201) throw new Error(`creating a key: ${res.status} ${await res.text()}`);
  return res.json<{ id: string; key: string }>();
}

/** A waiting job (one long wait step), so its runs stay in progress for control calls. */
export function waitingJob(name: string): Record<string, unknown> {
  return { name, steps: [{ id: "hold", type: "wait", duration: "1h" }] };
}
