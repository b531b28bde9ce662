use super::app::Planner;
use super::browser::{copy_text, encode_query, location_base};
use crate::share::{answer, permalink_with, to_pairs, Theme, ViewState};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Copy link, copy answer, and the embed snippet. The answer is also shown as
/// text, for when the clipboard is denied.
#[component]
pub fn Share(planner: Planner, theme: Theme) -> impl IntoView {
    let link = move |embed: bool| {
        let view = ViewState {
            embed,
            theme,
            cell: if embed { None } else { planner.open_cell.get() },
        };
        planner
            .form
            .with(|f| permalink_with(&location_base(), &encode_query(&to_pairs(f, &view))))
    };
    let answer_text = move || {
        let link = link(false);
        planner
            .report
            .with(|r| answer(r, planner.policy(), Some(&link)))
    };
    let snippet = move || {
        format!(
            "<iframe id=\"vnuma-planner\" src=\"{}\" title=\"vNUMA planner\" style=\"width:100%;border:0\" height=\"640\" loading=\"lazy\"></iframe>\n<script>\naddEventListener(\"message\", (e) => {{\n  const frame = document.getElementById(\"vnuma-planner\");\n  if (e.source === frame.contentWindow && e.data && e.data.type === \"vnuma-planner:height\") {{\n    frame.style.height = e.data.height + \"px\";\n  }}\n}});\n</script>",
            html_attribute(&link(true))
        )
    };
    let status = RwSignal::new(String::new());
    // Opened when the clipboard refuses, so the text is there to select.
    let show_answer = RwSignal::new(false);
    let copy = move |what: &'static str, text: String, reveal: RwSignal<bool>| {
        spawn_local(async move {
            if copy_text(&text).await {
                status.set(format!("Copied the {what}."));
            } else {
                status.set(format!(
                    "Could not copy the {what}; select the text below instead."
                ));
                reveal.set(true);
            }
        });
    };
    view! {
        <section class="share" aria-labelledby="share-title">
            <h3 id="share-title">"Share"</h3>
            <div class="share-actions">
                <button type="button" id="copy-link" on:click=move |_| copy("link", link(false), show_answer)>
                    "Copy link"
                </button>
                <button
                    type="button"
                    id="copy-answer"
                    on:click=move |_| copy("answer", answer_text(), show_answer)
                >
                    "Copy answer"
                </button>
                <p class="copy-status" role="status">{move || status.get()}</p>
            </div>
            <details prop:open=move || show_answer.get()>
                <summary>"Answer to paste into a case"</summary>
                <pre class="answer-text" data-answer="">{answer_text}</pre>
            </details>
            <details>
                <summary>"Embed in a documentation page"</summary>
                <p class="hint">
                    "The iframe reports its height with postMessage; the script sizes it so it never scrolls."
                </p>
                <textarea
                    class="embed-snippet"
                    readonly
                    rows="9"
                    aria-label="Embed snippet"
                    prop:value=snippet
                ></textarea>
            </details>
        </section>
    }
}

/// Escapes text for a double-quoted HTML attribute.
fn html_attribute(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
}
