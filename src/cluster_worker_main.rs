//! The Cluster page's worker module: `trunk build` compiles this binary to
//! its own WebAssembly (`vnuma-planner-cluster.wasm`), fetched only by
//! `cluster.html`. Its exports are in `cluster_worker`;
//! `web/cluster-worker.js` drives them.

fn main() {
    // Linked so the exports stay; the worker script calls them.
    let _ = vnuma_planner::cluster_worker::cluster_answer as extern "C" fn() -> usize;
}
