/**
 * The REST API's shapes as the dashboard reads them: taken from the client types generated
 * from GET /openapi.json (src/client/api-types.ts, `npm run client:generate`), so the
 * dashboard cannot drift from the API. Only the compiled graph is described here, by the
 * fields the graph view reads: the API documents a job's `compiled` form as any JSON.
 */
import type { components, operations } from "../../client/api-types";

type Schemas = components["schemas"];
/** The JSON body of an operation's 200 answer. */
type Ok<Op extends keyof operations> = operations[Op]["responses"] extends {
  200: { content: { "application/json": infer Body } };
}
  ? Body
  : never;

export type Run = Schemas["RunView"];
export type Step = Schemas["StepView"];
export type HistoryRecord = Schemas["HistoryRecord"];
export type RunStatus = Run["status"];
export type StepStatus = Step["status"];
export type Status = RunStatus | StepStatus;
export type StepError = NonNullable<Run["error"]>;
export type RunListItem = Ok<"getRuns">["items"][number];
export type JobSummary = Ok<"getJobs">["items"][number];
export type JobDetail = Omit<Ok<"getJobsName">, "compiled"> & { compiled: CompiledJob };
export type Schedule = Ok<"getSchedules">["items"][number];
export type Scope = Ok<"getUiSession">["scopes"][number];
export type Subscription = Ok<"getSubscriptionsId">;
export type Delivery = Ok<"getSubscriptionsIdDeliveries">["items"][number];

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

/** The compiled graph (src/definition/ir.ts), only the fields the graph view reads. */
export interface StepGraph {
  mode: "sequence" | "dag";
  start: string;
  order: string[];
  steps: Record<string, CompiledStep>;
}
export interface CompiledStep {
  id: string;
  type: string;
  next: string | null;
  depends_on: string[];
  catch?: { errors: string[]; next: string }[];
  conditions?: { if: string; next: string }[];
  default?: string | null;
  branches?: StepGraph[];
  body?: StepGraph;
  job?: string;
}
export interface CompiledJob extends StepGraph {
  name: string;
  params_schema?: JsonSchema;
}

export interface JsonSchema {
  type?: string | string[];
  title?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: Json[];
  default?: Json;
}
