// Regenerates src/client/api-types.ts from the API's own OpenAPI document, as served by
// `GET /openapi.json`: a throwaway `wrangler dev` on a free port is started, asked, and
// killed. Run with `npm run client:generate` after changing a route or its schemas.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import openapiTS, { astToString } from "openapi-typescript";
import ts from "typescript";
import { buildWorker, startWrangler } from "../test/e2e/wrangler.mjs";

const ROOT = join(import.meta.dirname, "..");
const OUT = join(ROOT, "src", "client", "api-types.ts");
const HEADER = `/**
 * The Cairn API's types, generated from GET /openapi.json by openapi-typescript.
 * Do not edit: run \`npm run client:generate\`.
 */

/** Any JSON value: what the document's recursive \`z.json()\` components describe. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
`;
const JSON_VALUE_TYPES = ["string", "number", "boolean", "null", "array", "object"];

/**
 * Whether a component is zod's \`z.json()\`: an anyOf of the six JSON types whose array items
 * and object values refer back to the component itself. openapi-typescript writes such a
 * component as an interface member that indexes itself, which tsc rejects (TS2502), so
 * these are emitted as the recursive type alias JsonValue instead.
 */
function isRecursiveJsonValue(schema, path) {
  const variants = schema?.anyOf;
  if (!Array.isArray(variants) || variants.length !== JSON_VALUE_TYPES.length) return false;
  const types = variants.map((variant) => variant.type);
  if (JSON_VALUE_TYPES.some((type) => !types.includes(type))) return false;
  const array = variants.find((variant) => variant.type === "array");
  const object = variants.find((variant) => variant.type === "object");
  return array?.items?.$ref === path && object?.additionalProperties?.$ref === path;
}

function transform(schema, { path }) {
  if (!isRecursiveJsonValue(schema, path)) return undefined;
  return ts.factory.createTypeReferenceNode("JsonValue");
}

const tempDir = mkdtempSync(join(tmpdir(), "cairn-openapi-"));
const log = [];
let wrangler = null;
try {
  const script = buildWorker(join(tempDir, "dist"));
  wrangler = await startWrangler({
    script,
    persistDir: join(tempDir, "state"),
    token: randomBytes(16).toString("hex"),
    log,
  });
  const res = await fetch(`${wrangler.url}/openapi.json`);
  if (!res.ok) throw new Error(`GET /openapi.json answered ${res.status}`);
  const ast = await openapiTS(await res.json(), { transform });
  writeFileSync(OUT, HEADER + astToString(ast));
  // Checked in and linted like the rest: written in the repo's own format.
  spawnSync(join(ROOT, "node_modules", ".bin", "biome"), ["format", "--write", OUT], {
    stdio: "inherit",
  });
  console.log(`wrote ${OUT}`);
} catch (error) {
  console.error(log.slice(-30).join("\n"));
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await wrangler?.kill();
  rmSync(tempDir, { recursive: true, force: true });
}
