/**
 * The Cairn API's types, generated from GET /openapi.json by openapi-typescript and split
 * into the parts under api-types/ (scripts/client-types.mjs).
 * Do not edit: run `npm run client:generate`.
 */

export type { components } from "./api-types/components";
export type { JsonValue } from "./api-types/json-value";
export type { operations } from "./api-types/operations";
export type { paths } from "./api-types/paths";
export type webhooks = Record<string, never>;
export type $defs = Record<string, never>;
