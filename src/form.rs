//! The page's inputs as the user typed them. Plain Rust so the page, the URL
//! state and native tests share it.

use crate::domain::{
    Field, HostShapeInput, HugepageSize, MemoryManager, Policy, ScenarioInput, Switch, VcpuInput,
};

/// How the VM's vCPUs are entered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VcpuMode {
    Count,
    Topology,
}

/// How the host is entered: its NUMA nodes directly, or as bought.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HostMode {
    Nodes,
    AsBought,
}

/// Every input of the page, kept as text so a half-typed value is never lost.
/// Both vCPU modes and both host modes keep their text, so switching back and
/// forth loses nothing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormState {
    pub host_mode: HostMode,
    pub numa_nodes: String,
    pub cpus_per_node: String,
    pub host_sockets: String,
    pub cores_per_socket: String,
    pub nodes_per_socket: String,
    pub threads_per_core: String,
    pub mode: VcpuMode,
    pub vcpus: String,
    pub sockets: String,
    pub cores: String,
    pub threads: String,
    pub max_sockets: String,
    pub reserved_cpus: String,
    pub memory: String,
    pub hugepage_size: Option<HugepageSize>,
    pub free_hugepages: String,
    pub memory_manager: MemoryManager,
    /// The scenario's switches and what only files give, as the domain reads them.
    pub isolate_emulator_thread: bool,
    pub emulator_parity: bool,
    pub full_pcpus_only: bool,
    pub dedicated_cpus: bool,
    pub numa_passthrough: bool,
    pub node_limit: Option<u32>,
    /// The cluster's policy, when the user said which.
    pub policy: Option<Policy>,
}

impl Default for FormState {
    fn default() -> Self {
        let base = ScenarioInput::default();
        let vcpus = match base.vcpus {
            VcpuInput::Count(v) => v,
            VcpuInput::Topology { .. } => String::new(),
        };
        FormState {
            host_mode: HostMode::Nodes,
            numa_nodes: base.numa_nodes,
            cpus_per_node: base.cpus_per_node,
            // The same 2 x 32 host: two sockets of 32 single-thread cores.
            host_sockets: "2".into(),
            cores_per_socket: "32".into(),
            nodes_per_socket: "1".into(),
            threads_per_core: base.threads_per_core,
            mode: VcpuMode::Count,
            vcpus,
            // The same 24 vCPUs, written as KubeVirt topology.
            sockets: "2".into(),
            cores: "12".into(),
            threads: "1".into(),
            max_sockets: base.max_sockets,
            reserved_cpus: base.reserved_cpus,
            memory: base.memory,
            hugepage_size: base.hugepage_size,
            free_hugepages: base.free_hugepages,
            memory_manager: base.memory_manager,
            isolate_emulator_thread: base.isolate_emulator_thread,
            emulator_parity: base.emulator_parity,
            full_pcpus_only: base.full_pcpus_only,
            dedicated_cpus: base.dedicated_cpus,
            numa_passthrough: base.numa_passthrough,
            node_limit: base.node_limit,
            policy: base.policy,
        }
    }
}

impl FormState {
    /// Whether the field counts in the current host and vCPU modes (only
    /// one mode's fields do; the other keeps its text for switching back).
    pub fn is_active(&self, field: Field) -> bool {
        match field {
            Field::NumaNodes | Field::CpusPerNode => self.host_mode == HostMode::Nodes,
            Field::HostSockets | Field::CoresPerSocket | Field::NodesPerSocket => {
                self.host_mode == HostMode::AsBought
            }
            Field::Vcpus => self.mode == VcpuMode::Count,
            Field::Sockets | Field::Cores | Field::Threads => self.mode == VcpuMode::Topology,
            _ => true,
        }
    }

