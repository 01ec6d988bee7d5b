import type { CompiledStep, MapStep, ParallelStep, StepGraph } from "./ir";

/**
 * The one way to walk a compiled graph: every step of the job, of each `parallel` branch and
 * of each `map` body, at any depth, in definition order (a fan-out step before its children).
 * Whatever collects or checks steps (the action snapshot of a run, job calls, save-time
 * limits) goes through here, so a step nested in a branch or a body is never missed.
 */
export interface StepVisit {
  step: CompiledStep;
  /** Where the step is written: `steps.2`, `steps.2.branches.0.1`, `steps.3.steps.0`. */
  path: string;
  /** The fan-out steps around it, outermost first (empty at the top of the job). */
  enclosing: readonly (ParallelStep | MapStep)[];
}

export function walkSteps(graph: StepGraph, visit: (at: StepVisit) => void): void {
  walkGraph(graph, "steps.", [], visit);
}

/** Every step of the graph, nested ones included, as `walkSteps` visits them. */
export function allSteps(graph: StepGraph): StepVisit[] {
  const visits: StepVisit[] = [];
  walkSteps(graph, (at) => visits.push(at));
  return visits;
}

function walkGraph(
  graph: StepGraph,
  base: string,
  enclosing: readonly (ParallelStep | MapStep)[],
  visit: (at: StepVisit) => void,
): void {
  graph.order.forEach((id, index) => {
    const step = graph.steps[id];
    if (!step) return;
    const path = `${base}${index}`;
    visit({ step, path, enclosing });
    if (step.type === "parallel") {
      step.branches.forEach((branch, b) => {
        walkGraph(branch, `${path}.branches.${b}.`, [...enclosing, step], visit);
      });
    } else if (step.type === "map") {
      walkGraph(step.body, `${path}.steps.`, [...enclosing, step], visit);
    }
  });
}

/** The names of the stored actions a graph's tasks use, at any depth. */
export function namedActions(graph: StepGraph): Set<string> {
  const names = new Set<string>();
  walkSteps(graph, ({ step }) => {
    if (step.type === "task" && step.action.kind === "named") names.add(step.action.name);
  });
  return names;
}
