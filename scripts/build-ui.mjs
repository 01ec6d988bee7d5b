#!/usr/bin/env node
// Bundles the dashboard (src/ui/app) into dist/assets/ui, the directory wrangler serves as
// the Worker's static assets: one minified script and one stylesheet with content hashes
// in their names (so they can be cached for good), and the index.html that loads them.
// wrangler runs it before `wrangler dev` and `wrangler deploy` ([build] in wrangler.toml);
// the vitest config runs it before loading wrangler.toml. It takes well under a second.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { build } from "esbuild";

const ROOT = join(import.meta.dirname, "..");
const SOURCE = join(ROOT, "src", "ui", "app");
const OUT = join(ROOT, "dist", "assets", "ui");

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

const files = await bundle();
mkdirSync(OUT, { recursive: true });
writeFileSync(join(OUT, "index.html"), indexHtml(files));
console.log(`build-ui: dist/assets/ui/{index.html,${files.script},${files.style}}`);
