//! The few places the page touches the browser outside its own DOM tree:
//! the address bar, the root element's attributes, the clipboard and the
//! parent frame.

use crate::domain::Lang;
use crate::i18n::preferred_lang;
use crate::share::{keys, LANG};
use crate::trf;
use wasm_bindgen::prelude::*;

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// The decoded key-value pairs of the page's query, for the keys the planner
/// reads (every value of a repeated key, in order).
pub fn query_pairs() -> Vec<(String, String)> {
    let search = window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    pairs_of(&search)
}

/// The decoded pairs of a query string, for the keys the planner reads.
pub fn pairs_of(query: &str) -> Vec<(String, String)> {
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(query) else {
        return Vec::new();
    };
    keys()
        .flat_map(|key| {
            params
                .get_all(key)
                .iter()
                .filter_map(|v| v.as_string())
                .map(move |v| (key.to_string(), v))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Percent-encodes a query with the browser's own URLSearchParams.
pub fn encode_query(pairs: &[(&str, String)]) -> String {
    let Ok(params) = web_sys::UrlSearchParams::new() else {
        return String::new();
    };
    for (key, value) in pairs {
        params.append(key, value);
    }
    params.to_string().into()
}

/// The page's address without query or fragment.
pub fn location_base() -> String {
    let Some(location) = window().map(|w| w.location()) else {
        return String::new();
    };
    let origin = location.origin().unwrap_or_default();
    let path = location.pathname().unwrap_or_default();
    format!("{origin}{path}")
}

#[wasm_bindgen(module = "/web/page.js")]
extern "C" {
    /// Rewrites the query in place, without a history entry per keystroke,
    /// at most every 150 ms (see web/page.js).
    pub fn replace_query(query: &str);
    /// Loads the Paste panel when it opens or files are dropped on it;
    /// `take` gets the importer worker's answer.
    pub fn wire_paste_panel(take: JsValue);
    /// Shows both directions of the migration between the two hosts of
    /// the link query `query` in `#migration-view`, loading the migration
    /// view the first time; `stale`: a field is wrong, keep the last result.
    pub fn show_migration(query: &str, stale: bool);
    /// The Markdown answer for the link query `query`, ending with `link`,
    /// made by the page's extras (loaded the first time); `stale`: a field
    /// is wrong, the last answer is given again.
    pub fn request_answer(query: &str, link: &str, stale: bool) -> js_sys::Promise;
    /// Shows the checked fixes under `policy` for the link query `query`
    /// (the page's extras make them), and keeps them current after.
    pub fn show_fixes(query: &str, policy: &str);
    /// Makes the fixes shown follow the inputs now given by `query`.
    pub fn refresh_fixes(query: &str);
    /// Explains the grid cell `cell` (`large.none`) for the first host of
    /// `query` in `#cell-detail` (made by the page's extras, loaded the
    /// first time); `stale`: a field is wrong, keep the last explanation.
    pub fn show_cell(query: &str, cell: &str, stale: bool);
    /// Shows the embed panel for the page's inputs `query` in
    /// `#embed-panel` (made by the page's extras, loaded the first time).
    pub fn show_embed(query: &str);
    /// The catalogue of the language `lang` (`i18n/<lang>.po`) as text,
    /// empty when it cannot be had; the extras get it too.
    pub fn load_catalogue(lang: &str) -> js_sys::Promise;
    /// The embed's chores: its Copy link button (saying `copied` or
    /// `refused`) and, in a frame, reporting the page's height to the parent
    /// whenever it changes (`height_type` messages carrying `id`, unless
    /// empty, and Pym.js and AMP height messages) and taking `theme_type`
    /// messages from the parent window only.
    pub fn embed_messages(
        id: &str,
        height_type: &str,
        theme_type: &str,
        copied: &str,
        refused: &str,
    );
    /// Shows the language menu (static, in index.html) on `lang`; choosing
    /// opens the page again with the link key `lang`.
    pub fn show_language_menu(lang: &str);
}

/// Sets (or removes, for `None`) an attribute on `<html>`, for theme and embed CSS.
pub fn set_root_attribute(name: &str, value: Option<&str>) {
    let Some(root) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    let _ = match value {
        Some(v) => root.set_attribute(name, v),
        None => root.remove_attribute(name),
    };
}

/// The document's title, as the tab and the history show it.
pub fn set_title(title: &str) {
    if let Some(document) = window().and_then(|w| w.document()) {
        document.set_title(title);
    }
}

/// Removes the element with this id, if there is one.
pub fn remove_element(id: &str) {
    if let Some(element) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
    {
        element.remove();
    }
}

/// Puts text on the clipboard, then calls `done` with whether the browser
/// accepted. The promise's own callbacks, not an async task: no executor is
/// linked into the page for one button.
pub fn copy_text(text: &str, done: impl FnOnce(bool) + 'static) {
    let Some(window) = window() else {
        return done(false);
    };
    let promise = window.navigator().clipboard().write_text(text);
    let done = std::rc::Rc::new(std::cell::Cell::new(Some(done)));
    let settle = |ok: bool| {
        let done = done.clone();
        Closure::<dyn FnMut(JsValue)>::new(move |_| {
            if let Some(done) = done.take() {
                done(ok);
            }
        })
    };
    let (copied, refused) = (settle(true), settle(false));
    let _ = promise.then2(&copied, &refused);
    // The browser calls one of them, once, later: they must outlive this call.
    copied.forget();
    refused.forget();
}

/// What a Copy button says after copying `what` (the link, the answer, the
/// snippet): copied, or refused with the text shown below to select.
pub fn copy_outcome(copied: bool, what: &str) -> String {
    if copied {
        trf!("Copied the {what}.", what = what)
    } else {
        trf!(
            "Could not copy the {what}; select the text below instead.",
            what = what
        )
    }
}

/// Calls `done` with what `promise` resolves to, as text. The same kind of
/// callback as `copy_text`'s, so the page's wasm holds one.
pub fn then_text(promise: js_sys::Promise, done: Box<dyn FnOnce(String)>) {
    let done = std::cell::Cell::new(Some(done));
    let resolved = Closure::<dyn FnMut(JsValue)>::new(move |value: JsValue| {
        if let Some(done) = done.take() {
            done(value.as_string().unwrap_or_default());
        }
    });
    let _ = promise.then(&resolved);
    // The browser calls it once, later.
    resolved.forget();
}

/// The page's language: the link's `lang` key, else the first of the
/// browser's languages the planner speaks, else English.
pub fn page_lang() -> Lang {
    let asked = query_pairs()
        .into_iter()
        .find(|(key, _)| key == LANG)
        .and_then(|(_, value)| Lang::from_code(&value));
    asked.unwrap_or_else(|| {
        let languages: Vec<String> = window()
            .map(|w| {
                w.navigator()
                    .languages()
                    .iter()
                    .filter_map(|l| l.as_string())
                    .collect()
            })
            .unwrap_or_default();
        preferred_lang(&languages)
    })
}
