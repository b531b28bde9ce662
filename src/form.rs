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

/// Which host a host field belongs to: the one the VM is planned on, or the
/// second one it is compared with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Main,
    Compare,
}

impl Side {
    /// What a compared host's link keys, flags and element ids start with.
    pub const fn prefix(self) -> &'static str {
        match self {
            Side::Main => "",
            Side::Compare => "b_",
        }
    }
}

/// One host's inputs as typed: its NUMA shape (either way), SMT, and what
/// sits on its nodes. The kubelet's options and the policy are the
/// cluster's, kept in `FormState` for both hosts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostForm {
    pub mode: HostMode,
    pub numa_nodes: String,
    pub cpus_per_node: String,
    pub sockets: String,
    pub cores_per_socket: String,
    pub nodes_per_socket: String,
    pub threads_per_core: String,
    pub reserved_cpus: String,
    pub free_hugepages: String,
}

impl Default for HostForm {
    fn default() -> Self {
        let base = ScenarioInput::default();
        HostForm {
            mode: HostMode::Nodes,
            numa_nodes: base.numa_nodes,
            cpus_per_node: base.cpus_per_node,
            // The same 2 x 32 host: two sockets of 32 single-thread cores.
            sockets: "2".into(),
            cores_per_socket: "32".into(),
            nodes_per_socket: "1".into(),
            threads_per_core: base.threads_per_core,
            reserved_cpus: base.reserved_cpus,
            free_hugepages: base.free_hugepages,
        }
    }
}

impl HostForm {
    /// The host fields, in the order links write them.
    pub const FIELDS: [Field; 8] = [
        Field::NumaNodes,
        Field::CpusPerNode,
        Field::HostSockets,
        Field::CoresPerSocket,
        Field::NodesPerSocket,
        Field::ThreadsPerCore,
        Field::ReservedCpus,
        Field::FreeHugepages,
    ];

    /// Whether the field counts in the current mode (the other mode's
    /// fields keep their text for switching back).
    pub fn is_active(&self, field: Field) -> bool {
        match field {
            Field::NumaNodes | Field::CpusPerNode => self.mode == HostMode::Nodes,
            Field::HostSockets | Field::CoresPerSocket | Field::NodesPerSocket => {
                self.mode == HostMode::AsBought
            }
            _ => true,
        }
    }

    /// Switches how the host is given, keeping the host: as bought, nodes
    /// become sockets of one node each (unless the shape already gives these
    /// nodes); back, the nodes the shape gives. Text that is not a count is
    /// left as it is.
    pub fn set_mode(&mut self, mode: HostMode) {
        if mode == HostMode::AsBought && self.mode == HostMode::Nodes {
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
                    self.sockets = nodes.to_string();
                    self.cores_per_socket = (cpus / threads).to_string();
                    self.nodes_per_socket = "1".into();
                }
            }
        }
        self.mode = mode;
        self.fill_nodes_from_shape();
    }

    /// The host is given as bought from here on, part by part (a link's
    /// keys, the command's flags): a part never given is 1, as the fields'
    /// hints say, not the default host's.
    pub fn take_as_bought(&mut self) {
        if self.mode != HostMode::AsBought {
            self.mode = HostMode::AsBought;
            self.sockets.clear();
            self.nodes_per_socket.clear();
        }
    }

    /// As bought, the NUMA node fields hold what the shape gives, so they are
    /// filled when the user switches back.
    fn fill_nodes_from_shape(&mut self) {
        if self.mode == HostMode::AsBought {
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
            sockets: self.sockets.clone(),
            cores_per_socket: self.cores_per_socket.clone(),
            nodes_per_socket: self.nodes_per_socket.clone(),
        }
    }

    /// A host field's text; the VM's fields have none here.
    pub fn text(&self, field: Field) -> &str {
        match field {
            Field::NumaNodes => &self.numa_nodes,
            Field::CpusPerNode => &self.cpus_per_node,
            Field::HostSockets => &self.sockets,
            Field::CoresPerSocket => &self.cores_per_socket,
            Field::NodesPerSocket => &self.nodes_per_socket,
            Field::ThreadsPerCore => &self.threads_per_core,
            Field::ReservedCpus => &self.reserved_cpus,
            Field::FreeHugepages => &self.free_hugepages,
            _ => "",
        }
    }

    /// Sets a host field's text (a VM field is left alone); the NUMA fields
    /// follow the shape.
    pub fn set_text(&mut self, field: Field, text: String) {
        let slot = match field {
            Field::NumaNodes => &mut self.numa_nodes,
            Field::CpusPerNode => &mut self.cpus_per_node,
            Field::HostSockets => &mut self.sockets,
            Field::CoresPerSocket => &mut self.cores_per_socket,
            Field::NodesPerSocket => &mut self.nodes_per_socket,
            Field::ThreadsPerCore => &mut self.threads_per_core,
            Field::ReservedCpus => &mut self.reserved_cpus,
            Field::FreeHugepages => &mut self.free_hugepages,
            _ => return,
        };
        *slot = text;
        if !matches!(
            field,
            Field::NumaNodes | Field::CpusPerNode | Field::ReservedCpus | Field::FreeHugepages
        ) {
            self.fill_nodes_from_shape();
        }
    }

    /// Puts this host into a scenario's input, in place of its host.
    pub fn fill(&self, input: &mut ScenarioInput) {
        input.numa_nodes = self.numa_nodes.clone();
        input.cpus_per_node = self.cpus_per_node.clone();
        input.host_shape = (self.mode == HostMode::AsBought).then(|| self.shape_input());
        input.threads_per_core = self.threads_per_core.clone();
        input.reserved_cpus = self.reserved_cpus.clone();
        input.free_hugepages = self.free_hugepages.clone();
    }
}

