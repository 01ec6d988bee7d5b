import { Liquid } from "liquidjs";

/** Template limits: a template is data, so it gets a bounded budget of parse, time and memory. */
export const TEMPLATE_PARSE_LIMIT = 64 * 1024;
export const TEMPLATE_RENDER_LIMIT_MS = 1_000;
export const TEMPLATE_MEMORY_LIMIT = 8 * 1024 * 1024;

/**
 * The one Liquid engine. `ownPropertyOnly` keeps templates away from prototypes,
 * `strictFilters` turns a typo in a filter name into an error, and an empty in-memory
 * template map means `include`/`render` can never reach a file system or the network.
 */
export const liquid = new Liquid({
  strictFilters: true,
  strictVariables: false,
  ownPropertyOnly: true,
  parseLimit: TEMPLATE_PARSE_LIMIT,
  renderLimit: TEMPLATE_RENDER_LIMIT_MS,
  memoryLimit: TEMPLATE_MEMORY_LIMIT,
  templates: {},
  relativeReference: false,
  cache: 256,
});

/** True when a string holds Liquid markup and must be rendered rather than used as is. */
export function isTemplate(value: string): boolean {
  return value.includes("{{") || value.includes("{%");
}
