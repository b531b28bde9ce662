//! The migration view: both directions of a live migration between the
//! page's two hosts, under every policy in one table and in detail for one.
//! It is in the page's extras wasm (`src/extras_main.rs`), fetched the
//! first time the page shows a second host; the page hands it the link
//! query (`super::migration_slot`), so both wasm read the same inputs the
//! same way.

mod card;
mod landing;
mod table;

use super::browser::pairs_of;
use super::fatal::install_panic_screen;
use crate::domain::{Policy, Report};
use crate::form::Side;
use crate::i18n::tr;
use crate::share::from_pairs;
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
    /// The problems, host by host, while either host's inputs are not
    /// valid: the page shows the others at their fields, not the running
    /// VM's guest cells, which only this view reads.
    fn from_query(query: &str) -> Result<HostPair, Vec<String>> {
        let form = from_pairs(pairs_of(query)).form;
        let parse = |side: Side, host: &str| match form.input_on(side) {
            Some(input) => input.parse_running().map_err(|errors| {
                errors
                    .into_iter()
                    .map(|e| format!("{host}: {}", e.message))
                    .collect()
            }),
            None => Err(Vec::new()),
        };
        match (
            parse(Side::Main, tr("First host")),
            parse(Side::Compare, tr("Second host")),
        ) {
            (Ok(a), Ok(b)) => Ok(HostPair {
                a: Report::new(a),
                b: Report::new(b),
                b_policy: form.compare_policy,
            }),
            (a, b) => Err([a.err(), b.err()].into_iter().flatten().flatten().collect()),
        }
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
            latest.get().ok().or_else(|| previous.cloned().flatten())
        },
        |_, _| true,
    );
    let page_stale = stale;
    let stale = move || page_stale.get() || latest.with(Result::is_err);
    // Only problems the page's fields do not show (the running VM's cells).
    let problems = move || {
        if page_stale.get() {
            Vec::new()
        } else {
            latest.with(|l| l.as_ref().err().cloned().unwrap_or_default())
        }
    };
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
            {tr("Showing the last valid result. Fix the highlighted field to update it.")}
        </p>
        <ul class="migration-problems" role="alert">
            {move || problems().into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
        </ul>
        <p class="migration-intro">
            {tr("A live migration keeps the guest's NUMA cells from the host it started on; the target's kubelet admits a new pod and binds those cells to its own nodes. Each way is judged on its own. Pick a verdict to see its checks.")}
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
