/**
 * Definition files on disk: paths walked into files, each read and parsed with the
 * server's own parser (src/definition/parse.ts), and sorted into jobs and actions.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join, relative } from "node:path";
import { ValidationError } from "../core/errors";
import { parseDocument } from "../definition";
import { UsageError } from "./errors";
import { createLocator, type Locator, type Position } from "./locate";

const DEFINITION_EXTENSIONS = new Set([".json", ".yaml", ".yml"]);
const SKIPPED_FOLDERS = new Set(["node_modules", ".git"]);

/** One parsed file. A document with `steps` is a job; any other is an action. */
export interface Source {
  /** As the user would type it: relative to the current folder. */
  file: string;
  kind: "job" | "action";
  /** The document's `name`, when it is a string. */
  name: string | undefined;
  value: unknown;
  locate: Locator;
}

/** A problem in a file, located for an editor. */
export interface Problem extends Position {
  file: string;
  path: string;
  message: string;
}

export interface LoadResult {
  sources: Source[];
  /** Files that do not parse. */
  problems: Problem[];
}

/**
 * Expands `paths` (files, and folders walked for .json/.yaml/.yml files, skipping
 * dot-folders and node_modules) and parses each file. A path that does not exist is a
 * usage error; a file that does not parse is a problem at the line the parser names.
 */
export function loadSources(paths: readonly string[]): LoadResult {
  const result: LoadResult = { sources: [], problems: [] };
  for (const file of expandPaths(paths)) {
    const text = readFileSync(file, "utf8");
    const shown = displayPath(file);
    try {
      const value = parseDocument(text, contentTypeOf(file));
      result.sources.push({
        file: shown,
        kind: isJob(value) ? "job" : "action",
        name: readName(value),
        value,
        locate: createLocator(text),
      });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      result.problems.push(...error.errors.map((issue) => parseProblem(shown, issue.message)));
    }
  }
  return result;
}

/** One JSON or YAML file given on the command line (a mock, an event body), parsed. */
export function readDocumentFile(file: string, option: string): unknown {
  if (statOrNull(file)?.isFile() !== true) throw new UsageError(`${option}: ${file}: no such file`);
  try {
    return parseDocument(readFileSync(file, "utf8"), contentTypeOf(file));
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    throw new UsageError(`${option}: ${file}: ${error.message}`);
  }
}

/** Every definition file under `paths`, each once, in a stable order. */
export function expandPaths(paths: readonly string[]): string[] {
  const files = new Set<string>();
  for (const path of paths) {
    const stats = statOrNull(path);
    if (stats === null) throw new UsageError(`${path}: no such file or folder`);
    if (stats.isDirectory()) for (const file of walk(path)) files.add(file);
    else files.add(path);
  }
  return [...files];
}

function walk(folder: string): string[] {
  const entries = readdirSync(folder, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  );
  return entries.flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      return entry.name.startsWith(".") || SKIPPED_FOLDERS.has(entry.name) ? [] : walk(path);
    }
    return entry.isFile() && DEFINITION_EXTENSIONS.has(extname(entry.name)) ? [path] : [];
  });
}

// Relative to the current folder when inside it, as given otherwise.
function displayPath(file: string): string {
  const shown = relative(process.cwd(), file);
  return shown === "" || shown.startsWith("..") ? file : shown;
}

function statOrNull(path: string) {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

function contentTypeOf(file: string): string | undefined {
  const extension = extname(file).toLowerCase();
  if (extension === ".json") return "application/json";
  if (extension === ".yaml" || extension === ".yml") return "application/yaml";
  return undefined;
}

function isJob(value: unknown): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value) && "steps" in value;
}

function readName(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const name = (value as { name?: unknown }).name;
  return typeof name === "string" ? name : undefined;
}

// The parser words its position into the message ("invalid YAML at line 3, column 5: ...").
function parseProblem(file: string, message: string): Problem {
  const match = /at line (\d+), column (\d+)/.exec(message);
  return {
    file,
    line: Number(match?.[1] ?? 1),
    col: Number(match?.[2] ?? 1),
    path: "",
    message,
  };
}