/// Every input of the page, kept as text so a half-typed value is never lost.
/// Both vCPU modes and both host modes keep their text, so switching back and
/// forth loses nothing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormState {
    pub host: HostForm,
    /// A second host to compare, with the same VM and kubelet options.
    pub compare: Option<HostForm>,
    pub mode: VcpuMode,
    pub vcpus: String,
    pub sockets: String,
    pub cores: String,
    pub threads: String,
    pub max_sockets: String,
    pub memory: String,
    pub hugepage_size: Option<HugepageSize>,
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
            host: HostForm::default(),
            compare: None,
            mode: VcpuMode::Count,
            vcpus,
            // The same 24 vCPUs, written as KubeVirt topology.
            sockets: "2".into(),
            cores: "12".into(),
            threads: "1".into(),
            max_sockets: base.max_sockets,
            memory: base.memory,
            hugepage_size: base.hugepage_size,
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
            Field::Vcpus => self.mode == VcpuMode::Count,
            Field::Sockets | Field::Cores | Field::Threads => self.mode == VcpuMode::Topology,
            _ => self.host.is_active(field),
        }
    }

    /// One side's host; the compared one only while there is one.
    pub fn host_on(&self, side: Side) -> Option<&HostForm> {
        match side {
            Side::Main => Some(&self.host),
            Side::Compare => self.compare.as_ref(),
        }
    }

    pub fn host_on_mut(&mut self, side: Side) -> Option<&mut HostForm> {
        match side {
            Side::Main => Some(&mut self.host),
            Side::Compare => self.compare.as_mut(),
        }
    }

    /// Starts comparing with a copy of this host (to be changed), or stops.
    pub fn set_comparing(&mut self, on: bool) {
        self.compare = on.then(|| self.compare.take().unwrap_or_else(|| self.host.clone()));
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
            Field::Memory => &self.memory,
            Field::Vcpus => &self.vcpus,
            Field::Sockets => &self.sockets,
            Field::Cores => &self.cores,
            Field::Threads => &self.threads,
            Field::MaxSockets => &self.max_sockets,
            _ => self.host.text(field),
        }
    }

    pub fn set_text(&mut self, field: Field, text: String) {
        let slot = match field {
            Field::Memory => &mut self.memory,
            Field::Vcpus => &mut self.vcpus,
            Field::Sockets => &mut self.sockets,
            Field::Cores => &mut self.cores,
            Field::Threads => &mut self.threads,
            Field::MaxSockets => &mut self.max_sockets,
            _ => return self.host.set_text(field, text),
        };
        *slot = text;
    }

    /// A field's text as one side shows it: the VM's fields are shared, a
    /// host field is that side's (empty while nothing is compared).
    pub fn text_on(&self, side: Side, field: Field) -> &str {
        if !HostForm::FIELDS.contains(&field) {
            return self.text(field);
        }
        self.host_on(side).map_or("", |host| host.text(field))
    }

    /// Sets a field as one side shows it: a VM field on both, a host field
    /// on that side's host (none while nothing is compared).
    pub fn set_text_on(&mut self, side: Side, field: Field, text: String) {
        if !HostForm::FIELDS.contains(&field) {
            return self.set_text(field, text);
        }
        if let Some(host) = self.host_on_mut(side) {
            host.set_text(field, text);
        }
    }

    /// The scenario to classify: only the active vCPU mode counts.
    pub fn input(&self) -> ScenarioInput {
        let mut input = self.vm_input();
        self.host.fill(&mut input);
        input
    }

    /// The same VM on one side's host; none while nothing is compared.
    pub fn input_on(&self, side: Side) -> Option<ScenarioInput> {
        let host = self.host_on(side)?;
        let mut input = self.vm_input();
        host.fill(&mut input);
        Some(input)
    }

    /// Everything but the host: the VM and the cluster's options.
    fn vm_input(&self) -> ScenarioInput {
        ScenarioInput {
            vcpus: match self.mode {
                VcpuMode::Count => VcpuInput::Count(self.vcpus.clone()),
                VcpuMode::Topology => VcpuInput::Topology {
                    sockets: self.sockets.clone(),
                    cores: self.cores.clone(),
                    threads: self.threads.clone(),
                },
            },
            max_sockets: self.max_sockets.clone(),
            memory: self.memory.clone(),
            hugepage_size: self.hugepage_size,
            memory_manager: self.memory_manager,
            isolate_emulator_thread: self.isolate_emulator_thread,
            emulator_parity: self.emulator_parity,
            full_pcpus_only: self.full_pcpus_only,
            dedicated_cpus: self.dedicated_cpus,
            numa_passthrough: self.numa_passthrough,
            node_limit: self.node_limit,
            policy: self.policy,
            ..ScenarioInput::default()
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
