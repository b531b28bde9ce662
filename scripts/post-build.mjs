// Trunk post_build hook, the only one: Trunk starts the hooks of one stage
// together, so steps that rewrite the same files run here one after the
// other. The page's extras (src/extras_main.rs) through wasm-bindgen into
// dist/ (Trunk only runs it on the page's own wasm). Release builds: the workers' wasm (the importer's,
// the Cluster page's) into dist/, every wasm optimized, then the JS minified (the glue is pruned against the
// optimized wasm before it is minified). Every build: the wasm loader moved
// out of index.html, then the static grid put into it (both rewrite
// index.html; run as two hooks they raced and one lost the other's edit).
// The steps read the staging directory from TRUNK_STAGING_DIR, checked here
// once.
import { execFileSync } from "node:child_process";
import { copyFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error("post-build: TRUNK_STAGING_DIR is not set (run from a Trunk hook)");
  process.exit(1);
}
/** Cargo.toml's wasm profile, as Trunk.toml's cargo_profile and pre_build hook name it. */
const WASM_PROFILE = "wasm-release";
const target = process.env.CARGO_TARGET_DIR ?? join(process.cwd(), "target");
const built = (bin) => join(target, "wasm32-unknown-unknown", WASM_PROFILE, `${bin}.wasm`);
// wasm-bindgen from PATH, the version Trunk.toml pins (scripts/setup.sh).
execFileSync(
  "wasm-bindgen",
  ["--target", "web", "--no-typescript", "--out-dir", dir, "--out-name", "vnuma-planner-extras", built("vnuma-planner-extras")],
  { stdio: "inherit" },
);
if (process.env.TRUNK_PROFILE === "release") {
  for (const worker of ["vnuma-planner-import", "vnuma-planner-cluster"]) {
    copyFileSync(built(worker), join(dir, `${worker}.wasm`));
  }
  await import("./optimize-wasm.mjs");
  await import("./minify-js.mjs");
}
await import("./csp-loader.mjs");
await import("./static-grid.mjs");
