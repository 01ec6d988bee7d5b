export interface DiffLine {
  kind: "same" | "added" | "removed";
  text: string;
}

/** Beyond this many lines a side, the table of common subsequences would get too large. */
const MAX_LINES = 3000;

/**
 * A line diff of `before` and `after` (longest common subsequence), in reading order.
 * Texts longer than MAX_LINES are shown as all removed then all added.
 */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = before.split("\n");
  const b = after.split("\n");
  if (a.length > MAX_LINES || b.length > MAX_LINES) {
    return [
      ...a.map((text): DiffLine => ({ kind: "removed", text })),
      ...b.map((text): DiffLine => ({ kind: "added", text })),
    ];
  }
  const width = b.length + 1;
  // common[i * width + j]: length of the LCS of a[i..] and b[j..].
  const common = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      common[i * width + j] =
        a[i] === b[j]
          ? (common[(i + 1) * width + j + 1] ?? 0) + 1
          : Math.max(common[(i + 1) * width + j] ?? 0, common[i * width + j + 1] ?? 0);
    }
  }
  const lines: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      lines.push({ kind: "same", text: a[i] ?? "" });
      i++;
      j++;
    } else if ((common[(i + 1) * width + j] ?? 0) >= (common[i * width + j + 1] ?? 0)) {
      lines.push({ kind: "removed", text: a[i++] ?? "" });
    } else {
      lines.push({ kind: "added", text: b[j++] ?? "" });
    }
  }
  while (i < a.length) lines.push({ kind: "removed", text: a[i++] ?? "" });
  while (j < b.length) lines.push({ kind: "added", text: b[j++] ?? "" });
  return lines;
}

export type FoldedLine = DiffLine | { kind: "fold"; count: number };

/**
 * Keeps `context` unchanged lines around each change and folds longer unchanged runs into
 * one `fold` entry, so a one-line change in a long definition is seen at once.
 */
export function foldUnchanged(lines: readonly DiffLine[], context = 3): FoldedLine[] {
  const near = new Uint8Array(lines.length);
  lines.forEach((line, index) => {
    if (line.kind === "same") return;
    for (let at = Math.max(0, index - context); at <= index + context && at < lines.length; at++)
      near[at] = 1;
  });
  const out: FoldedLine[] = [];
  let folded = 0;
  lines.forEach((line, index) => {
    if (near[index] === 1) {
      if (folded > 0) out.push({ kind: "fold", count: folded });
      folded = 0;
      out.push(line);
    } else folded++;
  });
  if (folded > 0) out.push({ kind: "fold", count: folded });
  return out;
}
