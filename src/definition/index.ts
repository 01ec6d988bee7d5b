/** The definition language: parse, validate and compile jobs and actions. Pure, no I/O. */

export { formatDuration, MAX_DURATION_MS, parseDuration } from "../core/duration";
export { ActionSourceSchema, InlineHttpSchema, parseAction } from "./action-schema";
export { type Catalog, type CompileResult, compileJob } from "./compile";
export { importPetit } from "./import-petit";
export { importTaskOrchestrator } from "./import-taskorchestrator";
export { type InlineRun, readInlineRun, toJobName } from "./inline-run";
export type * from "./ir";
export { BACKOFFS, DAG_CONDITIONS, HTTP_METHODS } from "./ir";
export {
  DEFAULT_MAX_PARALLEL,
  DEFAULT_MAX_STEP_EXECUTIONS,
  JOB_NAME_PATTERN,
  JobNameSchema,
  JobSourceSchema,
} from "./job-schema";
export { resolveStepSchemas, validateInput, validateOutput } from "./output-schema";
export { checkParamsSchema, validateParams } from "./params";
export { parseDocument, YAML_MAX_ALIAS_COUNT } from "./parse";
export { RetrySourceSchema } from "./retry";
export { StepSourceSchema } from "./step-schema";
