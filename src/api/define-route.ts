import { type Context, Hono } from "hono";
import type { z } from "zod";
import type { AppEnv } from "./app-env";
import type { RouteDoc } from "./openapi";
import type { RouteScope } from "./route-access";
import { readDocumentOr, validate } from "./validate";

/** The `{…}` names of an OpenAPI path: `/runs/{id}/events/{name}` → `"id" | "name"`. */
type PathParamNames<Path extends string> = Path extends `${string}{${infer Name}}${infer Rest}`
  ? Name | PathParamNames<Rest>
  : never;

/** A path's parameters by name, decoded as the router read them. */
export type PathParams<Path extends string> = { [Name in PathParamNames<Path>]: string };

/** What a route's handler gets besides the context: its path parameters, body and query, valid. */
export interface RouteInput<Path extends string, Body, Query> {
  params: PathParams<Path>;
  body: Body;
  query: Query;
}

/**
 * One route, declared once: its method, path, who may call it (`access`), its schemas and
 * response docs, and its handler. The schemas are both the handler's validation and the
 * OpenAPI document's description, and `access` is both the auth middleware's rule and the
 * document's security and 401/403/429 answers, so none of them can drift.
 */
export interface RouteDefinition<
  Path extends string,
  Body extends z.ZodType,
  Query extends z.ZodObject,
> extends Omit<RouteDoc, "path" | "body" | "query"> {
  path: Path;
  /** The body, read as JSON or YAML (readDocument) and checked before the handler runs. */
  body?: Body;
  /** What an empty body reads as before `body` judges it (default: `undefined`). */
  bodyDefault?: unknown;
  /**
   * A body the handler reads itself (raw bytes, or a document a parser of its own checks,
   * or one checked only after a guard of its own): documented here, not read.
   */
  ownBody?: z.ZodType;
  /** The largest body it takes, refused with 413 before any handler (default 64 KiB). */
  maxBodyBytes?: number;
  query?: Query;
  /** What `query` judges (default: the query string, each parameter once). */
  readQuery?: (c: Context<AppEnv>) => unknown;
  handler: (
    c: Context<AppEnv>,
    input: RouteInput<Path, z.infer<Body>, z.infer<Query>>,
  ) => Response | Promise<Response>;
}

/** A declared route, its types erased so routes of different shapes share one array. */
export interface DefinedRoute {
  doc: RouteDoc;
  /** Its rule, as the auth, rate-limit and body-limit middleware read it. */
  rule: RouteScope;
  /** Registers the validating handler on `router`, its path relative to `prefix`. */
  register(router: Hono<AppEnv>, prefix: string): void;
}

export function defineRoute<
  Path extends string,
  Body extends z.ZodType = z.ZodUndefined,
  Query extends z.ZodObject = z.ZodObject<Record<string, never>>,
>(definition: RouteDefinition<Path, Body, Query>): DefinedRoute {
  const { handler, bodyDefault, ownBody, readQuery, body, maxBodyBytes, ...rest } = definition;
  const doc: RouteDoc = { ...rest, ...((body ?? ownBody) && { body: body ?? ownBody }) };
  return {
    doc,
    rule: {
      method: doc.method,
      path: doc.path,
      ...doc.access,
      ...(maxBodyBytes && { maxBodyBytes }),
    },
    register(router, prefix) {
      router.on(doc.method.toUpperCase(), toHonoPath(doc.path, prefix), async (c) => {
        const query = doc.query ? validate(doc.query, readQuery?.(c) ?? c.req.query()) : {};
        const parsed = body ? validate(body, await readDocumentOr(c, bodyDefault)) : undefined;
        return handler(c, {
          params: c.req.param() as PathParams<Path>,
          body: parsed,
          query,
        } as RouteInput<Path, z.infer<Body>, z.infer<Query>>);
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
