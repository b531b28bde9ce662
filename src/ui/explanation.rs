use super::app::Planner;
use super::status_icon::icon;
use crate::domain::{outcome_for, Policy, SizeClass, TableSize, DOCUMENT};
use leptos::prelude::*;

/// Why one grid cell says what it says: our explanation of the document row
/// behind it, the row number and a link to the source.
#[component]
pub fn Explanation(planner: Planner) -> impl IntoView {
    view! {
        <section
            id="explanation"
            class="explanation"
            aria-live="polite"
            data-cell=move || {
                planner.open_cell.get().map(|(s, p)| format!("{}.{}", s.code(), p.code()))
            }
        >
            {move || match planner.open_cell.get() {
                None => {
                    view! {
                        <p class="explanation-empty">
                            "Select a cell of the grid (click, or Tab to it and press Enter) to see what happens, what you will see and what to do."
                        </p>
                    }
                        .into_any()
                }
                Some((size, policy)) => view! { <CellDetail planner=planner size=size policy=policy /> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn CellDetail(planner: Planner, size: TableSize, policy: Policy) -> impl IntoView {
    let cell = outcome_for(size.class(), policy);
    let at_half = planner
        .report
        .with(|r| r.size.class == SizeClass::HalfBoundary);
    let half_note = at_half.then(|| {
        let own = outcome_for(SizeClass::HalfBoundary, policy);
        view! { <p class="note">"For your VM (exactly half a node): " {own.decision.explain()}</p> }
    });
    let rules = cell
        .rules
        .iter()
        .map(|rule| {
            let any_note = rule.is_any().then(|| {
                view! {
                    <p class="note">
                        "The document has no row for this size under this policy; its \u{201c}any size\u{201d} row fills the cell."
                    </p>
                }
            });
            view! {
                <p class="summary-line">{rule.summary}</p>
                <dl>
                    <dt>"What happens"</dt>
                    <dd>{rule.happens}</dd>
                    <dt>"What you will see"</dt>
                    <dd>{rule.user_sees}</dd>
                    <dt>"What to do"</dt>
                    <dd>{rule.what_to_do}</dd>
                </dl>
                {any_note}
                <p class="provenance" data-row=rule.row>
                    {format!(
                        "Decided by row {} ({} size, {}) of \u{201c}{}\u{201d}, OpenShift Virtualization {}. ",
                        rule.row,
                        rule.size.code(),
                        rule.policy.code(),
                        DOCUMENT.title,
                        DOCUMENT.version_range(),
                    )}
                    <a href=DOCUMENT.url rel="noopener noreferrer">"Read the source"</a>
                </p>
            }
        })
        .collect_view();
    view! {
        <h3>
            <span aria-hidden="true">{icon(cell.status)}</span>
            {format!(" {} VM under {}: {}", size.label(), policy.code(), cell.status.label())}
        </h3>
        <p class="policy-behaviour">{policy.behaviour()}</p>
        {rules}
        {half_note}
        <button type="button" class="close" on:click=move |_| planner.open_cell.set(None)>
            "Close"
        </button>
    }
}
