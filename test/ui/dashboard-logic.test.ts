import { describe, expect, it } from "vitest";
import { diffLines, foldUnchanged } from "../../src/ui/app/diff";
import { layoutGraph } from "../../src/ui/app/graph/layout";
import { buildGraphModel, patternOf } from "../../src/ui/app/graph/model";
import { readServerEvents } from "../../src/ui/app/sse";
import { splitTagFilters } from "../../src/ui/app/tag-filter";
import { buildTimeline } from "../../src/ui/app/timeline-model";
import type { CompiledStep, HistoryRecord, Step, StepGraph } from "../../src/ui/app/types";

/** A compiled step with the defaults the compiler fills in. */
function step(id: string, type: string, extra: Partial<CompiledStep> = {}): CompiledStep {
  return { id, type, next: null, depends_on: [], ...extra };
}

function sequence(...steps: CompiledStep[]): StepGraph {
  const chained = steps.map((s, i) => ({ ...s, next: s.next ?? steps[i + 1]?.id ?? null }));
  return {
    mode: "sequence",
    start: steps[0]?.id ?? "",
    order: steps.map((s) => s.id),
    steps: Object.fromEntries(chained.map((s) => [s.id, s])),
  };
}

function stepView(id: string, status: Step["status"]): Step {
  return {
    id,
    type: "pass",
    status,
    attempts: 0,
    executions: 1,
    input: null,
    output: null,
    error: null,
    started_at: null,
    finished_at: null,
  };
}

const mapJob = sequence(
  step("load", "pass"),
  step("each", "map", { body: sequence(step("fetch", "task"), step("shape", "pass")) }),
  step("done", "pass"),
);

describe("the run page's graph", () => {
  it("draws a map body once however many items ran, with the counts per status", () => {
    const items = Array.from({ length: 1000 }, (_, i) => [
      stepView(`each/${i}/fetch`, i === 7 ? "failed" : "succeeded"),
      stepView(`each/${i}/shape`, i < 990 ? "succeeded" : "running"),
    ]).flat();
    const model = buildGraphModel(mapJob, [
      stepView("load", "succeeded"),
      stepView("each", "running"),
      ...items,
    ]);
    expect(model.nodes.map((n) => n.id)).toEqual([
      "load",
      "each",
      "each/*/fetch",
      "each/*/shape",
      "done",
    ]);
    expect(model.groups).toEqual([
      { id: "each/*/", label: "each item of each (1000 items)", parent: null },
    ]);
    const fetch = model.nodes.find((n) => n.id === "each/*/fetch");
    expect(fetch).toMatchObject({ status: "failed", counts: { succeeded: 999, failed: 1 } });
    const shape = model.nodes.find((n) => n.id === "each/*/shape");
    expect(shape).toMatchObject({ status: "running", counts: { succeeded: 990, running: 10 } });
    expect(model.nodes.find((n) => n.id === "done")?.status).toBe("pending");
  });

  it("links a fan-out to its children's first steps and their last steps to what follows", () => {
    const job = sequence(
      step("fan", "parallel", {
        branches: [sequence(step("a", "pass")), sequence(step("b", "pass"), step("c", "pass"))],
      }),
      step("after", "pass"),
    );
    const edges = buildGraphModel(job, []).edges.map((e) => `${e.from}->${e.to}:${e.kind}`);
    expect(edges.sort()).toEqual(
      [
        "fan->fan/0/a:fan",
        "fan->fan/1/b:fan",
        "fan/1/b->fan/1/c:next",
        "fan/0/a->after:next",
        "fan/1/c->after:next",
      ].sort(),
    );
  });

  it("draws choices, catch routes and DAG dependencies as edges", () => {
    const job = sequence(
      step("decide", "choice", { conditions: [{ if: "x", next: "yes" }], default: "no" }),
      step("yes", "task", { next: null, catch: [{ errors: ["timeout"], next: "no" }] }),
      step("no", "pass"),
    );
    const edges = buildGraphModel(job, []).edges.map((e) => `${e.from}->${e.to}:${e.kind}`);
    expect(edges).toEqual(
      expect.arrayContaining(["decide->yes:choice", "decide->no:choice", "yes->no:catch"]),
    );
    const dag: StepGraph = {
      mode: "dag",
      start: "",
      order: ["a", "b", "c"],
      steps: {
        a: step("a", "pass"),
        b: step("b", "pass"),
        c: step("c", "pass", { depends_on: ["a", "b"] }),
      },
    };
    expect(buildGraphModel(dag, []).edges.map((e) => `${e.from}->${e.to}`)).toEqual([
      "a->c",
      "b->c",
    ]);
  });

  it("maps instance ids to the node that draws them", () => {
    expect(patternOf(mapJob, "each/12/fetch")).toBe("each/*/fetch");
    expect(patternOf(mapJob, "load")).toBe("load");
    expect(patternOf(mapJob, "nope/1/x")).toBeNull();
  });

  it("lays out a 1,000-item map as the handful of nodes it draws", () => {
    const steps = Array.from({ length: 1000 }, (_, i) => stepView(`each/${i}/fetch`, "succeeded"));
    const layout = layoutGraph(buildGraphModel(mapJob, steps));
    expect(layout.nodes).toHaveLength(5);
    expect(layout.groups).toHaveLength(1);
    const group = layout.groups[0];
    for (const node of layout.nodes.filter((n) => n.group !== null)) {
      expect(Math.abs(node.x - (group?.x ?? 0))).toBeLessThan((group?.width ?? 0) / 2);
    }
    expect(layout.edges.every((edge) => edge.points.length >= 2)).toBe(true);
  });
});

