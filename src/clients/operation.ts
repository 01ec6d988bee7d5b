import type { Env } from "../env";
import type { OperationSpec, OperationView } from "../operations/operation";
import { type Remote, remote } from "./rpc";

/** What an operation object answers over RPC (OperationObject implements it). */
export interface OperationProtocol {
  start(spec: OperationSpec): Promise<OperationView>;
  describe(): OperationView | null;
}

export type OperationClient = Remote<OperationProtocol>;

/** The object of operation `id` (its name in the namespace is the id). */
export function operationClient(env: Env, id: string): OperationClient {
  return remote(env.OPERATIONS, id);
}
