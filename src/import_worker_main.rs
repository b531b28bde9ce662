//! The page's importers as a Web Worker module: `trunk build` compiles this
//! binary to its own WebAssembly, fetched only when the Paste panel opens.
//! Its exports are in `import_worker`; `web/import-worker.js` drives them.

fn main() {
    // Linked so the exports stay; the worker script calls them.
    let _ = vnuma_planner::import_worker::answer as extern "C" fn() -> usize;
}
