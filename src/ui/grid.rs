use super::markup::half_row;
use super::state::Planner;
use crate::domain::{Cell, CellOutcome, Policy, SizeBoundaries, TableSize};
use leptos::prelude::*;

/// This host's vCPU range for one table row, e.g. "17–32 vCPUs".
fn range(size: TableSize, b: &SizeBoundaries) -> String {
    match b.range_of(size) {
        Some((lo, hi)) if lo == hi => format!("{lo} vCPUs"),
        Some((lo, hi)) => format!("{lo}–{hi} vCPUs"),
        None => "none on this host".to_string(),
    }
}

/// One cell: the document's status and row; it opens its explanation.
fn grid_cell(planner: Planner, cell: Cell) -> impl IntoView {
    let outcome = CellOutcome::of_cell(cell);
    let is_open = move || planner.open_cell() == Some(cell);
    let is_chosen = move || planner.policy() == Some(cell.policy);
    let rows = outcome.rows_text();
    // The visible text (status, then rows) inside the name, in its order.
    let label = format!(
        "{} VM under {}: {}, {rows}. Show why.",
        cell.size.label(),
        cell.policy,
        outcome.status.label()
    );
    view! {
        <td
            data-size=cell.size.code()
            data-policy=cell.policy.code()
            data-status=outcome.status.code()
            class:chosen=is_chosen
            class:open=is_open
        >
            <button
                type="button"
                class="cell"
                aria-label=label
                aria-expanded=move || if is_open() { "true" } else { "false" }
                aria-controls="explanation"
                on:click=move |_| planner.toggle_cell(cell)
            >
                <span class="cell-icon" aria-hidden="true">{outcome.status.icon()}</span>
                <span class="cell-label">{outcome.status.label()}</span>
                // A space between the words, not drawn in the flex column.
                " "
                <span class="cell-row">{rows}</span>
            </button>
        </td>
    }
}

/// One row of the grid: a size with this host's range, marked when it is the VM's.
fn grid_row(planner: Planner, size: TableSize) -> impl IntoView {
    let is_current = move || planner.report(|r| TableSize::rows_for(r.size.class).contains(&size));
    view! {
        <tr
            data-size=size.code()
            class:current=is_current
            aria-current=move || is_current().then(|| "true".to_string())
        >
            <th
                scope="row"
                inner_html=move || {
                    let you = if is_current() { "<span class=\"you\">your VM</span>" } else { "" };
                    let range = planner.report(|r| range(size, &r.boundaries));
                    format!(
                        "<span class=\"size-name\">{}</span><span class=\"size-range\">{range}</span>{you}",
                        size.label(),
                    )
                }
            ></th>
            {Policy::ALL.map(|policy| grid_cell(planner, Cell::new(size, policy)))}
        </tr>
    }
}

/// The document's table as a 3 x 4 grid; the VM's row and the chosen policy
/// are marked, and every cell opens its explanation.
#[component]
pub fn OutcomeGrid(planner: Planner) -> impl IntoView {
    // The policies' headers as markup, the cluster's policy marked.
    let header = move || {
        let chosen = planner.policy();
        let mut row = "<tr><th scope=\"col\">VM size</th>".to_string();
        for p in Policy::ALL {
            let mark = if chosen == Some(p) {
                " class=\"chosen\" data-chosen=\"true\""
            } else {
                ""
            };
            row.push_str(&format!(
                "<th scope=\"col\" data-policy=\"{p}\"{mark}>{p}</th>"
            ));
        }
        row + "</tr>"
    };
    view! {
        <div class="grid-wrap">
            <table class="grid">
                <caption>
                    "Outcome by VM size and Topology Manager policy. Select a cell for the reason."
                </caption>
                <thead inner_html=header></thead>
                <tbody>{grid_row(planner, TableSize::Small)}</tbody>
                <tbody inner_html=move || {
                    planner.report(|r| half_row(r, planner.policy()))
                }></tbody>
                <tbody>
                    {[TableSize::Large, TableSize::ExtraLarge].map(|size| grid_row(planner, size))}
                </tbody>
            </table>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_ranges_read_as_people_write_them() {
        let b = SizeBoundaries::new(32, 2);
        assert_eq!(range(TableSize::Small, &b), "1–15 vCPUs");
        assert_eq!(range(TableSize::Large, &b), "17–32 vCPUs");
        assert_eq!(range(TableSize::ExtraLarge, &b), "33–64 vCPUs");
        let one = SizeBoundaries::new(1, 1);
        assert_eq!(range(TableSize::Small, &one), "none on this host");
        assert_eq!(range(TableSize::Large, &one), "1 vCPUs");
    }
}
