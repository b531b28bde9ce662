use super::markup::check_items;
use super::state::Planner;
use crate::domain::present::row_citation;
use crate::domain::{Cell, CellOutcome, Report, SizeClass, TableSize, Verdict, DOCUMENT};
use crate::share::escape_html;
use leptos::prelude::*;
use std::fmt::Write as _;

/// Why one grid cell says what it says: our explanation of the document row
/// behind it, the row number and a link to the source. Written as markup:
/// one string costs the page's wasm far less than a typed view per part.
#[component]
pub fn Explanation(planner: Planner) -> impl IntoView {
    let markup = move || {
        let cell = planner.open_cell();
        planner.report(|r| explanation(cell, r))
    };
    view! {
        <section
            id="explanation"
            class="explanation"
            aria-live="polite"
            data-cell=move || planner.open_cell().map(|c| c.to_string())
            inner_html=markup
            // The Close button is in the markup: one listener for the section.
            on:click=move |ev| {
                let close = event_target::<web_sys::Element>(&ev).class_name() == "close";
                if close {
                    planner.close_cell();
                }
            }
        ></section>
    }
}

/// The explanation of the open cell (or how to open one), with what this
/// host changes for the VM: its verdict beyond the document when the cell is
/// its own, and how the planner reads an exact half.
pub fn explanation(cell: Option<Cell>, r: &Report) -> String {
    let Some(cell) = cell else {
        return "<p class=\"explanation-empty\">Select a cell of the grid (click, or Tab to it and press Enter) to see what happens, what you will see and what to do.</p>".to_string();
    };
    let outcome = CellOutcome::of_cell(cell);
    let mut out = format!(
        "<h3><span aria-hidden=\"true\">{}</span> {} VM under {}: {}</h3><p class=\"policy-behaviour\">{}</p>",
        outcome.status.icon(),
        cell.size.label(),
        cell.policy,
        outcome.status.label(),
        escape_html(cell.policy.behaviour())
    );
    let own = TableSize::rows_for(r.size.class).contains(&cell.size);
    let verdict = &r.verdicts[cell.policy];
    if own && verdict.verdict != Verdict::from(r.outcomes[cell.policy].status) {
        let _ = write!(
            out,
            "<div class=\"note verdict-note\"><p>For your VM on this host: {}. Beyond the document:</p><ul>{}</ul></div>",
            verdict.verdict.label(),
            check_items(verdict.problems())
        );
    }
    for rule in &outcome.rules {
        let _ = write!(
            out,
            "<p class=\"summary-line\">{}</p><dl><dt>What happens</dt><dd>{}</dd><dt>What you will see</dt><dd>{}</dd><dt>What to do</dt><dd>{}</dd></dl>",
            escape_html(rule.summary),
            escape_html(rule.happens),
            escape_html(rule.user_sees),
            escape_html(rule.what_to_do)
        );
        if rule.is_any() {
            out.push_str("<p class=\"note\">The document has no row for this size under this policy; its \u{201c}any size\u{201d} row fills the cell.</p>");
        }
        let _ = write!(
            out,
            "<p class=\"provenance\" data-row=\"{}\">Decided by {}. <a href=\"{}\" rel=\"noopener noreferrer\">Read the source</a></p>",
            rule.row,
            escape_html(&row_citation(rule)),
            DOCUMENT.url
        );
    }
    if r.size.class == SizeClass::HalfBoundary {
        let own = CellOutcome::new(SizeClass::HalfBoundary, cell.policy);
        let _ = write!(
            out,
            "<p class=\"note\" data-half-note=\"\">For your VM (exactly half a node): {}</p>",
            escape_html(own.decision.explain())
        );
    }
    out.push_str("<button type=\"button\" class=\"close\">Close</button>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Policy, ScenarioInput};

    #[test]
    fn an_open_cell_explains_its_rows_and_the_vms_half() {
        let at =
            |vcpus: &str| Report::new(ScenarioInput::default().with_vcpus(vcpus).parse().unwrap());
        assert!(explanation(None, &at("24")).starts_with("<p class=\"explanation-empty\">"));
        let large_none = Some(Cell::new(TableSize::Large, Policy::None));
        let text = explanation(large_none, &at("24"));
        assert!(text.contains("data-row=\"2\""), "{text}");
        assert!(text.contains("any size"), "{text}");
        assert!(!text.contains("data-half-note"), "{text}");
        assert!(text.ends_with("<button type=\"button\" class=\"close\">Close</button>"));
        assert!(explanation(large_none, &at("16")).contains("data-half-note"));
    }
}
