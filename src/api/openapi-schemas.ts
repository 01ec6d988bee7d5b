import { z } from "zod";

export type JsonSchema = Record<string, unknown>;

/** The `$defs` keys zod makes up for shared and recursive parts (named ones keep their name). */
const GENERATED_DEF = /^__schema\d+$/;

/** Any JSON value, written without recursion so client generators can express it. */
const JSON_VALUE_NAME = "JsonValue";
const JSON_VALUE_SCHEMA: JsonSchema = {
  description: "Any JSON value: string, number, boolean, null, array or object",
};

/**
 * Converts zod schemas to JSON Schema for one OpenAPI document, collecting what they share
 * in `components`. zod writes shared and recursive parts (nested steps) as local `$defs`;
 * inside an OpenAPI document a `#/$defs/...` ref would resolve against the document root,
 * so each group of defs is hoisted into `components.schemas` and the refs rewritten.
 * Identical groups (the same zod schema used by several routes) are stored once, and so are
 * identical defs that refer to nothing else.
 */
export class SchemaRegistry {
  readonly components: Record<string, JsonSchema> = {};
  private readonly groups = new Map<string, ReadonlyMap<string, string>>();
  private readonly leaves = new Map<string, string>();
  private readonly metadata: z.core.$ZodRegistry<z.core.GlobalMeta>;
  private count = 0;

  /**
   * `names` gives some schemas a component of their own, wherever they occur (generated
   * clients then call their types by these names); the rest of a schema is inlined.
   */
  constructor(names: ReadonlyMap<z.ZodType, string> = new Map()) {
    // zod extracts every schema whose metadata has an `id` into `$defs` under that id; the
    // names are added to the metadata (descriptions, examples) the schemas already carry.
    this.metadata = {
      get: (schema: z.ZodType) => {
        const meta = z.globalRegistry.get(schema);
        const id = names.get(schema);
        return id === undefined ? meta : { ...meta, id };
      },
    } as unknown as z.core.$ZodRegistry<z.core.GlobalMeta>;
  }

  /**
   * JSON Schema of `schema` on its input side: requests are transformed from what users
   * write into the IR, and responses echo what was written, so the written form is the one
   * worth describing. Parts zod cannot express (transforms' outputs) become "any".
   */
  toJsonSchema(schema: z.ZodType): JsonSchema {
    const output = z.toJSONSchema(schema, {
      io: "input",
      unrepresentable: "any",
      metadata: this.metadata,
      override: describeJsonValues,
    }) as JsonSchema;
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
    const renames = new Map<string, string>();
    const fresh: [string, JsonSchema][] = [];
    for (const [local, def] of Object.entries(defs)) {
      if (!GENERATED_DEF.test(local)) {
        // A named schema: the same zod schema everywhere, so written once.
        renames.set(local, local);
        if (!(local in this.components)) fresh.push([local, def]);
        continue;
      }
      const leaf = JSON.stringify(def).includes('"$ref"') ? undefined : JSON.stringify(def);
      const reused = leaf === undefined ? undefined : this.leaves.get(leaf);
      const name = reused ?? this.nameFor(def);
      renames.set(local, name);
      if (reused) continue;
      if (leaf !== undefined) this.leaves.set(leaf, name);
      fresh.push([name, def]);
    }
    for (const [name, def] of fresh)
      this.components[name] = rewriteRefs(def, renames) as JsonSchema;
    this.groups.set(key, renames);
    return renames;
  }

  private nameFor(def: JsonSchema): string {
    return JSON.stringify(def) === JSON.stringify(JSON_VALUE_SCHEMA)
      ? JSON_VALUE_NAME
      : this.nextName();
  }

  private nextName(): string {
    this.count += 1;
    return `Shared${this.count}`;
  }
}

/**
 * `z.json()` is a lazy union that refers to itself (arrays and records of JSON values).
 * Written as is, it becomes a self-referencing alias that TypeScript generators cannot
 * type (TS2502), so every such value is described as "any JSON value" instead: the same
 * set of values, without the recursion.
 */
function describeJsonValues(ctx: { zodSchema: unknown; jsonSchema: JsonSchema }): void {
  if (!isZodJson(ctx.zodSchema)) return;
  for (const key of Object.keys(ctx.jsonSchema)) delete ctx.jsonSchema[key];
  Object.assign(ctx.jsonSchema, JSON_VALUE_SCHEMA);
}

/** Whether `schema` has the shape `z.json()` builds: lazy(union of scalars, array(self), record(self)). */
function isZodJson(schema: unknown): boolean {
  if (!(schema instanceof z.ZodLazy)) return false;
  const union = schema.unwrap();
  if (!(union instanceof z.ZodUnion) || union.options.length !== 6) return false;
  const [text, number, boolean, nil, array, record] = union.options;
  return (
    text instanceof z.ZodString &&
    number instanceof z.ZodNumber &&
    boolean instanceof z.ZodBoolean &&
    nil instanceof z.ZodNull &&
    array instanceof z.ZodArray &&
    array.element === schema &&
    record instanceof z.ZodRecord &&
    record.valueType === schema
  );
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
