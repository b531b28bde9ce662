// Trunk post_build hook (release builds): the importer worker's wasm into
// dist/, then every wasm optimized, then the JS minified, in this order
// (Trunk starts the hooks of one stage together; the glue is pruned against
// the optimized wasm before it is minified). The steps read the staging
// directory from TRUNK_STAGING_DIR, checked here once.
import { copyFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error("post-build: TRUNK_STAGING_DIR is not set (run from a Trunk hook)");
  process.exit(1);
}
if (process.env.TRUNK_PROFILE !== "release") {
  process.exit(0);
}
const target = process.env.CARGO_TARGET_DIR ?? join(process.cwd(), "target");
copyFileSync(
  join(target, "wasm32-unknown-unknown/release/vnuma-planner-import.wasm"),
  join(dir, "vnuma-planner-import.wasm"),
);
await import("./optimize-wasm.mjs");
await import("./minify-js.mjs");
