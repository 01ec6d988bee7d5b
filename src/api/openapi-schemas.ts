import { z } from "zod";

export type JsonSchema = Record<string, unknown>;

/**
 * Converts zod schemas to JSON Schema for one OpenAPI document, collecting what they share
 * in `components`. zod writes shared and recursive parts (`z.json()`, nested steps) as local
 * `$defs`; inside an OpenAPI document a `#/$defs/...` ref would resolve against the document
 * root, so each group of defs is hoisted into `components.schemas` and the refs rewritten.
 * Identical groups (the same zod schema used by several routes) are stored once.
 */
export class SchemaRegistry {
  readonly components: Record<string, JsonSchema> = {};
  private readonly groups = new Map<string, ReadonlyMap<string, string>>();
  private count = 0;

  /** Registers a schema under a fixed component name and returns a `$ref` to it. */
  addNamed(name: string, schema: z.ZodType): JsonSchema {
    this.components[name] = this.toJsonSchema(schema);
    return { $ref: `#/components/schemas/${name}` };
  }

  /**
   * JSON Schema of `schema` on its input side: requests are transformed from what users
   * write into the IR, and responses echo what was written, so the written form is the one
   * worth describing. Parts zod cannot express (transforms' outputs) become "any".
   */
  toJsonSchema(schema: z.ZodType): JsonSchema {
    const output = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
    const { $schema: _, $defs, ...root } = output;
    const renames = this.hoist(($defs ?? {}) as Record<string, JsonSchema>);
    const rewritten = rewriteRefs(root, renames) as JsonSchema;
    if (!JSON.stringify(rewritten).includes('"$ref":"#"')) return rewritten;
    // A schema that recurses through its own root refers to itself as "#": give it a name.
    const name = this.nextName();
    this.components[name] = rewriteRefs(rewritten, new Map([["", name]])) as JsonSchema;
    return { $ref: `#/components/schemas/${name}` };
  }

  private hoist(defs: Record<string, JsonSchema>): ReadonlyMap<string, string> {
    const key = JSON.stringify(defs);
    const known = this.groups.get(key);
    if (known) return known;
    const renames = new Map(Object.keys(defs).map((local) => [local, this.nextName()]));
    for (const [local, def] of Object.entries(defs)) {
      this.components[renames.get(local) as string] = rewriteRefs(def, renames) as JsonSchema;
    }
    this.groups.set(key, renames);
    return renames;
  }

  private nextName(): string {
    this.count += 1;
    return `Shared${this.count}`;
  }
}

function rewriteRefs(value: unknown, renames: ReadonlyMap<string, string>): unknown {
  if (Array.isArray(value)) return value.map((item) => rewriteRefs(item, renames));
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] =
      key === "$ref" && typeof inner === "string"
        ? rewriteRef(inner, renames)
        : rewriteRefs(inner, renames);
  }
  return out;
}

function rewriteRef(ref: string, renames: ReadonlyMap<string, string>): string {
  const local = ref === "#" ? "" : ref.match(/^#\/\$defs\/(.+)$/)?.[1];
  const target = local === undefined ? undefined : renames.get(local);
  return target ? `#/components/schemas/${target}` : ref;
}
