use super::markup::{size_head, size_tail};
use super::ruler::Ruler;
use super::state::Planner;
use leptos::prelude::*;

/// The class, large, with the arithmetic and this host's ranges; then the
/// VM's own outcome under each policy. Markup around the ruler, whose
/// positions go through the CSSOM.
#[component]
pub fn SizeSummary(planner: Planner) -> impl IntoView {
    view! {
        <div class="summary">
            <div inner_html=move || planner.report(size_head)></div>
            <Ruler planner=planner />
            <div inner_html=move || planner.report(|r| size_tail(r, planner.policy()))></div>
        </div>
    }
}
