//! The page's extras, a second wasm that `web/page.js` loads on demand:
//! the migration view (`ui::migration_view`), the first time a second host
//! is shown, and the Markdown answer (`share::answer`), when a visitor
//! copies or opens it. Most visitors plan one host and never copy an
//! answer, so the page's own wasm holds neither.

use vnuma_planner::ui::{extras, migration_view};
use wasm_bindgen::prelude::*;

/// Shows the migration between the hosts of the link query `query` in
/// `root`; `stale`: a field of the page is wrong, keep the last result.
#[wasm_bindgen]
pub fn show(root: web_sys::Element, query: String, stale: bool) {
    migration_view::show(root, query, stale);
}

/// The Markdown answer for the link query `query`, ending with `link`.
#[wasm_bindgen]
pub fn answer(query: String, link: String) -> String {
    extras::answer_for(&query, &link)
}

fn main() {}
