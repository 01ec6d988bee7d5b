/** Turns one validated step into its IR form, once its successor is known. */
import type { ActionRef, CompiledStep, StepGraph } from "./ir";
import type { StepSource } from "./step-schema";

/**
 * Builds the compiled step; `next` is already resolved (null ends the run), and the child
 * graphs of a `parallel` (one per branch) or `map` (its body) are already compiled.
 */
export function toCompiledStep(
  step: StepSource,
  next: string | null,
  children: readonly StepGraph[] = [],
): CompiledStep {
  const common = {
    id: step.id,
    next,
    depends_on: step.depends_on ?? [],
    condition: step.condition ?? "all_success",
    ...(step.when === undefined ? {} : { when: step.when }),
    ...(step.max_retries === undefined ? {} : { max_retries: step.max_retries }),
  };
  switch (step.type) {
    case "task":
      return {
        ...common,
        type: "task",
        action: toActionRef(step),
        catch: step.catch,
        ...(step.with === undefined ? {} : { with: step.with }),
        ...(step.save_as === undefined ? {} : { save_as: step.save_as }),
        ...(step.timeout === undefined ? {} : { timeout_ms: step.timeout }),
        ...(step.retry === undefined ? {} : { retry: step.retry }),
        ...(step.input_schema === undefined ? {} : { input_schema: step.input_schema }),
        ...(step.output_schema === undefined ? {} : { output_schema: step.output_schema }),
      };
    case "choice":
      return {
        ...common,
        type: "choice",
        conditions: step.conditions.flatMap((entry) =>
          entry.if !== undefined && entry.next !== undefined
            ? [{ if: entry.if, next: entry.next }]
            : [],
        ),
        default: step.default ?? step.conditions.find((entry) => entry.default)?.default ?? null,
      };
    case "wait":
      return {
        ...common,
        type: "wait",
        wait:
          step.duration !== undefined
            ? { kind: "duration", duration: step.duration }
            : { kind: "until", until: step.until ?? "" },
      };
    case "wait_for_event":
      return {
        ...common,
        type: "wait_for_event",
        event: step.event,
        catch: step.catch,
        ...(step.timeout === undefined ? {} : { timeout_ms: step.timeout }),
        ...(step.save_as === undefined ? {} : { save_as: step.save_as }),
      };
    case "run_job":
      return {
        ...common,
        type: "run_job",
        job: step.job,
        catch: step.catch,
        ...(step.params === undefined ? {} : { params: step.params }),
        ...(step.tags === undefined ? {} : { tags: step.tags }),
        ...(step.timeout === undefined ? {} : { timeout_ms: step.timeout }),
        ...(step.save_as === undefined ? {} : { save_as: step.save_as }),
      };
    case "pass":
      return {
        ...common,
        type: "pass",
        ...(step.output === undefined ? {} : { output: step.output }),
        ...(step.save_as === undefined ? {} : { save_as: step.save_as }),
      };
    case "succeed":
      return {
        ...common,
        type: "succeed",
        ...(step.output === undefined ? {} : { output: step.output }),
      };
    case "fail":
      return {
        ...common,
        type: "fail",
        error: step.error,
        ...(step.message === undefined ? {} : { message: step.message }),
      };
    case "parallel":
    case "map": {
      const fanOut = {
        ...common,
        fail_fast: step.fail_fast,
        catch: step.catch,
        ...(step.save_as === undefined ? {} : { save_as: step.save_as }),
      };
      if (step.type === "parallel") return { ...fanOut, type: "parallel", branches: [...children] };
      const [body] = children;
      if (!body) throw new Error(`map step ${step.id} compiled without its body`);
      return {
        ...fanOut,
        type: "map",
        items: step.items,
        body,
        ...(step.max_concurrency === undefined ? {} : { max_concurrency: step.max_concurrency }),
      };
    }
    default:
      return assertNever(step);
  }
}

function toActionRef(step: Extract<StepSource, { type: "task" }>): ActionRef {
  if (step.http !== undefined) return { kind: "inline", spec: step.http };
  if (step.handler !== undefined)
    return { kind: "inline", spec: { type: "handler", handler: step.handler } };
  return { kind: "named", name: step.action ?? "" };
}

/** Targets a step can hand control to in a sequence job, with the path of each reference. */
export function listTargets(step: StepSource): { path: (string | number)[]; target: string }[] {
  const targets: { path: (string | number)[]; target: string }[] = [];
  if (hasNext(step) && typeof step.next === "string") {
    targets.push({ path: ["next"], target: step.next });
  }
  if ("catch" in step) {
    step.catch.forEach((route, index) => {
      targets.push({ path: ["catch", index, "next"], target: route.next });
    });
  }
  if (step.type === "choice") {
    step.conditions.forEach((entry, index) => {
      if (entry.next !== undefined)
        targets.push({ path: ["conditions", index, "next"], target: entry.next });
      if (entry.default !== undefined)
        targets.push({ path: ["conditions", index, "default"], target: entry.default });
    });
    if (step.default !== undefined) targets.push({ path: ["default"], target: step.default });
  }
  return targets;
}

/** The successor of a step in a sequence job: its `next`, else the following step; null ends. */
export function resolveNext(step: StepSource, following: string | undefined): string | null {
  if (!hasNext(step)) return null;
  if (step.next === null) return null;
  return step.next ?? following ?? null;
}

/** Steps that hand control to a successor (choice, succeed and fail decide it themselves). */
function hasNext(step: StepSource): step is Extract<StepSource, { next?: string | null }> {
  return ["task", "wait", "wait_for_event", "run_job", "pass", "parallel", "map"].includes(
    step.type,
  );
}

function assertNever(value: never): never {
  throw new Error(`unexpected step ${JSON.stringify(value)}`);
}
