//! The snippet a documentation page pastes to embed the planner, with its
//! choices: the widget's theme (light, dark, or following the docs page's)
//! and language (the reader's browser's, or one for every reader). In the
//! page's extras wasm (`src/extras_main.rs`), made when a writer opens
//! "Embed in a documentation page": few visitors do.

use super::browser::{copy_outcome, copy_text, encode_query, location_base, pairs_of};
use crate::domain::{Lang, Theme};
use crate::i18n::{autonym, tr};
use crate::share::{embed_snippet, frame_id_for, from_pairs, permalink_with, to_pairs, ViewState};
use leptos::prelude::*;
use std::cell::RefCell;
use wasm_bindgen::JsCast;

/// What the writer chose for the widget's theme.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ThemeChoice {
    /// The snippet's script tells the widget the docs page's theme.
    Follow,
    Light,
    Dark,
}

impl ThemeChoice {
    const ALL: [ThemeChoice; 3] = [ThemeChoice::Follow, ThemeChoice::Light, ThemeChoice::Dark];

    fn code(self) -> &'static str {
        match self {
            ThemeChoice::Follow => "follow",
            ThemeChoice::Light => "light",
            ThemeChoice::Dark => "dark",
        }
    }

    fn label(self) -> &'static str {
        match self {
            ThemeChoice::Follow => tr("Follow the page"),
            ThemeChoice::Light => tr("Light"),
            ThemeChoice::Dark => tr("Dark"),
        }
    }

    /// The widget's own `theme` key: following starts from the system's.
    fn theme(self) -> Theme {
        match self {
            ThemeChoice::Follow => Theme::Auto,
            ThemeChoice::Light => Theme::Light,
            ThemeChoice::Dark => Theme::Dark,
        }
    }
}

/// The panel's state: the page's inputs (as its link query) and the choices.
struct Mounted {
    root: web_sys::Element,
    query: RwSignal<String>,
    /// Unmounts the panel when dropped.
    _handle: Box<dyn std::any::Any>,
}

thread_local! {
    static MOUNTED: RefCell<Option<Mounted>> = const { RefCell::new(None) };
}

/// Shows the panel for the page's inputs `query` in `root` the first time,
/// and makes it follow new inputs after.
pub fn show_embed(root: web_sys::Element, query: String) {
    MOUNTED.with_borrow_mut(|mounted| {
        if let Some(m) = mounted.as_ref().filter(|m| m.root == root) {
            m.query.set(query);
            return;
        }
        root.set_text_content(None);
        let query = RwSignal::new(query);
        let handle = leptos::mount::mount_to(root.clone().unchecked_into(), move || {
            view! { <EmbedPanel query=query /> }
        });
        *mounted = Some(Mounted {
            root,
            query,
            _handle: Box::new(handle),
        });
    });
}

/// A number of its own for each snippet made, so two snippets of the same
/// scenario get two frame ids.
fn nonce() -> u32 {
    (js_sys::Math::random() * f64::from(u32::MAX)) as u32
}

#[component]
fn EmbedPanel(query: RwSignal<String>) -> impl IntoView {
    let page_lang = query.with_untracked(|q| from_pairs(pairs_of(q)).view.lang);
    let theme = RwSignal::new(ThemeChoice::Follow);
    let lang = RwSignal::new(page_lang);
    let snippet = Memo::new(move |_| {
        let form = query.with(|q| from_pairs(pairs_of(q)).form);
        let mut view = ViewState {
            embed: true,
            theme: theme.get().theme(),
            lang: lang.get(),
            ..ViewState::default()
        };
        let id = frame_id_for(&encode_query(&to_pairs(&form, &view)), nonce());
        view.frame_id = Some(id.clone());
        let link = permalink_with(&location_base(), &encode_query(&to_pairs(&form, &view)));
        embed_snippet(&link, &id, theme.get() == ThemeChoice::Follow)
    });
    let status = RwSignal::new(String::new());
    let copy = move |_| {
        copy_text(&snippet.get_untracked(), move |copied| {
            status.set(copy_outcome(copied, tr("snippet")));
        });
    };
    let themes = ThemeChoice::ALL.map(|choice| {
        view! {
            <label>
                <input
                    type="radio"
                    name="embed-theme"
                    value=choice.code()
                    prop:checked=move || theme.get() == choice
                    on:change=move |_| theme.set(choice)
                />
                {choice.label()}
            </label>
        }
    });
    let langs = Lang::ALL.map(|l| {
        view! {
            <option value=l.code() lang=l.code() selected=page_lang == Some(l)>
                {autonym(l)}
            </option>
        }
    });
    view! {
        <fieldset class="embed-choice">
            <legend>{tr("Theme")}</legend>
            {themes}
        </fieldset>
        <div class="field">
            <label for="embed-lang">{tr("Language")}</label>
            <select
                id="embed-lang"
                name="embed-lang"
                on:change=move |ev| lang.set(Lang::from_code(&event_target_value(&ev)))
            >
                <option value="" selected=page_lang.is_none()>
                    {tr("The reader's browser")}
                </option>
                {langs}
            </select>
        </div>
        <p class="hint">
            {tr("The iframe reports its height with postMessage (also as Pym.js and AMP messages); the script sizes it so it never scrolls, and with \u{201c}Follow the page\u{201d} tells it the page's theme.")}
        </p>
        <button type="button" id="copy-snippet" on:click=copy>
            {tr("Copy snippet")}
        </button>
        <p class="copy-status" role="status">{move || status.get()}</p>
        <textarea
            class="embed-snippet"
            readonly
            rows="12"
            aria-label=tr("Embed snippet")
            prop:value=move || snippet.get()
        ></textarea>
    }
}
