/**
 * Renders the OpenAPI document as one self-contained HTML page (no scripts, no CDN), so
 * the API is browsable from any deployment, even one without internet access.
 */
export function renderDocsPage(doc: Record<string, unknown>): string {
  const paths = (doc.paths ?? {}) as Record<string, Record<string, Operation>>;
  const sections = Object.entries(paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) =>
      renderOperation(method, path, operation),
    ),
  );
  const schemas =
    (doc.components as { schemas?: Record<string, unknown> } | undefined)?.schemas ?? {};
  const schemaSections = Object.entries(schemas).map(
    ([name, schema]) =>
      `<section id="schema-${escapeHtml(name)}"><h3>${escapeHtml(name)}</h3>${renderJson(schema)}</section>`,
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Cairn API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>${STYLE}</style></head>
<body><h1>Cairn API</h1>
<p>Every route needs <code>Authorization: Bearer &lt;token&gt;</code> unless marked <em>open</em>.
Errors are <code>application/problem+json</code>. Machine-readable: <a href="/openapi.json">/openapi.json</a>.</p>
${sections.join("\n")}
<h2>Schemas</h2>
${schemaSections.join("\n")}
</body></html>`;
}

interface Operation {
  summary?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: { name: string; in: string; required?: boolean; schema?: unknown }[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<
    string,
    { description?: string; content?: Record<string, { schema?: unknown }> }
  >;
}

function renderOperation(method: string, path: string, operation: Operation): string {
  const isOpen = Array.isArray(operation.security) && operation.security.length === 0;
  const bodyTypes = Object.keys(operation.requestBody?.content ?? {});
  const body = Object.values(operation.requestBody?.content ?? {})[0]?.schema;
  return `<section class="op">
<h2><span class="method ${method}">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code>${isOpen ? " <em>open</em>" : ""}</h2>
<p>${escapeHtml(operation.summary ?? "")}</p>
${renderParameters(operation.parameters ?? [])}
${body ? `<h4>Request body (${escapeHtml(bodyTypes.join(", "))})</h4>${renderJson(body)}` : ""}
${renderResponses(operation.responses ?? {})}
</section>`;
}

function renderParameters(parameters: NonNullable<Operation["parameters"]>): string {
  if (parameters.length === 0) return "";
  const rows = parameters.map(
    (p) =>
      `<tr><td><code>${escapeHtml(p.name)}</code></td><td>${escapeHtml(p.in)}</td><td>${p.required ? "yes" : "no"}</td><td><code>${escapeHtml(JSON.stringify(p.schema ?? {}))}</code></td></tr>`,
  );
  return `<h4>Parameters</h4><table><tr><th>name</th><th>in</th><th>required</th><th>schema</th></tr>${rows.join("")}</table>`;
}

function renderResponses(responses: NonNullable<Operation["responses"]>): string {
  const items = Object.entries(responses).map(([status, response]) => {
    const schema = Object.values(response.content ?? {})[0]?.schema;
    return `<li><strong>${escapeHtml(status)}</strong> ${escapeHtml(response.description ?? "")}${schema ? renderJson(schema) : ""}</li>`;
  });
  return `<h4>Responses</h4><ul>${items.join("")}</ul>`;
}

/** Schemas are long (a job's is hundreds of lines), so each folds away behind a summary. */
function renderJson(value: unknown): string {
  const json = JSON.stringify(value, null, 2);
  const ref = (value as { $ref?: unknown } | null)?.$ref;
  if (typeof ref === "string") {
    const name = escapeHtml(ref.split("/").at(-1) ?? ref);
    return ` <a href="#schema-${name}"><code>${name}</code></a>`;
  }
  return `<details><summary>schema</summary><pre>${escapeHtml(json)}</pre></details>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

const STYLE = `body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
.op{border-top:1px solid #ddd;padding-top:.5rem}h2{font-size:1.1rem}
.method{display:inline-block;min-width:4.5rem;padding:.1rem .4rem;border-radius:4px;color:#fff;font-size:.85rem;text-align:center}
.get{background:#2b7bb9}.post{background:#2e8b57}.put{background:#b8860b}.delete{background:#b22222}
pre{background:#f6f8fa;padding:.5rem;overflow:auto;max-height:24rem;font-size:.8rem}
table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.2rem .5rem;text-align:left}`;
