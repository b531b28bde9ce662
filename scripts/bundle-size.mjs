// Prints the shipped bytes of dist/ (HTML + JS + wasm + CSS), raw and gzip -9.
// With --check, fails when the gzip total is over the budget in the README.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, extname } from "node:path";
import { gzipSync } from "node:zlib";

export const BUDGET_GZIP_BYTES = 150_000;
const SHIPPED = new Set([".html", ".js", ".wasm", ".css"]);

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

const dist = process.argv.find((a) => !a.startsWith("-") && a !== process.argv[0] && a !== process.argv[1]) ?? "dist";
let raw = 0;
let gzip = 0;
for (const path of files(dist).filter((p) => SHIPPED.has(extname(p))).sort()) {
  const bytes = readFileSync(path);
  const packed = gzipSync(bytes, { level: 9 }).length;
  raw += bytes.length;
  gzip += packed;
  console.log(`${path.padEnd(48)} ${String(bytes.length).padStart(9)} B  gzip ${String(packed).padStart(8)} B`);
}
console.log(`total ${raw} B raw, ${gzip} B gzip -9 (${(gzip / 1000).toFixed(1)} KB; budget ${BUDGET_GZIP_BYTES / 1000} KB)`);
if (process.argv.includes("--check") && gzip > BUDGET_GZIP_BYTES) {
  console.error(`bundle over budget: ${gzip} B gzip > ${BUDGET_GZIP_BYTES} B`);
  process.exit(1);
}