    /// Switches how the vCPUs are given, keeping the VM's vCPU count: a
    /// count becomes KubeVirt's own reading of it (one socket per vCPU) unless
    /// the topology already gives that many; a topology becomes its product.
    /// Text that is not a count is left as it is.
    pub fn set_mode(&mut self, mode: VcpuMode) {
        let count = |text: &str| text.trim().parse::<u64>().ok();
        let product = [&self.sockets, &self.cores, &self.threads]
            .into_iter()
            .map(|t| count(t))
            .try_fold(1u64, |p, n| Some(p * n?));
        match (mode, count(&self.vcpus), product) {
            (VcpuMode::Topology, Some(v), p) if p != Some(v) => {
                self.sockets = v.to_string();
                self.cores = "1".into();
                self.threads = "1".into();
            }
            (VcpuMode::Count, _, Some(p)) if self.mode == VcpuMode::Topology => {
                self.vcpus = p.to_string();
            }
            _ => {}
        }
        self.mode = mode;
    }

    /// Switches how the host is given, keeping the host: as bought, nodes
    /// become sockets of one node each (unless the shape already gives these
    /// nodes); back, the nodes the shape gives. Text that is not a count is
    /// left as it is.
    pub fn set_host_mode(&mut self, mode: HostMode) {
        if mode == HostMode::AsBought && self.host_mode == HostMode::Nodes {
            let count = |text: &str| text.trim().parse::<u32>().ok();
            let threads = count(&self.threads_per_core).unwrap_or(1);
            let same = self.as_bought_nodes()
                == Some((
                    self.numa_nodes.trim().to_string(),
                    self.cpus_per_node.trim().to_string(),
                ));
            if let (false, Some(nodes), Some(cpus)) =
                (same, count(&self.numa_nodes), count(&self.cpus_per_node))
            {
                if cpus.is_multiple_of(threads) {
                    self.host_sockets = nodes.to_string();
                    self.cores_per_socket = (cpus / threads).to_string();
                    self.nodes_per_socket = "1".into();
                }
            }
        }
        self.host_mode = mode;
        self.fill_nodes_from_shape();
    }

    /// The host is given as bought from here on, part by part (a link's
    /// keys, the command's flags): a part never given is 1, as the fields'
    /// hints say, not the default host's.
    pub fn take_host_as_bought(&mut self) {
        if self.host_mode != HostMode::AsBought {
            self.host_mode = HostMode::AsBought;
            self.host_sockets.clear();
            self.nodes_per_socket.clear();
        }
    }

    /// As bought, the NUMA node fields hold what the shape gives, so they are
    /// filled when the user switches back.
    fn fill_nodes_from_shape(&mut self) {
        if self.host_mode == HostMode::AsBought {
            if let Some((nodes, cpus)) = self.as_bought_nodes() {
                self.numa_nodes = nodes;
                self.cpus_per_node = cpus;
            }
        }
    }

    /// The NUMA nodes and CPUs per node the as-bought fields give, when valid.
    fn as_bought_nodes(&self) -> Option<(String, String)> {
        let threads = self.threads_per_core.trim().parse::<u32>().ok();
        let shape = self.shape_input().parse(threads).ok()?;
        Some((
            shape.numa_nodes().to_string(),
            shape.cpus_per_node().to_string(),
        ))
    }

    fn shape_input(&self) -> HostShapeInput {
        HostShapeInput {
            sockets: self.host_sockets.clone(),
            cores_per_socket: self.cores_per_socket.clone(),
            nodes_per_socket: self.nodes_per_socket.clone(),
        }
    }

    pub fn switch(&self, switch: Switch) -> bool {
        match switch {
            Switch::EmulatorThread => self.isolate_emulator_thread,
            Switch::EmulatorParity => self.emulator_parity,
            Switch::FullPcpusOnly => self.full_pcpus_only,
        }
    }

    pub fn set_switch(&mut self, switch: Switch, on: bool) {
        *match switch {
            Switch::EmulatorThread => &mut self.isolate_emulator_thread,
            Switch::EmulatorParity => &mut self.emulator_parity,
            Switch::FullPcpusOnly => &mut self.full_pcpus_only,
        } = on;
    }

