use super::state::Planner;
use crate::domain::present::origin;
use crate::domain::Advisory;
use crate::i18n::tr;
use leptos::prelude::*;

/// What the table alone does not show, each with the source it rests on;
/// the notes that bear on the outcome first, the others apart.
#[component]
pub fn Advisories(planner: Planner) -> impl IntoView {
    let list = move |bears: bool| {
        move || {
            planner.report(|r| {
                r.advisories
                    .iter()
                    .filter(|a| a.code.bears_on_outcome() == bears)
                    .cloned()
                    .collect::<Vec<_>>()
            })
        }
    };
    let none = move |bears: bool| {
        move || {
            planner.report(|r| {
                !r.advisories
                    .iter()
                    .any(|a| a.code.bears_on_outcome() == bears)
            })
        }
    };
    let items = move |bears: bool| {
        view! {
            <For each=list(bears) key=|a| (a.code, a.message.clone()) let(advisory)>
                {advisory_item(advisory)}
            </For>
        }
    };
    view! {
        <section class="advisories" aria-labelledby="advisories-title">
            <h3 id="advisories-title">{tr("Advisories")}</h3>
            <p class="none" hidden=move || !none(true)()>
                {tr("Nothing beyond the table changes this scenario's outcome.")}
            </p>
            <ul hidden=move || none(true)()>{items(true)}</ul>
            <h4 hidden=move || none(false)()>{tr("Also worth knowing")}</h4>
            <ul hidden=move || none(false)()>{items(false)}</ul>
        </section>
    }
}

/// One advisory with its origin tag and source link.
fn advisory_item(advisory: Advisory) -> impl IntoView {
    let source = advisory.source;
    view! {
        <li data-code=advisory.code.code()>
            <p>
                <span class="tag" class:beyond=!source.from_document>
                    {origin(source)}
                </span>
                " "
                {advisory.message}
            </p>
            <p class="source">
                {tr("Source: ")} <a href=source.url rel="noopener noreferrer">{source.title}</a>
            </p>
        </li>
    }
}
