/**
 * Where a field sits in its source text. The compiler reports problems by dotted path
 * (`steps.2.next`); an editor wants a line and a column. JSON is read by the same YAML
 * parser here (JSON is YAML's flow style), so one walk over node ranges serves both.
 */
import { isMap, isNode, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";

export interface Position {
  line: number;
  col: number;
}

export type Locator = (path: string) => Position;

const START: Position = { line: 1, col: 1 };

/**
 * Builds a locator over `text`. A path is found segment by segment: a mapping key (the
 * position is the key's), or a list index (the item's). Where a segment is missing (a
 * required field that is absent), the position is that of its deepest existing parent.
 */
export function createLocator(text: string): Locator {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, keepSourceTokens: false });
  const root = document.contents;
  return (path) => {
    if (!isNode(root)) return START;
    const offset = findOffset(root, path === "" ? [] : path.split("."));
    const { line, col } = lineCounter.linePos(offset);
    return { line, col };
  };
}

function findOffset(root: Node, segments: readonly string[]): number {
  let node: unknown = root;
  let offset = root.range?.[0] ?? 0;
  for (const segment of segments) {
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isScalar(item.key) && String(item.key.value) === segment,
      );
      if (!pair || !isNode(pair.key)) break;
      offset = pair.key.range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)];
      if (!isNode(item)) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return offset;
}
