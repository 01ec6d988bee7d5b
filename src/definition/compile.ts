/**
 * The compiler: a job definition (already parsed from JSON or YAML) to the IR the engine
 * runs. Every problem is collected, each with its path, so one save reports them all.
 */
import type { Issue } from "../core/errors";
import type { JsonObject } from "../core/json";
import { resolveNext, toCompiledStep } from "./compile-step";
import { checkDag } from "./dag";
import type { ActionSpec, CompiledJob, CompiledStep, StepGraph } from "./ir";
import { toIssues } from "./issues";
import { JobEnvelopeSchema, MAX_STEPS } from "./job-schema";
import { checkJobLimits } from "./limits";
import { checkParamsSchema } from "./params";
import { checkSchemaFlow } from "./schema-flow";
import { checkSequence } from "./sequence";
import { indexStepIds, parseStepEntries, type StepEntry } from "./step-entries";
import type { StepSource } from "./step-schema";

/** What a job may refer to: stored actions by name and registered handler names. */
export interface Catalog {
  actions: ReadonlyMap<string, ActionSpec>;
  handlers: ReadonlySet<string>;
}

export type CompileResult = { ok: true; job: CompiledJob } | { ok: false; errors: Issue[] };

/**
 * Validates and compiles a job. Checks the shape of the job and of each step on its own,
 * duplicate ids, references to steps, actions and handlers, templates and conditions, the
 * params schema, and the graph: in a sequence job every step must be reachable from the first
 * (a step without `next` goes to the following one; the last, `choice`, `succeed` and `fail`
 * steps have next null); a job where any step has `depends_on` is a DAG, which must be
 * acyclic and use neither `next`, `catch` nor `choice`. Typed steps: each `output_schema`
 * must satisfy the `input_schema` of the task it feeds (see checkSchemaFlow).
 */
export function compileJob(source: unknown, catalog: Catalog): CompileResult {
  const envelope = JobEnvelopeSchema.safeParse(source);
  const errors = envelope.success ? [] : toIssues(envelope.error.issues);
  const compiled = compileGraph(readRawSteps(source), catalog);
  errors.push(...compiled.errors);
  if (envelope.success && envelope.data.params !== undefined) {
    errors.push(...checkParamsSchema(envelope.data.params));
  }
  if (!envelope.success || !compiled.graph || errors.length > 0) {
    return { ok: false, errors: sortIssues(errors) };
  }
  const job = envelope.data;
  const compiledJob: CompiledJob = {
    name: job.name,
    ...compiled.graph,
    max_parallel: job.max_parallel,
    max_step_executions: job.max_step_executions,
    ...(job.description === undefined ? {} : { description: job.description }),
    ...(job.params === undefined ? {} : { params_schema: job.params as JsonObject }),
    ...(job.timeout === undefined ? {} : { timeout_ms: job.timeout }),
    ...(job.retention === undefined ? {} : { retention_ms: job.retention }),
    ...(job.retry === undefined ? {} : { retry: job.retry }),
    ...(job.concurrency === undefined ? {} : { concurrency: job.concurrency }),
  };
  const limits = checkJobLimits(compiledJob);
  return limits.length > 0 ? { ok: false, errors: limits } : { ok: true, job: compiledJob };
}

/**
 * Compiles one list of steps: a job's, a `parallel` branch's or a `map` body's. Issue paths
 * start at `steps.`; a child graph's issues are re-located under its parent step
 * (`steps.2.branches.0.1.next`, `steps.3.steps.0.id`). The graph is absent when any issue was found.
 */
export function compileGraph(
  rawSteps: readonly unknown[],
  catalog: Catalog,
): { graph?: StepGraph; errors: Issue[] } {
  const { entries, issues: stepIssues } = parseStepEntries(rawSteps);
  const { ids, issues: idIssues } = indexStepIds(entries);
  const isDag = entries.some((entry) => entry.hasDependencies);
  const errors = [...stepIssues, ...idIssues, ...checkCatalog(entries, catalog)];
  errors.push(...checkSaveAs(entries, ids));
  errors.push(...(isDag ? checkDag(entries, ids) : checkSequence(entries, ids)));
  const children = compileChildren(entries, catalog, errors);
  // Data flow is only worth checking on a graph that is otherwise sound.
  if (errors.length === 0) errors.push(...checkSchemaFlow(entries, catalog.actions, isDag));
  if (errors.length > 0) return { errors: sortIssues(errors) };
  const validSteps = entries.map((entry) => entry.step).filter((step) => step !== undefined);
  return {
    errors: [],
    graph: {
      mode: isDag ? "dag" : "sequence",
      start: validSteps[0]?.id ?? "",
      order: validSteps.map((step) => step.id),
      steps: compileSteps(validSteps, isDag, children),
    },
  };
}

