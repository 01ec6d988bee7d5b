import type { Env } from "../env";
import type { OperationSpec, OperationView } from "./operation";

/** The operation object's RPC surface, typed (the raw stub's mapped types are too deep). */
export interface OperationClient {
  start(spec: OperationSpec): Promise<OperationView>;
  describe(): Promise<OperationView | null>;
}

/** The object of operation `id` (its name in the namespace is the id). */
export function operationClient(env: Env, id: string): OperationClient {
  return env.OPERATIONS.get(env.OPERATIONS.idFromName(id)) as unknown as OperationClient;
}
