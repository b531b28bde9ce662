//! The page's extras, a second wasm that `web/page.js` loads on demand:
//! the migration view (`ui::migration_view`), the first time a second host
//! is shown; the Markdown answer (`share::answer`), when a visitor copies or
//! opens it; the checked fixes (`ui::fixes_view`), when asked for; the
//! explanation of a grid cell (`ui::cell_detail`), when one opens. Most
//! visitors plan one host and copy no answer, so the page's own wasm holds
//! none of them (nor the rules behind the fixes).

use vnuma_planner::domain::Lang;
use vnuma_planner::i18n::{self, Catalogue};
use vnuma_planner::ui::{cell_detail, embed_panel, extras, fixes_view, migration_view};
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

/// Explains the grid cell `cell` (`large.none`) for the first host of
/// `query` in `root`; `stale`: a field is wrong, keep the last one.
#[wasm_bindgen]
pub fn show_cell(root: web_sys::Element, query: String, cell: String, stale: bool) {
    cell_detail::show_cell(root, query, &cell, stale);
}

/// Shows the embed panel for the page's inputs `query` in `root`.
#[wasm_bindgen]
pub fn show_embed(root: web_sys::Element, query: String) {
    embed_panel::show_embed(root, query);
}

/// Speaks the page's language: `text` is the catalogue of `lang` the page
/// fetched (see `web/page.js`).
#[wasm_bindgen]
pub fn use_catalogue(lang: String, text: String) {
    if let Some(lang) = Lang::from_code(&lang) {
        if let Ok(catalogue) = Catalogue::parse(lang, &text) {
            i18n::activate(catalogue);
        }
    }
}

fn main() {}
