use super::markup::check_items;
use super::ruler::Ruler;
use super::state::Planner;
use crate::domain::{Policy, Report, SizeClass};
use leptos::prelude::*;

/// The VM's verdict under one policy with the document's cell beside it
/// and the checks that fail; static markup, reactive values.
fn verdict(planner: Planner, policy: Policy) -> impl IntoView {
    let status = move || planner.report(|r| r.outcomes[policy].status);
    let verdict = move || planner.report(|r| r.verdicts[policy].verdict);
    let is_chosen = move || planner.policy() == Some(policy);
    let problems = move || planner.report(|r| check_items(r.verdicts[policy].problems()));
    view! {
        <li
            data-policy=policy.code()
            data-status=move || status().code()
            data-verdict=move || verdict().code()
            class:chosen=is_chosen
            aria-current=move || is_chosen().then(|| "true".to_string())
        >
            <span class="policy">{policy.code()}</span>
            <span class="verdict">
                <span aria-hidden="true">{move || verdict().icon().to_string()}</span>
                " "
                {move || verdict().label().to_string()}
            </span>
            <span class="document">
                "Red Hat's table: "
                <span class="status">{move || status().label().to_string()}</span>
                ", "
                <span class="rows">{move || planner.report(|r| r.outcomes[policy].rows_text())}</span>
            </span>
            <ul class="checks" inner_html=problems hidden=move || problems().is_empty()></ul>
        </li>
    }
}

/// The class, large, with the arithmetic and this host's ranges; then the
/// VM's own outcome under each policy.
#[component]
pub fn SizeSummary(planner: Planner) -> impl IntoView {
    let with_report = move |f: fn(&Report) -> String| planner.report(f);
    let class = move || planner.report(|r| r.size.class);
    view! {
        <div class="summary">
            <p class="badge" data-size=move || class().code()>
                <span class="badge-label">{move || class().label().to_string()}</span>
            </p>
            <p class="arithmetic">
                "Decided by "
                <code>{move || with_report(|r| r.size.arithmetic())}</code>
                " (" {move || planner.report(|r| r.size.measure().to_string())} ")"
            </p>
            <p class="ranges">
                "On this host: " {move || with_report(|r| r.boundaries.describe())} "."
            </p>
            <Ruler planner=planner />
            <p class="beyond" role="note" hidden=move || class() != SizeClass::ExceedsHost>
                "This VM has more vCPUs than the whole host. No policy can place it; the document does not cover this case."
            </p>
            <h3 class="verdicts-title">"Your VM on this host"</h3>
            <ul class="verdicts">{Policy::ALL.map(|p| verdict(planner, p))}</ul>
        </div>
    }
}