function event(seq: number, ms: number, type: string, stepId: string | null, data = {}) {
  return {
    seq,
    at: new Date(1_000_000 + ms).toISOString(),
    type,
    step_id: stepId,
    data,
    event: null,
  } satisfies HistoryRecord;
}

describe("the run page's timeline", () => {
  it("shows each execution with its attempts, retries and waits, open ones without an end", () => {
    const rows = buildTimeline([
      event(1, 0, "run_created", null),
      event(2, 10, "step_started", "call", { execution: 1 }),
      event(3, 10, "attempt_started", "call", { attempt: 1 }),
      event(4, 50, "attempt_failed", "call", { attempt: 1 }),
      event(5, 80, "attempt_started", "call", { attempt: 2 }),
      event(6, 120, "step_succeeded", "call"),
      event(7, 130, "step_started", "hold", { execution: 1 }),
      event(8, 130, "wait_started", "hold", { event: "approve" }),
    ]);
    expect(rows.map((r) => r.stepId)).toEqual(["call", "hold"]);
    const [call, hold] = rows;
    expect(
      call?.segments.map((s) => [s.kind, s.outcome, s.end === null ? null : s.end - 1e6]),
    ).toEqual([
      ["step", "succeeded", 120],
      ["attempt", "failed", 50],
      ["attempt", "succeeded", 120],
    ]);
    expect(hold?.segments.map((s) => [s.kind, s.label, s.end])).toEqual([
      ["step", "execution 1", null],
      ["wait", "waits for approve", null],
    ]);
  });

  it("draws a wait for an action's slot, ended by the attempt it leads to", () => {
    const rows = buildTimeline([
      event(1, 0, "step_started", "call", { execution: 1 }),
      event(2, 5, "wait_started", "call", { until: null, slot: "ChargeCard" }),
      event(3, 40, "attempt_started", "call", { attempt: 1 }),
      event(4, 60, "step_succeeded", "call"),
    ]);
    expect(
      rows[0]?.segments.map((s) => [
        s.kind,
        s.label,
        s.outcome,
        s.end === null ? null : s.end - 1e6,
      ]),
    ).toEqual([
      ["step", "execution 1", "succeeded", 60],
      ["wait", "waits for a slot of ChargeCard", "succeeded", 40],
      ["attempt", "attempt 1", "succeeded", 60],
    ]);
  });

  it("links a child run's bar to that run", () => {
    const rows = buildTimeline([
      event(1, 0, "step_started", "sub"),
      event(2, 1, "child_started", "sub", { run_id: "abc" }),
      event(3, 9, "step_cancelled", "sub"),
    ]);
    expect(rows[0]?.segments[1]).toMatchObject({
      kind: "child",
      runId: "abc",
      outcome: "cancelled",
    });
  });
});

describe("the job page's diff", () => {
  it("marks added and removed lines around the common ones", () => {
    expect(diffLines("a\nb\nc", "a\nc\nd")).toEqual([
      { kind: "same", text: "a" },
      { kind: "removed", text: "b" },
      { kind: "same", text: "c" },
      { kind: "added", text: "d" },
    ]);
    expect(diffLines("same", "same")).toEqual([{ kind: "same", text: "same" }]);
  });

  it("folds long unchanged runs, keeping context around each change", () => {
    const before = Array.from({ length: 20 }, (_, i) => `line ${i}`).join("\n");
    const after = before.replace("line 10", "line ten");
    const folded = foldUnchanged(diffLines(before, after), 2);
    expect(folded.map((l) => (l.kind === "fold" ? `…${l.count}` : l.kind))).toEqual([
      "…8",
      "same",
      "same",
      "removed",
      "added",
      "same",
      "same",
      "…7",
    ]);
  });
});

describe("the run stream reader", () => {
  it("parses events split across chunks, skipping comments", async () => {
    const text =
      'id: 1\nevent: run_created\ndata: {"seq":1}\n\n: keep-alive\n\nid: 2\nevent: end\ndata: {"status":"succeeded"}\n\n';
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let at = 0; at < text.length; at += 7)
          controller.enqueue(encoder.encode(text.slice(at, at + 7)));
        controller.close();
      },
    });
    const seen: string[] = [];
    await readServerEvents(body, (e) => seen.push(`${e.id}:${e.event}:${e.data}`));
    expect(seen).toEqual(['1:run_created:{"seq":1}', '2:end:{"status":"succeeded"}']);
  });
});

describe("the runs page's tag field", () => {
  it("sends one tag per key:value, values keeping their spaces and colons", () => {
    expect(splitTagFilters("customer:Acme Corp  region:eu")).toEqual([
      "customer:Acme Corp",
      "region:eu",
    ]);
    expect(splitTagFilters(" url:http://x ")).toEqual(["url:http://x"]);
    expect(splitTagFilters("")).toEqual([]);
  });
});
