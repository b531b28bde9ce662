// Prints the bytes of dist/, raw and gzip -9, and checks two budgets: what a
// plain page load fetches (index.html and every local file it names: the
// loader, the JS glue and its snippets, the wasm, the CSS), and what opening
// the Paste panel fetches on demand (the panel's script, the importer
// worker's loader, JS and wasm). Other files (the example docs page) are
// listed apart. With --check, fails when either is over budget.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, extname, basename } from "node:path";
import { gzipSync } from "node:zlib";

export const BUDGET_GZIP_BYTES = 200_000;
export const ON_DEMAND_BUDGET_GZIP_BYTES = 100_000;
/** What the page imports only when the Paste panel opens. */
const ON_DEMAND_ENTRY = "paste-panel.js";
const SHIPPED = new Set([".html", ".js", ".wasm", ".css", ".svg"]);

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/// The local files a text names as ./name, /name, "name", 'name' or =name
/// (href, src, import, a worker's importScripts).
function named(text, all) {
  return all.filter((path) => {
    const name = basename(path);
    return [`/${name}`, `"${name}"`, `'${name}'`, `=${name}`].some((form) => text.includes(form));
  });
}

/// `start` and every file it names, followed through JS, except `stop`.
function reach(start, all, stop) {
  const found = new Set([start]);
  const queue = [start];
  while (queue.length > 0) {
    const path = queue.shift();
    for (const more of named(readFileSync(path, "utf8"), all)) {
      if (found.has(more) || stop.has(basename(more))) continue;
      found.add(more);
      if ([".js", ".html"].includes(extname(more))) queue.push(more);
    }
  }
  return found;
}

const dist = process.argv.find((a) => !a.startsWith("-") && a !== process.argv[0] && a !== process.argv[1]) ?? "dist";
const all = files(dist).filter((p) => SHIPPED.has(extname(p))).sort();
const load = reach(join(dist, "index.html"), all, new Set([ON_DEMAND_ENTRY]));
const panel = all.find((p) => basename(p) === ON_DEMAND_ENTRY);
const onDemand = panel ? reach(panel, all, new Set()) : new Set();

const totals = [];
for (const [title, group, budget] of [
  ["fetched by a plain page load", all.filter((p) => load.has(p)), BUDGET_GZIP_BYTES],
  ["fetched when the Paste panel opens", all.filter((p) => onDemand.has(p) && !load.has(p)), ON_DEMAND_BUDGET_GZIP_BYTES],
  ["served beside it, never fetched by the page", all.filter((p) => !load.has(p) && !onDemand.has(p))],
]) {
  if (group.length === 0) continue;
  console.log(`${title}:`);
  let [raw, gzip] = [0, 0];
  for (const path of group) {
    const bytes = readFileSync(path);
    const packed = gzipSync(bytes, { level: 9 }).length;
    raw += bytes.length;
    gzip += packed;
    console.log(`  ${path.padEnd(48)} ${String(bytes.length).padStart(9)} B  gzip ${String(packed).padStart(8)} B`);
  }
  if (budget) totals.push({ title, raw, gzip, budget });
}
let over = false;
for (const { title, raw, gzip, budget } of totals) {
  console.log(`${title}: ${raw} B raw, ${gzip} B gzip -9 (${(gzip / 1000).toFixed(1)} KB; budget ${budget / 1000} KB)`);
  if (gzip > budget) {
    over = true;
    if (process.argv.includes("--check")) console.error(`over budget: ${title}: ${gzip} B gzip > ${budget} B`);
  }
}
if (process.argv.includes("--check") && (over || !panel)) {
  if (!panel) console.error(`${ON_DEMAND_ENTRY} is missing from ${dist}`);
  process.exit(1);
}
