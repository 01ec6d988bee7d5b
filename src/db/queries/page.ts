/** One page of a list, with the cursor of the next page (null on the last one). */
export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

/**
 * Turns `limit + 1` rows fetched in key order into a page: the extra row only proves that
 * another page exists, and the last returned key is the cursor that resumes after it.
 */
export function toPage<T>(rows: T[], limit: number, keyOf: (row: T) => string): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, next_cursor: rows.length > limit && last ? keyOf(last) : null };
}
