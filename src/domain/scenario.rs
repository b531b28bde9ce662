use super::codes::{HugepageSize, MemoryManager, Policy};
use super::field::{Field, FieldError};
use super::host::Host;
use super::host_shape::{HostShape, HostShapeInput};
use super::memory::parse_memory;
use super::number::{parse_count, parse_per_node};
use super::vm::{VcpuSpec, Vm};

/// The VM's vCPUs as typed: one count, or KubeVirt's topology (an empty part means 1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VcpuInput {
    Count(String),
    Topology {
        sockets: String,
        cores: String,
        threads: String,
    },
}

/// A scenario as text, the way forms, URLs and command flags carry it.
/// Empty optional fields mean "not given".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioInput {
    pub numa_nodes: String,
    pub cpus_per_node: String,
    /// The host as bought; when given, it decides the NUMA nodes and CPUs
    /// per node, and the two fields above are not read.
    pub host_shape: Option<HostShapeInput>,
    pub threads_per_core: String,
    /// Reserved CPUs per node, comma-separated from node 0.
    pub reserved_cpus: String,
    /// Guest memory as a Kubernetes quantity; empty when not given.
    pub memory: String,
    pub hugepage_size: Option<HugepageSize>,
    /// Free huge pages of that size per node, comma-separated from node 0.
    pub free_hugepages: String,
    pub memory_manager: MemoryManager,
    pub vcpus: VcpuInput,
    pub max_sockets: String,
    pub isolate_emulator_thread: bool,
    pub emulator_parity: bool,
    pub full_pcpus_only: bool,
    /// `dedicatedCpuPlacement` and `numa.guestMappingPassthrough`: on unless
    /// an imported VM says otherwise.
    pub dedicated_cpus: bool,
    pub numa_passthrough: bool,
    /// The kubelet's `max-allowable-numa-nodes`, when a file gives it.
    pub node_limit: Option<u32>,
    /// The cluster's Topology Manager policy, when the user said which.
    pub policy: Option<Policy>,
}

impl Default for ScenarioInput {
    /// The planner's opening question: a 24 vCPU VM on a 2 x 32 CPU host.
    fn default() -> Self {
        ScenarioInput {
            numa_nodes: "2".into(),
            cpus_per_node: "32".into(),
            host_shape: None,
            threads_per_core: String::new(),
            reserved_cpus: String::new(),
            memory: String::new(),
            hugepage_size: None,
            free_hugepages: String::new(),
            memory_manager: MemoryManager::None,
            vcpus: VcpuInput::Count("24".into()),
            max_sockets: String::new(),
            isolate_emulator_thread: false,
            emulator_parity: false,
            full_pcpus_only: false,
            dedicated_cpus: true,
            numa_passthrough: true,
            node_limit: None,
            policy: None,
        }
    }
}

/// A validated host and VM, and the policy asked about. The default is the
/// one `ScenarioInput::default()` reads as.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Scenario {
    pub host: Host,
    pub vm: Vm,
    /// The cluster's policy; `None` compares all four.
    pub policy: Option<Policy>,
}

impl ScenarioInput {
    /// Validates every field; all problems are reported, each at its field.
    pub fn parse(&self) -> Result<Scenario, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut required =
            |field: Field, text: &str| parse_count(field, text).map_err(|e| errors.push(e)).ok();
        let (numa_nodes, cpus_per_node) = match self.host_shape {
            Some(_) => (None, None),
            None => (
                required(Field::NumaNodes, &self.numa_nodes),
                required(Field::CpusPerNode, &self.cpus_per_node),
            ),
        };
        let spec = match &self.vcpus {
            VcpuInput::Count(v) => required(Field::Vcpus, v).map(VcpuSpec::Count),
            VcpuInput::Topology {
                sockets,
                cores,
                threads,
            } => {
                let mut part = |field: Field, text: &str| {
                    if text.trim().is_empty() {
                        Some(1)
                    } else {
                        required(field, text)
                    }
                };
                let (s, c, t) = (
                    part(Field::Sockets, sockets),
                    part(Field::Cores, cores),
                    part(Field::Threads, threads),
                );
                match (s, c, t) {
                    (Some(sockets), Some(cores), Some(threads)) => Some(VcpuSpec::Topology {
                        sockets,
                        cores,
                        threads,
                    }),
                    _ => None,
                }
            }
        };
        let threads_per_core = optional(Field::ThreadsPerCore, &self.threads_per_core, &mut errors);
        let max_sockets = optional(Field::MaxSockets, &self.max_sockets, &mut errors);

