/**
 * Karya's definitions are written for Jinja2, whose filters take arguments in parentheses
 * (`x | default(0)`). Liquid writes the same call as `x | default: 0`. Rewriting the call
 * syntax at save time lets those definitions be accepted as written.
 */

const TAG = /\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g;
const JINJA_FILTER_CALL = /\|(\s*)([A-Za-z_]\w*)\s*\(([^()]*)\)/g;

/** Rewrites Jinja filter calls inside `{{ }}` and `{% %}` tags into Liquid filter syntax. */
export function rewriteJinjaFilters(template: string): string {
  return template.replace(TAG, rewriteJinjaExpression);
}

/** Rewrites Jinja filter calls in a bare expression (a choice `if`, a `when`). */
export function rewriteJinjaExpression(expression: string): string {
  return expression.replace(
    JINJA_FILTER_CALL,
    (_call, space: string, name: string, args: string) =>
      args.trim() === "" ? `|${space}${name}` : `|${space}${name}: ${args.trim()}`,
  );
}
