/** A bulk operation's protocol and its typed client: what starts one and what it answers. */

import { z } from "zod";
import type { RunFilter } from "../db/queries/runs";
import type { Env } from "../env";
import { type Remote, remote } from "./rpc";
import type { Refusal, RetryRequest } from "./run";

export const OPERATION_ACTIONS = ["cancel", "retry", "delete"] as const;
export type OperationAction = (typeof OPERATION_ACTIONS)[number];

export interface OperationSpec {
  id: string;
  action: OperationAction;
  filter: RunFilter;
  /** For `retry`: where from and which params to set. */
  retry?: RetryRequest | undefined;
}

const IsoTime = z.iso.datetime();

/** `POST /operations` and `GET /operations/{id}` as clients read them. */
export const OperationViewSchema = z.object({
  id: z.string(),
  action: z.enum(OPERATION_ACTIONS),
  status: z.enum(["running", "done"]),
  matched: z.number().int(),
  done: z.number().int(),
  failed: z.number().int(),
  failures: z.array(z.object({ run_id: z.string(), reason: z.string() })),
  created_at: IsoTime,
  finished_at: IsoTime.nullable(),
});
export type OperationView = z.infer<typeof OperationViewSchema>;

/** An operation's progress, or `not_found` when no operation has this id. */
export type DescribeOperationResult = { ok: true; operation: OperationView } | Refusal;

/** What an operation object answers over RPC (OperationObject implements it). */
export interface OperationProtocol {
  start(spec: OperationSpec): Promise<OperationView>;
  describe(): DescribeOperationResult;
}

export type OperationClient = Remote<OperationProtocol>;

/** The object of operation `id` (its name in the namespace is the id). */
export function operationClient(env: Env, id: string): OperationClient {
  return remote(env.OPERATIONS, id);
}
