/**
 * Generated from GET /openapi.json by openapi-typescript (scripts/client-types.mjs).
 * Do not edit: run `npm run client:generate`.
 */
import type { Schemas1 } from "./schemas-1";
import type { Schemas2 } from "./schemas-2";
import type { Schemas3 } from "./schemas-3";
import type { Schemas4 } from "./schemas-4";

export interface Schemas
  extends Schemas1<Schemas>,
    Schemas2<Schemas>,
    Schemas3<Schemas>,
    Schemas4<Schemas> {}

export interface components {
  schemas: Schemas;
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
