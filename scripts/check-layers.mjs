// `npm run lint:layers`: the folders of src/ depend on each other in one direction.
//
// madge gives the file graph (type-only imports included: a type is a dependency too); each
// file counts as its top folder under src/ (a top-level file as itself: `index`, `env`).
// Three checks, each printed with the file imports that break it:
//   1. no cycle between folders (madge --circular only sees cycles between files);
//   2. a folder imports only its own folder and folders of lower layers (LAYERS below);
//   3. no file but src/index.ts (the wiring that hands the classes to the runtime) imports a
//      Durable Object class (a module with `extends DurableObject`): other code reaches an
//      object through its client in src/clients, so a new object is covered unlisted.
// The layers and why they are ordered so: src/ARCHITECTURE.md.
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

/** Bottom to top; a folder may import folders of strictly lower layers (and itself). */
export const LAYERS = [
  ["core", "env", "client"],
  ["access"],
  ["templates"],
  ["definition", "webhooks"],
  ["actions", "db"],
  ["clients"],
  ["engine", "schedule", "gates", "subscriptions", "operations"],
  ["api", "harness", "ui"],
  ["index", "cli"],
];

/** The wiring that hands every Durable Object class to the runtime. */
const WIRING = "index.ts";

/** `engine/driver.ts` -> `engine`; `index.ts` -> `index`. */
export function folderOf(file) {
  const [first, ...rest] = file.split("/");
  return rest.length > 0 ? first : first.replace(/\.[^.]+$/, "");
}

/** Folder-level edges, each with the file imports that make it. */
function folderEdges(graph) {
  const edges = new Map();
  for (const [file, imports] of Object.entries(graph)) {
    for (const target of imports) {
      const from = folderOf(file);
      const to = folderOf(target);
      if (from === to) continue;
      const key = `${from}\u0000${to}`;
      edges.set(key, [...(edges.get(key) ?? []), `${file} -> ${target}`]);
    }
  }
  return [...edges].map(([key, via]) => {
    const [from, to] = key.split("\u0000");
    return { from, to, via };
  });
}

/** Strongly connected components of more than one folder (Tarjan). */
function folderCycles(edges) {
  const next = new Map();
  for (const { from, to } of edges) next.set(from, [...(next.get(from) ?? []), to]);
  const index = new Map();
  const low = new Map();
  const stack = [];
  const cycles = [];
  const visit = (node) => {
    index.set(node, index.size);
    low.set(node, index.get(node));
    stack.push(node);
    for (const to of next.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node), low.get(to)));
      } else if (stack.includes(to)) {
        low.set(node, Math.min(low.get(node), index.get(to)));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component = stack.splice(stack.indexOf(node));
    if (component.length > 1) cycles.push(component.sort());
  };
  for (const node of [...next.keys()].sort()) if (!index.has(node)) visit(node);
  return cycles;
}

/**
 * Every broken rule of the folder graph, as printable lines (none: the layering holds).
 * `graph` maps each file (relative to src/) to the files it imports; `objectFiles` are the
 * files that declare a Durable Object class.
 */
export function checkLayers(graph, objectFiles, layers = LAYERS) {
  const problems = [];
  const edges = folderEdges(graph);
  for (const cycle of folderCycles(edges)) {
    problems.push(`folder cycle: ${cycle.join(" <-> ")}`);
    for (const edge of edges) {
      if (cycle.includes(edge.from) && cycle.includes(edge.to)) {
        problems.push(...edge.via.map((via) => `  ${via}`));
      }
    }
  }
  const layerOf = new Map(layers.flatMap((folders, at) => folders.map((f) => [f, at])));
  const folders = new Set(Object.keys(graph).map(folderOf));
  for (const folder of [...folders].sort()) {
    if (!layerOf.has(folder)) problems.push(`folder ${folder} has no layer: add it to LAYERS`);
  }
  for (const { from, to, via } of edges) {
    if (!layerOf.has(from) || !layerOf.has(to) || layerOf.get(to) < layerOf.get(from)) continue;
    problems.push(`layer: ${from} may not import ${to} (not a lower layer)`);
    problems.push(...via.map((line) => `  ${line}`));
  }
  const objects = new Set(objectFiles);
  for (const [file, imports] of Object.entries(graph)) {
    if (file === WIRING) continue;
    for (const target of imports.filter((target) => objects.has(target))) {
      problems.push(`Durable Object class imported (use its client): ${file} -> ${target}`);
    }
  }
  return problems;
}

/** The file graph of `root` and the files in it that declare a Durable Object class. */
export async function readGraph(root) {
  const { default: madge } = await import("madge");
  const result = await madge(root, { fileExtensions: ["ts", "tsx"] });
  const graph = result.obj();
  const objectFiles = Object.keys(graph).filter((file) =>
    /\bextends\s+DurableObject\b/.test(readFileSync(path.join(root, file), "utf8")),
  );
  return { graph, objectFiles };
}

async function main() {
  const root = process.argv[2] ?? "src";
  const { graph, objectFiles } = await readGraph(root);
  const problems = checkLayers(graph, objectFiles);
  if (problems.length > 0) {
    console.error(problems.join("\n"));
    console.error(`\n${root}: the layering is broken (see src/ARCHITECTURE.md)`);
    process.exit(1);
  }
  console.log(`${root}: ${Object.keys(graph).length} files, folders in layers, no cycle`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
