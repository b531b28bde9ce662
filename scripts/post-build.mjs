// Trunk post_build hook: the importer worker's wasm into dist/, then every
// wasm optimized, then the JS glue minified, in this order (Trunk starts the
// hooks of one stage together; the glue is pruned against the optimized
// wasm before it is minified).
import { copyFileSync } from "node:fs";
import { join } from "node:path";

const target = process.env.CARGO_TARGET_DIR ?? join(process.cwd(), "target");
copyFileSync(
  join(target, "wasm32-unknown-unknown/release/vnuma-planner-import.wasm"),
  join(process.env.TRUNK_STAGING_DIR, "vnuma-planner-import.wasm"),
);
await import("./optimize-wasm.mjs");
await import("./minify-js.mjs");
