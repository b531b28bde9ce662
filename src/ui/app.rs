use super::advisories::Advisories;
use super::explanation::Explanation;
use super::grid::OutcomeGrid;
use super::inputs::Inputs;
use super::size_summary::SizeSummary;
use crate::domain::{FieldError, Policy, Report, TableSize, DOCUMENT};
use crate::form::FormState;
use leptos::prelude::*;

/// The page's state: the typed inputs, the open cell, and what derives from them.
#[derive(Clone, Copy)]
pub struct Planner {
    pub form: RwSignal<FormState>,
    /// The grid cell whose explanation is open.
    pub open_cell: RwSignal<Option<(TableSize, Policy)>>,
    /// Problems with the current inputs, each at its field.
    pub errors: Memo<Vec<FieldError>>,
    /// The latest valid result; it stays while the inputs are invalid.
    pub report: Memo<Option<Report>>,
}

impl Planner {
    pub fn new(form: FormState) -> Planner {
        let form = RwSignal::new(form);
        let parsed = Memo::new(move |_| form.with(|f| f.input().parse()));
        let errors = Memo::new(move |_| {
            let errors = parsed.with(|p| p.as_ref().err().cloned().unwrap_or_default());
            form.with(|f| {
                errors
                    .into_iter()
                    .filter(|e| f.is_active(e.field))
                    .collect()
            })
        });
        let report = Memo::new(
            move |previous: Option<&Option<Report>>| match parsed.get() {
                Ok(scenario) => Some(Report::new(scenario)),
                Err(_) => previous.cloned().flatten(),
            },
        );
        Planner {
            form,
            open_cell: RwSignal::new(None),
            errors,
            report,
        }
    }

    /// True while the shown result no longer matches the inputs.
    pub fn is_stale(&self) -> bool {
        !self.errors.with(Vec::is_empty)
    }

    pub fn policy(&self) -> Option<Policy> {
        self.form.with(|f| f.policy)
    }
}

#[component]
pub fn App() -> impl IntoView {
    let planner = Planner::new(FormState::default());
    let stale = move || planner.is_stale();
    view! {
        <header class="page-header">
            <h1>"vNUMA planner"</h1>
            <p class="tagline">
                "Will this KubeVirt / OpenShift Virtualization VM start and live-migrate on this host, under each Topology Manager policy?"
            </p>
        </header>
        <main class="layout">
            <Inputs planner=planner />
            <section
                class="results"
                class:stale=stale
                data-stale=move || if stale() { "true" } else { "false" }
                aria-labelledby="results-title"
            >
                <h2 id="results-title" class="visually-hidden">"Result"</h2>
                <Show when=stale>
                    <p class="stale-notice" role="status">
                        "Showing the last valid result. Fix the highlighted field to update it."
                    </p>
                </Show>
                <Show
                    when=move || planner.report.with(Option::is_some)
                    fallback=|| {
                        view! {
                            <p class="empty-state">
                                "Enter the host's NUMA shape and the VM's CPUs to see the outcome."
                            </p>
                        }
                    }
                >
                    <SizeSummary planner=planner />
                    <OutcomeGrid planner=planner />
                    <Explanation planner=planner />
                    <Advisories planner=planner />
                </Show>
            </section>
        </main>
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
}
