//! The page's language menu. Choosing opens the page again with the link
//! key `lang` (the scenario is in the query): the page is drawn in one
//! language for its whole life, so nothing reactive carries the language.

use super::browser::switch_lang;
use crate::domain::Lang;
use crate::i18n::{active_lang, autonym, tr};
use leptos::prelude::*;

pub fn language_menu() -> impl IntoView {
    let current = active_lang();
    view! {
        <label class="language">
            <span>{tr("Language")}</span>
            <select name="lang" on:change=move |ev| switch_lang(&event_target_value(&ev))>
                {Lang::ALL
                    .map(|lang| {
                        view! {
                            <option value=lang.code() lang=lang.code() selected=lang == current>
                                {autonym(lang)}
                            </option>
                        }
                    })}
            </select>
        </label>
    }
}
