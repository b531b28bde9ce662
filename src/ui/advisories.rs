use super::state::Planner;
use crate::domain::present::origin;
use crate::domain::Advisory;
use leptos::prelude::*;

/// What the table alone does not show, each with the source it rests on.
#[component]
pub fn Advisories(planner: Planner) -> impl IntoView {
    // Notes that bear on the outcome first; the others (a hot-plug
    // ceiling, a host fact) apart under their own heading.
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
    let none_apart = move || list(false)().is_empty();
    view! {
        <section class="advisories" aria-labelledby="advisories-title">
            <h3 id="advisories-title">"Advisories"</h3>
            <Show
                when=move || !list(true)().is_empty()
                fallback=|| view! { <p class="none">"Nothing beyond the table changes this scenario's outcome."</p> }
            >
                <ul>
                    <For each=list(true) key=|a| a.message.clone() let(advisory)>
                        <AdvisoryItem advisory=advisory />
                    </For>
                </ul>
            </Show>
            <h4 hidden=none_apart>"Also worth knowing"</h4>
            <ul hidden=none_apart>
                <For each=list(false) key=|a| a.message.clone() let(advisory)>
                    <AdvisoryItem advisory=advisory />
                </For>
            </ul>
        </section>
    }
}

#[component]
fn AdvisoryItem(advisory: Advisory) -> impl IntoView {
    let source = advisory.source;
    view! {
        <li data-code=advisory.code.code()>
            <p>
                <span class="tag" class:beyond=!source.from_document>{origin(source)}</span>
                " "
                {advisory.message}
            </p>
            <p class="source">
                "Source: " <a href=source.url rel="noopener noreferrer">{source.title}</a>
            </p>
        </li>
    }
}
