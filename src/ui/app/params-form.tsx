import { useState } from "preact/hooks";
import type { Json, JsonSchema } from "./types";

/** The first JSON type a schema names (`["string", "null"]` → string). */
function typeOf(schema: JsonSchema): string {
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  return type ?? (schema.enum ? "enum" : "json");
}

/** Reads one field's text as the schema's type; JSON for objects, arrays and unknowns. */
function readField(schema: JsonSchema, text: string): Json | undefined {
  if (text === "") return undefined;
  switch (typeOf(schema)) {
    case "string":
      return text;
    case "integer":
    case "number":
      return Number(text);
    case "boolean":
      return text === "true";
    case "enum":
      return schema.enum?.find((value) => JSON.stringify(value) === text) ?? text;
    default:
      return JSON.parse(text) as Json;
  }
}

function initialText(schema: JsonSchema): string {
  if (schema.default === undefined) return "";
  if (typeOf(schema) === "enum") return JSON.stringify(schema.default);
  return typeof schema.default === "string" ? schema.default : JSON.stringify(schema.default);
}

/**
 * A form generated from the job's `params` JSON Schema: one labelled field per property
 * (text, number, checkbox, choice, or JSON for nested values). Without a schema (or with
 * one it cannot read), a single JSON field. The server checks the params either way.
 */
export function ParamsForm({
  schema,
  onSubmit,
  busy,
}: {
  schema: JsonSchema | undefined;
  onSubmit: (params: Record<string, Json>) => void;
  busy: boolean;
}) {
  const properties = Object.entries(schema?.properties ?? {});
  const [texts, setTexts] = useState<Record<string, string>>(() =>
    Object.fromEntries(properties.map(([name, field]) => [name, initialText(field)])),
  );
  const [raw, setRaw] = useState("{}");
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (event: Event) => {
    event.preventDefault();
    try {
      if (properties.length === 0) {
        onSubmit(JSON.parse(raw) as Record<string, Json>);
        return;
      }
      const params: Record<string, Json> = {};
      for (const [name, field] of properties) {
        const value = readField(field, texts[name] ?? "");
        if (value !== undefined) params[name] = value;
      }
      setProblem(null);
      onSubmit(params);
    } catch (error) {
      setProblem(`Not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const set = (name: string, value: string) => setTexts({ ...texts, [name]: value });
  return (
    <form class="params-form" onSubmit={submit} aria-label="Start a run">
      {properties.length === 0 ? (
        <label>
          Params (JSON)
          <textarea rows={4} value={raw} onInput={(e) => setRaw(e.currentTarget.value)} />
        </label>
      ) : (
        properties.map(([name, field]) => {
          const id = `param-${name}`;
          const required = schema?.required?.includes(name) ?? false;
          const type = typeOf(field);
          const label = (
            <label for={id}>
              {field.title ?? name}
              {required && <abbr title="required"> *</abbr>}
              {field.description && <span class="muted"> — {field.description}</span>}
            </label>
          );
          const common = { id, required, value: texts[name] ?? "" };
          return (
            <div class="field" key={name}>
              {label}
              {type === "boolean" ? (
                <select {...common} onChange={(e) => set(name, e.currentTarget.value)}>
                  <option value="">–</option>
                  <option value="true">true</option>
                  <option value="false">false</option>
                </select>
              ) : type === "enum" ? (
                <select {...common} onChange={(e) => set(name, e.currentTarget.value)}>
                  <option value="">–</option>
                  {field.enum?.map((value) => (
                    <option key={JSON.stringify(value)} value={JSON.stringify(value)}>
                      {String(value)}
                    </option>
                  ))}
                </select>
              ) : type === "string" || type === "number" || type === "integer" ? (
                <input
                  {...common}
                  type={type === "string" ? "text" : "number"}
                  step={type === "integer" ? 1 : "any"}
                  onInput={(e) => set(name, e.currentTarget.value)}
                />
              ) : (
                <textarea {...common} rows={3} onInput={(e) => set(name, e.currentTarget.value)} />
              )}
            </div>
          );
        })
      )}
      {problem && (
        <p class="error-note" role="alert">
          {problem}
        </p>
      )}
      <button class="primary" type="submit" disabled={busy}>
        {busy ? "Starting…" : "Start a run"}
      </button>
    </form>
  );
}
