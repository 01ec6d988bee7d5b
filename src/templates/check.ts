import { liquid } from "./liquid";

/** Parses a template without rendering it; returns the error message, or null when it is valid. */
export function checkTemplate(template: string): string | null {
  try {
    liquid.parse(template);
    return null;
  } catch (error) {
    return describeLiquidError(error);
  }
}

/** Checks a bare Liquid condition such as `output.x.count > 3 and params.force`. */
export function checkCondition(expression: string): string | null {
  if (expression.trim() === "") return "condition is empty";
  if (/%\}|\{%|\{\{|\}\}/.test(expression))
    return "a condition is a bare expression, without {{ }} or {% %}";
  return checkTemplate(`{% if ${expression} %}{% endif %}`);
}

export function describeLiquidError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // liquidjs appends the whole template and a stack frame; the first line says what is wrong.
  return message.split("\n")[0] ?? message;
}
