import { z } from "zod";

/** Milliseconds since the epoch (how D1 stores times) → ISO 8601 (how responses show them). */
export function toIso(ms: number): string;
export function toIso(ms: number | null): string | null;
export function toIso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

/**
 * A time in a response, for the OpenAPI document. A plain string with `format: date-time`
 * rather than `z.iso.datetime()`, whose exhaustive regex would be copied into every schema.
 */
export const IsoTimeSchema = z
  .string()
  .meta({ format: "date-time", examples: ["2026-01-31T09:00:00.000Z"] });
