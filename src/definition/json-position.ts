/**
 * Finds where a JSON text stops being valid. `JSON.parse` in V8 does not always say where
 * (`Unexpected token '}'`), and a user fixing a 300-line definition needs the line.
 */

/** The 0-based offset of the first syntax error in `text`, or null when it is valid JSON. */
export function findJsonErrorOffset(text: string): number | null {
  const scanner = new JsonScanner(text);
  try {
    scanner.skipSpace();
    scanner.value();
    scanner.skipSpace();
    return scanner.pos < text.length ? scanner.pos : null;
  } catch (error) {
    if (error instanceof JsonSyntaxAt) return Math.min(error.offset, text.length);
    // Absurdly deep nesting overflows the recursive scan; the position is then unknown.
    if (error instanceof RangeError) return null;
    throw error;
  }
}

/** Turns an offset into 1-based line and column numbers. */
export function toLineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - before.lastIndexOf("\n");
  return { line, column };
}

class JsonSyntaxAt extends Error {
  override name = "JsonSyntaxAt";
  constructor(readonly offset: number) {
    super(`JSON syntax error at ${offset}`);
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
// biome-ignore lint/suspicious/noControlCharactersInRegex: JSON strings must not hold raw control characters (below U+0020).
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

class JsonScanner {
  pos = 0;
  constructor(private readonly text: string) {}

  skipSpace(): void {
    while (/[ \t\n\r]/.test(this.text[this.pos] ?? "")) this.pos++;
  }

  value(): void {
    const char = this.text[this.pos];
    if (char === "{") this.container("}", true);
    else if (char === "[") this.container("]", false);
    else if (char === '"') this.token(STRING);
    else if (char === "-" || (char !== undefined && char >= "0" && char <= "9")) this.token(NUMBER);
    else this.literal();
  }

  private literal(): void {
    for (const word of ["true", "false", "null"]) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return;
      }
    }
    throw new JsonSyntaxAt(this.pos);
  }

  private token(pattern: RegExp): void {
    pattern.lastIndex = this.pos;
    if (!pattern.test(this.text)) throw new JsonSyntaxAt(this.pos);
    this.pos = pattern.lastIndex;
  }

  private container(close: string, isObject: boolean): void {
    this.pos++;
    this.skipSpace();
    if (this.text[this.pos] === close) {
      this.pos++;
      return;
    }
    for (;;) {
      if (isObject) {
        this.token(STRING);
        this.skipSpace();
        this.expect(":");
        this.skipSpace();
      }
      this.value();
      this.skipSpace();
      if (this.text[this.pos] === close) {
        this.pos++;
        return;
      }
      this.expect(",");
      this.skipSpace();
    }
  }

  private expect(char: string): void {
    if (this.text[this.pos] !== char) throw new JsonSyntaxAt(this.pos);
    this.pos++;
  }
}