/** Compiles the branches of `parallel` steps and the bodies of `map` steps, by step index. */
function compileChildren(
  entries: readonly StepEntry[],
  catalog: Catalog,
  errors: Issue[],
): Map<number, StepGraph[]> {
  const children = new Map<number, StepGraph[]>();
  for (const { step, index } of entries) {
    if (step?.type !== "parallel" && step?.type !== "map") continue;
    const lists = step.type === "parallel" ? step.branches : [step.steps];
    const base = (list: number) =>
      step.type === "parallel" ? `steps.${index}.branches.${list}.` : `steps.${index}.steps.`;
    const graphs = lists.map((raw, list) => {
      const compiled = compileGraph(raw, catalog);
      errors.push(...compiled.errors.map((issue) => rebase(issue, base(list))));
      return compiled.graph;
    });
    children.set(
      index,
      graphs.filter((graph) => graph !== undefined),
    );
  }
  return children;
}

function rebase(issue: Issue, base: string): Issue {
  const inner = issue.path.startsWith("steps.") ? issue.path.slice("steps.".length) : issue.path;
  return { ...issue, path: `${base}${inner}`.replace(/\.$/, "") };
}

function readRawSteps(source: unknown): unknown[] {
  if (typeof source !== "object" || source === null || !("steps" in source)) return [];
  const steps = source.steps;
  // Past the limit the envelope already reports it; don't spend time parsing thousands of steps.
  return Array.isArray(steps) && steps.length <= MAX_STEPS ? steps : [];
}

function checkCatalog(entries: readonly StepEntry[], catalog: Catalog): Issue[] {
  const issues: Issue[] = [];
  for (const { step, index } of entries) {
    if (step?.type !== "task") continue;
    if (step.action !== undefined && !catalog.actions.has(step.action)) {
      issues.push({
        path: `steps.${index}.action`,
        message: `action "${step.action}" does not exist`,
      });
    }
    if (step.handler !== undefined && !catalog.handlers.has(step.handler)) {
      issues.push({
        path: `steps.${index}.handler`,
        message: `handler "${step.handler}" does not exist`,
      });
    }
  }
  return issues;
}

// `output.<name>` holds both step ids and save_as names; one name must not mean two steps.
function checkSaveAs(entries: readonly StepEntry[], ids: ReadonlyMap<string, number>): Issue[] {
  const issues: Issue[] = [];
  for (const { step, index } of entries) {
    if (!step || !("save_as" in step) || step.save_as === undefined) continue;
    const owner = ids.get(step.save_as);
    if (owner !== undefined && owner !== index) {
      issues.push({
        path: `steps.${index}.save_as`,
        message: `"${step.save_as}" is the id of steps.${owner}; output.${step.save_as} would be ambiguous`,
      });
    }
  }
  return issues;
}

function compileSteps(
  steps: readonly StepSource[],
  isDag: boolean,
  children: ReadonlyMap<number, StepGraph[]>,
): Record<string, CompiledStep> {
  const compiled: Record<string, CompiledStep> = {};
  steps.forEach((step, index) => {
    const next = isDag ? null : resolveNext(step, steps[index + 1]?.id);
    compiled[step.id] = toCompiledStep(step, next, children.get(index));
  });
  return compiled;
}

// Issues come from several passes; grouping them by step (stable within a step) reads like
// the definition: job fields first, then each step in order.
function sortIssues(issues: Issue[]): Issue[] {
  const stepIndex = (path: string) => Number(/^steps\.(\d+)/.exec(path)?.[1] ?? -1);
  return [...issues].sort((a, b) => stepIndex(a.path) - stepIndex(b.path));
}
