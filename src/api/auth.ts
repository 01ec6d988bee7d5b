import type { MiddlewareHandler } from "hono";
import { UnauthorizedError } from "../errors";
import type { AppEnv } from "./app-env";
import { readSessionCredential } from "./session";

/**
 * Routes that answer without a token: health, the API description, the definition schemas,
 * and signed inbound calls.
 */
export const OPEN_PATHS: readonly RegExp[] = [
  /^\/health$/,
  /^\/openapi\.json$/,
  /^\/docs$/,
  /^\/schemas\/(job|action)\.json$/,
  /^\/hooks\/.+/,
  /^\/callbacks\/.+/,
  // The dashboard's pages and its sign-in route, which checks the credential itself.
  /^\/$/,
  /^\/ui(\/.*)?$/,
];

interface BearerAuthOptions {
  /** Paths that skip the check (default {@link OPEN_PATHS}); `/health` only for GET/HEAD. */
  openPaths?: readonly RegExp[];
}

/**
 * Requires `Authorization: Bearer <token>` matching the `API_TOKEN` secret, or the
 * dashboard's session cookie carrying it (see session.ts). Both sides
 * are hashed before a constant-time comparison, so neither the content nor the length of
 * the token leaks through timing. An unset `API_TOKEN` locks the API rather than opening it.
 */
export function bearerAuth({
  openPaths = OPEN_PATHS,
}: BearerAuthOptions = {}): MiddlewareHandler<AppEnv> {
  return async function checkBearerToken(c, next) {
    if (isOpenPath(c.req.method, c.req.path, openPaths)) return next();
    const expected = c.env.API_TOKEN;
    if (!expected)
      throw new UnauthorizedError("The API token (API_TOKEN) is not configured on this server");
    const presented =
      readBearerToken(c.req.header("Authorization")) ?? (await readSessionCredential(c));
    if (presented === null)
      throw new UnauthorizedError("A bearer token is required (Authorization: Bearer <token>)");
    if (!(await isSameSecret(presented, expected)))
      throw new UnauthorizedError("The bearer token is not valid");
    return next();
  };
}

function isOpenPath(method: string, path: string, openPaths: readonly RegExp[]): boolean {
  if (path === "/health" && method !== "GET" && method !== "HEAD") return false;
  return openPaths.some((pattern) => pattern.test(path));
}

function readBearerToken(header: string | undefined): string | null {
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1] ?? null;
}

/** Constant-time equality of two strings, via their SHA-256 digests (equal lengths by construction). */
export async function isSameSecret(a: string, b: string): Promise<boolean> {
  const encoder = new TextEncoder();
  const [left, right] = await Promise.all([
    crypto.subtle.digest("SHA-256", encoder.encode(a)),
    crypto.subtle.digest("SHA-256", encoder.encode(b)),
  ]);
  return crypto.subtle.timingSafeEqual(left, right);
}
