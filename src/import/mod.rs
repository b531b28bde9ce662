//! Reading what customers send: KubeVirt manifests for the VM; `lscpu`,
//! `numactl --hardware`, NodeResourceTopology and kubelet configuration for
//! the host. Plain Rust, bounded, never panics on any input.

mod apply;
mod cpulist;
mod host;
mod kubevirt;
mod quantity;
mod text;
mod yaml;

pub use cpulist::CpuList;
pub use host::{import_host, HostImport, NumaNodeCpus};
pub use kubevirt::{import_vm, VmImport};

use std::fmt;

/// Longest input read, in bytes: far above any real manifest or command output.
pub const MAX_INPUT_BYTES: usize = 512 * 1024;

/// Why a pasted text could not be read: where, and what was wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportError {
    pub message: String,
}

impl ImportError {
    pub fn new(message: impl Into<String>) -> Self {
        ImportError {
            message: message.into(),
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ImportError {}

fn check_size(text: &str) -> Result<(), ImportError> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(ImportError::new(format!(
            "The text is {} KB; the planner reads at most {} KB.",
            text.len() / 1024,
            MAX_INPUT_BYTES / 1024
        )));
    }
    if text.trim().is_empty() {
        return Err(ImportError::new("Nothing to read: the text is empty."));
    }
    Ok(())
}
