/** Milliseconds since the epoch (how D1 stores times) → ISO 8601 (how responses show them). */
export function toIso(ms: number): string;
export function toIso(ms: number | null): string | null;
export function toIso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}
