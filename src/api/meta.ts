import { z } from "zod";
import { defineRoute } from "./define-route";
import { serveDocsPage } from "./docs-page";
import { buildOpenApi, type RouteDoc } from "./openapi";

const OpenApiDocumentSchema = z.looseObject({
  openapi: z.string(),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.looseObject({})),
});

/**
 * Health, the OpenAPI document and the API reference page, all open. The document
 * describes every route, these included, so it takes the list it reads (`readDocs`, read
 * per request) from the one that lists them all (src/api/routes.ts).
 */
export function metaRoutes(readDocs: () => readonly RouteDoc[]) {
  return [
    defineRoute({
      method: "get",
      path: "/health",
      summary: "Liveness check",
      tag: "meta",
      access: { scope: null },
      responses: {
        200: { description: "The Worker is up", schema: z.object({ ok: z.literal(true) }) },
      },
      handler: (c) => c.json({ ok: true }),
    }),
    defineRoute({
      method: "get",
      path: "/openapi.json",
      summary: "This API as an OpenAPI 3.1 document",
      tag: "meta",
      access: { scope: null },
      responses: { 200: { description: "The OpenAPI document", schema: OpenApiDocumentSchema } },
      handler: (c) => c.json(buildOpenApi(readDocs(), new URL(c.req.url).origin)),
    }),
    defineRoute({
      method: "get",
      path: "/docs",
      summary: "This API as a browsable HTML page",
      tag: "meta",
      access: { scope: null },
      responses: {
        200: { description: "HTML documentation", schema: z.string(), contentType: "text/html" },
      },
      handler: serveDocsPage,
    }),
  ];
}
