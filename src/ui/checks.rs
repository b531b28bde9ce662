//! The checks that did not pass, as list items: the VM's card per policy and
//! the open cell's note both show them.

use crate::domain::Check;
use leptos::prelude::*;

/// `<li>` items for `checks`, each with its code and result. Keyed by code
/// and message: a check that stays the same keeps its element.
pub fn check_items(checks: impl Fn() -> Vec<Check> + Send + Sync + 'static) -> impl IntoView {
    view! {
        <For each=checks key=|c| (c.code, c.message.clone()) let(c)>
            <li data-check=c.code.code() data-result=c.result.code()>
                {c.message}
            </li>
        </For>
    }
}
