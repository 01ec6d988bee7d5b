// How src/client/api-types.ts is made from the API's OpenAPI document: openapi-typescript,
// with zod's recursive JSON components as one alias, formatted by biome like the rest of
// the repo. Shared by `npm run client:generate` (which writes the file) and the contract
// suite (which checks the committed file is what the served document makes).
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import openapiTS, { astToString } from "openapi-typescript";
import ts from "typescript";

const ROOT = join(import.meta.dirname, "..");
export const CLIENT_TYPES_FILE = join(ROOT, "src", "client", "api-types.ts");
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

/** The text of src/client/api-types.ts for `document`. */
export async function renderClientTypes(document) {
  const ast = await openapiTS(structuredClone(document), { transform });
  const source = HEADER + astToString(ast);
  const formatted = spawnSync(
    join(ROOT, "node_modules", ".bin", "biome"),
    ["format", `--stdin-file-path=${CLIENT_TYPES_FILE}`],
    { input: source, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
  );
  if (formatted.status !== 0) throw new Error(`biome format failed: ${formatted.stderr}`);
  return formatted.stdout;
}
