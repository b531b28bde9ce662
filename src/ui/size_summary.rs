use super::app::Planner;
use super::ruler::Ruler;
use super::status_icon::icon;
use crate::domain::{CellOutcome, Report, SizeClass};
use leptos::prelude::*;

fn rows_text(cell: &CellOutcome) -> String {
    match cell.rows().as_slice() {
        [] => "beyond the document".to_string(),
        [row] => format!("row {row}"),
        rows => {
            let rows: Vec<String> = rows.iter().map(u8::to_string).collect();
            format!("rows {}", rows.join(" + "))
        }
    }
}

/// The class, large, with the arithmetic and this host's ranges; then the
/// VM's own outcome under each policy.
#[component]
pub fn SizeSummary(planner: Planner) -> impl IntoView {
    let report = move || planner.report.get();
    let with_report = move |f: fn(&Report) -> String| report().map(|r| f(&r)).unwrap_or_default();
    let class = move || report().map(|r| r.size.class);
    view! {
        <div class="summary">
            <p class="badge" data-size=move || class().map(SizeClass::code)>
                <span class="badge-label">{move || class().map(SizeClass::label)}</span>
                <span class="badge-code">{move || class().map(SizeClass::code)}</span>
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
            <Show when=move || class() == Some(SizeClass::ExceedsHost)>
                <p class="beyond" role="note">
                    "This VM has more vCPUs than the whole host. No policy can place it; the document does not cover this case."
                </p>
            </Show>
            <h3 class="verdicts-title">"Your VM under each policy"</h3>
            <ul class="verdicts">
                {move || {
                    let chosen = planner.policy();
                    report()
                        .map(|r| {
                            r.outcomes
                                .iter()
                                .map(|cell| {
                                    let is_chosen = chosen == Some(cell.policy);
                                    view! {
                                        <li
                                            data-policy=cell.policy.code()
                                            data-status=cell.status.code()
                                            class:chosen=is_chosen
                                            aria-current=is_chosen.then_some("true")
                                        >
                                            <span class="policy">{cell.policy.code()}</span>
                                            <span class="status">
                                                <span aria-hidden="true">{icon(cell.status)}</span>
                                                " "
                                                {cell.status.label()}
                                            </span>
                                            <span class="rows">{rows_text(cell)}</span>
                                        </li>
                                    }
                                })
                                .collect_view()
                        })
                }}
            </ul>
        </div>
    }
}
