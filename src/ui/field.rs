use super::link_notice::FieldNotices;
use super::state::Planner;
use crate::domain::{Field, Switch};
use crate::trf;
use leptos::ev::KeyboardEvent;
use leptos::prelude::*;

/// The step a key asks for: arrows 1, with Shift or PageUp/PageDown 10.
fn step_for(key: &str, shift: bool) -> Option<i64> {
    match (key, shift) {
        ("ArrowUp", false) => Some(1),
        ("ArrowDown", false) => Some(-1),
        ("ArrowUp", true) | ("PageUp", _) => Some(10),
        ("ArrowDown", true) | ("PageDown", _) => Some(-10),
        _ => None,
    }
}

/// A labelled count input with units, a hint, its bounds, keyboard stepping
/// and its own error line; label, hint and bounds all come from `Field`.
/// A plain function returning `AnyView`, not a component: eight call sites
/// then share one copy of the code, which keeps the wasm small.
pub fn count_field(planner: Planner, field: Field) -> AnyView {
    // The compared host's fields carry its link keys (`b_numa_nodes`).
    let key = planner.side().key(field);
    let id = format!("field-{key}");
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let (min, max) = field.bounds();
    let error = move || planner.field_error(field);
    let stepped = field.is_count();
    let hint = if stepped {
        trf!(
            "{hint} {min}–{max}; ↑/↓ to step.",
            hint = field.hint(),
            min = min,
            max = max
        )
    } else {
        field.hint().to_string()
    };
    let on_keydown = move |ev: KeyboardEvent| {
        if !stepped {
            return;
        }
        if let Some(delta) = step_for(&ev.key(), ev.shift_key()) {
            ev.prevent_default();
            planner.step(field, delta);
        }
    };
    view! {
        <div class="field" class:invalid=move || error().is_some()>
            <label for=id.clone()>
                {field.label()} " " <span class="unit">{field.unit()}</span>
            </label>
            <input
                id=id
                name=key
                data-field=key
                type="text"
                inputmode=if stepped { "numeric" } else { "text" }
                autocomplete="off"
                spellcheck="false"
                aria-describedby=format!("{hint_id} {error_id}")
                aria-invalid=move || if error().is_some() { "true" } else { "false" }
                prop:value=move || planner.text(field)
                on:input=move |ev| planner.set_text(field, event_target_value(&ev))
                on:keydown=on_keydown
            />
            <p class="hint" id=hint_id>
                {hint}
            </p>
            <p class="field-error" id=error_id data-error-for=key role="alert">
                {move || error()}
            </p>
            {FieldNotices::line(key)}
        </div>
    }
    .into_any()
}

/// A labelled checkbox for one of the scenario's switches, with its hint.
pub fn switch_field(planner: Planner, switch: Switch) -> AnyView {
    let id = format!("field-{}", switch.code());
    let hint_id = format!("{id}-hint");
    view! {
        <div class="field switch">
            <label class="check">
                <input
                    type="checkbox"
                    id=id
                    data-switch=switch.code()
                    aria-describedby=hint_id.clone()
                    prop:checked=move || planner.switch(switch)
                    on:change=move |ev| planner.set_switch(switch, event_target_checked(&ev))
                />
                <span>{switch.label()}</span>
            </label>
            <p class="hint" id=hint_id>{switch.hint()}</p>
        </div>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::step_for;

    #[test]
    fn keys_step_by_one_or_ten() {
        assert_eq!(step_for("ArrowUp", false), Some(1));
        assert_eq!(step_for("ArrowDown", false), Some(-1));
        assert_eq!(step_for("ArrowUp", true), Some(10));
        assert_eq!(step_for("PageDown", false), Some(-10));
        assert_eq!(step_for("PageUp", true), Some(10));
        assert_eq!(step_for("a", false), None);
        assert_eq!(step_for("Enter", true), None);
    }
}