    pub fn text(&self, field: Field) -> &str {
        match field {
            Field::NumaNodes => &self.numa_nodes,
            Field::CpusPerNode => &self.cpus_per_node,
            Field::HostSockets => &self.host_sockets,
            Field::CoresPerSocket => &self.cores_per_socket,
            Field::NodesPerSocket => &self.nodes_per_socket,
            Field::ThreadsPerCore => &self.threads_per_core,
            Field::ReservedCpus => &self.reserved_cpus,
            Field::FreeHugepages => &self.free_hugepages,
            Field::Memory => &self.memory,
            Field::Vcpus => &self.vcpus,
            Field::Sockets => &self.sockets,
            Field::Cores => &self.cores,
            Field::Threads => &self.threads,
            Field::MaxSockets => &self.max_sockets,
        }
    }

    pub fn set_text(&mut self, field: Field, text: String) {
        let slot = match field {
            Field::NumaNodes => &mut self.numa_nodes,
            Field::CpusPerNode => &mut self.cpus_per_node,
            Field::HostSockets => &mut self.host_sockets,
            Field::CoresPerSocket => &mut self.cores_per_socket,
            Field::NodesPerSocket => &mut self.nodes_per_socket,
            Field::ThreadsPerCore => &mut self.threads_per_core,
            Field::ReservedCpus => &mut self.reserved_cpus,
            Field::FreeHugepages => &mut self.free_hugepages,
            Field::Memory => &mut self.memory,
            Field::Vcpus => &mut self.vcpus,
            Field::Sockets => &mut self.sockets,
            Field::Cores => &mut self.cores,
            Field::Threads => &mut self.threads,
            Field::MaxSockets => &mut self.max_sockets,
        };
        *slot = text;
        if matches!(
            field,
            Field::HostSockets
                | Field::CoresPerSocket
                | Field::NodesPerSocket
                | Field::ThreadsPerCore
        ) {
            self.fill_nodes_from_shape();
        }
    }

    /// The scenario to classify: only the active vCPU mode counts.
    pub fn input(&self) -> ScenarioInput {
        ScenarioInput {
            numa_nodes: self.numa_nodes.clone(),
            cpus_per_node: self.cpus_per_node.clone(),
            host_shape: (self.host_mode == HostMode::AsBought).then(|| self.shape_input()),
            threads_per_core: self.threads_per_core.clone(),
            vcpus: match self.mode {
                VcpuMode::Count => VcpuInput::Count(self.vcpus.clone()),
                VcpuMode::Topology => VcpuInput::Topology {
                    sockets: self.sockets.clone(),
                    cores: self.cores.clone(),
                    threads: self.threads.clone(),
                },
            },
            max_sockets: self.max_sockets.clone(),
            reserved_cpus: self.reserved_cpus.clone(),
            memory: self.memory.clone(),
            hugepage_size: self.hugepage_size,
            free_hugepages: self.free_hugepages.clone(),
            memory_manager: self.memory_manager,
            isolate_emulator_thread: self.isolate_emulator_thread,
            emulator_parity: self.emulator_parity,
            full_pcpus_only: self.full_pcpus_only,
            dedicated_cpus: self.dedicated_cpus,
            numa_passthrough: self.numa_passthrough,
            node_limit: self.node_limit,
            policy: self.policy,
        }
    }
}

/// The value after one keyboard step (ArrowUp/ArrowDown), clamped to the
/// field's bounds; text that is not a number steps from the lower bound.
pub fn step(field: Field, text: &str, delta: i64) -> String {
    let (min, max) = field.bounds();
    let current = text
        .trim()
        .parse::<i64>()
        .unwrap_or(i64::from(min) - delta.signum());
    current
        .saturating_add(delta)
        .clamp(i64::from(min), i64::from(max))
        .to_string()
}
