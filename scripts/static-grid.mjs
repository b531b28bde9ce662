// Trunk post_build hook: puts the document's grid into index.html as static
// HTML, so it is there at first paint and without JavaScript or WebAssembly.
// The grid is tests/golden/table.html, the output of
// `vnuma-planner table --format html`, which a test keeps byte for byte equal
// to the rules (never typed by hand). The page removes it when it starts.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error("static-grid: TRUNK_STAGING_DIR is not set (run from a Trunk hook)");
  process.exit(1);
}
const page = join(dir, "index.html");
const grid = readFileSync(new URL("../tests/golden/table.html", import.meta.url), "utf8")
  .replace(/>\s+</g, "><")
  .replace(/<p>Rows are numbered[^<]*<\/p>/, "")
  .trim();
const block =
  `<div id="static-grid" class="static-grid"><h1>vNUMA planner</h1>${grid}` +
  `<p>With JavaScript and WebAssembly the planner classifies your VM on your host and ` +
  `checks whether its pod is admitted and QEMU starts (reserved CPUs, SMT, huge pages per node).</p></div>`;
const html = readFileSync(page, "utf8");
const marker = /<noscript>[\s\S]*?<\/noscript>/;
if (!marker.test(html)) {
  console.error("static-grid: no <noscript> in index.html to put the grid after");
  process.exit(1);
}
writeFileSync(page, html.replace(marker, (m) => m + block));
console.log("static-grid: the document's grid is in index.html");
