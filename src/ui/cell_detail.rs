//! Why one grid cell says what it says: our explanation of the document row
//! behind it, the row number and a link to the source, and what the VM's
//! own checks change. In the page's extras wasm (`src/extras_main.rs`),
//! fetched when a cell is first opened (or the grid is pointed at): the rows'
//! texts are most of it, and a visitor who only reads the verdicts never
//! needs them. The page keeps the panel and its Close button
//! (`super::explanation`) and hands over the link query and the cell.

use super::browser::pairs_of;
use super::fatal::install_panic_screen;
use crate::domain::present::row_citation;
use crate::domain::{Cell, CellOutcome, Report, Rule, SizeClass, TableSize, Verdict, DOCUMENT};
use crate::i18n::tr;
use crate::share::from_pairs;
use crate::trf;
use leptos::prelude::*;
use std::cell::RefCell;
use wasm_bindgen::JsCast;

thread_local! {
    /// The detail shown; dropping it unmounts it.
    static SHOWN: RefCell<Option<Box<dyn std::any::Any>>> = const { RefCell::new(None) };
}

/// Shows the cell `cell` (`large.none`) for the first host of `query` in
/// `root`, replacing what was there. While the page's inputs are `stale`
/// (a field is wrong) the last detail stays.
pub fn show_cell(root: web_sys::Element, query: String, cell: &str, stale: bool) {
    let Ok(cell) = cell.parse::<Cell>() else {
        return;
    };
    let shown = SHOWN.with_borrow(Option::is_some);
    if stale && shown {
        return;
    }
    if !shown {
        install_panic_screen();
    }
    let Ok(scenario) = from_pairs(pairs_of(&query)).form.input().parse() else {
        return;
    };
    let report = Report::new(scenario);
    SHOWN.with_borrow_mut(|shown| {
        shown.take();
        root.set_text_content(None);
        let _ = root.set_attribute("data-detail", &cell.to_string());
        let handle =
            leptos::mount::mount_to(root.unchecked_into(), move || cell_detail(&report, cell));
        *shown = Some(Box::new(handle));
    });
}

fn cell_detail(report: &Report, cell: Cell) -> impl IntoView {
    let outcome = CellOutcome::of_cell(cell);
    // The VM's own verdict, when it is in this cell's row and differs.
    let own = report.applies() && TableSize::rows_for(report.size.class).contains(&cell.size);
    let verdict = report.verdicts[cell.policy].verdict;
    let changed =
        (own && verdict != Verdict::from(report.outcomes[cell.policy].status)).then_some(verdict);
    let checks = report.verdicts[cell.policy]
        .problems()
        .map(|c| {
            view! { <li data-check=c.code.code() data-result=c.result.code()>{c.message.clone()}</li> }
        })
        .collect_view();
    let verdict_note = changed.map(|verdict| {
        view! {
            <div class="note verdict-note">
                <p>{tr("For your VM on this host: ")} {verdict.label()} {tr(". Beyond the document:")}</p>
                <ul>{checks}</ul>
            </div>
        }
    });
    let shared_note = (!report.applies()).then(|| {
        view! {
            <p class="note shared-note">
                {tr("Your VM runs on shared CPUs: this cell is the document's for a VM with dedicated CPUs and guest NUMA passthrough, not your VM's outcome.")}
            </p>
        }
    });
    let half_note = (report.size.class == SizeClass::HalfBoundary).then(|| {
        let own = CellOutcome::new(SizeClass::HalfBoundary, cell.policy);
        view! {
            <p class="note" data-half-note="">
                {tr("For your VM (exactly half a node): ")} {own.decision.explain()}
            </p>
        }
    });
    let rules = outcome
        .rules
        .iter()
        .map(|&rule| rule_detail(rule, changed.is_some()))
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
        {verdict_note}
        {shared_note}
        {rules}
        {half_note}
    }
}

/// One row of the document: what happens, and (unless the VM's own checks
/// change the outcome) what a user sees and what to do.
fn rule_detail(rule: &'static Rule, changed: bool) -> impl IntoView {
    let any_note = rule.is_any().then(|| {
        view! {
            <p class="note">
                {tr("The document has no row for this size under this policy; its \u{201c}any size\u{201d} row fills the cell.")}
            </p>
        }
    });
    let advice = (!changed).then(|| {
        view! {
            <dt>{tr("What you will see")}</dt>
            <dd>{rule.user_sees()}</dd>
            <dt>{tr("What to do")}</dt>
            <dd>{rule.what_to_do()}</dd>
        }
    });
    view! {
        <p class="summary-line">{rule.summary()}</p>
        <dl>
            <dt>{tr("What happens")}</dt>
            <dd>{rule.happens()}</dd>
            {advice}
        </dl>
        {any_note}
        <p class="provenance" data-row=rule.row>
            {tr("Decided by ")} {row_citation(rule)} ". "
            <a href=DOCUMENT.url rel="noopener noreferrer">{tr("Read the source")}</a>
        </p>
    }
}
