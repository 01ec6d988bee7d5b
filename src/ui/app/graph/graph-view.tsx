import { useMemo } from "preact/hooks";
import { STATUS_GLYPHS, statusLabel } from "../format";
import type { Step, StepGraph, StepStatus } from "../types";
import { layoutGraph, NODE_HEIGHT, NODE_WIDTH, type PlacedNode } from "./layout";
import { buildGraphModel } from "./model";

/** Wide screens read the graph left to right; phones scroll it top to bottom. */
const WIDE_SCREEN = "(min-width: 900px)";
/** The graph shrinks to fit its box down to this zoom (labels stay readable), then scrolls. */
const MIN_SCALE = 0.7;

const COUNT_ORDER: StepStatus[] = [
  "succeeded",
  "failed",
  "running",
  "waiting",
  "cancelled",
  "skipped",
];

function countsText(node: PlacedNode): string {
  return COUNT_ORDER.filter((status) => (node.counts[status] ?? 0) > 0)
    .map((status) => `${node.counts[status]} ${STATUS_GLYPHS[status]}`)
    .join(" ");
}

/**
 * The job's graph, nodes coloured by step status (with glyph and word, so it reads without
 * colour). Selecting a node (click, or Enter on the focused node) calls `onSelect`.
 */
export function GraphView({
  job,
  steps,
  onSelect,
}: {
  job: StepGraph;
  steps: Step[];
  onSelect: (pattern: string) => void;
}) {
  const direction = useMemo(() => (matchMedia(WIDE_SCREEN).matches ? "LR" : "TB"), []);
  const layout = useMemo(
    () => layoutGraph(buildGraphModel(job, steps), direction),
    [job, steps, direction],
  );
  return (
    <div class="graph-wrap">
      <svg
        class="graph"
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        width={layout.width}
        height={layout.height}
        style={{ minWidth: `${Math.round(layout.width * MIN_SCALE)}px` }}
      >
        <title>The job's graph, coloured by step status</title>
        <defs>
          <marker
            id="arrow"
            viewBox="0 0 10 10"
            refX="9"
            refY="5"
            markerWidth="7"
            markerHeight="7"
            orient="auto"
          >
            <path d="M0,0 L10,5 L0,10 z" class="arrow-head" />
          </marker>
        </defs>
        {layout.groups.map((group) => (
          <g class="graph-group" key={group.id}>
            <rect
              x={group.x - group.width / 2}
              y={group.y - group.height / 2}
              width={group.width}
              height={group.height}
              rx="10"
            />
            <text x={group.x - group.width / 2 + 10} y={group.y - group.height / 2 + 16}>
              {group.label}
            </text>
          </g>
        ))}
        {layout.edges.map((edge) => (
          <polyline
            key={`${edge.from}->${edge.to}`}
            class={`edge edge-${edge.kind}`}
            points={edge.points.map((p) => `${p.x},${p.y}`).join(" ")}
            marker-end="url(#arrow)"
          >
            {edge.label && <title>{edge.label}</title>}
          </polyline>
        ))}
        {layout.nodes.map((node) => (
          // biome-ignore lint/a11y/useSemanticElements: an SVG node cannot be a <button>.
          <g
            key={node.id}
            class={`node status-${node.status}`}
            data-step={node.id}
            data-status={node.status}
            transform={`translate(${node.x - NODE_WIDTH / 2}, ${node.y - NODE_HEIGHT / 2})`}
            role="button"
            // Lower case: SVG attributes are set as written, and only `tabindex` makes it focusable.
            tabindex={0}
            aria-label={`${node.label} (${node.type}): ${statusLabel(node.status)}`}
            onClick={() => onSelect(node.id)}
            onKeyDown={(event) => {
              if (event.key === "Enter" || event.key === " ") {
                event.preventDefault();
                onSelect(node.id);
              }
            }}
          >
            <rect width={NODE_WIDTH} height={NODE_HEIGHT} rx="8" />
            <text x="10" y="20" class="node-title">
              <tspan>{STATUS_GLYPHS[node.status]} </tspan>
              {node.label.length > 20 ? `${node.label.slice(0, 19)}…` : node.label}
            </text>
            <text x="10" y="40" class="node-sub">
              {node.type} ·{" "}
              {Object.keys(node.counts).length > 0 ? countsText(node) : statusLabel(node.status)}
            </text>
          </g>
        ))}
      </svg>
    </div>
  );
}
