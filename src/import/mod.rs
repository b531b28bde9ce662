//! Reading what customers send: KubeVirt manifests for the VM; `lscpu`,
//! `numactl --hardware`, the performance profile creator's info,
//! NodeResourceTopology, kubelet configuration and the kubelet's
//! cpu_manager_state for the host. Plain Rust, bounded, never panics on any
//! input.

mod apply;
mod cluster;
mod cpulist;
mod error;
mod host;
mod imported;
mod link_pairs;
mod origin;
mod pages;
mod paste;
mod prompt;
mod quantity;
mod sorted_map;
mod vm;
mod xml;
mod yaml;
mod yaml_loader;

pub use cluster::{import_cluster, ClusterImport};
pub use cpulist::CpuList;
pub use error::ImportError;
pub use host::{
    import_host, import_host_docs, import_host_in, HostImport, NumaNodeCpus, RunningDomain,
};
pub use imported::Imported;
pub use link_pairs::{merge_pairs, restore_pairs, Pairs};
pub use origin::{origin_of, Origin, Origins};
pub use paste::{read_pasted, Pasted, PastedFile};
pub use vm::{import_vm, import_vm_docs, import_vm_in, VmImport};
pub use xml::{parse as parse_xml, Element as XmlElement};

/// Longest input read, in bytes (the page's paste limit too): far above any
/// real manifest, must-gather file or command output.
pub const MAX_INPUT_BYTES: usize = 2 * 1024 * 1024;

fn check_size(text: &str) -> Result<(), ImportError> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(ImportError::whole(format!(
            "The text is {} KB; the planner reads at most {} MB.",
            text.len() / 1024,
            MAX_INPUT_BYTES / (1024 * 1024)
        )));
    }
    if text.trim().is_empty() {
        return Err(ImportError::whole("Nothing to read: the text is empty."));
    }
    Ok(())
}
