/**
 * Offline validation with the server's own compiler: actions with parseAction, jobs with
 * compileJob against the actions found alongside them (and, for apply, those the server
 * already has), handlers against the registry compiled into this checkout.
 */
import { handlerNames } from "../actions/handlers";
import type { Issue } from "../core/errors";
import { compileJob, parseAction } from "../definition";
import type { ActionSpec, CompiledJob, NamedAction } from "../definition/ir";
import type { Problem, Source } from "./sources";

export interface CheckResult {
  problems: Problem[];
  /** The actions the files define, compiled, by name (only the valid ones). */
  actions: Map<string, ActionSpec>;
  /** The jobs the files define, compiled, by name (only the valid ones). */
  jobs: Map<string, CompiledJob>;
}

/**
 * Checks every source. `storedActions` are actions as written that exist elsewhere (on the
 * server, by name); an action file of the same name takes precedence over them.
 */
export function checkSources(
  sources: readonly Source[],
  storedActions: ReadonlyMap<string, unknown> = new Map(),
): CheckResult {
  const problems = checkDuplicates(sources);
  const handlers = handlerNames();
  const knownActions = compileStored(storedActions);
  const actions = new Map<string, ActionSpec>();
  for (const source of sources.filter((s) => s.kind === "action")) {
    const parsed = parseAction(source.value);
    if (!parsed.ok) {
      problems.push(...locate(source, parsed.errors));
      continue;
    }
    if (parsed.action.type === "handler" && !handlers.has(parsed.action.handler)) {
      problems.push(
        ...locate(source, [
          { path: "handler", message: `no handler named ${parsed.action.handler} is registered` },
        ]),
      );
      continue;
    }
    actions.set(parsed.action.name, toSpec(parsed.action));
  }
  const catalog = { actions: new Map([...knownActions, ...actions]), handlers };
  const jobs = new Map<string, CompiledJob>();
  for (const source of sources.filter((s) => s.kind === "job")) {
    const compiled = compileJob(source.value, catalog);
    if (compiled.ok) jobs.set(compiled.job.name, compiled.job);
    else problems.push(...locate(source, compiled.errors));
  }
  return { problems: sortProblems(problems), actions, jobs };
}

/** `<file>:<line>:<col>: <field path>: <message>`, as compilers and editors expect. */
export function formatProblem(problem: Problem): string {
  const path = problem.path === "" ? "(document)" : problem.path;
  return `${problem.file}:${problem.line}:${problem.col}: ${path}: ${problem.message}`;
}

// Two files defining one name would make apply's result depend on the order of files.
function checkDuplicates(sources: readonly Source[]): Problem[] {
  const seen = new Map<string, Source>();
  const problems: Problem[] = [];
  for (const source of sources) {
    if (source.name === undefined) continue;
    const key = `${source.kind}:${source.name}`;
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, source);
      continue;
    }
    const message = `${source.kind} ${source.name} is also defined in ${first.file}`;
    problems.push(...locate(source, [{ path: "name", message }]));
  }
  return problems;
}

function locate(source: Source, issues: readonly Issue[]): Problem[] {
  return issues.map((issue) => ({ file: source.file, ...source.locate(issue.path), ...issue }));
}

// As the server's catalog does: a stored action that no longer validates is left out.
function compileStored(stored: ReadonlyMap<string, unknown>): Map<string, ActionSpec> {
  const specs = new Map<string, ActionSpec>();
  for (const [name, written] of stored) {
    const parsed = parseAction(written);
    if (parsed.ok) specs.set(name, toSpec(parsed.action));
  }
  return specs;
}

// The catalog holds what a job step may call: the action without its catalog-only fields.
export function toSpec(action: NamedAction): ActionSpec {
  const { name: _name, description: _description, ...spec } = action;
  return spec as ActionSpec;
}

function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col,
  );
}
