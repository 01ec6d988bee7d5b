import dagre from "@dagrejs/dagre";
import type { GraphEdge, GraphModel, GraphNode } from "./model";

export const NODE_WIDTH = 176;
export const NODE_HEIGHT = 52;

export interface Point {
  x: number;
  y: number;
}
export interface PlacedNode extends GraphNode {
  x: number;
  y: number;
}
export interface PlacedGroup {
  id: string;
  label: string;
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface PlacedEdge extends GraphEdge {
  points: Point[];
}
export interface Layout {
  width: number;
  height: number;
  nodes: PlacedNode[];
  groups: PlacedGroup[];
  edges: PlacedEdge[];
}

/**
 * Lays the model out (top to bottom, or left to right) with dagre (a Sugiyama layered layout): groups are
 * dagre clusters, so branches and map bodies get their own boxes. Coordinates are centres
 * for nodes and groups, as dagre gives them.
 */
export function layoutGraph(model: GraphModel, direction: "TB" | "LR" = "TB"): Layout {
  const graph = new dagre.graphlib.Graph({ compound: true, multigraph: false });
  graph.setGraph({ rankdir: direction, nodesep: 24, ranksep: 44, marginx: 16, marginy: 16 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const group of model.groups) {
    graph.setNode(group.id, { label: group.label, paddingTop: 28 });
    if (group.parent !== null) graph.setParent(group.id, group.parent);
  }
  for (const node of model.nodes) {
    graph.setNode(node.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
    if (node.group !== null) graph.setParent(node.id, node.group);
  }
  const known = new Set(model.nodes.map((node) => node.id));
  const seen = new Set<string>();
  // One edge per pair (a choice and its default may name the same step).
  const edges = model.edges.filter((edge) => {
    const key = `${edge.from}->${edge.to}`;
    const isDrawable = known.has(edge.from) && known.has(edge.to) && edge.from !== edge.to;
    if (!isDrawable || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  for (const edge of edges) graph.setEdge(edge.from, edge.to, { kind: edge.kind });
  dagre.layout(graph);
  const size = graph.graph();
  const place = (id: string) =>
    graph.node(id) as { x: number; y: number; width: number; height: number };
  return {
    width: size.width ?? 0,
    height: size.height ?? 0,
    nodes: model.nodes.map((node) => ({ ...node, x: place(node.id).x, y: place(node.id).y })),
    groups: model.groups.map((group) => ({ id: group.id, label: group.label, ...place(group.id) })),
    edges: edges.flatMap((edge) => {
      const placed = graph.edge(edge.from, edge.to) as { points?: Point[] } | undefined;
      return placed?.points ? [{ ...edge, points: placed.points }] : [];
    }),
  };
}
