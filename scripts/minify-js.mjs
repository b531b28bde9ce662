// Minifies the JS in the staging directory: the wasm-bindgen glue, its
// snippets and the on-demand scripts (Trunk minifies HTML and CSS itself,
// not this JS). Run by post-build.mjs.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { minify } from "terser";

const dir = process.env.TRUNK_STAGING_DIR;
// The top-level scripts, and wasm-bindgen's snippets (inline_js) below.
const scripts = readdirSync(dir, { recursive: true }).filter((n) => n.endsWith(".js"));
for (const name of scripts) {
  const path = join(dir, name);
  const source = readFileSync(path, "utf8");
  const result = await minify(source, { module: true, ecma: 2020, compress: { passes: 2 }, mangle: true });
  writeFileSync(path, result.code);
  console.log(`minify-js: ${name} ${source.length} -> ${result.code.length} bytes`);
}
