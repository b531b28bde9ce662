use super::advisories::Advisories;
use super::browser::{embed_messages, query_pairs, replace_query, set_root_attribute};
use super::explanation::Explanation;
use super::grid::OutcomeGrid;
use super::inputs::Inputs;
use super::link_notice::FieldNotices;
use super::migration_slot::MigrationSlot;
use super::paste::paste_panel;
use super::picture::PlacementPicture;
use super::share::Share;
use super::size_summary::SizeSummary;
use super::state::Planner;
use crate::domain::present::{citation, host_line};
use crate::domain::{Theme, DOCUMENT};
use crate::form::Side;
use crate::i18n::tr;
use crate::share::{from_pairs, ViewState, HEIGHT_MESSAGE, THEME_MESSAGE};
use crate::trf;
use leptos::prelude::*;

/// Keeps the address bar's query equal to the page's state.
fn keep_url_current(planner: Planner, view: ViewState) {
    Effect::new(move |_| {
        let view = ViewState {
            cell: planner.open_cell(),
            ..view.clone()
        };
        replace_query(&planner.query(&view));
    });
}

/// What the link asked for that could not be used, one line each; read
/// once, when the page opens.
#[component]
fn LinkNotices(notices: Vec<String>) -> impl IntoView {
    (!notices.is_empty()).then(|| {
        view! {
            <ul class="link-notices" role="status" aria-label=tr("Problems with the link")>
                {notices.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
            </ul>
        }
    })
}

/// In the embed: the same scenario in the full planner, in a new tab, and
/// its link to copy (the snippet's `allow="clipboard-write"` lets a frame
/// of another origin write it; `web/page.js` does the copying).
#[component]
fn FullPlannerLink(planner: Planner) -> impl IntoView {
    let href = move || {
        let view = ViewState {
            cell: planner.open_cell(),
            ..ViewState::default()
        };
        planner.link(&view)
    };
    view! {
        <p class="full-planner">
            <a href=move || href() target="_blank" rel="noopener">
                {tr("Open in the full planner (checks, advisories, where the VM lands, share)")}
            </a>
            " "
            // web/page.js copies the link beside it and says how it went.
            <button type="button" class="copy-embed-link">
                {tr("Copy link")}
            </button>
            " "
            <span role="status"></span>
        </p>
    }
}

/// One host's results. The second host's are the same view with the
/// first host's extras left out (one view type for both keeps the wasm
/// small): its size, verdicts and grid; cells open the shared explanation.
fn results(planner: Planner, view: &ViewState, notices: Vec<String>) -> AnyView {
    let (embed, theme, lang) = (view.embed, view.theme, view.lang);
    let stale = move || planner.is_stale();
    let main = planner.side() == Side::Main;
    let title = move || {
        planner.report(|r| {
            let host = host_line(&r.scenario.host);
            if main {
                trf!("First host: {host}", host = host)
            } else {
                trf!("Second host: {host}", host = host)
            }
        })
    };
    view! {
        <section
            class="results"
            class:stale=move || stale()
            data-host=if main { "a" } else { "b" }
            data-stale=move || if stale() { "true" } else { "false" }
            aria-labelledby=if main { "results-title" } else { "compared-title" }
        >
            <h2
                id=if main { "results-title" } else { "compared-title" }
                class="host-title"
                class:visually-hidden=move || main && !planner.is_comparing()
            >
                {move || title()}
            </h2>
            <LinkNotices notices=notices />
            <p class="stale-notice" role="status" hidden=move || !stale()>
                {tr("Showing the last valid result. Fix the highlighted field to update it.")}
            </p>
            <SizeSummary planner=planner />
            <OutcomeGrid planner=planner />
            {main.then(|| view! { <Explanation planner=planner /> })}
            {(main && embed).then(|| view! { <FullPlannerLink planner=planner /> })}
            {(main && !embed)
                .then(|| {
                    view! {
                        <PlacementPicture planner=planner />
                        <Advisories planner=planner />
                        <Share planner=planner theme=theme lang=lang />
                    }
                })}
        </section>
    }
    .into_any()
}

#[component]
pub fn App() -> impl IntoView {
    let decoded = from_pairs(query_pairs());
    FieldNotices::provide(decoded.at_keys.clone());
    let view = decoded.view;
    let planner = Planner::new(decoded.form, view.cell);
    set_root_attribute(
        "data-theme",
        (view.theme != Theme::Auto).then_some(view.theme.code()),
    );
    set_root_attribute("data-embed", view.embed.then_some("true"));
    let embed = view.embed;
    if embed {
        let id = view.frame_id.as_ref().map_or("", |id| id.as_str());
        embed_messages(
            id,
            HEIGHT_MESSAGE,
            THEME_MESSAGE,
            &trf!("Copied the {what}.", what = tr("link")),
            tr("The browser refused to copy the link here; open the full planner to copy it."),
        );
    }
    keep_url_current(planner, view.clone());
    let compared_view = view.clone();
    let comparing = move || planner.is_comparing();
    let full_page = !embed;
    view! {
        {full_page
            .then(|| {
                view! {
                    <header class="page-header">
                        <h1>{tr("vNUMA planner")}</h1>
                        <p class="tagline">
                            {tr("Will this KubeVirt / OpenShift Virtualization VM start and live-migrate on this host, under each Topology Manager policy?")}
                        </p>
                    </header>
                }
            })}
        <main class="layout">
            // The embed has no header; its page still needs a top heading.
            {embed.then(|| view! { <h1 class="visually-hidden">{tr("vNUMA planner")}</h1> })}
            <div class="input-column">
                {full_page.then(|| paste_panel(planner))}
                <Inputs planner=planner />
            </div>
            <div class="results-area" class:comparing=move || comparing()>
            // First: at a tablet's width the target's answer stays near its inputs.
            {move || (comparing() && full_page).then(|| view! { <MigrationSlot planner=planner /> })}
            {results(planner, &view, decoded.notices)}
            {move || comparing().then(|| results(planner.compared(), &compared_view, Vec::new()))}
            </div>
        </main>
        {full_page
            .then(|| {
                view! {
                    <footer class="page-footer">
                        <p>
                            {tr("Outcomes come from the table ")}
                            <a href=DOCUMENT.url rel="noopener noreferrer">{citation()}</a>
                            {tr(". Explanations are the planner's own words; anything beyond the table is marked as such.")}
                        </p>
                        <p><a href="cluster.html">{tr("Cluster view: a whole cluster at once")}</a></p>
                    </footer>
                }
            })}
    }
}
