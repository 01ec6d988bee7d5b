import { parseDuration } from "../core/duration";
import { stepErrorFrom } from "../core/failure";
import type { JsonValue } from "../core/json";
import { type StepError, StepFailure, stepError } from "../core/step-error";
import type { CompiledStep, WaitStep } from "../definition/ir";
import { evaluateCondition, holdsTemplate, renderString, renderValue } from "../templates/render";
import type { TemplateScope } from "../templates/scope";

/** Where a step that needs no outbound call sends the run. */
export type Move =
  | { kind: "next"; output: JsonValue; next: string | null; chosen?: string }
  | { kind: "wait"; until: number }
  | { kind: "succeed"; output: JsonValue }
  | { kind: "fail"; error: StepError };

/** Steps decided without an outbound call or child graphs. */
export type InlineStep = Exclude<
  CompiledStep,
  { type: "task" | "parallel" | "map" | "wait_for_event" | "run_job" }
>;

/**
 * Decides the move of a `pass`, `choice`, `wait`, `succeed` or `fail` step. Pure apart from
 * the clock: it renders templates against the scope and never touches storage, so the caller
 * commits its result in one transaction.
 */
export async function evaluateInlineStep(
  step: InlineStep,
  scopeOf: () => TemplateScope,
  now: number,
): Promise<Move> {
  try {
    switch (step.type) {
      case "pass":
        return {
          kind: "next",
          output: await renderOutput(step.output, scopeOf),
          next: step.next,
        };
      case "choice":
        return await choose(step.conditions, step.default, scopeOf());
      case "wait":
        return { kind: "wait", until: await resolveWaitUntil(step, scopeOf, now) };
      case "succeed":
        return { kind: "succeed", output: await renderOutput(step.output, scopeOf) };
      case "fail":
        return {
          kind: "fail",
          // The step's own error name is the type enclosing `catch` routes match (Step Functions' Fail).
          error: {
            type: step.error,
            message: step.message ? `${step.error}: ${step.message}` : step.error,
            retryable: false,
          },
        };
    }
  } catch (error) {
    return { kind: "fail", error: stepErrorFrom(error) };
  }
}

/** True when the step's `when:` guard holds (or it has none). */
export async function guardHolds(
  step: CompiledStep,
  scopeOf: () => TemplateScope,
): Promise<boolean> {
  return step.when === undefined || (await evaluateCondition(step.when, scopeOf()));
}

/**
 * Outputs without templates never build a scope (which reads the outputs of the steps before):
 * a chain of steps with literal outputs stays cheap.
 */
async function renderOutput(
  output: JsonValue | undefined,
  scopeOf: () => TemplateScope,
): Promise<JsonValue> {
  if (output === undefined) return null;
  if (!holdsTemplate(output)) return output;
  return (await renderValue(output, scopeOf())) ?? null;
}

async function choose(
  conditions: readonly { if: string; next: string }[],
  fallback: string | null,
  scope: TemplateScope,
): Promise<Move> {
  for (const condition of conditions) {
    if (await evaluateCondition(condition.if, scope)) {
      return { kind: "next", output: null, next: condition.next, chosen: condition.next };
    }
  }
  if (fallback !== null) return { kind: "next", output: null, next: fallback, chosen: fallback };
  return {
    kind: "fail",
    error: stepError("failed", "no condition matched and the choice has no default"),
  };
}

async function resolveWaitUntil(
  step: WaitStep,
  scopeOf: () => TemplateScope,
  now: number,
): Promise<number> {
  if (step.wait.kind === "until") {
    const rendered = await renderString(step.wait.until, scopeOf());
    const at = Date.parse(rendered);
    if (Number.isNaN(at))
      throw new StepFailure("template", `until: "${rendered}" is not a timestamp`);
    return at;
  }
  const duration = step.wait.duration;
  if (duration.kind === "fixed") return now + duration.ms;
  const rendered = await renderString(duration.template, scopeOf());
  const ms = parseDuration(rendered.trim());
  if (ms === null) throw new StepFailure("template", `duration: "${rendered}" is not a duration`);
  return now + ms;
}
