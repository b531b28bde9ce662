//! Filling the planner's form from imported files, and saying where each
//! value set came from.

use super::origin::{origin_of, Origin, Origins};
use super::{HostImport, VmImport};
use crate::domain::{format_bytes, Field, Switch, VcpuSpec};
use crate::domain::{HostMode, VcpuMode};
use crate::form::FormState;
use crate::share::{
    CPU_LIMIT, CPU_REQUEST, DEDICATED_CPUS, HUGEPAGE_SIZE, INSTANCETYPE_CONFLICT, MEMORY_MANAGER,
    MEMORY_REQUEST, NODE_LIMIT, NODE_TUNING, NUMA_PASSTHROUGH, POLICY,
};

impl VmImport {
    /// Puts the VM's vCPUs, maxSockets, emulator thread, dedicated CPUs,
    /// NUMA passthrough, guest memory, huge page size and what KubeVirt's
    /// API judges beside them (`ManifestFacts`) into the form (a VM without
    /// them leaves them empty). Apply the VM before the host, so
    /// `HostImport::apply` knows the page size whose free pages to take.
    /// A VM is read whole: every VM value is set, empty where it has none.
    ///
    /// Returns the link keys it set, each with where its value came from
    /// (the object as a whole for a value it does not give).
    pub fn apply(&self, form: &mut FormState) -> Origins {
        let mut set = match self.vcpus {
            VcpuSpec::Count(v) => {
                form.vm.mode = VcpuMode::Count;
                form.vm.set_text(Field::Vcpus, v.to_string());
                vec![Field::Vcpus.key()]
            }
            VcpuSpec::Topology {
                sockets,
                cores,
                threads,
            } => {
                form.vm.mode = VcpuMode::Topology;
                form.vm.set_text(Field::Sockets, sockets.to_string());
                form.vm.set_text(Field::Cores, cores.to_string());
                form.vm.set_text(Field::Threads, threads.to_string());
                vec![
                    Field::Sockets.key(),
                    Field::Cores.key(),
                    Field::Threads.key(),
                ]
            }
        };
        let vm = &mut form.vm;
        let text = |value: Option<String>| value.unwrap_or_default();
        vm.set_text(
            Field::MaxSockets,
            text(self.max_sockets.map(|m| m.to_string())),
        );
        vm.set_text(
            Field::IoThreads,
            text(self.io_threads.map(|n| n.to_string())),
        );
        vm.set_text(Field::Memory, text(self.memory_bytes.map(format_bytes)));
        vm.isolate_emulator_thread = self.isolate_emulator_thread;
        vm.dedicated_cpus = self.dedicated_cpu_placement;
        vm.numa_passthrough = self.guest_mapping_passthrough;
        vm.hugepage_size = self.hugepage_size;
        vm.manifest = self.manifest;
        set.extend([
            Field::MaxSockets.key(),
            Field::IoThreads.key(),
            Switch::EmulatorThread.code(),
            DEDICATED_CPUS,
            NUMA_PASSTHROUGH,
            Field::Memory.key(),
            HUGEPAGE_SIZE,
            CPU_REQUEST,
            CPU_LIMIT,
            MEMORY_REQUEST,
            INSTANCETYPE_CONFLICT,
        ]);
        set.into_iter()
            .map(|key| {
                let from = origin_of(&self.origins, key).unwrap_or(&self.from);
                (key, from.clone())
            })
            .collect()
    }
}

