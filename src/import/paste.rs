//! What a support engineer pastes or drops, in any order: each text split on
//! `---`, each part given to the VM reader or the host reader by what it is,
//! and the form filled from both, each value with the file it came from.

use super::host::{import_host, part_labels, parts};
use super::link_pairs::{form_for_reading, merge_pairs, pod_cpus, Pairs};
use super::vm::{import_vm, is_vm_kind};
use super::{check_size, ImportError, Imported};
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
    /// The link keys (`share::KEYS`) the files set, each with "file: where
    /// in it".
    pub origins: Vec<(&'static str, String)>,
    /// "What was read from where", one line each.
    pub read: Vec<String>,
    /// The command's import notes: missing vNUMA prerequisites, NUMA nodes
    /// that differ.
    pub notes: Vec<Advisory>,
}

/// A part of a text and what it looks like ("lscpu", "KubeletConfig").
struct Part<'a> {
    file: &'a str,
    text: String,
    labels: Vec<String>,
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
            let part = Part {
                file: &file.name,
                labels: part_labels(&text),
                text,
            };
            if part.labels.iter().any(|kind| is_vm_kind(kind)) {
                vm_parts.push(part);
            } else {
                host_parts.push(part);
            }
        }
    }
    if vm_parts.is_empty() && host_parts.is_empty() {
        return Err(ImportError::whole("Nothing to read: the text is empty."));
    }
    let mut imported = Imported::default();
    let mut origins = Vec::new();
    if !vm_parts.is_empty() {
        let text = joined(&vm_parts);
        let vm = import_vm(&text, pick).map_err(|e| in_files(&vm_parts, e))?;
        let keys = vm.apply(&mut form);
        origins.extend(
            keys.into_iter()
                .map(|k| (k, origin(k, &vm.read, &vm_parts))),
        );
        imported.vm = Some(vm);
    }
    if !host_parts.is_empty() {
        let texts: Vec<&str> = host_parts.iter().map(|p| p.text.as_str()).collect();
        let host = import_host(&texts).map_err(|e| in_files(&host_parts, e))?;
        let keys = host.apply(&mut form);
        origins.retain(|(k, _)| !keys.contains(k));
        origins.extend(
            keys.into_iter()
                .map(|k| (k, origin(k, &host.read, &host_parts))),
        );
        imported.host = Some(host);
    }
    let read_pairs = to_pairs(&form, &ViewState::default());
    let set: Pairs = origins
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
        origins,
        read: imported.read(),
        notes: imported.advisories(pod_cpus(&form).unwrap_or(0)),
    })
}

fn joined(parts: &[Part]) -> String {
    let texts: Vec<&str> = parts.iter().map(|p| p.text.as_str()).collect();
    texts.join("---\n")
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
    ImportError {
        at: join_place(name, &e.at),
        ..e
    }
}

fn in_files(parts: &[Part], e: ImportError) -> ImportError {
    in_file(&file_names(parts), e)
}

fn join_place(file: &str, at: &str) -> String {
    if at.is_empty() {
        file.to_string()
    } else {
        format!("{file}: {at}")
    }
}

/// What the read lines say a link key's value was read from, by the words
/// each line starts with.
const READ_LINES: [(&str, &[&str]); 15] = [
    ("vcpus", &["vCPUs"]),
    ("sockets", &["vCPUs"]),
    ("cores", &["vCPUs"]),
    ("threads", &["vCPUs"]),
    ("max_sockets", &["max sockets"]),
    ("emulator_thread", &["isolateEmulatorThread"]),
    ("memory", &["guest memory"]),
    ("hugepage_size", &["huge page size", "huge pages"]),
    ("free_hugepages", &["huge pages", "free"]),
    ("numa_nodes", &["NUMA nodes"]),
    ("cpus_per_node", &["NUMA nodes"]),
    ("threads_per_core", &["threads per core"]),
    ("reserved_cpus", &["reserved CPUs"]),
    ("policy", &["Topology Manager policy"]),
    ("full_pcpus_only", &["full-pcpus-only"]),
];

/// "file: where in it" for one key: the file whose part the read line names
/// (by its kind or command), else every file of the parts; the place is
/// what follows the line's last " from ", up to its first ": ".
fn origin(key: &str, read: &[String], parts: &[Part]) -> String {
    let place = READ_LINES
        .iter()
        .find(|(k, _)| *k == key)
        .and_then(|(_, starts)| {
            read.iter()
                .find(|line| starts.iter().any(|s| line.starts_with(s)))
        })
        .and_then(|line| line.rsplit_once(" from "))
        .map(|(_, from)| from.split(": ").next().unwrap_or(from).to_string());
    let Some(place) = place else {
        return file_names(parts);
    };
    let file = parts
        .iter()
        .find(|p| p.labels.iter().any(|l| place.starts_with(l.as_str())))
        .map(|p| p.file.to_string())
        .unwrap_or_else(|| file_names(parts));
    join_place(&file, &place)
}
