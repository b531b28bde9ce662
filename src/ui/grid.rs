use super::app::Planner;
use super::status_icon::icon;
use crate::domain::{outcome_for, Policy, SizeBoundaries, TableSize};
use leptos::prelude::*;

/// This host's vCPU range for one table row, e.g. "17–32 vCPUs".
fn range(size: TableSize, b: &SizeBoundaries) -> String {
    match b.range_of(size) {
        Some((lo, hi)) if lo == hi => format!("{lo} vCPUs"),
        Some((lo, hi)) => format!("{lo}–{hi} vCPUs"),
        None => "none on this host".to_string(),
    }
}

/// The document's table as a 3 x 4 grid; the VM's row and the chosen policy
/// are marked, and every cell opens its explanation.
#[component]
pub fn OutcomeGrid(planner: Planner) -> impl IntoView {
    let is_current = move |size: TableSize| {
        planner
            .report
            .with(|r| TableSize::rows_for(r.size.class).contains(&size))
    };
    let is_chosen = move |policy: Policy| planner.policy() == Some(policy);
    let header = Policy::ALL
        .into_iter()
        .map(|p| {
            view! {
                <th
                    scope="col"
                    data-policy=p.code()
                    class:chosen=move || is_chosen(p)
                    data-chosen=move || is_chosen(p).then_some("true")
                >
                    {p.code()}
                </th>
            }
        })
        .collect_view();
    let body = TableSize::ALL
        .into_iter()
        .map(|size| {
            let cells = Policy::ALL
                .into_iter()
                .map(|policy| {
                    let cell = outcome_for(size.class(), policy);
                    let is_open = move || planner.open_cell.get() == Some((size, policy));
                    let toggle = move |_| {
                        planner.open_cell.update(|open| {
                            *open = if *open == Some((size, policy)) {
                                None
                            } else {
                                Some((size, policy))
                            };
                        })
                    };
                    let label = format!(
                        "{} VM under {}: {}. Show why.",
                        size.label(),
                        policy.code(),
                        cell.status.label()
                    );
                    view! {
                        <td
                            data-size=size.code()
                            data-policy=policy.code()
                            data-status=cell.status.code()
                            class:chosen=move || is_chosen(policy)
                            class:open=is_open
                        >
                            <button
                                type="button"
                                class="cell"
                                aria-label=label
                                aria-expanded=move || if is_open() { "true" } else { "false" }
                                aria-controls="explanation"
                                on:click=toggle
                            >
                                <span class="cell-icon" aria-hidden="true">{icon(cell.status)}</span>
                                <span class="cell-label">{cell.status.label()}</span>
                                <span class="cell-row">
                                    {cell.rows_text()}
                                </span>
                            </button>
                        </td>
                    }
                })
                .collect_view();
            view! {
                <tr
                    data-size=size.code()
                    class:current=move || is_current(size)
                    aria-current=move || is_current(size).then_some("true")
                >
                    <th scope="row">
                        <span class="size-name">{size.label()}</span>
                        <span class="size-range">
                            {move || {
                                planner.report.with(|r| range(size, &r.boundaries))
                            }}
                        </span>
                        <span class="you" hidden=move || !is_current(size)>
                            "your VM"
                        </span>
                    </th>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="grid-wrap">
            <table class="grid">
                <caption>
                    "Outcome by VM size and Topology Manager policy. Select a cell for the reason."
                </caption>
                <thead>
                    <tr>
                        <th scope="col">"VM size"</th>
                        {header}
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}
