//! Where the migration view goes when a second host is given: the page's
//! wasm only holds this slot and hands the link query to `web/page.js`,
//! which loads the view (`super::migration_view`, a second wasm) the first
//! time, so a visitor planning one host never fetches it.

use super::browser::show_migration;
use super::state::Planner;
use crate::i18n::tr;
use crate::share::ViewState;
use leptos::prelude::*;

#[component]
pub fn MigrationSlot(planner: Planner) -> impl IntoView {
    // Effects run once the slot is in the document. The view reads both
    // hosts from the same query a link would carry; while a field is wrong
    // (a link would not carry it), it keeps its last result and says so.
    Effect::new(move |_| {
        let stale = planner.is_stale() || planner.compared().is_stale();
        show_migration(&planner.query(&ViewState::default()), stale);
    });
    view! {
        <section class="migration" aria-labelledby="migration-title">
            <h2 id="migration-title">{tr("Live migration between the two hosts")}</h2>
            <div id="migration-view">
                <p class="loading">{tr("Loading the migration view…")}</p>
            </div>
        </section>
    }
}
