//! The panel that explains the open grid cell. The page's wasm only holds
//! the panel, its empty state and its Close button; the explanation itself
//! (`super::cell_detail`) is in the page's extras, which `web/page.js`
//! loads the first time a cell opens or the grid is pointed at.

use super::browser::show_cell;
use super::state::Planner;
use crate::i18n::tr;
use crate::share::ViewState;
use leptos::prelude::*;

#[component]
pub fn Explanation(planner: Planner) -> impl IntoView {
    // The extras read the first host from the same query a link carries;
    // while a field is wrong they keep the last explanation.
    Effect::new(move |_| {
        if let Some(cell) = planner.open_cell() {
            let query = planner.query(&ViewState::default());
            show_cell(&query, &cell.to_string(), planner.is_stale());
        }
    });
    let closed = move || planner.open_cell().is_none();
    view! {
        <section
            id="explanation"
            class="explanation"
            aria-live="polite"
            data-cell=move || planner.open_cell().map(|c| c.to_string())
        >
            <p class="explanation-empty" hidden=move || !closed()>
                {tr("Select a cell of the grid (click, or Tab to it and press Enter) to see what happens, what you will see and what to do.")}
            </p>
            <div hidden=move || closed()>
                <div id="cell-detail">
                    <p class="loading">{tr("Loading the explanation…")}</p>
                </div>
                <button type="button" class="close" on:click=move |_| planner.close_cell()>
                    {tr("Close")}
                </button>
            </div>
        </section>
    }
}
