use super::advisories::Advisories;
use super::browser::{
    encode_query, query_pairs, replace_query, report_height_to_parent, set_root_attribute,
};
use super::explanation::Explanation;
use super::grid::OutcomeGrid;
use super::inputs::Inputs;
use super::share::Share;
use super::size_summary::SizeSummary;
use crate::domain::{Field, FieldError, Policy, Report, Scenario, TableSize, DOCUMENT};
use crate::form::FormState;
use crate::share::{from_pairs, to_pairs, Theme, ViewState};
use leptos::prelude::*;

/// The page's state: the typed inputs, the open cell, and what derives from them.
#[derive(Clone, Copy)]
pub struct Planner {
    pub form: RwSignal<FormState>,
    /// The grid cell whose explanation is open.
    pub open_cell: RwSignal<Option<(TableSize, Policy)>>,
    /// The inputs read as a scenario, or the problems, each at its field.
    parsed: Memo<Result<Scenario, Vec<FieldError>>>,
    /// The latest valid result; it stays while the inputs are invalid.
    pub report: Memo<Report>,
}

impl Planner {
    pub fn new(form: FormState, open_cell: Option<(TableSize, Policy)>) -> Planner {
        let form = RwSignal::new(form);
        let parsed = Memo::new(move |_| form.with(|f| f.input().parse()));
        // Links are decoded into valid forms, so the default only shows if
        // the page starts from invalid input some other way.
        let report = Memo::new(move |previous: Option<&Report>| match parsed.get() {
            Ok(scenario) => Report::new(scenario),
            Err(_) => previous.cloned().unwrap_or_default(),
        });
        Planner {
            form,
            open_cell: RwSignal::new(open_cell),
            parsed,
            report,
        }
    }

    /// True while the shown result no longer matches the inputs.
    pub fn is_stale(&self) -> bool {
        self.parsed.with(Result::is_err)
    }

    /// The problem with one field's current text, if any.
    pub fn field_error(&self, field: Field) -> Option<String> {
        self.parsed.with(|p| {
            p.as_ref()
                .err()?
                .iter()
                .find(|e| e.field == field)
                .map(|e| e.message.clone())
        })
    }

    pub fn policy(&self) -> Option<Policy> {
        self.form.with(|f| f.policy)
    }
}

/// Keeps the address bar's query equal to the page's state.
fn keep_url_current(planner: Planner, view: ViewState) {
    Effect::new(move |_| {
        let view = ViewState {
            cell: planner.open_cell.get(),
            ..view
        };
        replace_query(&planner.form.with(|f| encode_query(&to_pairs(f, &view))));
    });
}

#[component]
pub fn App() -> impl IntoView {
    let decoded = from_pairs(query_pairs());
    let view = decoded.view;
    let planner = Planner::new(decoded.form, view.cell);
    set_root_attribute(
        "data-theme",
        (view.theme != Theme::Auto).then_some(view.theme.code()),
    );
    set_root_attribute("data-embed", view.embed.then_some("true"));
    keep_url_current(planner, view);
    if view.embed {
        report_height_to_parent();
    }
    let notices = decoded.notices;
    let notices = (!notices.is_empty()).then(|| {
        view! {
            <ul class="link-notices" role="status" aria-label="Problems with the link">
                {notices.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
            </ul>
        }
    });
    let stale = move || planner.is_stale();
    let full_page = !view.embed;
    view! {
        {full_page
            .then(|| {
                view! {
            <header class="page-header">
                <h1>"vNUMA planner"</h1>
                <p class="tagline">
                    "Will this KubeVirt / OpenShift Virtualization VM start and live-migrate on this host, under each Topology Manager policy?"
                </p>
            </header>
                }
            })}
        <main class="layout">
            <Inputs planner=planner />
            <section
                class="results"
                class:stale=stale
                data-stale=move || if stale() { "true" } else { "false" }
                aria-labelledby="results-title"
            >
                <h2 id="results-title" class="visually-hidden">"Result"</h2>
                {notices}
                <p class="stale-notice" role="status" hidden=move || !stale()>
                    "Showing the last valid result. Fix the highlighted field to update it."
                </p>
                <SizeSummary planner=planner />
                    <OutcomeGrid planner=planner />
                    <Explanation planner=planner />
                    {full_page
                        .then(|| {
                            view! {
                                <Advisories planner=planner />
                                <Share planner=planner theme=view.theme />
                            }
                        })}
            </section>
        </main>
        {full_page
            .then(|| {
                view! {
            <footer class="page-footer">
                <p>
                    "Outcomes come from the table "
                    <a href=DOCUMENT.url rel="noopener noreferrer">
                        {format!("\u{201c}{}\u{201d}", DOCUMENT.title)}
                    </a>
                    {format!(
                        " (OpenShift Virtualization {}). Explanations are the planner's own words; anything beyond the table is marked as such.",
                        DOCUMENT.version_range(),
                    )}
                </p>
            </footer>
                }
            })}
    }
}
