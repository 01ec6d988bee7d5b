import type { Context } from "hono";
import { NotFoundError } from "../core/errors";
import type { AppEnv } from "./app-env";

/**
 * The page's own files only. Scalar inserts its stylesheet at run time, hence the inline
 * styles; scripts, fonts and requests (try-it-out included) stay on this origin.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/**
 * `GET /docs`: the API reference with try-it-out (Scalar, reading /openapi.json). The page
 * and Scalar's bundle are static assets laid out by scripts/build-ui.mjs under /ui/, so any
 * deployment serves them itself, even one without internet access.
 */
export async function serveDocsPage(c: Context<AppEnv>): Promise<Response> {
  const page = new URL("/ui/docs.html", c.req.url);
  const asset = await c.env.ASSETS.fetch(new Request(page, { headers: c.req.raw.headers }));
  if (asset.status === 404) throw new NotFoundError("The API reference page (npm run build:ui)");
  const response = new Response(asset.body, asset);
  response.headers.set("Content-Type", "text/html; charset=utf-8");
  response.headers.set("Cache-Control", "no-cache");
  response.headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
  response.headers.set("X-Content-Type-Options", "nosniff");
  return response;
}
