use super::browser::copy_text;
use super::state::Planner;
use crate::domain::Theme;
use crate::share::{answer, embed_snippet, frame_id_for, ViewState};
use leptos::prelude::*;

/// Copy link, copy answer, and the embed snippet. The answer is also shown as
/// text, for when the clipboard is denied.
#[component]
pub fn Share(planner: Planner, theme: Theme) -> impl IntoView {
    let link = move |embed: bool| {
        let view = ViewState {
            embed,
            theme,
            cell: if embed { None } else { planner.open_cell() },
            frame_id: None,
        };
        planner.link(&view)
    };
    // The embed link carries a frame id of its own, named in its messages.
    let embed = move || {
        let view = ViewState {
            embed: true,
            theme,
            ..ViewState::default()
        };
        let id = frame_id_for(&planner.query(&view));
        let view = ViewState {
            frame_id: Some(id.clone()),
            ..view
        };
        embed_snippet(&planner.link(&view), &id)
    };
    let answer_text = move || {
        let link = link(false);
        let link = Some(link.as_str());
        if planner.is_comparing() {
            planner.compared().report(|second| {
                planner.report(|r| answer(r, Some(second), &planner.migration_answer(), link))
            })
        } else {
            planner.report(|r| answer(r, None, "", link))
        }
    };
    let snippet = embed;
    let status = RwSignal::new(String::new());
    // Opened when the clipboard refuses, so the text is there to select.
    let show_answer = RwSignal::new(false);
    let copy = move |what: &'static str, text: String| {
        copy_text(&text, move |copied| {
            if copied {
                status.set(format!("Copied the {what}."));
            } else {
                status.set(format!(
                    "Could not copy the {what}; select the text below instead."
                ));
                show_answer.set(true);
            }
        });
    };
    view! {
        <section class="share" aria-labelledby="share-title">
            <h3 id="share-title">"Share"</h3>
            <div class="share-actions">
                <button type="button" id="copy-link" on:click=move |_| copy("link", link(false))>
                    "Copy link"
                </button>
                <button type="button" id="copy-answer" on:click=move |_| copy("answer", answer_text())>
                    "Copy answer"
                </button>
                <p class="copy-status" role="status">{move || status.get()}</p>
            </div>
            <details prop:open=move || show_answer.get()>
                <summary>"Answer to paste into a case"</summary>
                // Scrolls when long: focusable, so the keyboard can scroll it.
                <pre
                    class="answer-text"
                    data-answer=""
                    tabindex="0"
                    role="region"
                    aria-label="Answer text"
                >
                    {move || answer_text()}
                </pre>
            </details>
            <details>
                <summary>"Embed in a documentation page"</summary>
                <p class="hint">
                    "The iframe reports its height with postMessage; the script sizes it so it never scrolls."
                </p>
                <button type="button" id="copy-snippet" on:click=move |_| copy("snippet", snippet())>
                    "Copy snippet"
                </button>
                <textarea
                    class="embed-snippet"
                    readonly
                    rows="9"
                    aria-label="Embed snippet"
                    prop:value=move || snippet()
                ></textarea>
            </details>
        </section>
    }
}
