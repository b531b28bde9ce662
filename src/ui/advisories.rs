use super::state::Planner;
use crate::domain::present::origin;
use crate::domain::Advisory;
use leptos::prelude::*;

/// What the table alone does not show, each with the source it rests on.
#[component]
pub fn Advisories(planner: Planner) -> impl IntoView {
    let list = move || planner.report(|r| r.advisories.clone());
    view! {
        <section class="advisories" aria-labelledby="advisories-title">
            <h3 id="advisories-title">"Advisories"</h3>
            <Show
                when=move || planner.report(|r| !r.advisories.is_empty())
                fallback=|| view! { <p class="none">"Nothing beyond the table applies to this scenario."</p> }
            >
                <ul>
                    <For each=list key=|a| a.message.clone() let(advisory)>
                        <AdvisoryItem advisory=advisory />
                    </For>
                </ul>
            </Show>
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
