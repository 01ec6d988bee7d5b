/** `parallel` and `map`: the step waits while its children run as frames (see fan-out.ts). */

import { stepErrorFrom } from "../../core/failure";
import type { JsonValue } from "../../core/json";
import { StepFailure } from "../../core/step-error";
import { renderValue } from "../../templates/render";
import type { TemplateScope } from "../../templates/scope";
import { MAX_MAP_ITEMS } from "../fan-out";
import type { FanOutStep } from "../frames";
import { checkStoredSize } from "../sizes";
import { startFanOut } from "../transitions";
import type { StepHandler } from "./handler";

export const fanOutStep: StepHandler<FanOutStep> = {
  async activate(step, at) {
    let items: JsonValue[] | null = null;
    try {
      items = step.type === "map" ? await renderItems(step.items, at.scopeOf()) : null;
    } catch (error) {
      return at.fail(stepErrorFrom(error));
    }
    at.commit(() => startFanOut(at.store, at.plan, at.row, items, at.now));
  },
};

/** A map's `items` must render to an array of a bounded size. */
async function renderItems(template: string, scope: TemplateScope): Promise<JsonValue[]> {
  const items = await renderValue(template, scope);
  if (!Array.isArray(items))
    throw new StepFailure(
      "template",
      `items: rendered ${JSON.stringify(items)?.slice(0, 80)}, not an array`,
    );
  if (items.length > MAX_MAP_ITEMS)
    throw new StepFailure("template", `items: ${items.length} items, more than ${MAX_MAP_ITEMS}`);
  const tooLarge = checkStoredSize("items", items);
  if (tooLarge) throw StepFailure.of(tooLarge);
  return items;
}
