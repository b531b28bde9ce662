use super::markup::advisory_items;
use super::state::Planner;
use leptos::prelude::*;

/// What the table alone does not show, each with the source it rests on;
/// the notes that bear on the outcome first, the others apart.
#[component]
pub fn Advisories(planner: Planner) -> impl IntoView {
    let list = move |bears: bool| {
        move || {
            planner.report(|r| {
                advisory_items(
                    r.advisories
                        .iter()
                        .filter(|a| a.code.bears_on_outcome() == bears),
                )
            })
        }
    };
    let none = move |bears: bool| move || list(bears)().is_empty();
    view! {
        <section class="advisories" aria-labelledby="advisories-title">
            <h3 id="advisories-title">"Advisories"</h3>
            <p class="none" hidden=move || !none(true)()>
                "Nothing beyond the table changes this scenario's outcome."
            </p>
            <ul inner_html=list(true) hidden=none(true)></ul>
            <h4 hidden=none(false)>"Also worth knowing"</h4>
            <ul inner_html=list(false) hidden=none(false)></ul>
        </section>
    }
}
