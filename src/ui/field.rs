use super::app::Planner;
use crate::domain::Field;
use crate::form::step;
use leptos::ev::KeyboardEvent;
use leptos::prelude::*;

/// A labelled count input with units, a hint, its bounds, keyboard stepping
/// (arrows: 1, with Shift or PageUp/PageDown: 10) and its own error line.
#[component]
pub fn CountField(
    planner: Planner,
    field: Field,
    label: &'static str,
    hint: &'static str,
) -> impl IntoView {
    let id = format!("field-{}", field.key());
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let (min, max) = field.bounds();
    let error = Memo::new(move |_| {
        planner.errors.with(|es| {
            es.iter()
                .find(|e| e.field == field)
                .map(|e| e.message.clone())
        })
    });
    let on_keydown = move |ev: KeyboardEvent| {
        let delta = match (ev.key().as_str(), ev.shift_key()) {
            ("ArrowUp", false) => 1,
            ("ArrowDown", false) => -1,
            ("ArrowUp", true) | ("PageUp", _) => 10,
            ("ArrowDown", true) | ("PageDown", _) => -10,
            _ => return,
        };
        ev.prevent_default();
        planner.form.update(|f| {
            let next = step(field, f.text(field), delta);
            f.set_text(field, next);
        });
    };
    view! {
        <div class="field" class:invalid=move || error.with(Option::is_some)>
            <label for=id.clone()>
                {label} " " <span class="unit">{field.unit()}</span>
            </label>
            <input
                id=id
                name=field.key()
                data-field=field.key()
                type="text"
                inputmode="numeric"
                autocomplete="off"
                spellcheck="false"
                aria-describedby=format!("{hint_id} {error_id}")
                aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                prop:value=move || planner.form.with(|f| f.text(field).to_string())
                on:input=move |ev| planner.form.update(|f| f.set_text(field, event_target_value(&ev)))
                on:keydown=on_keydown
            />
            <p class="hint" id=hint_id>
                {format!("{hint} {min}–{max}; ↑/↓ to step.")}
            </p>
            <p class="field-error" id=error_id data-error-for=field.key() role="alert">
                {move || error.get()}
            </p>
        </div>
    }
}
