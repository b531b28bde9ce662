// Optimizes every wasm in the staging directory with binaryen (run by
// post-build.mjs, for release builds). Trunk's own wasm-opt step is off
// (data-wasm-opt="0" in index.html) because one thing must happen between
// wasm-bindgen and wasm-opt: leptos always links server_fn's browser
// support, and with it wasm-streams, whose stream adapters are wasm exports
// (IntoUnderlyingSource, -Sink, -ByteSource) that this page never calls.
// Exports are roots, so wasm-opt alone cannot drop them or the async
// executor they hold. binaryen's own module API (the npm package that
// brings wasm-opt) takes them out of the export list first, keeping
// everything else as it was, names included; then wasm-opt removes what
// only they reached (about 1.5 KB gzip) and optimizes the rest, and the JS
// glue loses their classes and the import shims the optimized wasm no
// longer imports. Runs before minify-js.mjs.
//
// Not wasm-metadce: given a graph whose roots are the other exports it
// removes the same code, but its output, optimized with the same passes,
// was 2.8 KB gzip larger (142 152 against 139 379 bytes; it drops the dead
// code before --merge-similar-functions runs, and the functions come out
// merged and laid out differently).
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import binaryen from "binaryen";

const dir = process.env.TRUNK_STAGING_DIR;

/** Exports no page code calls: wasm-streams' adapters for server functions. */
const UNUSED_EXPORT = /intounderlying/i;
const FEATURES = [
  "--enable-bulk-memory",
  "--enable-nontrapping-float-to-int",
  "--enable-sign-ext",
  "--enable-reference-types",
  "--enable-multivalue",
  "--enable-mutable-globals",
];
// Flatten and re-loop before the final size passes: measured 0.5 KB gzip
// smaller on the page's wasm than -Oz alone; merging similar functions and
// dropping the producers and target-features sections (no browser reads
// them) take 0.3 KB more.
const PASSES = [
  "--merge-similar-functions",
  "-Oz",
  "--flatten",
  "--rereloop",
  "-Oz",
  "--flatten",
  "--rereloop",
  "-Oz",
  "--converge",
  "--strip-producers",
  "--strip-target-features",
];

/** binaryen's `name` tool: on PATH (scripts/env.sh) or from node_modules. */
function tool(name) {
  const found = [name, join(process.cwd(), "node_modules/.bin", name)].find((path) => {
    try {
      execFileSync(path, ["--version"], { stdio: "ignore" });
      return true;
    } catch {
      return false;
    }
  });
  if (!found) {
    console.error(`optimize-wasm: ${name} not found (scripts/setup.sh installs binaryen)`);
    process.exit(1);
  }
  return found;
}

const wasmOpt = tool("wasm-opt");
const f = binaryen.Features;
/** The features of FEATURES, for binaryen's module API. */
const MODULE_FEATURES =
  f.MVP | f.BulkMemory | f.NontrappingFPToInt | f.SignExt | f.ReferenceTypes | f.Multivalue | f.MutableGlobals;

/**
 * The glue without the classes of the dropped exports and without the
 * import shims the optimized module does not import (wasm-bindgen writes
 * each shim as `name: function(...) {` ... `},` at one indent).
 */
function prunedGlue(source, imported) {
  const lines = source.split("\n");
  const out = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const shim = /^( +)(__wb\w+): function\(/.exec(line);
    const deadClass = /^export class IntoUnderlying/.test(line);
    const deadConst = /^const (IntoUnderlying\w*Finalization|__wbindgen_enum_ReadableStreamType)\b/.test(line);
    if ((shim && !imported.has(shim[2])) || deadClass) {
      const end = shim ? `${shim[1]}},` : "}";
      while (i < lines.length && lines[i] !== end) i++;
      continue;
    }
    if (deadConst) {
      while (i < lines.length && !lines[i].trimEnd().endsWith(";")) i++;
      continue;
    }
    if (/^if \(Symbol\.dispose\) IntoUnderlying/.test(line)) continue;
    out.push(line);
  }
  return out.join("\n");
}

/** The module without the exports whose names match `drop`, and their names. */
function withoutExports(bytes, drop) {
  // Names kept: wasm-opt's passes then make the same choices as on the
  // module wasm-bindgen wrote (without them the result is a few bytes larger).
  binaryen.setDebugInfo(true);
  const module = binaryen.readBinary(bytes);
  module.setFeatures(MODULE_FEATURES);
  const dropped = [];
  for (let i = module.getNumExports() - 1; i >= 0; i--) {
    const { name } = binaryen.getExportInfo(module.getExportByIndex(i));
    if (drop.test(name)) dropped.push(name);
  }
  for (const name of dropped) module.removeExport(name);
  const out = module.emitBinary();
  module.dispose();
  return { bytes: out, dropped };
}

for (const name of readdirSync(dir).filter((n) => n.endsWith(".wasm"))) {
  const path = join(dir, name);
  const before = readFileSync(path);
  const { bytes, dropped } = withoutExports(before, UNUSED_EXPORT);
  if (dropped.length > 0) writeFileSync(path, bytes);
  execFileSync(wasmOpt, [...PASSES, ...FEATURES, path, "-o", path], { stdio: "inherit" });
  const after = readFileSync(path);
  // wasm-bindgen's glue for `x_bg.wasm` is `x.js` (the worker has none).
  const glue = join(dir, name.replace(/_bg\.wasm$/, ".js"));
  if (name.endsWith("_bg.wasm") && existsSync(glue)) {
    const imported = new Set(WebAssembly.Module.imports(new WebAssembly.Module(after)).map((i) => i.name));
    writeFileSync(glue, prunedGlue(readFileSync(glue, "utf8"), imported));
  }
  console.log(
    `optimize-wasm: ${name} ${before.length} -> ${after.length} bytes` +
      (dropped.length > 0 ? ` (${dropped.length} unused exports dropped first)` : ""),
  );
}
