// Prints the bytes of dist/, raw and gzip -9, and checks the budget of what a
// plain page load fetches: index.html and every local file it names (the
// loader, the JS glue, the wasm, the CSS), followed into the loader. Other
// files (the example docs page, the icon) are listed apart: a plain load
// never asks for them. With --check, fails when the load is over budget.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, extname, basename } from "node:path";
import { gzipSync } from "node:zlib";

export const BUDGET_GZIP_BYTES = 150_000;
const SHIPPED = new Set([".html", ".js", ".wasm", ".css", ".svg"]);

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/// The local files a text names as ./name or "name" (href, src, import).
function named(text, all) {
  return all.filter((path) => {
    const name = basename(path);
    return text.includes(`./${name}`) || text.includes(`"${name}"`) || text.includes(`=${name}`);
  });
}

const dist = process.argv.find((a) => !a.startsWith("-") && a !== process.argv[0] && a !== process.argv[1]) ?? "dist";
const all = files(dist).filter((p) => SHIPPED.has(extname(p))).sort();
const index = join(dist, "index.html");
const load = new Set([index]);
for (const path of named(readFileSync(index, "utf8"), all)) {
  load.add(path);
  if (extname(path) === ".js") {
    for (const more of named(readFileSync(path, "utf8"), all)) load.add(more);
  }
}

let [loadRaw, loadGzip] = [0, 0];
for (const [title, group] of [
  ["fetched by a plain page load", all.filter((p) => load.has(p))],
  ["served beside it, not fetched on load", all.filter((p) => !load.has(p))],
]) {
  if (group.length === 0) continue;
  console.log(`${title}:`);
  for (const path of group) {
    const bytes = readFileSync(path);
    const packed = gzipSync(bytes, { level: 9 }).length;
    if (load.has(path)) {
      loadRaw += bytes.length;
      loadGzip += packed;
    }
    console.log(`  ${path.padEnd(48)} ${String(bytes.length).padStart(9)} B  gzip ${String(packed).padStart(8)} B`);
  }
}
console.log(
  `page load ${loadRaw} B raw, ${loadGzip} B gzip -9 (${(loadGzip / 1000).toFixed(1)} KB; budget ${BUDGET_GZIP_BYTES / 1000} KB)`,
);
if (process.argv.includes("--check") && loadGzip > BUDGET_GZIP_BYTES) {
  console.error(`page load over budget: ${loadGzip} B gzip > ${BUDGET_GZIP_BYTES} B`);
  process.exit(1);
}
