import type { JsonObject, JsonValue } from "../core/json";

/** `meta` in templates: where the run is. `item` and `index` exist only inside `map` branches. */
export interface RunMeta {
  run_id: string;
  job: string;
  current_step: string;
  /** 1 for the first attempt of the current step execution. */
  attempt: number;
  /** Per step id: how many times the step was re-entered in this run (loops). */
  step_retries: Record<string, number>;
  /** ISO 8601 time at which the scope was built. */
  current_time: string;
  item?: JsonValue;
  index?: number;
}

/** Everything a template may read; nothing else (no env, no prototypes, no files). */
export interface TemplateScope {
  params: JsonObject;
  /** Each finished step's output by step id, plus the `save_as` names. */
  output: Record<string, JsonValue>;
  /** params merged with the outputs saved by `save_as` (Karya's view). */
  context: JsonObject;
  /** Inside an action: the rendered `with:` of the step. */
  input?: JsonValue;
  meta: RunMeta;
  /** Only the Worker secrets named in TEMPLATE_SECRETS. */
  secrets: Record<string, string>;
  /** Per `wait_for_event` step of the current graph: the URL that delivers its event. */
  callbacks?: Record<string, string>;
}

/** Every field of a scope, so that {@link lazyScope} cannot miss one (the compiler lists them). */
const SCOPE_FIELDS: Record<keyof TemplateScope, true> = {
  params: true,
  output: true,
  context: true,
  input: true,
  meta: true,
  secrets: true,
  callbacks: true,
};

/**
 * A scope that `build`s itself on the first read of any field, once: an action whose spec
 * holds no template never reads it, and so never reads the run's rows it is made of.
 */
export function lazyScope(build: () => TemplateScope): TemplateScope {
  let built: TemplateScope | undefined;
  const scope = {} as TemplateScope;
  for (const field of Object.keys(SCOPE_FIELDS) as (keyof TemplateScope)[]) {
    Object.defineProperty(scope, field, {
      enumerable: true,
      get: () => {
        built ??= build();
        return built[field];
      },
    });
  }
  return scope;
}
