//! The migration view: both directions of a live migration between the
//! page's two hosts, under every policy in one table and in detail for one.
//! It is a second wasm (`src/migration_view_main.rs`), fetched the first
//! time the page shows a second host; the page hands it the link query
//! (`super::migration_slot`), so both wasm read the same inputs the same way.

mod card;
mod landing;
mod table;

use super::browser::pairs_of;
use super::fatal::install_panic_screen;
use crate::domain::{Policy, Report};
use crate::form::Side;
use crate::share::{from_pairs, migration_answer};
use card::MigrationCard;
use leptos::prelude::*;
use std::cell::RefCell;
use std::sync::Arc;
use table::MigrationTable;
use wasm_bindgen::JsCast;

/// The same VM on both hosts, from one link query.
pub struct HostPair {
    pub a: Report,
    pub b: Report,
    /// The second host's own policy, when it has one.
    pub b_policy: Option<Policy>,
}

impl HostPair {
    /// `None` while either host's inputs are not valid.
    fn from_query(query: &str) -> Option<HostPair> {
        let form = from_pairs(pairs_of(query)).form;
        let parse = |side| form.input_on(side).and_then(|i| i.parse().ok());
        Some(HostPair {
            a: Report::new(parse(Side::Main)?),
            b: Report::new(parse(Side::Compare)?),
            b_policy: form.compare_policy,
        })
    }
}

/// The view mounted in one element of the page, and its query.
struct Mounted {
    root: web_sys::Element,
    query: RwSignal<String>,
    stale: RwSignal<bool>,
    /// Unmounts the view when dropped.
    _handle: Box<dyn std::any::Any>,
}

thread_local! {
    static MOUNTED: RefCell<Option<Mounted>> = const { RefCell::new(None) };
}

/// Shows the migration between the hosts of `query` in `root`: mounts the
/// view there the first time (or when the page gives a new element),
/// updates it after. While the page's inputs are `stale` (a field is
/// wrong), the last result stays, marked so.
pub fn show(root: web_sys::Element, query: String, stale: bool) {
    MOUNTED.with_borrow_mut(|mounted| {
        if let Some(m) = mounted.as_ref().filter(|m| m.root == root) {
            m.stale.set(stale);
            if !stale {
                m.query.set(query);
            }
            return;
        }
        if mounted.is_none() {
            install_panic_screen();
        }
        // The page's "loading" line goes; the view takes its place.
        root.set_text_content(None);
        let (query, stale) = (RwSignal::new(query), RwSignal::new(stale));
        let handle = leptos::mount::mount_to(
            root.clone().unchecked_into(),
            move || view! { <MigrationView query=query stale=stale /> },
        );
        *mounted = Some(Mounted {
            root,
            query,
            stale,
            _handle: Box::new(handle),
        });
    });
}

/// The Markdown answer's migration sections for `query` ("" while its
/// inputs are not valid).
pub fn answer(query: &str) -> String {
    HostPair::from_query(query).map_or(String::new(), |p| migration_answer(&p.a, &p.b, p.b_policy))
}

#[component]
fn MigrationView(query: RwSignal<String>, stale: RwSignal<bool>) -> impl IntoView {
    // A new query almost always gives new reports: not compared.
    let latest = Memo::new_with_compare(
        move |_| query.with(|q| HostPair::from_query(q).map(Arc::new)),
        |_, _| true,
    );
    // The last valid pair stays while a field is being fixed.
    let shown: Memo<Option<Arc<HostPair>>> = Memo::new_with_compare(
        move |previous: Option<&Option<Arc<HostPair>>>| {
            latest.get().or_else(|| previous.cloned().flatten())
        },
        |_, _| true,
    );
    let stale = move || stale.get() || latest.with(Option::is_none);
    // The policy shown in detail: the one clicked in the table, else the
    // scenario's, else the first.
    let picked = RwSignal::new(None::<Policy>);
    let detail = move || {
        picked.get().unwrap_or_else(|| {
            shown
                .with(|p| p.as_ref().and_then(|p| p.a.scenario.policy))
                .unwrap_or(Policy::ALL[0])
        })
    };
    view! {
        <p class="stale-notice" role="status" hidden=move || !stale()>
            "Showing the last valid result. Fix the highlighted field to update it."
        </p>
        <p class="migration-intro">
            "A live migration keeps the guest's NUMA cells from the host it started on; the target's kubelet admits a new pod and binds those cells to its own nodes. Each way is judged on its own. Pick a verdict to see its checks."
        </p>
        {move || {
            shown
                .get()
                .map(|pair| {
                    let policy = detail();
                    view! {
                        <MigrationTable pair=pair.clone() detail=policy picked=picked />
                        <div class="migration-cards">
                            <MigrationCard pair=pair.clone() policy=policy a_to_b=true />
                            <MigrationCard pair=pair policy=policy a_to_b=false />
                        </div>
                    }
                })
        }}
    }
}
