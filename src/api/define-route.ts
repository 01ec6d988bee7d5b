import { type Context, Hono } from "hono";
import type { z } from "zod";
import type { AppEnv } from "./app-env";
import type { RouteDoc } from "./openapi";
import { readDocumentOr, validate } from "./validate";

/** What a route's handler gets besides the context: its body and query, already valid. */
export interface RouteInput<Body, Query> {
  body: Body;
  query: Query;
}

/**
 * One route, declared once: its method, path, schemas and response docs (a RouteDoc) and
 * its handler. The schemas are both the handler's validation and the OpenAPI document's
 * description, so the two cannot drift. Who may call it is in ROUTE_SCOPES.
 */
export interface RouteDefinition<Body extends z.ZodType, Query extends z.ZodObject>
  extends RouteDoc {
  body?: Body;
  query?: Query;
  /** What an empty body reads as before the schema judges it (default: `undefined`). */
  bodyDefault?: unknown;
  handler: (
    c: Context<AppEnv>,
    input: RouteInput<z.infer<Body>, z.infer<Query>>,
  ) => Response | Promise<Response>;
}

/** A declared route, its types erased so routes of different shapes share one array. */
export interface DefinedRoute {
  doc: RouteDoc;
  /** Registers the validating handler on `router`, its path relative to `prefix`. */
  register(router: Hono<AppEnv>, prefix: string): void;
}

export function defineRoute<
  Body extends z.ZodType = z.ZodUndefined,
  Query extends z.ZodObject = z.ZodObject<Record<string, never>>,
>(definition: RouteDefinition<Body, Query>): DefinedRoute {
  const { handler, bodyDefault, ...doc } = definition;
  return {
    doc,
    register(router, prefix) {
      router.on(doc.method.toUpperCase(), toHonoPath(doc.path, prefix), async (c) => {
        const query = doc.query ? validate(doc.query, c.req.query()) : {};
        const body = doc.body
          ? validate(doc.body, await readDocumentOr(c, bodyDefault))
          : undefined;
        return handler(c, { body, query } as RouteInput<z.infer<Body>, z.infer<Query>>);
      });
    },
  };
}

/** A sub-app serving `routes`, to mount at `prefix` (every route's path starts with it). */
export function routerOf(prefix: string, routes: readonly DefinedRoute[]): Hono<AppEnv> {
  const router = new Hono<AppEnv>();
  for (const route of routes) route.register(router, prefix);
  return router;
}

/** The OpenAPI descriptions of `routes`, in their order. */
export function docsOf(routes: readonly DefinedRoute[]): RouteDoc[] {
  return routes.map((route) => route.doc);
}

/** `/runs/{id}/cancel` under `/runs` is hono's `/:id/cancel`. */
function toHonoPath(path: string, prefix: string): string {
  if (!path.startsWith(prefix)) throw new Error(`route ${path} is not under ${prefix}`);
  const relative = path.slice(prefix.length) || "/";
  return relative.replace(/\{(\w+)\}/g, ":$1");
}
