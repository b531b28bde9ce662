//! The page's migration view, a second wasm that `web/page.js` loads the
//! first time a second host is shown (see `ui::migration_view`).

use wasm_bindgen::prelude::*;

/// Shows the migration between the hosts of the link query `query` in
/// `root`; `stale`: a field of the page is wrong, keep the last result.
#[wasm_bindgen]
pub fn show(root: web_sys::Element, query: String, stale: bool) {
    vnuma_planner::ui::migration_view::show(root, query, stale);
}

/// The Markdown answer's migration sections for `query`.
#[wasm_bindgen]
pub fn answer(query: String) -> String {
    vnuma_planner::ui::migration_view::answer(&query)
}

fn main() {}
