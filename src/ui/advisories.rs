use super::app::Planner;
use leptos::prelude::*;

/// What the table alone does not show, each with the source it rests on.
#[component]
pub fn Advisories(planner: Planner) -> impl IntoView {
    let list = move || planner.report.with(|r| r.advisories.clone());
    view! {
        <section class="advisories" aria-labelledby="advisories-title">
            <h3 id="advisories-title">"Advisories"</h3>
            <Show
                when=move || !list().is_empty()
                fallback=|| view! { <p class="none">"Nothing beyond the table applies to this scenario."</p> }
            >
                <ul>
                    {move || {
                        list()
                            .into_iter()
                            .map(|a| {
                                let origin = if a.source.from_document {
                                    "From the document"
                                } else {
                                    "Beyond the document"
                                };
                                view! {
                                    <li data-code=a.code.code()>
                                        <p>
                                            <span class="tag" class:beyond=!a.source.from_document>
                                                {origin}
                                            </span>
                                            " "
                                            {a.message}
                                        </p>
                                        <p class="source">
                                            "Source: "
                                            <a href=a.source.url rel="noopener noreferrer">{a.source.title}</a>
                                        </p>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
            </Show>
        </section>
    }
}
