//! The importers in a Web Worker, so the page's main thread never parses
//! pasted text. One message in, one message out, both arrays:
//!
//! - in: `[context, files, pick]`: `context` is flat link pairs (`key, value,
//!   ...`) of what reading a host depends on (`memory`, `hugepage_size`,
//!   `numa_nodes`, `emulator_parity`, and `pod_cpus`); `files` is `name,
//!   text-or-File, ...`; `pick` the VM's name when the files hold several;
//! - out: flat `tag, value` strings: the link pairs the files set (empty
//!   where a link leaves the key out), `from:KEY` with where that value came
//!   from, `read` lines and import `note`s; or one `error`, with the names
//!   to `choose` from when a file holds several VMs.
//!
//! The worker decodes no link and builds no scenario: the page merges the
//! pairs into its form as it reads a link, which keeps this wasm small.

use crate::domain::{Field, HugepageSize, Switch};
use crate::import::{read_pasted, PasteContext, Pasted, PastedFile, MAX_INPUT_BYTES};
use crate::share::HUGEPAGE_SIZE;
use js_sys::Array;
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, File, FileReaderSync, MessageEvent};

/// The context key for the pod's CPUs (not a link key: the page derives it).
pub const POD_CPUS: &str = "pod_cpus";
const MEMORY: &str = Field::Memory.key();
const NUMA_NODES: &str = Field::NumaNodes.key();
const EMULATOR_PARITY: &str = Switch::EmulatorParity.code();

/// Listens for requests for the worker's whole life.
pub fn start() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let replies = scope.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        let reply = answer(&event.data()).unwrap_or_else(|message| vec![("error".into(), message)]);
        let out: Array = reply
            .into_iter()
            .flat_map(|(tag, value)| [JsValue::from(tag), JsValue::from(value)])
            .collect();
        // A page that went away cannot be told; nothing else to do.
        let _ = replies.post_message(&out);
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The listener lives as long as the worker does.
    on_message.forget();
    // Messages that arrive before the wasm listens are lost: the page waits
    // for this before it sends.
    let _ = scope.post_message(&JsValue::from_str("ready"));
}

type Pairs = Vec<(String, String)>;

fn answer(data: &JsValue) -> Result<Pairs, String> {
    let malformed = || "The page sent the importer a malformed request.".to_string();
    let request: Array = data.clone().dyn_into().map_err(|_| malformed())?;
    let context: Array = request.get(0).dyn_into().map_err(|_| malformed())?;
    let files: Array = request.get(1).dyn_into().map_err(|_| malformed())?;
    let mut pasted = Vec::new();
    for kv in files.to_vec().chunks_exact(2) {
        let name = kv[0].as_string().unwrap_or_default();
        pasted.push(PastedFile {
            text: text_of(&name, &kv[1])?,
            name,
        });
    }
    let pick = request.get(2).as_string();
    Ok(match read_pasted(&pasted, context_of(&context), pick.as_deref()) {
        Ok(read) => reply(read),
        Err(e) => {
            let choices = e.choices.iter().map(|c| ("choose".to_string(), c.clone()));
            [("error".to_string(), e.to_string())]
                .into_iter()
                .chain(choices)
                .collect()
        }
    })
}

/// The context as sent; what is missing or unreadable stays at the
/// default form's value (the importers bound every value they set).
fn context_of(pairs: &Array) -> PasteContext {
    let mut context = PasteContext::default();
    let strings: Vec<String> = pairs.iter().filter_map(|v| v.as_string()).collect();
    for kv in strings.chunks_exact(2) {
        let (key, value) = (kv[0].as_str(), kv[1].clone());
        let form = &mut context.form;
        match key {
            MEMORY => form.set_text(Field::Memory, value),
            NUMA_NODES => form.set_text(Field::NumaNodes, value),
            HUGEPAGE_SIZE => form.hugepage_size = value.parse::<HugepageSize>().ok(),
            EMULATOR_PARITY => form.set_switch(Switch::EmulatorParity, value == "1"),
            POD_CPUS => context.pod_cpus = value.parse().unwrap_or(0),
            _ => {}
        }
    }
    context
}

/// A pasted text as it is; a dropped file read here, off the main thread.
fn text_of(name: &str, value: &JsValue) -> Result<String, String> {
    if let Some(text) = value.as_string() {
        return Ok(text);
    }
    let file: File = value
        .clone()
        .dyn_into()
        .map_err(|_| format!("{name}: not a text or a file."))?;
    if file.size() > MAX_INPUT_BYTES as f64 {
        return Err(format!(
            "{name}: the file is larger than {} MB, the most the planner reads.",
            MAX_INPUT_BYTES / (1024 * 1024)
        ));
    }
    FileReaderSync::new()
        .and_then(|reader| reader.read_as_text(&file))
        .map_err(|_| format!("{name}: the file cannot be read as text."))
}

fn reply(read: Pasted) -> Pairs {
    let values = read.values.into_iter().map(|(k, v)| (k.to_string(), v));
    let origins = read
        .origins
        .into_iter()
        .map(|(k, from)| (format!("from:{k}"), from));
    let lines = read.read.into_iter().map(|line| ("read".to_string(), line));
    let notes = read
        .notes
        .into_iter()
        .map(|n| ("note".to_string(), format!("[{}] {}", n.code, n.message)));
    values.chain(origins).chain(lines).chain(notes).collect()
}
