//! The Paste panel: what a customer sent (manifests, command output, kubelet
//! objects), read by the importer worker into the inputs. The page itself
//! never parses the text: it checks the size and hands it over.

use super::importer::{prepare, send, Answer};
use super::state::Planner;
use crate::pasted::{ImportReply, MAX_PASTE_BYTES};
use crate::share::{escape_html, to_pairs, ViewState, HUGEPAGE_SIZE};
use js_sys::Array;
use leptos::ev::{DragEvent, KeyboardEvent};
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsValue;
use web_sys::FileList;

/// What the text area is called in messages ("pasted text: line 3: ...").
const PASTED: &str = "pasted text";

/// The page's values that reading a host depends on, as the worker expects
/// them (see `import_worker`).
fn context(planner: Planner) -> Array {
    let form = planner.form_now();
    let wanted = ["memory", HUGEPAGE_SIZE, "numa_nodes", "emulator_parity"];
    let pod_cpus = untrack(|| planner.report(|r| r.scenario.vm.pod_cpus()));
    to_pairs(&form, &ViewState::default())
        .into_iter()
        .filter(|(k, _)| wanted.contains(k))
        .map(|(k, v)| (k.to_string(), v))
        .chain([("pod_cpus".to_string(), pod_cpus.to_string())])
        .flat_map(|(k, v)| [JsValue::from(k), JsValue::from(v)])
        .collect()
}

fn too_large(name: &str, bytes: f64) -> String {
    format!(
        "{name} is {} KB; the planner reads at most {} MB at a time. Paste the objects one by one.",
        (bytes / 1024.0) as u64,
        MAX_PASTE_BYTES / (1024 * 1024)
    )
}

/// The request for the worker: the context, then each text or file by
/// name, then the VM picked among several. Text over the size limit is
/// refused here and never sent.
fn request(
    planner: Planner,
    text: String,
    files: Option<FileList>,
    pick: Option<String>,
) -> Result<Array, String> {
    let parts = Array::new();
    if !text.trim().is_empty() {
        if text.len() > MAX_PASTE_BYTES {
            return Err(too_large("The pasted text", text.len() as f64));
        }
        parts.push(&PASTED.into());
        parts.push(&text.into());
    }
    let files = files.map(|list| (0..list.length()).filter_map(move |i| list.item(i)));
    for file in files.into_iter().flatten() {
        if file.size() > MAX_PASTE_BYTES as f64 {
            return Err(too_large(&file.name(), file.size()));
        }
        parts.push(&file.name().into());
        parts.push(&file);
    }
    if parts.length() == 0 {
        return Err("Nothing to read: paste text or choose files first.".into());
    }
    let pick = pick.map_or(JsValue::UNDEFINED, JsValue::from);
    Ok(Array::of3(&context(planner), &parts, &pick))
}

/// `<li>` items, escaped: pasted text only ever reaches the page as text.
fn items(lines: &[String]) -> String {
    lines
        .iter()
        .map(|l| format!("<li>{}</li>", escape_html(l)))
        .collect()
}

#[component]
pub fn PastePanel(planner: Planner) -> impl IntoView {
    let text = NodeRef::<html::Textarea>::new();
    let files = NodeRef::<html::Input>::new();
    let details = NodeRef::<html::Details>::new();
    let busy = RwSignal::new(false);
    let status = RwSignal::new(String::new());
    let error = RwSignal::new(String::new());
    let choices = RwSignal::new(String::new());
    let read_lines = RwSignal::new(String::new());
    let notes = RwSignal::new(String::new());

    let answered = move |answer: Answer| {
        busy.set(false);
        let reply = match answer {
            Ok(strings) => ImportReply::from_flat(&strings),
            Err(why) => return error.set(why),
        };
        let options: String = reply
            .choices
            .iter()
            .map(|c| format!("<option>{}</option>", escape_html(c)))
            .collect();
        choices.set(if options.is_empty() {
            options
        } else {
            format!("<option value=\"\">Choose a VM</option>{options}")
        });
        if let Some(why) = reply.error {
            return error.set(why);
        }
        planner.take_import(&reply);
        error.set(String::new());
        status.set(format!(
            "Filled {} inputs from what was read; each is marked with its source.",
            reply.origins.len()
        ));
        read_lines.set(items(&reply.read));
        notes.set(items(&reply.notes));
    };
    let read = move |pick: Option<String>| {
        let pasted = text.get_untracked().map(|t| t.value()).unwrap_or_default();
        let chosen = files.get_untracked().and_then(|f| f.files());
        match request(planner, pasted, chosen, pick) {
            Ok(request) => {
                busy.set(true);
                error.set(String::new());
                status.set("Reading…".into());
                send(request, answered);
            }
            Err(why) => {
                status.set(String::new());
                error.set(why);
            }
        }
    };
    let on_drop = move |ev: DragEvent| {
        ev.prevent_default();
        let dropped = ev.data_transfer().and_then(|d| d.files());
        if let (Some(list), Some(input)) = (dropped, files.get_untracked()) {
            input.set_files(Some(&list));
        }
        if let Some(d) = details.get_untracked() {
            d.set_open(true);
        }
        read(None);
    };
    let on_keydown = move |ev: KeyboardEvent| {
        if ev.key() == "Enter" && (ev.ctrl_key() || ev.meta_key()) {
            ev.prevent_default();
            read(None);
        }
    };
    view! {
        <details
            class="paste"
            node_ref=details
            on:toggle=move |_| {
                if details.get_untracked().is_some_and(|d| d.open()) {
                    prepare();
                }
            }
            on:dragover=|ev: DragEvent| ev.prevent_default()
            on:drop=on_drop
        >
            <summary>"Paste what the customer sent"</summary>
            <p class="hint" id="paste-hint">
                "VMs, VMIs and instance types (oc get -o yaml or json); lscpu (plain, -e, -J), numactl -H, NodeResourceTopology, KubeletConfig, PerformanceProfile, sysfs huge pages. Several at once, in any order, separated by ---, or drop files here. Read in your browser; nothing is sent anywhere, and links never carry it."
            </p>
            <label for="paste-text">"Text"</label>
            <textarea
                id="paste-text"
                data-paste
                node_ref=text
                rows="6"
                spellcheck="false"
                autocomplete="off"
                aria-describedby="paste-hint"
                on:keydown=on_keydown
            ></textarea>
            <label for="paste-files">"Files"</label>
            <input id="paste-files" type="file" multiple data-paste-files node_ref=files />
            <div class="paste-actions">
                <button
                    type="button"
                    data-action="read"
                    disabled=move || busy.get()
                    on:click=move |_| read(None)
                >
                    "Read into the inputs"
                </button>
                <button
                    type="button"
                    data-action="clear-imported"
                    hidden=move || !planner.has_imported()
                    on:click=move |_| {
                        planner.clear_imported();
                        status.set("Imported values cleared.".into());
                    }
                >
                    "Clear imported values"
                </button>
            </div>
            <p class="paste-status" role="status" data-paste-status>{move || status.get()}</p>
            <p class="paste-error" role="alert" data-paste-error>{move || error.get()}</p>
            <div class="field" hidden=move || choices.with(String::is_empty)>
                <label for="paste-choice">"Which VM"</label>
                <select
                    id="paste-choice"
                    data-paste-choice
                    inner_html=move || choices.get()
                    on:change=move |ev| read(Some(event_target_value(&ev)))
                ></select>
            </div>
            <ul class="paste-read" aria-label="What was read" inner_html=move || read_lines.get()></ul>
            <ul class="paste-notes" aria-label="Import notes" inner_html=move || notes.get()></ul>
        </details>
    }
}
