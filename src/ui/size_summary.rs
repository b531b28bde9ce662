use super::ruler::Ruler;
use super::state::Planner;
use crate::domain::{Policy, Report, SizeClass};
use leptos::prelude::*;

/// The VM's outcome under one policy; static markup, reactive values.
fn verdict(planner: Planner, policy: Policy) -> impl IntoView {
    let status = move || planner.report(|r| r.outcomes[policy].status);
    let is_chosen = move || planner.policy() == Some(policy);
    view! {
        <li
            data-policy=policy.code()
            data-status=move || status().code()
            class:chosen=is_chosen
            aria-current=move || is_chosen().then_some("true")
        >
            <span class="policy">{policy.code()}</span>
            <span class="status">
                <span aria-hidden="true">{move || status().icon()}</span>
                " "
                {move || status().label()}
            </span>
            <span class="rows">{move || planner.report(|r| r.outcomes[policy].rows_text())}</span>
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
                <span class="badge-label">{move || class().label()}</span>
                <span class="badge-code">{move || class().code()}</span>
            </p>
            <p class="arithmetic">
                "Decided by "
                <code>{move || with_report(|r| r.size.arithmetic())}</code>
                " (vCPUs against the logical CPUs of one NUMA node)"
            </p>
            <p class="ranges">
                "On this host: " {move || with_report(|r| r.boundaries.describe())} "."
            </p>
            <Ruler planner=planner />
            <p class="beyond" role="note" hidden=move || class() != SizeClass::ExceedsHost>
                "This VM has more vCPUs than the whole host. No policy can place it; the document does not cover this case."
            </p>
            <h3 class="verdicts-title">"Your VM under each policy"</h3>
            <ul class="verdicts">{Policy::ALL.map(|p| verdict(planner, p))}</ul>
        </div>
    }
}
