#!/usr/bin/env node
// Bundles the dashboard (src/ui/app) into dist/assets/ui, the directory wrangler serves as
// the Worker's static assets: one minified script and one stylesheet with content hashes
// in their names (so they can be cached for good), and the index.html that loads them.
// wrangler runs it before `wrangler dev` and `wrangler deploy` ([build] in wrangler.toml);
// the vitest config runs it before loading wrangler.toml. It takes well under a second.
// It also lays out the API reference served at /docs: Scalar's standalone bundle (from the
// @scalar/api-reference npm package, so no CDN), its settings script, and docs.html.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { build } from "esbuild";

const ROOT = join(import.meta.dirname, "..");
const SOURCE = join(ROOT, "src", "ui", "app");
const OUT = join(ROOT, "dist", "assets", "ui");
const SCALAR_BUNDLE = join(
  ROOT,
  "node_modules",
  "@scalar",
  "api-reference",
  "dist",
  "browser",
  "standalone.js",
);

/** Bundles the script and stylesheet; returns their file names under /ui/. */
async function bundle() {
  rmSync(OUT, { recursive: true, force: true });
  const result = await build({
    entryPoints: [join(SOURCE, "main.tsx"), join(SOURCE, "styles.css")],
    bundle: true,
    minify: true,
    format: "esm",
    target: "es2022",
    jsx: "automatic",
    jsxImportSource: "preact",
    entryNames: "[name]-[hash]",
    outdir: OUT,
    splitting: true,
    chunkNames: "chunk-[hash]",
    metafile: true,
    legalComments: "none",
    logLevel: "warning",
  });
  const outputs = Object.entries(result.metafile.outputs);
  /** The output file built from the entry point `source` (chunks have no entry point). */
  const outputOf = (source) => {
    const found = outputs.find(([, output]) => output.entryPoint?.endsWith(source));
    if (found === undefined) throw new Error(`build-ui: no output for ${source}`);
    return basename(found[0]);
  };
  return { script: outputOf("main.tsx"), style: outputOf("styles.css") };
}

/** The one HTML page: every client-side route under /ui/ is answered with it. */
function indexHtml({ script, style }) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>Cairn</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/ui/${style}">
<script type="module" src="/ui/${script}"></script>
</head>
<body>
<div id="app"><noscript>Cairn's dashboard needs JavaScript.</noscript></div>
</body>
</html>
`;
}

/** Writes `content` as `<name>-<hash>.js` under /ui/ (cached for good); returns the name. */
function writeHashed(name, content) {
  const hash = createHash("sha256").update(content).digest("hex").slice(0, 8).toUpperCase();
  const file = `${name}-${hash}.js`;
  writeFileSync(join(OUT, file), content);
  return file;
}

/**
 * Scalar's settings. Everything that would reach another origin is off: its default fonts
 * (a font CDN), telemetry, the request proxy (try-it-out calls this Worker directly) and
 * its AI agent and MCP; the page's CSP (src/api/docs-page.ts) blocks anything missed.
 */
const SCALAR_SETTINGS = {
  url: "/openapi.json",
  withDefaultFonts: false,
  telemetry: false,
  proxyUrl: "",
  showDeveloperTools: "never",
  documentDownloadType: "json",
  agent: { disabled: true },
  mcp: { disabled: true },
};

/** Scalar's bundle and its settings script; returns their file names under /ui/. */
function docsFiles() {
  // The package exports no path to its browser build, so it is read from its folder.
  const scalar = writeHashed("scalar", readFileSync(SCALAR_BUNDLE));
  const settings = writeHashed(
    "docs",
    `Scalar.createApiReference("#app", ${JSON.stringify(SCALAR_SETTINGS)});\n`,
  );
  return { scalar, settings };
}

/** The API reference's page, served by the Worker at /docs (it loads only /ui/ files). */
function docsHtml({ scalar, settings }) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Cairn API</title>
<link rel="icon" href="data:,">
</head>
<body>
<noscript>The API reference needs JavaScript; the document itself is <a href="/openapi.json">/openapi.json</a>.</noscript>
<div id="app"></div>
<script src="/ui/${scalar}"></script>
<script src="/ui/${settings}"></script>
</body>
</html>
`;
}

const files = await bundle();
mkdirSync(OUT, { recursive: true });
writeFileSync(join(OUT, "index.html"), indexHtml(files));
const docs = docsFiles();
writeFileSync(join(OUT, "docs.html"), docsHtml(docs));
console.log(
  `build-ui: dist/assets/ui/{index.html,${files.script},${files.style},docs.html,${docs.scalar},${docs.settings}}`,
);
