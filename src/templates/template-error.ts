import { StepFailure } from "../core/step-error";
import { describeLiquidError } from "./check";

/**
 * A template failed to parse or render (unknown filter, syntax, limits). The message is one
 * line. It is the step failure `template`: the definition's fault, so never retryable.
 */
export class TemplateError extends StepFailure {
  override name = "TemplateError";

  constructor(message: string) {
    super("template", message);
  }
}

/** Wraps whatever liquidjs threw into a TemplateError that names what was being rendered. */
export function toTemplateError(error: unknown, source: string): TemplateError {
  if (error instanceof TemplateError) return error;
  const snippet = source.length > 80 ? `${source.slice(0, 77)}...` : source;
  return new TemplateError(`${describeLiquidError(error)} (in ${JSON.stringify(snippet)})`);
}
