import { describeLiquidError } from "./check";

/** A template failed to parse or render (unknown filter, syntax, limits). The message is one line. */
export class TemplateError extends Error {
  override name = "TemplateError";
}

/** Wraps whatever liquidjs threw into a TemplateError that names what was being rendered. */
export function toTemplateError(error: unknown, source: string): TemplateError {
  if (error instanceof TemplateError) return error;
  const snippet = source.length > 80 ? `${source.slice(0, 77)}...` : source;
  return new TemplateError(`${describeLiquidError(error)} (in ${JSON.stringify(snippet)})`);
}
