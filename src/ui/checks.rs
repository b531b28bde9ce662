//! The checks that did not pass, as list items: the VM's card per policy and
//! the open cell's note both show them.

use super::state::Planner;
use crate::domain::Policy;
use leptos::prelude::*;

/// `<li>` items for the checks of the VM under `policy` that did not pass,
/// each with its code and result. Keyed by code and message: a check that
/// stays the same keeps its element. One list for every caller, so the
/// page's wasm holds one keyed list of checks.
pub fn check_items(planner: Planner, policy: Policy) -> impl IntoView {
    view! {
        <For
            each=move || planner.report(|r| r.verdicts[policy].problems().cloned().collect::<Vec<_>>())
            key=|c| (c.code, c.message.clone())
            let(c)
        >
            <li data-check=c.code.code() data-result=c.result.code()>
                {c.message}
            </li>
        </For>
    }
}
