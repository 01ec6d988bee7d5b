import type { Context } from "hono";
import { z } from "zod";
import type { AppEnv } from "../api/app-env";
import { defineRoute } from "../api/define-route";
import { NotFoundError } from "../core/errors";

/** The page and its own files only: nothing may load from another origin. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** A dashboard file (`/ui/app-4F2K.js`) rather than a page of the client-side router. */
const ASSET_PATH = /^\/ui\/[^/]+\.[a-z0-9]+$/;

/**
 * The dashboard: `GET /` opens it, `/ui/<file>` are its bundled files (Workers static
 * assets, built by scripts/build-ui.mjs), and every other path under `/ui/` (and `/ui`
 * itself: hono's final `/*` matches the bare prefix too) is a page of its client-side
 * router, answered with the same index.html. Open routes: the page signs in, and what it
 * shows comes from the API.
 */
export const dashboardRoutes = [
  defineRoute({
    method: "get",
    path: "/",
    summary: "Opens the dashboard (redirects to /ui/)",
    tag: "dashboard",
    access: { scope: null },
    responses: { 302: { description: "To /ui/" } },
    handler: (c) => c.redirect("/ui/", 302),
  }),
  defineRoute({
    method: "get",
    path: "/ui/*",
    summary:
      "The dashboard: its bundled files, and its one HTML page for every other path (client-side routes such as /ui/runs/{id})",
    tag: "dashboard",
    access: { scope: null },
    responses: {
      200: {
        description: "The page, or one of its files (with that file's media type)",
        schema: z.string(),
        contentType: "text/html",
      },
      404: { description: "No such file" },
    },
    handler: serveDashboardFile,
  }),
];

async function serveDashboardFile(c: Context<AppEnv>): Promise<Response> {
  const url = new URL(c.req.url);
  const isAsset = ASSET_PATH.test(url.pathname) && url.pathname !== "/ui/index.html";
  const target = isAsset ? url : new URL("/ui/index.html", url);
  const asset = await c.env.ASSETS.fetch(new Request(target, { headers: c.req.raw.headers }));
  if (asset.status === 404) throw new NotFoundError(`Dashboard file ${url.pathname}`);
  const response = new Response(asset.body, asset);
  // Hashed file names never change content; the page itself must always be fresh.
  response.headers.set(
    "Cache-Control",
    isAsset ? "public, max-age=31536000, immutable" : "no-cache",
  );
  response.headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
  response.headers.set("X-Content-Type-Options", "nosniff");
  return response;
}
