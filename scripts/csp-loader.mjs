// Trunk post_build hook: moves Trunk's inline module script (the wasm
// loader) into its own file, so the page runs under a strict
// Content-Security-Policy with `script-src 'self'` and no inline script.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error("csp-loader: TRUNK_STAGING_DIR is not set (run from a Trunk hook)");
  process.exit(1);
}
const page = join(dir, "index.html");
const html = readFileSync(page, "utf8");
const inline = /<script type="?module"?>([\s\S]*?)<\/script>/;
const found = html.match(inline);
if (!found) {
  console.error("csp-loader: no inline module script in index.html");
  process.exit(1);
}
// Only what starts the page: Trunk's extra lines (a global for the bindings,
// a start event) serve no one here.
const glue = found[1].match(/from '\.\/([^']+\.js)'/);
const wasm = found[1].match(/module_or_path: '\.\/([^']+\.wasm)'/);
if (!glue || !wasm) {
  console.error("csp-loader: the inline script does not name the JS glue and the wasm");
  process.exit(1);
}
const code = `import init from "./${glue[1]}";\nawait init({ module_or_path: "./${wasm[1]}" });\n`;
const name = `loader-${createHash("sha256").update(code).digest("hex").slice(0, 16)}.js`;
writeFileSync(join(dir, name), code);
writeFileSync(page, html.replace(inline, `<script type="module" src="./${name}"></script>`));
if (inline.test(readFileSync(page, "utf8"))) {
  console.error("csp-loader: an inline module script is left");
  process.exit(1);
}
console.log(`csp-loader: loader moved to ${name}`);
