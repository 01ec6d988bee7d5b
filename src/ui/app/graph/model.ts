import type { CompiledStep, Status, Step, StepGraph, StepStatus } from "../types";

/**
 * The job's graph as the run page draws it: one node per step of the definition, a group
 * per `parallel` branch and one per `map` body. A map body is drawn once, whatever the
 * number of items; its nodes carry the counts of their instances (`each/*\/fetch`), so a
 * run of 1,000 items is as light to lay out as a run of one.
 */
export interface GraphNode {
  /** The step's instance id, with `*` for a map item's index: `each/*\/fetch`. */
  id: string;
  label: string;
  type: string;
  /** The group this node sits in (a branch or map body), if any. */
  group: string | null;
  status: Status;
  /** Instances per status, for nodes inside a map body (several instances each). */
  counts: Partial<Record<StepStatus, number>>;
}

export interface GraphGroup {
  id: string;
  label: string;
  parent: string | null;
}

export interface GraphEdge {
  from: string;
  to: string;
  kind: "next" | "choice" | "catch" | "depends" | "fan";
  label?: string;
}

export interface GraphModel {
  nodes: GraphNode[];
  groups: GraphGroup[];
  edges: GraphEdge[];
}

/** Which status wins when instances of one node differ: the one a reader must see first. */
const STATUS_PRIORITY: StepStatus[] = [
  "failed",
  "running",
  "waiting",
  "cancelled",
  "pending",
  "succeeded",
  "skipped",
];

/** `each/17/fetch` → `each/*\/fetch` when `each` is a map; parallel branch indexes stay. */
export function patternOf(graph: StepGraph, instance: string): string | null {
  const segments = instance.split("/");
  const out: string[] = [];
  let current: StepGraph | undefined = graph;
  for (let at = 0; at < segments.length; at += 2) {
    const id = segments[at] ?? "";
    const step: CompiledStep | undefined = current?.steps[id];
    if (!step) return null;
    out.push(id);
    const index = segments[at + 1];
    if (index === undefined) break;
    if (step.type === "map") {
      out.push("*");
      current = step.body;
    } else {
      out.push(index);
      current = step.branches?.[Number(index)];
    }
  }
  return out.join("/");
}

/** Counts step instances per node pattern and status. */
function countStatuses(graph: StepGraph, steps: readonly Step[]) {
  const counts = new Map<string, Partial<Record<StepStatus, number>>>();
  for (const step of steps) {
    const pattern = patternOf(graph, step.id);
    if (pattern === null) continue;
    const entry = counts.get(pattern) ?? {};
    entry[step.status] = (entry[step.status] ?? 0) + 1;
    counts.set(pattern, entry);
  }
  return counts;
}

function summarise(counts: Partial<Record<StepStatus, number>> | undefined): StepStatus {
  if (!counts) return "pending";
  return STATUS_PRIORITY.find((status) => (counts[status] ?? 0) > 0) ?? "pending";
}

/** The steps a step leads to in a sequence graph, with the kind of each edge. */
function successors(step: CompiledStep): Omit<GraphEdge, "from">[] {
  const out: Omit<GraphEdge, "from">[] = [];
  if (step.next !== null) out.push({ to: step.next, kind: "next" });
  for (const condition of step.conditions ?? [])
    out.push({ to: condition.next, kind: "choice", label: condition.if });
  if (step.default) out.push({ to: step.default, kind: "choice", label: "default" });
  for (const route of step.catch ?? [])
    out.push({ to: route.next, kind: "catch", label: `catch ${route.errors.join(", ")}` });
  return out;
}

/**
 * Builds the drawable model of `job` coloured by `steps` (GET /runs/{id}/steps). Edges
 * into a fan-out go to its node; the fan-out's node links to the first steps of each child
 * graph, and their last steps link on to the fan-out's successors.
 */
export function buildGraphModel(job: StepGraph, steps: readonly Step[]): GraphModel {
  const counts = countStatuses(job, steps);
  const model: GraphModel = { nodes: [], groups: [], edges: [] };

  /** Adds the graph's nodes and edges; returns its entry and exit node ids. */
  const addGraph = (graph: StepGraph, prefix: string, group: string | null) => {
    const id = (stepId: string) => `${prefix}${stepId}`;
    const internal: GraphEdge[] = [];
    const exitsOf = new Map<string, string[]>();
    for (const stepId of graph.order) {
      const step = graph.steps[stepId];
      if (!step) continue;
      const nodeId = id(stepId);
      const stepCounts = counts.get(nodeId);
      model.nodes.push({
        id: nodeId,
        label: stepId,
        type: step.type,
        group,
        status: summarise(stepCounts),
        counts: prefix.includes("*") ? (stepCounts ?? {}) : {},
      });
      exitsOf.set(nodeId, [nodeId]);
      const children =
        step.type === "map" && step.body
          ? [{ graph: step.body, key: "*", label: `each item of ${stepId}` }]
          : (step.branches ?? []).map((branch, index) => ({
              graph: branch,
              key: String(index),
              label: `${stepId} · branch ${index + 1}`,
            }));
      const childExits: string[] = [];
      for (const child of children) {
        const groupId = `${nodeId}/${child.key}/`;
        const items = child.key === "*" ? mapItemCount(steps, groupId) : null;
        model.groups.push({
          id: groupId,
          label: items === null ? child.label : `${child.label} (${items} items)`,
          parent: group,
        });
        const inner = addGraph(child.graph, groupId, groupId);
        for (const entry of inner.entries) internal.push({ from: nodeId, to: entry, kind: "fan" });
        childExits.push(...inner.exits);
      }
      if (childExits.length > 0) exitsOf.set(nodeId, childExits);
    }
    for (const stepId of graph.order) {
      const step = graph.steps[stepId];
      if (!step) continue;
      if (graph.mode === "dag") {
        for (const dependency of step.depends_on)
          for (const from of exitsOf.get(id(dependency)) ?? [])
            internal.push({ from, to: id(stepId), kind: "depends" });
      } else {
        for (const edge of successors(step)) {
          const froms = edge.kind === "catch" ? [id(stepId)] : (exitsOf.get(id(stepId)) ?? []);
          for (const from of froms) internal.push({ ...edge, from, to: id(edge.to) });
        }
      }
    }
    model.edges.push(...internal);
    const targets = new Set(internal.filter((e) => e.kind !== "fan").map((e) => e.to));
    const sources = new Set(internal.filter((e) => e.kind !== "catch").map((e) => e.from));
    const ids = graph.order.filter((stepId) => graph.steps[stepId]).map(id);
    const entries =
      graph.mode === "sequence" ? [id(graph.start)] : ids.filter((n) => !targets.has(n));
    const exits = ids.flatMap((n) => exitsOf.get(n) ?? []).filter((n) => !sources.has(n));
    return { entries, exits };
  };

  addGraph(job, "", null);
  return model;
}

/** How many items a map instance has started: distinct indexes under `each/`. */
function mapItemCount(steps: readonly Step[], groupPattern: string): number {
  const [before = "", after = ""] = groupPattern.split("*");
  const indexes = new Set<string>();
  for (const step of steps) {
    if (!step.id.startsWith(before)) continue;
    const index = step.id.slice(before.length).split("/")[0] ?? "";
    if (/^\d+$/.test(index) && step.id.slice(before.length + index.length).startsWith(after))
      indexes.add(index);
  }
  return indexes.size;
}