        let reserved =
            parse_per_node(Field::ReservedCpus, &self.reserved_cpus).map_err(|e| errors.push(e));
        let memory = match self.memory.trim() {
            "" => Ok(None),
            text => parse_memory(text).map(Some).map_err(|e| errors.push(e)),
        };
        let free_pages = parse_per_node(Field::FreeHugepages, &self.free_hugepages)
            .map_err(|e| errors.push(e))
            .and_then(|list| {
                if list.is_empty() || (self.hugepage_size.is_some() && !self.memory.trim().is_empty()) {
                    Ok(list)
                } else {
                    errors.push(FieldError::new(
                        Field::FreeHugepages,
                        format!(
                            "{} count pages of the VM's huge page size: give the guest memory and the huge page size too",
                            Field::FreeHugepages
                        ),
                    ));
                    Err(())
                }
            });

        let shape = match (&self.host_shape, threads_per_core) {
            (Some(input), Ok(t)) => input.parse(t).map_err(|e| errors.extend(e)).ok(),
            _ => None,
        };
        let host = match (shape, numa_nodes, cpus_per_node, threads_per_core) {
            (Some(shape), _, _, Ok(t)) => {
                host_as_bought(shape, t).map_err(|e| errors.extend(e)).ok()
            }
            (None, Some(n), Some(c), Ok(t)) => {
                Host::new(n, c, t).map_err(|e| errors.extend(e)).ok()
            }
            _ => None,
        };
        let host = match (host, reserved) {
            (Some(host), Ok(list)) if !list.is_empty() => {
                host.with_reserved(list).map_err(|e| errors.push(e)).ok()
            }
            (host, _) => host,
        }
        .and_then(|h| match free_pages {
            Ok(list) if !list.is_empty() => {
                h.with_free_hugepages(list).map_err(|e| errors.push(e)).ok()
            }
            _ => Some(h),
        })
        .map(|h| {
            let h = h
                .with_full_pcpus_only(self.full_pcpus_only)
                .with_memory_manager(self.memory_manager);
            match self.node_limit {
                Some(limit) => h.with_node_limit(limit),
                None => h,
            }
        });
        let vm = match (spec, max_sockets) {
            (Some(spec), Ok(m)) => Vm::new(spec, self.isolate_emulator_thread, m)
                .map_err(|e| errors.extend(e))
                .ok(),
            _ => None,
        }
        .map(|vm| {
            vm.with_emulator_parity(self.emulator_parity)
                .with_placement(self.dedicated_cpus, self.numa_passthrough)
                .with_memory(memory.unwrap_or(None), self.hugepage_size)
        });
        match (host, vm) {
            (Some(host), Some(vm)) if errors.is_empty() => Ok(Scenario {
                host,
                vm,
                policy: self.policy,
            }),
            // In the form's order; a filter per field is cheaper in wasm than a sort.
            _ => Err(Field::ALL
                .iter()
                .flat_map(|&f| errors.iter().filter(move |e| e.field == f))
                .cloned()
                .collect()),
        }
    }
}

/// The host a checked shape describes (its counts are within the host's
/// bounds, so they fit).
fn host_as_bought(shape: HostShape, threads: Option<u32>) -> Result<Host, Vec<FieldError>> {
    Host::new(
        shape.numa_nodes() as u32,
        shape.cpus_per_node() as u32,
        threads,
    )
    .map(|host| host.with_shape(shape))
}

/// An optional count: empty text is `None`; bad text is recorded and gives `Err`.
fn optional(field: Field, text: &str, errors: &mut Vec<FieldError>) -> Result<Option<u32>, ()> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    parse_count(field, text)
        .map(Some)
        .map_err(|e| errors.push(e))
}
