// Optimizes every wasm in the staging directory with binaryen (run by
// post-build.mjs, for release builds). Trunk's own wasm-opt step is off
// (data-wasm-opt="0" in index.html) because one thing must happen between
// wasm-bindgen and wasm-opt: leptos always links server_fn's browser
// support, and with it wasm-streams, whose stream adapters are wasm exports
// (IntoUnderlyingSource, -Sink, -ByteSource) that this page never calls.
// Exports are roots, so wasm-opt alone cannot drop them or the async
// executor they hold. wasm-metadce does: given a graph whose roots are the
// exports the page calls, it removes the others and what only they reach
// (about 1.5 KB gzip); then wasm-opt optimizes what is left, and the JS glue
// loses their classes and the import shims the optimized wasm no longer
// imports. Runs before minify-js.mjs.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

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
function binaryen(name) {
  const tool = [name, join(process.cwd(), "node_modules/.bin", name)].find((path) => {
    try {
      execFileSync(path, ["--version"], { stdio: "ignore" });
      return true;
    } catch {
      return false;
    }
  });
  if (!tool) {
    console.error(`optimize-wasm: ${name} not found (scripts/setup.sh installs binaryen)`);
    process.exit(1);
  }
  return tool;
}

const [wasmOpt, wasmMetadce] = [binaryen("wasm-opt"), binaryen("wasm-metadce")];

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

const scratch = mkdtempSync(join(tmpdir(), "optimize-wasm-"));
try {
  for (const name of readdirSync(dir).filter((n) => n.endsWith(".wasm"))) {
    const path = join(dir, name);
    const before = readFileSync(path);
    // The reachability graph: one node per export, a root unless no page
    // code calls it. metadce keeps what the roots reach.
    const exports = WebAssembly.Module.exports(new WebAssembly.Module(before)).map((e) => e.name);
    const dropped = exports.filter((e) => UNUSED_EXPORT.test(e));
    if (dropped.length > 0) {
      const graph = join(scratch, `${name}.graph.json`);
      const nodes = exports.map((e) => ({ name: `export ${e}`, export: e, root: !UNUSED_EXPORT.test(e) }));
      writeFileSync(graph, JSON.stringify(nodes));
      // metadce prints what it found unused; the optimized module's own
      // imports, below, say what the glue keeps.
      execFileSync(wasmMetadce, [...FEATURES, path, "--graph-file", graph, "-o", path], {
        stdio: ["ignore", "ignore", "inherit"],
      });
    }
    execFileSync(wasmOpt, [...PASSES, ...FEATURES, path, "-o", path], { stdio: "inherit" });
    const after = readFileSync(path);
    const kept = WebAssembly.Module.exports(new WebAssembly.Module(after)).map((e) => e.name);
    const lost = exports.filter((e) => !UNUSED_EXPORT.test(e) && !kept.includes(e));
    if (lost.length > 0 || kept.some((e) => UNUSED_EXPORT.test(e))) {
      console.error(`optimize-wasm: ${name}: exports wrong after optimizing (lost: ${lost.join(", ")})`);
      process.exit(1);
    }
    // wasm-bindgen's glue for `x_bg.wasm` is `x.js` (the worker has none).
    const glue = join(dir, name.replace(/_bg\.wasm$/, ".js"));
    if (name.endsWith("_bg.wasm") && existsSync(glue)) {
      const imported = new Set(WebAssembly.Module.imports(new WebAssembly.Module(after)).map((i) => i.name));
      writeFileSync(glue, prunedGlue(readFileSync(glue, "utf8"), imported));
    }
    console.log(
      `optimize-wasm: ${name} ${before.length} -> ${after.length} bytes` +
        (dropped.length > 0 ? ` (dropped ${dropped.length} unused exports)` : ""),
    );
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
