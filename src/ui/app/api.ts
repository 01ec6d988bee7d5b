/**
 * The dashboard's only way to the server: same-origin fetches of the REST API, which the
 * session cookie authenticates (the browser attaches it; scripts never see it).
 */

/** A problem+json answer (or a network failure) as the pages show it. */
export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly status: number,
    message: string,
    readonly issues: { path: string; message: string }[] = [],
  ) {
    super(message);
  }
}

/** Called on any 401, so an expired session returns to the sign-in form. */
let onUnauthorized: () => void = () => {};
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

/** Sends one request and returns the parsed JSON body (undefined for 204). */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(path, {
    method,
    headers,
    credentials: "same-origin",
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  const parsed: unknown = text === "" ? null : JSON.parse(text);
  if (!res.ok) {
    const problem = (parsed ?? {}) as { detail?: string; title?: string; errors?: [] };
    if (res.status === 401 && path !== "/ui/session") onUnauthorized();
    throw new ApiError(
      res.status,
      problem.detail ?? problem.title ?? `${res.status} ${res.statusText}`,
      problem.errors ?? [],
    );
  }
  return parsed as T;
}

export const get = <T>(path: string) => api<T>("GET", path);
export const post = <T>(path: string, body?: unknown) => api<T>("POST", path, body);

/** Builds `path?query` from the defined, non-empty values of `params` (arrays repeat the key). */
export function withQuery(path: string, params: Record<string, string | string[] | undefined>) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== undefined && item !== "") query.append(key, item);
    }
  }
  const text = query.toString();
  return text === "" ? path : `${path}?${text}`;
}
