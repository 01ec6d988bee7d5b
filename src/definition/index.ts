/** The definition language: parse, validate and compile jobs and actions. Pure, no I/O. */
export { ActionSourceSchema, InlineHttpSchema, parseAction } from "./action-schema";
export { formatDuration, MAX_DURATION_MS, parseDuration } from "./duration";
export type * from "./ir";
export { BACKOFFS, DAG_CONDITIONS, HTTP_METHODS } from "./ir";
export { parseDocument, YAML_MAX_ALIAS_COUNT } from "./parse";
export { RetrySourceSchema } from "./retry";
