// How src/client/api-types.ts (and the parts under src/client/api-types/) are made from the
// API's OpenAPI document: openapi-typescript, with zod's recursive JSON components as one
// alias, split into files under 400 lines, formatted by biome like the rest of the repo.
// Shared by `npm run client:generate` (which writes the files) and the contract suite
// (which checks the committed files are what the served document makes).
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import openapiTS, { astToString } from "openapi-typescript";
import ts from "typescript";

const ROOT = join(import.meta.dirname, "..");
/** The index importers name (`../client/api-types`): it re-exports the parts. */
export const CLIENT_TYPES_FILE = join(ROOT, "src", "client", "api-types.ts");
/** The generated parts: nothing else lives in this folder. */
export const CLIENT_TYPES_DIR = join(ROOT, "src", "client", "api-types");

/** No file in src/ is over 400 lines (the generated ones included). */
const MAX_LINES = 400;
/** Printed lines a part takes before the next part begins (formatting adds a few). */
const PART_BUDGET = 370;

const GENERATED = `/**
 * Generated from GET /openapi.json by openapi-typescript (scripts/client-types.mjs).
 * Do not edit: run \`npm run client:generate\`.
 */
`;
const INDEX_HEADER = `/**
 * The Cairn API's types, generated from GET /openapi.json by openapi-typescript and split
 * into the parts under api-types/ (scripts/client-types.mjs).
 * Do not edit: run \`npm run client:generate\`.
 */
`;
const JSON_VALUE = `/** Any JSON value: what the document's recursive \`z.json()\` components describe. */
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

/**
 * The files for `document`, by absolute path: the index, and the parts it re-exports. Each
 * of the three large interfaces (paths, operations, components' schemas) is cut between
 * members into interfaces of its own, one file each, that the original name extends, so it
 * has the same members. The imports point one way (paths -> operations -> components ->
 * json-value): a schema that refers to another reaches it through the type parameter `S`
 * of its part (the whole schemas interface), not by importing the file that joins them.
 */
export async function renderClientTypes(document) {
  const ast = await openapiTS(structuredClone(document), { transform });
  const top = topLevel(ast);
  const files = new Map();
  const add = (name, text) => files.set(join(CLIENT_TYPES_DIR, `${name}.ts`), text);
  add("json-value", GENERATED + JSON_VALUE);
  add("components", splitSchemas(top.get("components"), add));
  add("operations", splitInterface("operations", "Operations", top.get("operations"), add));
  add("paths", splitInterface("paths", "Paths", top.get("paths"), add));
  files.set(CLIENT_TYPES_FILE, renderIndex(top));
  return new Map([...files].map(([file, text]) => [file, formatChecked(file, text)]));
}

const EXPECTED = ["paths", "webhooks", "components", "$defs", "operations"];

/** openapi-typescript's statements by name; anything unexpected means this split needs a look. */
function topLevel(ast) {
  const names = ast.map((node) => node.name?.text);
  if (names.join() !== EXPECTED.join())
    throw new Error(`openapi-typescript wrote ${names.join(", ")}, not ${EXPECTED.join(", ")}`);
  return new Map(ast.map((node) => [node.name.text, node]));
}

function renderIndex(top) {
  // In the order biome's import sorting keeps.
  const reexports = [
    'export type { components } from "./api-types/components";',
    'export type { JsonValue } from "./api-types/json-value";',
    'export type { operations } from "./api-types/operations";',
    'export type { paths } from "./api-types/paths";',
  ];
  return `${INDEX_HEADER}\n${reexports.join("\n")}\n${astToString([top.get("webhooks"), top.get("$defs")])}`;
}

/** `name` as parts `<Part>1`, `<Part>2`...; writes each with `add` and answers the joining file. */
function splitInterface(name, part, node, add) {
  const render = (partName, members) =>
    renderPart(partName, "", astToString(members), usedNames(members));
  return joiningFile(
    `export interface ${name}`,
    "",
    addParts(node.members, part, name, render, add),
  );
}

/**
 * components: its \`schemas\` as parts generic over the whole schemas interface (a schema's
 * reference \`components["schemas"]["X"]\` becomes \`S["X"]\`), the other members as written.
 */
function splitSchemas(node, add) {
  const schemas = node.members.find((member) => member.name.text === "schemas");
  const render = (partName, members) => {
    const body = astToString(members).replaceAll('components["schemas"]', "S");
    if (body.includes("components[")) throw new Error(`${partName}: a reference outside schemas`);
    const used = [...new Set([...body.matchAll(/\bS\["([^"]+)"\]/g)].map((match) => match[1]))];
    const param =
      used.length === 0 ? "" : `<S extends Record<${used.map(quote).join(" | ")}, unknown>>`;
    const imported = usedNames(members);
    imported.delete("components");
    return renderPart(partName, param, body, imported);
  };
  const parts = addParts(schemas.type.members, "Schemas", "schemas", render, add);
  const others = node.members.filter((member) => member !== schemas);
  return `${joiningFile("export interface Schemas", "<Schemas>", parts)}
