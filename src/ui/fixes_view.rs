//! The checked fixes under one policy (`domain::fixes`), in the page's
//! extras wasm: each with what it changes, the object to edit, and a button
//! that applies it to the page's inputs as a link would.

use super::browser::pairs_of;
use crate::domain::fixes::{fixes, Fix};
use crate::domain::{Policy, Report};
use crate::i18n::tr;
use crate::share::{from_pairs, to_pairs};
use leptos::prelude::*;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

thread_local! {
    /// The fixes shown, by policy; dropping one unmounts it.
    static SHOWN: RefCell<Vec<(Policy, Box<dyn std::any::Any>)>> = const { RefCell::new(Vec::new()) };
}

/// Shows the checked fixes for the first host of `query` under `policy`
/// in `root`, again each time it is called; `apply` takes a fix's inputs as
/// flat link pairs.
pub fn show_fixes(root: web_sys::Element, query: String, policy: &str, apply: js_sys::Function) {
    let Ok(policy) = policy.parse::<Policy>() else {
        return;
    };
    let decoded = from_pairs(pairs_of(&query));
    let report = decoded.form.input().parse_running().ok().map(Report::new);
    let list = report.map(|r| fixes(&r, policy)).unwrap_or_default();
    let form = decoded.form;
    let view_state = decoded.view;
    let applied = move |fix: &Fix| {
        let mut form = form.clone();
        form.apply(&fix.edits);
        let flat: js_sys::Array = to_pairs(&form, &view_state)
            .into_iter()
            .flat_map(|(k, v)| [JsValue::from(k), JsValue::from(v)])
            .collect();
        let _ = apply.call1(&JsValue::NULL, &flat);
    };
    root.set_text_content(None);
    let handle = leptos::mount::mount_to(root.unchecked_into(), move || {
        view! { <FixList fixes=list apply=applied.clone() /> }
    });
    SHOWN.with_borrow_mut(|shown| {
        shown.retain(|(p, _)| *p != policy);
        shown.push((policy, Box::new(handle)));
    });
}

#[component]
fn FixList(fixes: Vec<Fix>, apply: impl Fn(&Fix) + Clone + 'static) -> impl IntoView {
    if fixes.is_empty() {
        return view! {
            <p class="no-fix">
                {tr("No single change the planner can check makes these checks pass; the checks above say what stops the VM.")}
            </p>
        }
        .into_any();
    }
    let items = fixes
        .into_iter()
        .map(|fix| {
            let apply = apply.clone();
            let summary = fix.summary.clone();
            let yaml = fix.yaml.clone();
            let check = fix.check.code();
            view! {
                <li data-fix=check>
                    <span class="fix-summary">{summary}</span>
                    " "
                    <button type="button" data-apply="" on:click=move |_| apply(&fix)>
                        {tr("Apply to the inputs")}
                    </button>
                    <details>
                        <summary>{tr("The change to make")}</summary>
                        <pre>{yaml}</pre>
                    </details>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="fix-items">{items}</ul> }.into_any()
}
