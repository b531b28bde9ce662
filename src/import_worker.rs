//! The importers as the page's Web Worker module, so the page's main thread
//! never parses pasted text. No wasm-bindgen: `web/import-worker.js` moves
//! strings in and out through four plain exports, which keeps this wasm
//! and its JS within the worker's budget.
//!
//! A request and its answer are lists of `tag, value` strings:
//!
//! - in: `form:KEY, value` for each of the page's link pairs (as its
//!   address bar has them); `file:NAME, text` for each pasted text or file;
//!   `pick, NAME` for the VM to read when the files hold several. To clear
//!   imported values instead, no `file:` but `before:KEY, value` (the link
//!   pairs before the import) and `marked, KEY` (the keys still imported).
//! - out: the form's new link pairs as `KEY, value`, `from:KEY, where` for
//!   each imported value, `read` lines and import `note`s; or one `error`
//!   line, with the names to `choose` from when the files hold several VMs.
//!
//! The tags and the size limit are in `protocol`, defined once: the worker's
//! JS reads them from the `protocol` export.

pub mod protocol;

use crate::domain::errors::read_errors;
use crate::import::{merge_pairs, read_pasted, restore_pairs, Pairs, Pasted, PastedFile};
use protocol::{BEFORE, CHOOSE, ERROR, FILE, FORM, FROM, MARKED, NOTE, PASTED_ERROR, PICK, READ};
use std::cell::RefCell;

thread_local! {
    /// The strings of the request being written.
    static REQUEST: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
    /// The strings JS reads: the last answer, or the protocol. Apart from
    /// the request, so a request never starts with what was read before.
    static STRINGS: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
    /// The buffer JS writes the next request string into.
    static BUFFER: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// A buffer of `len` bytes for the next request string.
#[no_mangle]
pub extern "C" fn buffer(len: usize) -> *mut u8 {
    BUFFER.with_borrow_mut(|b| {
        *b = vec![0; len];
        b.as_mut_ptr()
    })
}

/// Takes the buffer's UTF-8 (JS's TextEncoder wrote it) as the next string.
#[no_mangle]
pub extern "C" fn push() {
    let bytes = BUFFER.take();
    // TextEncoder writes only valid UTF-8.
    let text = String::from_utf8(bytes).unwrap_or_default();
    REQUEST.with_borrow_mut(|s| s.push(text));
}

/// Answers the request pushed so far; returns how many strings the answer
/// has (read with `string_ptr` and `string_len`).
#[no_mangle]
pub extern "C" fn answer() -> usize {
    let request = REQUEST.take();
    let reply: Vec<String> = respond(&request)
        .into_iter()
        .flat_map(|(tag, value)| [tag, value])
        .collect();
    let count = reply.len();
    STRINGS.set(reply);
    count
}

/// Puts the protocol (`protocol::described`, `name, value` strings) in
/// place of the strings; returns how many strings that is (read with
/// `string_ptr` and `string_len`).
#[no_mangle]
pub extern "C" fn protocol() -> usize {
    let strings = protocol::described();
    let count = strings.len();
    STRINGS.set(strings);
    count
}

#[no_mangle]
pub extern "C" fn string_ptr(i: usize) -> *const u8 {
    STRINGS.with_borrow(|s| s.get(i).map_or(std::ptr::null(), |t| t.as_ptr()))
}

#[no_mangle]
pub extern "C" fn string_len(i: usize) -> usize {
    STRINGS.with_borrow(|s| s.get(i).map_or(0, String::len))
}

/// The answer to a request's `tag, value` strings.
pub fn respond(request: &[String]) -> Pairs {
    let (mut current, mut before, mut marked, mut files) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut pick = None;
    for kv in request.chunks_exact(2) {
        let (tag, value) = (kv[0].as_str(), kv[1].clone());
        if let Some(key) = tag.strip_prefix(FORM) {
            current.push((key.to_string(), value));
        } else if let Some(name) = tag.strip_prefix(FILE) {
            files.push(PastedFile {
                name: name.to_string(),
                text: value,
            });
        } else if let Some(key) = tag.strip_prefix(BEFORE) {
            before.push((key.to_string(), value));
        } else if tag == MARKED {
            marked.push(value);
        } else if tag == PICK {
            pick = Some(value);
        }
    }
    if files.is_empty() {
        return merge_pairs(&current, &restore_pairs(&before, &marked));
    }
    let errors = pasted_errors(&files);
    match read_pasted(&files, &current, pick.as_deref()) {
        Ok(read) => reply(read).into_iter().chain(errors).collect(),
        // A paste of error messages alone fills nothing, and is no error.
        Err(e) if !errors.is_empty() && e.choices.is_empty() => errors,
        Err(e) => {
            let choices = e.choices.iter().map(|c| (CHOOSE.to_string(), c.clone()));
            [(ERROR.to_string(), e.to_string())]
                .into_iter()
                .chain(choices)
                .chain(errors)
                .collect()
        }
    }
}

/// The error messages the files hold (a describe output, events, a
/// launcher log): what each means, and the planner's check it is.
fn pasted_errors(files: &[PastedFile]) -> Pairs {
    files
        .iter()
        .flat_map(|f| read_errors(&f.text))
        .map(|e| {
            let check = e.check.map_or("", |c| c.code());
            let fix = e
                .fixes
                .first()
                .map_or(String::new(), |f| format!(" Usually fixed by: {f}"));
            (
                format!("{PASTED_ERROR}{check}"),
                format!("{} {}{fix}", e.text, e.means),
            )
        })
        .collect()
}

fn reply(read: Pasted) -> Pairs {
    let origins = read
        .origins
        .into_iter()
        .map(|(k, from)| (format!("{FROM}{k}"), from.mark()));
    let lines = read.read.into_iter().map(|line| (READ.to_string(), line));
    let notes = read
        .notes
        .into_iter()
        .map(|n| (NOTE.to_string(), format!("[{}] {}", n.code, n.message)));
    read.pairs
        .into_iter()
        .chain(origins)
        .chain(lines)
        .chain(notes)
        .collect()
}