export interface components {
  schemas: Schemas;
  ${astToString(others)}
}
`;
}

/** Cuts `members` into parts that fit, writes each (`<file>-<n>.ts`) and answers their names. */
function addParts(members, part, file, render, add) {
  return fitRuns(members, (run) => render(part, run)).map((run, at) => {
    const names = { partName: `${part}${at + 1}`, file: `${file}-${at + 1}` };
    add(names.file, render(names.partName, run));
    return names;
  });
}

/**
 * Members in order, in runs of about PART_BUDGET printed lines; a run whose formatted text
 * is still over MAX_LINES (biome wraps long unions) is cut in two until it fits.
 */
function fitRuns(members, render) {
  const runs = [];
  const pending = chunk(members);
  while (pending.length > 0) {
    const run = pending.shift();
    if (run.length > 1 && lineCount(format(render(run))) > MAX_LINES) {
      const half = Math.ceil(run.length / 2);
      pending.unshift(run.slice(0, half), run.slice(half));
    } else runs.push(run);
  }
  return runs;
}

/** The file that joins `parts` into one interface (`typeArgument`: what each part is given). */
function joiningFile(declaration, typeArgument, parts) {
  const imports = parts.map(
    ({ partName, file }) => `import type { ${partName} } from "./${file}";`,
  );
  const bases = parts.map(({ partName }) => partName + typeArgument).join(", ");
  return `${GENERATED}${imports.join("\n")}\n\n${declaration} extends ${bases} {}\n`;
}

/** The modules a part's types come from, in the one direction they may point. */
const SOURCES = {
  operations: "./operations",
  components: "./components",
  JsonValue: "./json-value",
};

function renderPart(partName, param, body, imported) {
  const imports = Object.entries(SOURCES)
    .filter(([typeName]) => imported.has(typeName))
    .map(([typeName, from]) => `import type { ${typeName} } from "${from}";`);
  const head = imports.length === 0 ? "" : `${imports.join("\n")}\n\n`;
  return `${GENERATED}${head}export interface ${partName}${param} {\n${body}\n}\n`;
}

/** The type names `nodes` refer to (TypeReference identifiers). */
function usedNames(nodes) {
  const names = new Set();
  const visit = (node) => {
    if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName))
      names.add(node.typeName.text);
    ts.forEachChild(node, visit);
  };
  for (const node of nodes) visit(node);
  return names;
}

/** Members in order, cut into runs of about PART_BUDGET printed lines (one member at least). */
function chunk(members) {
  const runs = [];
  let run = [];
  let lines = 0;
  for (const member of members) {
    const size = astToString(member).split("\n").length;
    if (run.length > 0 && lines + size > PART_BUDGET) {
      runs.push(run);
      run = [];
      lines = 0;
    }
    run.push(member);
    lines += size;
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

const quote = (text) => JSON.stringify(text);

/** `text` as biome formats a TypeScript file. */
function format(text) {
  const formatted = spawnSync(
    join(ROOT, "node_modules", ".bin", "biome"),
    ["format", `--stdin-file-path=${CLIENT_TYPES_FILE}`],
    { input: text, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
  );
  if (formatted.status !== 0) throw new Error(`biome format failed: ${formatted.stderr}`);
  return formatted.stdout;
}

const lineCount = (text) => text.split("\n").length - 1;

/** Formats `file`'s text, refusing a result over MAX_LINES (one member too large to cut between). */
function formatChecked(file, text) {
  const formatted = format(text);
  if (lineCount(formatted) > MAX_LINES)
    throw new Error(`${file} would be ${lineCount(formatted)} lines: a member too large to cut`);
  return formatted;
}
