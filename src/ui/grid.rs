use super::state::Planner;
use crate::domain::present::table_scope;
use crate::domain::{Cell, CellOutcome, Policy, Report, SizeBoundaries, SizeClass, TableSize};
use crate::i18n::tr;
use crate::trf;
use leptos::prelude::*;

/// This host's vCPU range for one table row, e.g. "17–32 vCPUs".
fn range(size: TableSize, b: &SizeBoundaries) -> String {
    match b.range_of(size) {
        Some((lo, hi)) if lo == hi => trf!("{n} vCPUs", n = lo),
        Some((lo, hi)) => trf!("{lo}–{hi} vCPUs", lo = lo, hi = hi),
        None => tr("none on this host").to_string(),
    }
}

/// One cell: the document's status and row; it opens its explanation.
fn grid_cell(planner: Planner, cell: Cell) -> impl IntoView {
    let outcome = CellOutcome::of_cell(cell);
    let is_open = move || planner.open_cell() == Some(cell);
    let is_chosen = move || planner.policy() == Some(cell.policy);
    let rows = outcome.rows_text();
    // The visible text (status, then rows) inside the name, in its order.
    let label = trf!(
        "{size} VM under {policy}: {status}, {rows}. Show why.",
        size = cell.size.label(),
        policy = cell.policy,
        status = outcome.status.label(),
        rows = rows
    );
    view! {
        <td
            data-size=cell.size.code()
            data-policy=cell.policy.code()
            data-status=outcome.status.code()
            class:chosen=move || is_chosen()
            class:open=move || is_open()
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
    // A VM on shared CPUs has no row of its own: the table is reference only.
    let is_current = move || {
        planner.report(|r| r.applies() && TableSize::rows_for(r.size.class).contains(&size))
    };
    view! {
        <tr
            data-size=size.code()
            class:current=move || is_current()
            aria-current=move || is_current().then_some("true")
        >
            <th scope="row">
                <span class="size-name">{size.label()}</span>
                <span class="size-range">
                    {move || planner.report(|r| range(size, &r.boundaries))}
                </span>
                {move || is_current().then(|| view! { <span class="you">{tr("your VM")}</span> })}
            </th>
            {Policy::ALL.map(|policy| grid_cell(planner, Cell::new(size, policy)))}
        </tr>
    }
}

/// The grid's row for exactly half a node, when this host has one: the
/// document has no row for it, so each cell reads the small and large rows
/// and agrees with both where they agree (undefined under none). Marked
/// when it is the VM's size; its cells explain nothing more, so they are
/// not buttons.
fn half_row(planner: Planner) -> impl IntoView {
    let half = move || planner.report(|r| r.boundaries.half);
    let is_current =
        move || planner.report(|r| r.applies() && r.size.class == SizeClass::HalfBoundary);
    // Built again only when the host gains or loses its half.
    let has_half = Memo::new(move |_| half().is_some());
    move || {
        has_half.get().then(|| {
            view! {
                <tr
                    data-size="half-boundary"
                    class:current=move || is_current()
                    aria-current=move || is_current().then_some("true")
                >
                    <th scope="row">
                        <span class="size-name">{tr("Exactly half")}</span>
                        <span class="size-range">
                            {move || half().map(|h| trf!("{n} vCPUs", n = h))}
                        </span>
                        {move || is_current().then(|| view! { <span class="you">{tr("your VM")}</span> })}
                    </th>
                    {half_cells(planner)}
                </tr>
            }
        })
    }
}

/// The half row's cells: the small and large rows read together.
fn half_cells(planner: Planner) -> impl IntoView {
    Policy::ALL.map(|policy| {
        let cell = CellOutcome::new(SizeClass::HalfBoundary, policy);
        view! {
            <td
                data-size="half-boundary"
                data-policy=policy.code()
                data-status=cell.status.code()
                class:chosen=move || planner.policy() == Some(policy)
            >
                <span class="cell half-cell">
                    <span class="cell-icon" aria-hidden="true">{cell.status.icon()}</span>
                    <span class="cell-label">{cell.status.label()}</span>
                    " "
                    <span class="cell-row">{cell.rows_text()}</span>
                </span>
            </td>
        }
    })
}

/// The policies' headers, the cluster's policy marked.
fn header(planner: Planner) -> impl IntoView {
    let heads = Policy::ALL.map(|policy| {
        let chosen = move || planner.policy() == Some(policy);
        view! {
            <th
                scope="col"
                data-policy=policy.code()
                class:chosen=move || chosen()
                data-chosen=move || chosen().then_some("true")
            >
                {policy.code()}
            </th>
        }
    });
    view! {
        <tr>
            <th scope="col">{tr("VM size")}</th>
            {heads}
        </tr>
    }
}

/// The document's table as a 3 x 4 grid; the VM's row and the chosen policy
/// are marked, and every cell opens its explanation. For a VM on shared
/// CPUs no row is marked, and a note above the grid says why.
#[component]
pub fn OutcomeGrid(planner: Planner) -> impl IntoView {
    let applies = move || planner.report(Report::applies);
    view! {
        <p class="note grid-scope" hidden=move || applies()>
            {tr("Your VM runs on shared CPUs, so none of these cells is its outcome: the table is shown for reference. ")}
            {table_scope()}
        </p>
        <div class="grid-wrap">
            <table class="grid" data-applies=move || if applies() { "true" } else { "false" }>
                <caption>
                    {tr("Outcome by VM size and Topology Manager policy. Select a cell for the reason.")}
                </caption>
                <thead>{header(planner)}</thead>
                <tbody>{grid_row(planner, TableSize::Small)}</tbody>
                <tbody>{half_row(planner)}</tbody>
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
