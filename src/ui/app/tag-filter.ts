/**
 * The runs page's tag field as `GET /runs` takes it: `a:1 b:two words` is two tags, each
 * sent as its own `tag=` (every one must match). A new tag starts only where a space is
 * followed by `key:`, so values keep their spaces.
 */
export function splitTagFilters(text: string): string[] {
  return text
    .trim()
    .split(/\s+(?=[^\s:]+:)/)
    .filter((part) => part !== "");
}
