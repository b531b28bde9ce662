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
for (const name of readdirSync(dir).filter((n) => n.endsWith(".js"))) {
  const path = join(dir, name);
  const source = readFileSync(path, "utf8");
  const result = await minify(source, { module: true, ecma: 2020, compress: { passes: 2 }, mangle: true });
  writeFileSync(path, result.code);
  console.log(`minify-js: ${name} ${source.length} -> ${result.code.length} bytes`);
}
