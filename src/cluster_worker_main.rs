//! The Cluster page's worker module: `trunk build` compiles this binary to
//! its own WebAssembly (`vnuma-planner-cluster.wasm`), fetched only by
//! `cluster.html`. Its exports are in `cluster_worker`;
//! `web/cluster-worker.js` drives them. No `main` in the wasm: the worker
//! never runs one, and without it std's start-up and exit code stays out.
#![cfg_attr(target_family = "wasm", no_main)]

// Linked so the exports stay; the worker script calls them.
pub use vnuma_planner::cluster_worker::cluster_answer;

/// Natively (`cargo build --all-features`) the binary only links.
#[cfg(not(target_family = "wasm"))]
fn main() {}
