use super::browser::{copy_outcome, copy_text, request_answer, show_embed, then_text};
use super::state::Planner;
use crate::domain::{Lang, Theme};
use crate::i18n::tr;
use crate::share::ViewState;
use leptos::prelude::*;

/// Copy link, copy answer, and the embed snippet. The answer is also shown as
/// text, for when the clipboard is denied. The page's extras wasm writes
/// the answer (`super::extras`) and the embed panel
/// (`super::embed_panel`), fetched when a visitor first copies or opens
/// them.
#[component]
pub fn Share(planner: Planner, theme: Theme, lang: Option<Lang>) -> impl IntoView {
    let link = move || {
        let view = ViewState {
            theme,
            cell: planner.open_cell(),
            lang,
            ..ViewState::default()
        };
        planner.link(&view)
    };
    // The answer for the inputs now, given to `then` (the last valid
    // inputs' while a field is wrong).
    let with_answer = move |then: Box<dyn FnOnce(String)>| {
        let stale = planner.is_stale() || planner.is_comparing() && planner.compared().is_stale();
        let query = planner.query(&ViewState::default());
        then_text(request_answer(&query, &link(), stale), then);
    };
    let answer = RwSignal::new(String::new());
    let answer_open = RwSignal::new(false);
    // While the answer is shown, it follows the inputs.
    Effect::new(move |_| {
        if answer_open.get() {
            planner.query(&ViewState::default());
            with_answer(Box::new(move |text| answer.set(text)));
        }
    });
    // The embed panel is made by the extras when opened, and follows the
    // inputs while open.
    let embed_open = RwSignal::new(false);
    Effect::new(move |_| {
        if embed_open.get() {
            show_embed(&planner.query(&ViewState {
                lang,
                ..ViewState::default()
            }));
        }
    });
    let status = RwSignal::new(String::new());
    // Opened when the clipboard refuses, so the text is there to select.
    let show_answer = RwSignal::new(false);
    let copy = move |what: &'static str, text: String| {
        copy_text(&text, move |copied| {
            status.set(copy_outcome(copied, what));
            if !copied {
                show_answer.set(true);
            }
        });
    };
    view! {
        <section class="share" aria-labelledby="share-title">
            <h3 id="share-title">{tr("Share")}</h3>
            <div class="share-actions">
                <button type="button" id="copy-link" on:click=move |_| copy(tr("link"), link())>
                    {tr("Copy link")}
                </button>
                <button
                    type="button"
                    id="copy-answer"
                    on:click=move |_| {
                        with_answer(
                            Box::new(move |text| {
                                answer.set(text.clone());
                                copy(tr("answer"), text);
                            }),
                        )
                    }
                >
                    {tr("Copy answer")}
                </button>
                <p class="copy-status" role="status">{move || status.get()}</p>
            </div>
            <details
                prop:open=move || show_answer.get()
                on:toggle=move |ev| answer_open.set(event_target::<web_sys::Element>(&ev).has_attribute("open"))
            >
                <summary>{tr("Answer to paste into a case")}</summary>
                // Scrolls when long: focusable, so the keyboard can scroll it.
                <pre
                    class="answer-text"
                    data-answer=""
                    tabindex="0"
                    role="region"
                    aria-label=tr("Answer text")
                >
                    {move || answer.get()}
                </pre>
            </details>
            <details on:toggle=move |ev| {
                embed_open.set(event_target::<web_sys::Element>(&ev).has_attribute("open"))
            }>
                <summary>{tr("Embed in a documentation page")}</summary>
                <div id="embed-panel">
                    <p class="loading">{tr("Loading the embed snippet…")}</p>
                </div>
            </details>
        </section>
    }
}
