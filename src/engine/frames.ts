import type { CompiledJob, CompiledStep, MapStep, ParallelStep, StepGraph } from "../definition/ir";

/**
 * Step instances and frames. A step of the job is its own instance (`fetch`); a step inside
 * a `parallel` branch or a `map` item is an instance under that child's frame
 * (`fan/1/fetch`, `each/17/fetch`, nested as deep as the definition nests). Step ids cannot
 * contain `/`, so an instance id names exactly one place in the plan.
 */

export type FanOutStep = ParallelStep | MapStep;

export interface Located {
  step: CompiledStep;
  /** The graph the instance belongs to: the job, a branch or a map body. */
  graph: StepGraph;
  /** Prefix of every instance in that graph: "" for the job, `fan/1/` for a branch. */
  frame: string;
  /** The step's id inside its graph. */
  id: string;
}

const located = new WeakMap<CompiledJob, Map<string, Located | null>>();

/** Finds the definition of a step instance; null when the plan has no such place. */
export function locate(job: CompiledJob, instance: string): Located | null {
  let cache = located.get(job);
  if (!cache) {
    cache = new Map();
    located.set(job, cache);
  }
  const cached = cache.get(instance);
  if (cached !== undefined) return cached;
  const found = walk(job, instance.split("/"));
  cache.set(instance, found);
  return found;
}

function walk(job: CompiledJob, segments: readonly string[]): Located | null {
  let graph: StepGraph = job;
  let frame = "";
  for (let at = 0; at + 2 < segments.length; at += 2) {
    const parent = graph.steps[segments[at] ?? ""];
    const child = parent && isFanOut(parent) ? childGraph(parent, Number(segments[at + 1])) : null;
    if (!child) return null;
    graph = child;
    frame += `${segments[at]}/${segments[at + 1]}/`;
  }
  const id = segments.at(-1) ?? "";
  const step = segments.length % 2 === 1 ? graph.steps[id] : undefined;
  return step ? { step, graph, frame, id } : null;
}

export function isFanOut(step: CompiledStep): step is FanOutStep {
  return step.type === "parallel" || step.type === "map";
}

/** The graph a fan-out step runs as its `index`-th child: a branch, or the map body. */
export function childGraph(step: FanOutStep, index: number): StepGraph | null {
  if (!Number.isInteger(index) || index < 0) return null;
  return step.type === "parallel" ? (step.branches[index] ?? null) : step.body;
}

export function childFrame(parent: string, index: number): string {
  return `${parent}/${index}/`;
}

/** The fan-out instance and child index a frame belongs to; null for the job's own frame. */
export function parentOfFrame(frame: string): { parent: string; index: number } | null {
  const match = /^(.*)\/(\d+)\/$/.exec(frame);
  return match ? { parent: match[1] ?? "", index: Number(match[2]) } : null;
}

/** Every frame enclosing `frame`, outermost first, the job's own ("") included. */
export function framesAround(frame: string): string[] {
  const frames = [""];
  const segments = frame.split("/").filter(Boolean);
  for (let at = 2; at <= segments.length; at += 2)
    frames.push(`${segments.slice(0, at).join("/")}/`);
  return frames;
}

/** Steps that can run as soon as their graph starts. */
export function initialSteps(graph: StepGraph): string[] {
  if (graph.mode === "sequence") return [graph.start];
  return graph.order.filter((id) => (graph.steps[id]?.depends_on.length ?? 0) === 0);
}

/**
 * The map item a frame runs in: the innermost enclosing frame that is a `map`'s child (a
 * branch of a `parallel` inside a map body is still in that item). Null outside any map.
 */
export function nearestMapItem(
  job: CompiledJob,
  frame: string,
): { parent: string; index: number } | null {
  const frames = framesAround(frame);
  for (let at = frames.length - 1; at > 0; at -= 1) {
    const child = parentOfFrame(frames[at] ?? "");
    if (child && locate(job, child.parent)?.step.type === "map") return child;
  }
  return null;
}

/**
 * Orders step instances by their path in the definition: a step before the instances under
 * it, steps of a graph in definition order, children of a fan-out by index (2 before 10).
 */
export function compareInstances(job: CompiledJob, a: string, b: string): number {
  const [left, right] = [pathKey(job, a), pathKey(job, b)];
  for (let at = 0; at < Math.min(left.length, right.length); at += 1) {
    const diff = (left[at] ?? 0) - (right[at] ?? 0);
    if (diff !== 0) return diff;
  }
  return left.length - right.length || a.localeCompare(b);
}

/** `each/10/fetch` -> [position of each, 10, position of fetch in the map body]. */
function pathKey(job: CompiledJob, instance: string): number[] {
  const segments = instance.split("/");
  const key: number[] = [];
  let graph: StepGraph | null = job;
  for (let at = 0; at < segments.length && graph; at += 2) {
    const id = segments[at] ?? "";
    key.push(graph.order.indexOf(id));
    const index = segments[at + 1];
    if (index === undefined) break;
    key.push(Number(index));
    const step: CompiledStep | undefined = graph.steps[id];
    graph = step && isFanOut(step) ? childGraph(step, Number(index)) : null;
  }
  return key;
}

/** The graph whose instances live in `frame`: the job for "", else a branch or a map body. */
export function graphOfFrame(job: CompiledJob, frame: string): StepGraph | null {
  const child = parentOfFrame(frame);
  if (!child) return job;
  const parent = locate(job, child.parent)?.step;
  return parent && isFanOut(parent) ? childGraph(parent, child.index) : null;
}
