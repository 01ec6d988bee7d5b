/** The REST API's shapes as the dashboard reads them (see src/engine/views.ts, src/api/*.ts). */

export type RunStatus =
  | "queued"
  | "running"
  | "waiting"
  | "paused"
  | "succeeded"
  | "failed"
  | "cancelled"
  | "timed_out";
export type StepStatus =
  | "pending"
  | "running"
  | "waiting"
  | "succeeded"
  | "failed"
  | "skipped"
  | "cancelled";
export type Status = RunStatus | StepStatus;

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface StepError {
  type: string;
  message: string;
  retryable: boolean;
  status?: number;
}

export interface RunListItem {
  id: string;
  job: string;
  version: number;
  status: RunStatus;
  trigger: string;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  tags: Record<string, string>;
}

export interface Run extends RunListItem {
  params: Record<string, Json>;
  output: Json;
  error: StepError | null;
  failed_step: string | null;
  progress: { executions: number; max_step_executions: number };
}

export interface Step {
  id: string;
  type: string;
  status: StepStatus;
  attempts: number;
  executions: number;
  input: Json;
  output: Json;
  error: StepError | null;
  started_at: string | null;
  finished_at: string | null;
}

export interface HistoryRecord {
  seq: number;
  at: string;
  type: string;
  step_id: string | null;
  data: Json;
  event: string | null;
}

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

export interface JobSummary {
  name: string;
  version: number;
  description: string | null;
  created_at: string;
  updated_at: string;
}
export interface JobDetail extends JobSummary {
  definition: Json;
  compiled: CompiledJob;
  version_created_at: string;
}

export interface Schedule {
  job: string;
  version: number;
  index: number;
  cron: string;
  timezone: string;
  description: string;
  enabled: boolean;
  paused: boolean;
  next_fire_times: { utc: string; local: string }[];
  last_fire_at: string | null;
  last_error: string | null;
}

export type Scope = "read" | "run" | "write" | "admin";
