//! What the files said, for the report: the command's and the page's.

use super::origin::Origins;
use super::{HostImport, VmImport};
use crate::domain::Advisory;

/// What the files gave, kept for the report beside the form they filled.
#[derive(Default)]
pub struct Imported {
    pub vm: Option<VmImport>,
    pub host: Option<HostImport>,
    /// The second host's files (the command's `--compare-host-file`).
    pub compared: Option<HostImport>,
    /// Values the flags gave where the files had none.
    pub filled: Vec<String>,
    /// The link keys the files set in the form, each with where its value
    /// came from (what `VmImport::apply` and `HostImport::apply` return).
    pub origins: Origins,
}

impl Imported {
    /// Takes what an `apply` set: a later import's value replaces an
    /// earlier one's (the host's huge page size the VM's).
    pub fn set(&mut self, set: Origins) {
        self.origins
            .retain(|(key, _)| set.iter().all(|(k, _)| k != key));
        self.origins.extend(set);
    }

    /// Advisories from the files: missing vNUMA prerequisites, and which
    /// NUMA nodes a pod of `pod_cpus` fits on when they differ.
    pub fn advisories(&self, pod_cpus: u32) -> Vec<Advisory> {
        let vm = self.vm.iter().flat_map(|v| v.notes.iter().cloned());
        vm.chain(self.host.iter().flat_map(|h| h.fit_note(pod_cpus)))
            .collect()
    }

    /// "What was read from where", VM first, then what flags filled in,
    /// then the second host's files.
    pub fn read(&self) -> Vec<String> {
        let vm = self.vm.iter().flat_map(|v| v.read.iter());
        let host = self.host.iter().flat_map(|h| h.read.iter());
        let compared = self.compared.iter().flat_map(|h| h.read.iter());
        vm.chain(host)
            .chain(&self.filled)
            .cloned()
            .chain(compared.map(|line| format!("second host: {line}")))
            .collect()
    }
}
