//! The Paste panel's shell: what a customer sent (manifests, command output,
//! kubelet objects) is read by the importer worker into the inputs. The
//! panel's body and the worker are fetched when the panel first opens or a
//! file is dropped on it (`web/paste-panel.js`): most visitors never paste,
//! and the page's own wasm stays small. The page never parses pasted text:
//! it only takes the worker's answer, link pairs, as it reads a link.

use super::state::Planner;
use crate::share::from_pairs;
use js_sys::Array;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

// Listens (on the document, so the page's wasm has no handlers for it) for
// the panel opening or files dropped on it, then loads the panel's script.
#[wasm_bindgen(inline_js = "let take, panel;
function open(details, files) {
  panel ??= import(new URL('paste-panel.js', document.baseURI).href)
    .then((m) => m.mount(details.querySelector('.paste-body'), take));
  if (files && files.length) panel.then((p) => p.drop(files));
}
export function wire_paste_panel(t) {
  take = t;
  const panelOf = (e) => e.target.closest && e.target.closest('details.paste');
  document.addEventListener('toggle', (e) => {
    if (e.target.matches && e.target.matches('details.paste') && e.target.open) open(e.target);
  }, true);
  document.addEventListener('dragover', (e) => { if (panelOf(e)) e.preventDefault(); });
  document.addEventListener('drop', (e) => {
    const details = panelOf(e);
    if (!details) return;
    e.preventDefault();
    details.open = true;
    open(details, e.dataTransfer.files);
  });
}")]
extern "C" {
    fn wire_paste_panel(take: JsValue);
}

/// The panel, closed; `take` puts the worker's link pairs (flat `key,
/// value` strings) into the inputs and gives back what could not be used.
pub fn paste_panel(planner: Planner) -> impl IntoView {
    let take = Closure::<dyn Fn(Array) -> Array>::new(move |answer: Array| {
        let strings: Vec<String> = answer.iter().filter_map(|v| v.as_string()).collect();
        let pairs = strings
            .chunks_exact(2)
            .map(|kv| (kv[0].clone(), kv[1].clone()));
        let decoded = from_pairs(pairs);
        planner.replace_form(decoded.form);
        decoded.notices.into_iter().map(JsValue::from).collect()
    });
    // The panel keeps it for the page's life.
    wire_paste_panel(take.into_js_value());
    view! {
        <details class="paste">
            <summary>"Paste what the customer sent"</summary>
            <div class="paste-body"></div>
        </details>
    }
}
