/**
 * Generated from GET /openapi.json by openapi-typescript (scripts/client-types.mjs).
 * Do not edit: run `npm run client:generate`.
 */
import type { Paths1 } from "./paths-1";
import type { Paths2 } from "./paths-2";

export interface paths extends Paths1, Paths2 {}
