//! What a support engineer pastes or drops, in any order: each text split on
//! `---` (and where a new output starts), each part given to the VM reader
//! or the host reader by what it is (to both when it holds both),
//! and the form filled from both, each value with the file it came from.

use super::host::{holds_kind, import_host_in, parts};
use super::link_pairs::{form_for_reading, merge_pairs, pod_cpus, Pairs};
use super::origin::Origins;
use super::vm::{import_vm_in, is_vm_kind};
use super::{check_size, ImportError, Imported};
use crate::domain::errors::read_errors;
use crate::domain::Advisory;
use crate::share::{to_pairs, ViewState};

/// One pasted text or dropped file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PastedFile {
    /// The file's name, or how the page calls the text area.
    pub name: String,
    pub text: String,
}

/// The page's form after an import, as link pairs, and where each value
/// the files set came from.
pub struct Pasted {
    /// The whole form: what the files set over what the page had.
    pub pairs: Pairs,
    /// The link keys (`share::keys`) the files set, each with the file and
    /// the place in it its value came from (`Origin::mark` is the page's
    /// "from ..." mark).
    pub origins: Origins,
    /// "What was read from where", one line each.
    pub read: Vec<String>,
    /// The command's import notes: missing vNUMA prerequisites, NUMA nodes
    /// that differ.
    pub notes: Vec<Advisory>,
}

/// A part of a text, and the file it is in.
struct Part<'a> {
    file: &'a str,
    text: String,
}

/// Reads `files` over the page's form (`current`, as link pairs): a VM, when the files hold one, replaces the
/// form's VM whole; a host replaces what it gives (the topology, and the
/// kubelet settings and huge pages it names). The VM is read before the host
/// so the host's free huge pages are those of the VM's page size.
///
/// `pick` names the VM to read when the files hold several; without it
/// such files are refused with the names in `ImportError::choices`.
pub fn read_pasted(
    files: &[PastedFile],
    current: &[(String, String)],
    pick: Option<&str>,
) -> Result<Pasted, ImportError> {
    let mut form = form_for_reading(current);
    let (mut vm_parts, mut host_parts) = (Vec::new(), Vec::new());
    for file in files.iter().filter(|f| !f.text.trim().is_empty()) {
        check_size(&file.text).map_err(|e| in_file(&file.name, e))?;
        for text in parts(&file.text) {
            let holds = holds_kind(&text, is_vm_kind);
            // Events or a log quoting errors, and no objects: the page's
            // worker names the errors (`domain::errors`); nothing to fill.
            if !holds.vm && !holds.host && !read_errors(&text).is_empty() {
                continue;
            }
            let part = |text| Part {
                file: &file.name,
                text,
            };
            match (holds.vm, holds.host) {
                (true, true) => {
                    vm_parts.push(part(text.clone()));
                    host_parts.push(part(text));
                }
                (true, false) => vm_parts.push(part(text)),
                (false, _) => host_parts.push(part(text)),
            }
        }
    }
    if vm_parts.is_empty() && host_parts.is_empty() {
        return Err(ImportError::whole("Nothing to read: the text is empty."));
    }
    let mut imported = Imported::default();
    if !vm_parts.is_empty() {
        let vm = import_vm_in(&named(&vm_parts), pick).map_err(|e| in_files(&vm_parts, e))?;
        imported.set(vm.apply(&mut form));
        imported.vm = Some(vm);
    }
    if !host_parts.is_empty() {
        let mut host = import_host_in(&named(&host_parts)).map_err(|e| in_files(&host_parts, e))?;
        if vm_parts.is_empty() {
            imported.set(host.fill_vm(&mut form));
        }
        imported.set(host.apply(&mut form));
        // Reserved or offline CPUs without a topology: on the page's host.
        let placed = host
            .place_on(&mut form.host, "the page's host fields", None)
            .map_err(|e| in_files(&host_parts, e))?;
        imported.set(placed);
        imported.host = Some(host);
    }
    let read_pairs = to_pairs(&form, &ViewState::default());
    let set: Pairs = imported
        .origins
        .iter()
        .map(|(key, _)| {
            let value = read_pairs.iter().find(|(k, _)| k == key);
            (
                key.to_string(),
                value.map(|(_, v)| v.clone()).unwrap_or_default(),
            )
        })
        .collect();
    Ok(Pasted {
        pairs: merge_pairs(current, &set),
        read: imported.read(),
        notes: imported.advisories(pod_cpus(&form).unwrap_or(0)),
        origins: imported.origins,
    })
}

/// Each part's text with its file's name, for the readers.
fn named<'a>(parts: &'a [Part]) -> Vec<(&'a str, &'a str)> {
    parts.iter().map(|p| (p.file, p.text.as_str())).collect()
}

/// The files a set of parts came from, each named once.
fn file_names(parts: &[Part]) -> String {
    let mut names: Vec<&str> = Vec::new();
    for part in parts {
        if !names.contains(&part.file) {
            names.push(part.file);
        }
    }
    names.join(", ")
}

fn in_file(name: &str, e: ImportError) -> ImportError {
    let at = if e.at.is_empty() {
        name.to_string()
    } else {
        format!("{name}: {}", e.at)
    };
    ImportError { at, ..e }
}

fn in_files(parts: &[Part], e: ImportError) -> ImportError {
    in_file(&file_names(parts), e)
}