impl HostImport {
    /// Puts the host's node count, node size (the largest node's online
    /// CPUs), each node's CPUs when they differ (empty when they do not),
    /// SMT, reserved CPUs per node, the kubelet settings and the
    /// huge pages the texts gave into the form. Without nodes (kubelet
    /// configuration or sysfs huge pages alone) the node count, size, SMT and
    /// reserved CPUs stay as they were.
    ///
    /// Call it after `VmImport::apply`: the free huge pages are those of the
    /// VM's page size, and go in only with the VM's guest memory.
    ///
    /// Returns the link keys it set, each with where its value came from.
    pub fn apply(&self, form: &mut FormState) -> Origins {
        let mut set = Vec::new();
        if !self.nodes.is_empty() {
            let host = &mut form.host;
            host.mode = HostMode::Nodes;
            host.set_text(Field::NumaNodes, self.numa_nodes().to_string());
            host.set_text(Field::CpusPerNode, self.cpus_per_node().to_string());
            let each: Vec<String> = self.node_cpus().iter().map(u32::to_string).collect();
            host.set_text(Field::NodeCpus, each.join(","));
            let threads = self.threads_per_core.map(|t| t.to_string());
            host.set_text(Field::ThreadsPerCore, threads.unwrap_or_default());
            let reserved: Vec<String> = self.reserved_cpus().iter().map(u32::to_string).collect();
            host.set_text(Field::ReservedCpus, reserved.join(","));
            let free: Vec<String> = self.free_cpus().iter().map(u32::to_string).collect();
            host.set_text(Field::FreeCpus, free.join(","));
            set.extend(
                [
                    Field::NumaNodes,
                    Field::CpusPerNode,
                    Field::ThreadsPerCore,
                    Field::ReservedCpus,
                    // Empty when the texts do not say what is free now.
                    Field::FreeCpus,
                    // Empty on equal nodes: a page that held another host's
                    // node sizes loses them.
                    Field::NodeCpus,
                ]
                .map(Field::key),
            );
        }
        if let Some(domain) = &self.running {
            form.host.set_text(Field::GuestCells, domain.cells_text());
        }
        if self.policy.is_some() {
            form.cluster.policy = self.policy;
            set.push(POLICY);
        }
        if let Some(on) = self.full_pcpus_only {
            form.cluster.full_pcpus_only = Some(on);
            set.push(Switch::FullPcpusOnly.code());
        }
        if self.node_limit.is_some() {
            form.cluster.node_limit = self.node_limit;
            set.push(NODE_LIMIT);
        }
        if let Some(policy) = self.memory_manager {
            form.cluster.memory_manager = Some(policy);
            set.push(MEMORY_MANAGER);
        }
        if let Some(tuning) = self.node_tuning {
            form.cluster.node_tuning = tuning;
            set.push(NODE_TUNING);
        }
        let mut origins: Origins = set
            .into_iter()
            .map(|key| {
                (
                    key,
                    origin_of(&self.origins, key).cloned().unwrap_or_default(),
                )
            })
            .collect();
        if let Some(domain) = &self.running {
            origins.push((Field::GuestCells.key(), domain.from.at("cpu/numa")));
        }
        origins.extend(self.apply_hugepages(form));
        origins
    }

    /// The running domain's vCPUs, memory and huge page size as the VM's,
    /// for when no VM file is read (a VM file describes the VM whole, and
    /// wins). Call it before `apply`, which takes the free huge pages of
    /// the VM's page size.
    pub fn fill_vm(&self, form: &mut FormState) -> Origins {
        let Some(domain) = &self.running else {
            return Vec::new();
        };
        let vm = &mut form.vm;
        vm.mode = VcpuMode::Count;
        vm.set_text(Field::Vcpus, domain.vcpus.to_string());
        vm.set_text(Field::Memory, format_bytes(domain.memory()));
        vm.set_text(Field::MemoryPerVcpu, String::new());
        let mut set = vec![
            (Field::Vcpus.key(), domain.from.at("vcpu")),
            (Field::Memory.key(), domain.from.at("cpu/numa")),
        ];
        if domain.hugepage_size.is_some() {
            vm.hugepage_size = domain.hugepage_size;
            set.push((
                HUGEPAGE_SIZE,
                domain.from.at("memoryBacking/hugepages/page"),
            ));
        }
        set
    }

    /// The huge pages: call `VmImport::apply` first, so the form knows the
    /// VM's page size. The form takes that size's pages per node; a form
    /// without a page size takes the host's only size and its pages. Free
    /// pages go in only when the form has guest memory (the planner refuses
    /// them without it) and at most one count per NUMA node of the form.
    /// The page size is the host's only when the form had none.
    fn apply_hugepages(&self, form: &mut FormState) -> Origins {
        let chose = form.vm.hugepage_size.is_none();
        let size = match (form.vm.hugepage_size, self.hugepages.as_slice()) {
            (Some(size), _) => size,
            (None, [(size, _)]) => *size,
            _ => return Vec::new(),
        };
        let Some((_, pages)) = self.hugepages.iter().find(|(s, _)| *s == size) else {
            return Vec::new();
        };
        let from = self
            .hugepages_from
            .iter()
            .find(|(s, _)| *s == size)
            .map_or_else(Origin::default, |(_, from)| from.clone());
        let mut set: Origins = Vec::new();
        if chose {
            set.push((HUGEPAGE_SIZE, from.clone()));
        }
        form.vm.hugepage_size = Some(size);
        if form.text(Field::Memory).trim().is_empty() {
            return set;
        }
        let mut pages = pages.as_slice();
        let nodes = form
            .text(Field::NumaNodes)
            .trim()
            .parse::<usize>()
            .unwrap_or(0);
        while pages.len() > nodes && pages.last() == Some(&0) {
            pages = &pages[..pages.len() - 1];
        }
        if pages.len() > nodes {
            return set;
        }
        let list: Vec<String> = pages.iter().map(u64::to_string).collect();
        form.host.set_text(Field::FreeHugepages, list.join(","));
        set.push((Field::FreeHugepages.key(), from));
        set
    }
}
