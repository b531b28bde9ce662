// Trunk post_build hook: minifies the wasm-bindgen JS glue in the staging
// directory (Trunk minifies HTML and CSS itself, not this JS).
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { minify } from "terser";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error("minify-js: TRUNK_STAGING_DIR is not set (run from a Trunk hook)");
  process.exit(1);
}
if (process.env.TRUNK_PROFILE !== "release") {
  process.exit(0);
}
// The top-level scripts, and wasm-bindgen's snippets (inline_js) below.
const scripts = readdirSync(dir, { recursive: true }).filter((n) => n.endsWith(".js"));
for (const name of scripts) {
  const path = join(dir, name);
  const source = readFileSync(path, "utf8");
  // The importer worker's files are classic scripts: their top-level names
  // (wasm_bindgen) are what the loader calls, so they must stay.
  const module = !name.startsWith("vnuma-planner-import");
  const result = await minify(source, { module, ecma: 2020, compress: { passes: 2 }, mangle: true });
  writeFileSync(path, result.code);
  console.log(`minify-js: ${name} ${source.length} -> ${result.code.length} bytes`);
}
