//! The Paste panel's shell: what a customer sent (manifests, command output,
//! kubelet objects) is read by the importer worker into the inputs. The
//! panel's body and the worker are fetched when the panel first opens or a
//! file is dropped on it (`web/paste-panel.js`): most visitors never paste,
//! and the page's own wasm stays small. The page never parses pasted text:
//! it only takes the worker's answer, link pairs, as it reads a link.

use super::browser::wire_paste_panel;
use super::state::Planner;
use crate::i18n::tr;
use crate::share::from_pairs;
use js_sys::Array;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

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
            <summary>{tr("Paste what the customer sent")}</summary>
            <div class="paste-body"></div>
        </details>
    }
}
