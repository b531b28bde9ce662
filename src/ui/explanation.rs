use super::checks::check_items;
use super::state::Planner;
use crate::domain::present::row_citation;
use crate::domain::{Cell, CellOutcome, Policy, Rule, SizeClass, TableSize, Verdict, DOCUMENT};
use crate::i18n::tr;
use crate::trf;
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
            data-cell=move || planner.open_cell().map(|c| c.to_string())
        >
            {move || match planner.open_cell() {
                None => {
                    view! {
                        <p class="explanation-empty">
                            {tr("Select a cell of the grid (click, or Tab to it and press Enter) to see what happens, what you will see and what to do.")}
                        </p>
                    }
                        .into_any()
                }
                Some(cell) => cell_detail(planner, cell).into_any(),
            }}
        </section>
    }
}

/// The open cell: its status, the policy's behaviour, what this host
/// changes for the VM, the rows behind it and a Close button.
fn cell_detail(planner: Planner, cell: Cell) -> impl IntoView {
    let outcome = CellOutcome::of_cell(cell);
    let changed = changed_verdict(planner, cell);
    let rules = outcome
        .rules
        .iter()
        .map(|&rule| rule_detail(rule, changed))
        .collect_view();
    view! {
        <h3>
            <span aria-hidden="true">{outcome.status.icon()}</span>
            " "
            {trf!(
                "{size} VM under {policy}: {status}",
                size = cell.size.label(),
                policy = cell.policy,
                status = outcome.status.label()
            )}
        </h3>
        <p class="policy-behaviour">{cell.policy.behaviour()}</p>
        {verdict_note(planner, cell, changed)}
        {shared_note(planner)}
        {rules}
        {half_note(planner, cell.policy)}
        <button type="button" class="close" on:click=move |_| planner.close_cell()>
            {tr("Close")}
        </button>
    }
}

/// Our explanation of one document row, with its citation. What the row
/// says the user sees and does is left out while this host changes the
/// VM's verdict (`changed`): the verdict's checks say it instead, so a
/// failing VM never reads "Nothing to change".
fn rule_detail(rule: &'static Rule, changed: Memo<Option<Verdict>>) -> impl IntoView {
    let any_note = rule.is_any().then(|| {
        view! {
            <p class="note">
                {tr("The document has no row for this size under this policy; its \u{201c}any size\u{201d} row fills the cell.")}
            </p>
        }
    });
    view! {
        <p class="summary-line">{tr(rule.summary)}</p>
        <dl>
            <dt>{tr("What happens")}</dt>
            <dd>{tr(rule.happens)}</dd>
            {move || {
                changed
                    .get()
                    .is_none()
                    .then(|| {
                        view! {
                            <dt>{tr("What you will see")}</dt>
                            <dd>{tr(rule.user_sees)}</dd>
                            <dt>{tr("What to do")}</dt>
                            <dd>{tr(rule.what_to_do)}</dd>
                        }
                    })
            }}
        </dl>
        {any_note}
        <p class="provenance" data-row=rule.row>
            {tr("Decided by ")} {row_citation(rule)} ". "
            <a href=DOCUMENT.url rel="noopener noreferrer">{tr("Read the source")}</a>
        </p>
    }
}

/// The VM's verdict when the cell is its own and this host makes it
/// differ from the cell's; rebuilt only when that changes, so the checks'
/// list keeps its items otherwise.
fn changed_verdict(planner: Planner, cell: Cell) -> Memo<Option<Verdict>> {
    Memo::new(move |_| {
        planner.report(|r| {
            let own = r.applies() && TableSize::rows_for(r.size.class).contains(&cell.size);
            let verdict = r.verdicts[cell.policy].verdict;
            (own && verdict != Verdict::from(r.outcomes[cell.policy].status)).then_some(verdict)
        })
    })
}

/// When the cell is the VM's own and this host changes its outcome, the
/// verdict and the checks behind it; follows the inputs while the cell
/// stays open.
fn verdict_note(planner: Planner, cell: Cell, changed: Memo<Option<Verdict>>) -> impl IntoView {
    move || {
        changed.get().map(|verdict| {
            view! {
                <div class="note verdict-note">
                    <p>{tr("For your VM on this host: ")} {verdict.label()} {tr(". Beyond the document:")}</p>
                    <ul>{check_items(planner, cell.policy)}</ul>
                </div>
            }
        })
    }
}

/// When the VM runs on shared CPUs, that no cell is its outcome; follows
/// the inputs while the cell stays open.
fn shared_note(planner: Planner) -> impl IntoView {
    let shared = Memo::new(move |_| planner.report(|r| !r.applies()));
    move || {
        shared.get().then(|| {
            view! {
                <p class="note shared-note">
                    {tr("Your VM runs on shared CPUs: this cell is the document's for a VM with dedicated CPUs and guest NUMA passthrough, not your VM's outcome.")}
                </p>
            }
        })
    }
}

/// When the VM is exactly half a node, how the planner reads this policy for
/// it; follows the inputs while the cell stays open.
fn half_note(planner: Planner, policy: Policy) -> impl IntoView {
    let half = Memo::new(move |_| planner.report(|r| r.size.class == SizeClass::HalfBoundary));
    move || {
        half.get().then(|| {
            let own = CellOutcome::new(SizeClass::HalfBoundary, policy);
            view! {
                <p class="note" data-half-note="">
                    {tr("For your VM (exactly half a node): ")} {own.decision.explain()}
                </p>
            }
        })
    }
}
