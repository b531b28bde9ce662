//! The page's importers as a Web Worker: `trunk build` compiles this binary
//! to its own WebAssembly, fetched only when the Paste panel opens.

fn main() {
    vnuma_planner::import_worker::start();
}
