// Optimizes every wasm in the staging directory with wasm-opt (run by
// post-build.mjs, for release builds). Trunk's own wasm-opt step is off
// (data-wasm-opt="0" in index.html) because one thing must happen between
// wasm-bindgen and wasm-opt: leptos always links server_fn's browser
// support, and with it wasm-streams, whose stream adapters are wasm exports
// (IntoUnderlyingSource, -Sink, -ByteSource) that this page never calls.
// Exports are roots, so nothing could drop them or the async executor they
// hold; taking them out of the export list first lets wasm-opt remove it
// all (about 1.5 KB gzip), and the JS glue loses their classes and the
// import shims the optimized wasm no longer imports. Runs before
// minify-js.mjs.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
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

function leb(bytes, at) {
  let [value, shift, byte] = [0, 0, 0];
  do {
    byte = bytes[at++];
    value |= (byte & 0x7f) << shift;
    shift += 7;
  } while (byte & 0x80);
  return [value >>> 0, at];
}

function uleb(value) {
  const out = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value) byte |= 0x80;
    out.push(byte);
  } while (value);
  return Buffer.from(out);
}

/** Calls `visit(id, start, bodyStart, end)` for each section of a module. */
function sections(bytes, visit) {
  let at = 8;
  while (at < bytes.length) {
    const start = at;
    const id = bytes[at++];
    let size;
    [size, at] = leb(bytes, at);
    visit(id, start, at, at + size);
    at += size;
  }
}

/** The module without the exports whose names match `drop`. */
function withoutExports(bytes, drop) {
  const parts = [bytes.subarray(0, 8)];
  sections(bytes, (id, start, body, end) => {
    if (id !== 7) {
      parts.push(bytes.subarray(start, end));
      return;
    }
    let [count, at] = leb(bytes, body);
    const kept = [];
    for (let k = 0; k < count; k++) {
      const from = at;
      let length;
      [length, at] = leb(bytes, at);
      const name = bytes.subarray(at, at + length).toString();
      at += length + 1;
      [, at] = leb(bytes, at);
      if (!drop.test(name)) kept.push(bytes.subarray(from, at));
    }
    const section = Buffer.concat([uleb(kept.length), ...kept]);
    parts.push(Buffer.from([7]), uleb(section.length), section);
  });
  return Buffer.concat(parts);
}

/** The names the module imports. */
function importNames(bytes) {
  const names = new Set();
  sections(bytes, (id, _start, body) => {
    if (id !== 2) return;
    let [count, at] = leb(bytes, body);
    for (let k = 0; k < count; k++) {
      let length;
      [length, at] = leb(bytes, at);
      at += length;
      [length, at] = leb(bytes, at);
      names.add(bytes.subarray(at, at + length).toString());
      at += length;
      const kind = bytes[at++];
      const limits = (from) => {
        const flags = bytes[from];
        let next = leb(bytes, from + 1)[1];
        if (flags & 1) next = leb(bytes, next)[1];
        return next;
      };
      if (kind === 0) [, at] = leb(bytes, at); // function: type index
      else if (kind === 1) at = limits(at + 1); // table: element type, limits
      else if (kind === 2) at = limits(at); // memory: limits
      else if (kind === 3) at += 2; // global: value type, mutability
      else [, at] = leb(bytes, at + 1); // tag: attribute, type index
    }
  });
  return names;
}

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

const wasmOpt = ["wasm-opt", join(process.cwd(), "node_modules/.bin/wasm-opt")].find((tool) => {
  try {
    execFileSync(tool, ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
});
if (!wasmOpt) {
  console.error("optimize-wasm: wasm-opt not found (scripts/setup.sh installs it)");
  process.exit(1);
}

for (const name of readdirSync(dir).filter((n) => n.endsWith(".wasm"))) {
  const path = join(dir, name);
  const before = readFileSync(path);
  writeFileSync(path, withoutExports(before, UNUSED_EXPORT));
  execFileSync(wasmOpt, [...PASSES, ...FEATURES, path, "-o", path], { stdio: "inherit" });
  const after = readFileSync(path);
  // wasm-bindgen's glue for `x_bg.wasm` is `x.js` (the worker has none).
  const glue = join(dir, name.replace(/_bg\.wasm$/, ".js"));
  if (name.endsWith("_bg.wasm") && existsSync(glue)) {
    writeFileSync(glue, prunedGlue(readFileSync(glue, "utf8"), importNames(after)));
  }
  console.log(`optimize-wasm: ${name} ${before.length} -> ${after.length} bytes`);
}
