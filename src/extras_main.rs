//! The page's extras, a second wasm that `web/page.js` loads on demand:
//! the migration view (`ui::migration_view`), the first time a second host
//! is shown; the Markdown answer (`share::answer`), when a visitor copies or
//! opens it; the checked fixes (`ui::fixes_view`), when asked for. Most
//! visitors plan one host and copy no answer, so the page's own wasm holds
//! none of them (nor the rules behind the fixes).

use vnuma_planner::ui::{extras, fixes_view, migration_view};
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

/// Shows the checked fixes for the first host of `query` under `policy` in
/// `root`; `apply` takes a fix's inputs as flat link pairs.
#[wasm_bindgen]
pub fn show_fixes(root: web_sys::Element, query: String, policy: String, apply: js_sys::Function) {
    fixes_view::show_fixes(root, query, &policy, apply);
}

fn main() {}
