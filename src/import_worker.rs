//! The importers in a Web Worker, so the page's main thread never parses
//! pasted text. One message in, one message out, both arrays:
//!
//! - in: `[form, files, pick, before, marked]`: `form` is the page's inputs
//!   as flat link pairs (`key, value, ...`), as its address bar has them;
//!   `files` is `name, text-or-File, ...`; `pick` the VM's name when the
//!   files hold several. To clear imported values instead, `files` is empty
//!   and `before` (flat pairs) and `marked` (keys) say what to put back.
//! - out: flat `tag, value` strings: the form's new link pairs, `from:KEY`
//!   with where an imported value came from, `read` lines and import
//!   `note`s; or one `error`, with the names to `choose` from when the
//!   files hold several VMs.
//!
//! The worker decodes no link and builds no scenario, which keeps its wasm
//! small: the page reads the pairs as it reads a link.

use crate::import::{
    merge_pairs, read_pasted, restore_pairs, Pairs, Pasted, PastedFile, MAX_INPUT_BYTES,
};
use js_sys::Array;
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, File, FileReaderSync, MessageEvent};

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

fn strings(value: JsValue) -> Vec<String> {
    Array::from(&value)
        .iter()
        .map(|v| v.as_string().unwrap_or_default())
        .collect()
}

fn pairs(value: JsValue) -> Pairs {
    strings(value)
        .chunks_exact(2)
        .map(|kv| (kv[0].clone(), kv[1].clone()))
        .collect()
}

fn answer(data: &JsValue) -> Result<Pairs, String> {
    if !Array::is_array(data) {
        return Err("The page sent the importer a malformed request.".into());
    }
    let request = Array::from(data);
    let current = pairs(request.get(0));
    let files = Array::from(&request.get(1)).to_vec();
    if files.is_empty() {
        let restore = restore_pairs(&pairs(request.get(3)), &strings(request.get(4)));
        return Ok(merge_pairs(&current, &restore));
    }
    let mut pasted = Vec::new();
    for kv in files.chunks_exact(2) {
        let name = kv[0].as_string().unwrap_or_default();
        pasted.push(PastedFile {
            text: text_of(&name, &kv[1])?,
            name,
        });
    }
    let pick = request.get(2).as_string();
    Ok(match read_pasted(&pasted, &current, pick.as_deref()) {
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
    let origins = read
        .origins
        .into_iter()
        .map(|(k, from)| (format!("from:{k}"), from));
    let lines = read.read.into_iter().map(|line| ("read".to_string(), line));
    let notes = read
        .notes
        .into_iter()
        .map(|n| ("note".to_string(), format!("[{}] {}", n.code, n.message)));
    read.pairs
        .into_iter()
        .chain(origins)
        .chain(lines)
        .chain(notes)
        .collect()
}
