//! Filling the planner's form from imported files.

use super::{HostImport, VmImport};
use crate::domain::{format_bytes, Field, Switch, VcpuSpec};
use crate::form::{FormState, VcpuMode};
use crate::share::{
    DEDICATED_CPUS, HUGEPAGE_SIZE, MEMORY_MANAGER, NODE_LIMIT, NUMA_PASSTHROUGH, POLICY,
};

/// The link keys (`share::KEYS`) of the values an import set, so the page
/// can mark each field with where its value came from.
pub type SetKeys = Vec<&'static str>;

impl VmImport {
    /// Puts the VM's vCPUs, maxSockets, emulator thread, dedicated CPUs,
    /// NUMA passthrough, guest memory and huge page size into the form (a
    /// VM without them leaves them empty). Apply the VM before the host, so
    /// `HostImport::apply` knows the page size whose free pages to take.
    /// A VM is read whole: every VM value is set, empty where it has none.
    pub fn apply(&self, form: &mut FormState) -> SetKeys {
        let mut set = match self.vcpus {
            VcpuSpec::Count(v) => {
                form.mode = VcpuMode::Count;
                form.vcpus = v.to_string();
                vec![Field::Vcpus.key()]
            }
            VcpuSpec::Topology {
                sockets,
                cores,
                threads,
            } => {
                form.mode = VcpuMode::Topology;
                form.sockets = sockets.to_string();
                form.cores = cores.to_string();
                form.threads = threads.to_string();
                vec![
                    Field::Sockets.key(),
                    Field::Cores.key(),
                    Field::Threads.key(),
                ]
            }
        };
        form.max_sockets = self.max_sockets.map(|m| m.to_string()).unwrap_or_default();
        form.isolate_emulator_thread = self.isolate_emulator_thread;
        form.dedicated_cpus = self.dedicated_cpu_placement;
        form.numa_passthrough = self.guest_mapping_passthrough;
        form.memory = self.memory_bytes.map(format_bytes).unwrap_or_default();
        form.hugepage_size = self.hugepage_size;
        set.extend([
            Field::MaxSockets.key(),
            Switch::EmulatorThread.code(),
            DEDICATED_CPUS,
            NUMA_PASSTHROUGH,
            Field::Memory.key(),
            HUGEPAGE_SIZE,
        ]);
        set
    }
}

impl HostImport {
    /// Puts the host's node count, node size (the largest node's online
    /// CPUs), SMT, reserved CPUs per node, the kubelet settings and the
    /// huge pages the texts gave into the form. Without nodes (kubelet
    /// configuration or sysfs huge pages alone) the node count, size, SMT and
    /// reserved CPUs stay as they were.
    ///
    /// Call it after `VmImport::apply`: the free huge pages are those of the
    /// VM's page size, and go in only with the VM's guest memory.
    pub fn apply(&self, form: &mut FormState) -> SetKeys {
        let mut set = Vec::new();
        if !self.nodes.is_empty() {
            form.host.numa_nodes = self.numa_nodes().to_string();
            form.host.cpus_per_node = self.cpus_per_node().to_string();
            form.host.threads_per_core = self
                .threads_per_core
                .map(|t| t.to_string())
                .unwrap_or_default();
            let reserved: Vec<String> = self.reserved_cpus().iter().map(u32::to_string).collect();
            form.host.reserved_cpus = reserved.join(",");
            set.extend(
                [
                    Field::NumaNodes,
                    Field::CpusPerNode,
                    Field::ThreadsPerCore,
                    Field::ReservedCpus,
                ]
                .map(Field::key),
            );
        }
        if self.policy.is_some() {
            form.policy = self.policy;
            set.push(POLICY);
        }
        if let Some(on) = self.full_pcpus_only {
            form.full_pcpus_only = on;
            set.push(Switch::FullPcpusOnly.code());
        }
        if self.node_limit.is_some() {
            form.node_limit = self.node_limit;
            set.push(NODE_LIMIT);
        }
        if let Some(policy) = self.memory_manager {
            form.memory_manager = policy;
            set.push(MEMORY_MANAGER);
        }
        set.extend(self.apply_hugepages(form));
        set
    }

    /// The huge pages: call `VmImport::apply` first, so the form knows the
    /// VM's page size. The form takes that size's pages per node; a form
    /// without a page size takes the host's only size and its pages. Free
    /// pages go in only when the form has guest memory (the planner refuses
    /// them without it) and at most one count per NUMA node of the form.
    fn apply_hugepages(&self, form: &mut FormState) -> SetKeys {
        let size = match (form.hugepage_size, self.hugepages.as_slice()) {
            (Some(size), _) => size,
            (None, [(size, _)]) => *size,
            _ => return Vec::new(),
        };
        let Some((_, pages)) = self.hugepages.iter().find(|(s, _)| *s == size) else {
            return Vec::new();
        };
        form.hugepage_size = Some(size);
        if form.memory.trim().is_empty() {
            return vec![HUGEPAGE_SIZE];
        }
        let mut pages = pages.as_slice();
        let nodes = form.host.numa_nodes.trim().parse::<usize>().unwrap_or(0);
        while pages.len() > nodes && pages.last() == Some(&0) {
            pages = &pages[..pages.len() - 1];
        }
        if pages.len() > nodes {
            return vec![HUGEPAGE_SIZE];
        }
        let list: Vec<String> = pages.iter().map(u64::to_string).collect();
        form.host.free_hugepages = list.join(",");
        vec![HUGEPAGE_SIZE, Field::FreeHugepages.key()]
    }
}
