import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { z } from "zod";
import { SCOPES, type Scope } from "../access/scopes";
import { ForbiddenError, UnauthorizedError } from "../core/errors";
import type { Env } from "../env";
import type { AppEnv } from "./app-env";
import { defineRoute } from "./define-route";
import { resolvePrincipal } from "./principal";
import {
  openSession,
  SESSION_COOKIE,
  SESSION_TTL_MS,
  type SealedSession,
  sealSession,
} from "./session-cookie";
import { readDocument, validate } from "./validate";

const SignInSchema = z.strictObject({
  credential: z.string().min(1).max(1024).describe("The API token or an API key"),
});

const SessionViewSchema = z.object({
  signed_in: z.boolean(),
  scopes: z.array(z.enum(SCOPES)).describe("Empty when not signed in"),
  expires_at: z.iso.datetime().nullable(),
});
type SessionView = z.infer<typeof SessionViewSchema>;

const SIGNED_OUT: SessionView = { signed_in: false, scopes: [], expires_at: null };

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
/** What a session may do is never cached: it changes at sign-in, sign-out and revocation. */
const NO_STORE = { "Cache-Control": "no-store" };

/**
 * The scopes a credential grants, or null when it grants nothing (unknown, revoked or
 * expired): resolved exactly as a bearer token is, so the session can never do more.
 */
export async function credentialScopes(env: Env, credential: string): Promise<Scope[] | null> {
  const principal = await resolvePrincipal(env, credential);
  return principal ? [...principal.scopes] : null;
}

/**
 * The credential carried by the session cookie, or null without a (valid, unexpired) one.
 * A state-changing request that carries the cookie must come from this origin: browsers
 * attach cookies to cross-site form posts, bearer tokens they never attach (403 otherwise).
 */
export async function readSessionCredential(c: Context<AppEnv>): Promise<string | null> {
  const session = await readSession(c);
  if (session === null) return null;
  requireSameOrigin(c);
  return session.credential;
}

async function readSession(c: Context<AppEnv>): Promise<SealedSession | null> {
  const value = getCookie(c, SESSION_COOKIE);
  const token = c.env.API_TOKEN;
  if (value === undefined || !token) return null;
  return openSession(token, value, Date.now());
}

function requireSameOrigin(c: Context<AppEnv>): void {
  if (SAFE_METHODS.has(c.req.method)) return;
  const origin = c.req.header("Origin");
  if (origin !== new URL(c.req.url).origin) {
    throw new ForbiddenError(
      `A request signed in with the dashboard's cookie must come from its own origin (Origin: ${origin ?? "absent"})`,
    );
  }
}

function cookieOptions(c: Context<AppEnv>, maxAgeSeconds: number) {
  return {
    path: "/",
    httpOnly: true,
    sameSite: "Strict",
    secure: new URL(c.req.url).protocol === "https:",
    maxAge: maxAgeSeconds,
  } as const;
}

/** What a session may do; a key revoked since sign-in reads as signed out. */
async function describeSession(env: Env, session: SealedSession | null): Promise<SessionView> {
  const scopes = session && (await credentialScopes(env, session.credential));
  if (!session || !scopes) return SIGNED_OUT;
  return { signed_in: true, scopes, expires_at: new Date(session.expires_at).toISOString() };
}

/**
 * `/ui/session`: sign in (POST), what the session may do (GET), sign out (DELETE). These
 * routes are open and authenticate on their own: signing in is how a credential arrives.
 */
export const sessionRoutes = [
  defineRoute({
    method: "post",
    path: "/ui/session",
    summary:
      "Sign the dashboard in: sets an HttpOnly, SameSite=Strict session cookie (12 hours) that the API accepts like the bearer token",
    tag: "dashboard",
    access: { scope: null },
    // Read after the Origin check: a cross-site post learns nothing about its body.
    ownBody: SignInSchema,
    responses: {
      201: { description: "Signed in", schema: SessionViewSchema },
      400: { description: "No credential given" },
      401: { description: "The token or API key is not valid" },
      403: { description: "Origin is not this server's" },
    },
    handler: async (c) => {
      requireSameOrigin(c);
      const { credential } = validate(SignInSchema, await readDocument(c));
      const token = c.env.API_TOKEN;
      if (!token)
        throw new UnauthorizedError("The API token (API_TOKEN) is not configured on this server");
      if ((await credentialScopes(c.env, credential)) === null)
        throw new UnauthorizedError("The token or API key is not valid");
      const session = { credential, expires_at: Date.now() + SESSION_TTL_MS };
      const sealed = await sealSession(token, credential, session.expires_at);
      setCookie(c, SESSION_COOKIE, sealed, cookieOptions(c, SESSION_TTL_MS / 1000));
      return c.json(await describeSession(c.env, session), 201, NO_STORE);
    },
  }),
  defineRoute({
    method: "get",
    path: "/ui/session",
    summary: "What the dashboard's session may do",
    tag: "dashboard",
    access: { scope: null },
    responses: {
      200: {
        description: "The session (signed_in false without a valid, unexpired one)",
        schema: SessionViewSchema,
      },
    },
    // Not signed in is an answer, not an error: the page asks before it shows anything.
    handler: async (c) => c.json(await describeSession(c.env, await readSession(c)), 200, NO_STORE),
  }),
  defineRoute({
    method: "delete",
    path: "/ui/session",
    summary: "Sign the dashboard out (clears the cookie)",
    tag: "dashboard",
    access: { scope: null },
    responses: {
      204: { description: "Signed out" },
      403: { description: "Origin is not this server's" },
    },
    handler: (c) => {
      requireSameOrigin(c);
      deleteCookie(c, SESSION_COOKIE, cookieOptions(c, 0));
      return c.body(null, 204);
    },
  }),
];
