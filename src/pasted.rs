//! What the page's importer worker answered, and how the form takes it:
//! plain Rust, so native tests check the merge the page does.
//!
//! The worker answers with link pairs (the keys of `share::KEYS`), so the
//! page reads an import as it reads a link, and a permalink afterwards
//! carries the imported inputs like any others.

use crate::form::{FormState, VcpuMode};
use crate::share::{from_pairs_as_given, to_pairs, ViewState};

/// The most text one paste or one file may hold, in bytes (UTF-8). The
/// page refuses more before sending it to the worker; the importers refuse
/// more too.
pub const MAX_PASTE_BYTES: usize = 2 * 1024 * 1024;

/// The vCPU keys: a VM given one way replaces the other way's values.
const VCPU_KEYS: [&str; 4] = ["vcpus", "sockets", "cores", "threads"];

/// The worker's answer, read from its flat `tag, value` strings.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReply {
    /// Link pairs the files set; an empty value means "not set".
    pub pairs: Vec<(String, String)>,
    /// Link key -> "file: where in it".
    pub origins: Vec<(String, String)>,
    pub read: Vec<String>,
    pub notes: Vec<String>,
    /// Why nothing was read, one line.
    pub error: Option<String>,
    /// The VMs to pick from when a text holds several.
    pub choices: Vec<String>,
}

impl ImportReply {
    pub fn from_flat(strings: &[String]) -> ImportReply {
        let mut reply = ImportReply::default();
        for kv in strings.chunks_exact(2) {
            let (tag, value) = (kv[0].as_str(), kv[1].clone());
            match tag {
                "read" => reply.read.push(value),
                "note" => reply.notes.push(value),
                "error" => reply.error = Some(value),
                "choose" => reply.choices.push(value),
                _ => match tag.strip_prefix("from:") {
                    Some(key) => reply.origins.push((key.to_string(), value)),
                    None => reply.pairs.push((tag.to_string(), value)),
                },
            }
        }
        reply
    }
}

/// `form` with the values of `pairs` in place of its own for those keys,
/// read as a link is read but keeping values that clash, so their fields
/// show what is wrong. A VM's vCPUs given one way drop the other way's.
pub fn merged(form: &FormState, pairs: &[(String, String)]) -> FormState {
    let given = |key: &str| pairs.iter().any(|(k, _)| k == key);
    let vcpus_given = VCPU_KEYS.iter().any(|k| given(k));
    let kept = to_pairs(form, &ViewState::default())
        .into_iter()
        .filter(|(k, _)| !given(k) && !(vcpus_given && VCPU_KEYS.contains(k)))
        .map(|(k, v)| (k.to_string(), v));
    let mut next = from_pairs_as_given(pairs.iter().cloned().chain(kept)).form;
    // The other vCPU mode keeps its text for switching back, as typing does.
    match next.mode {
        VcpuMode::Count => {
            next.sockets.clone_from(&form.sockets);
            next.cores.clone_from(&form.cores);
            next.threads.clone_from(&form.threads);
        }
        VcpuMode::Topology => next.vcpus.clone_from(&form.vcpus),
    }
    next
}

/// The values `before` had for `keys`, as pairs to merge back: clearing
/// imported values restores what the fields held before the import.
pub fn values_before(before: &FormState, keys: &[String]) -> Vec<(String, String)> {
    let pairs = to_pairs(before, &ViewState::default());
    let mut out: Vec<(String, String)> = keys
        .iter()
        .map(|key| {
            let value = pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
            (key.clone(), value.unwrap_or_default())
        })
        .collect();
    // A restored vCPU value brings back the whole way it was given.
    if out.iter().any(|(k, _)| VCPU_KEYS.contains(&k.as_str())) {
        out.retain(|(k, _)| !VCPU_KEYS.contains(&k.as_str()));
        out.extend(
            pairs
                .iter()
                .filter(|(k, _)| VCPU_KEYS.contains(k))
                .map(|(k, v)| (k.to_string(), v.clone())),
        );
    }
    out
}
