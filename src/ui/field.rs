use super::app::Planner;
use crate::domain::Field;
use crate::form::step;
use leptos::ev::KeyboardEvent;
use leptos::prelude::*;

/// Label and hint of each count field.
fn text(field: Field) -> (&'static str, &'static str) {
    match field {
        Field::NumaNodes => ("NUMA nodes", "NUMA nodes the node reports (lscpu, numactl -H)."),
        Field::CpusPerNode => ("CPUs per NUMA node", "Logical CPUs (hardware threads) in one NUMA node."),
        Field::ThreadsPerCore => (
            "Threads per core",
            "Optional. 2 with SMT / Hyper-Threading; only used to warn when counting physical cores would change the class.",
        ),
        Field::Vcpus => ("vCPUs", "The VM's vCPUs, or its whole-number CPU request."),
        Field::Sockets => ("Sockets", "spec.domain.cpu.sockets."),
        Field::Cores => ("Cores", "spec.domain.cpu.cores, per socket."),
        Field::Threads => ("Threads", "spec.domain.cpu.threads, per core."),
        Field::MaxSockets => (
            "Max sockets",
            "Optional: spec.domain.cpu.maxSockets for CPU hot plug; empty means KubeVirt's default, 4 × sockets.",
        ),
    }
}

/// A labelled count input with units, a hint, its bounds, keyboard stepping
/// (arrows: 1, with Shift or PageUp/PageDown: 10) and its own error line.
/// A plain function returning `AnyView`, not a component: eight call sites
/// then share one copy of the code, which keeps the wasm small.
pub fn count_field(planner: Planner, field: Field) -> AnyView {
    let (label, hint) = text(field);
    let id = format!("field-{}", field.key());
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let (min, max) = field.bounds();
    let error = move || planner.field_error(field);
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
        <div class="field" class:invalid=move || error().is_some()>
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
                aria-invalid=move || if error().is_some() { "true" } else { "false" }
                prop:value=move || planner.form.with(|f| f.text(field).to_string())
                on:input=move |ev| planner.form.update(|f| f.set_text(field, event_target_value(&ev)))
                on:keydown=on_keydown
            />
            <p class="hint" id=hint_id>
                {format!("{hint} {min}–{max}; ↑/↓ to step.")}
            </p>
            <p class="field-error" id=error_id data-error-for=field.key() role="alert">
                {error}
            </p>
        </div>
    }
    .into_any()
}
