use super::codes::Policy;
use super::field::{Field, FieldError};
use super::guest_cells::{check, parse_guest_cells};
use super::host::Host;
use super::host_shape::HostShape;
use super::input::{ScenarioInput, VcpuMode};
use super::memory::{parse_memory, parse_quantity};
use super::number::{parse_count, parse_per_node};
use super::vm::{VcpuSpec, Vm};
use crate::trf;

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
    /// `parse`, and the guest cells of the VM running on the host
    /// (`guest_cells`), which only a migration from that host reads: the
    /// command and the page's migration view parse this way; the page's
    /// own verdicts do not need the cells (nor its wasm their rules).
    pub fn parse_running(&self) -> Result<Scenario, Vec<FieldError>> {
        let cells = parse_guest_cells(self.text(Field::GuestCells));
        match (self.parse(), cells) {
            (Ok(s), Ok(cells)) if cells.is_empty() => Ok(s),
            (Ok(Scenario { host, vm, policy }), Ok(cells)) => match check(&cells, &host, &vm) {
                Ok(()) => Ok(Scenario {
                    host: host.with_guest_cells(cells),
                    vm,
                    policy,
                }),
                Err(e) => Err(vec![e]),
            },
            (Ok(_), Err(e)) => Err(vec![e]),
            (Err(mut errors), cells) => {
                errors.extend(cells.err());
                Err(errors)
            }
        }
    }

    /// Validates every field but the running VM's guest cells
    /// (`parse_running`); all problems are reported, each at its field.
    pub fn parse(&self) -> Result<Scenario, Vec<FieldError>> {
        let mut errors = Vec::new();
        let text = |field: Field| self.text(field);
        let mut required = |field: Field| {
            parse_count(field, text(field))
                .map_err(|e| errors.push(e))
                .ok()
        };
        let shape_input = self.host.shape_input();
        let (numa_nodes, cpus_per_node) = match shape_input {
            Some(_) => (None, None),
            None => (required(Field::NumaNodes), required(Field::CpusPerNode)),
        };
        let spec = match self.vm.mode {
            VcpuMode::Count => required(Field::Vcpus).map(VcpuSpec::Count),
            VcpuMode::Topology => {
                // An empty part of KubeVirt's topology means 1.
                let mut part = |field: Field| {
                    if text(field).trim().is_empty() {
                        Some(1)
                    } else {
                        required(field)
                    }
                };
                let (s, c, t) = (
                    part(Field::Sockets),
                    part(Field::Cores),
                    part(Field::Threads),
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
        let threads_per_core = optional(Field::ThreadsPerCore, text, &mut errors);
        let max_sockets = optional(Field::MaxSockets, text, &mut errors);
        let io_threads = optional(Field::IoThreads, text, &mut errors);

        // The shape gives each node's CPUs itself.
        let node_cpus = match shape_input {
            Some(_) => Ok(Vec::new()),
            None => {
                parse_per_node(Field::NodeCpus, text(Field::NodeCpus)).map_err(|e| errors.push(e))
            }
        };
        let reserved = parse_per_node(Field::ReservedCpus, text(Field::ReservedCpus))
            .map_err(|e| errors.push(e));
        let reserved_cores = parse_per_node(Field::ReservedCores, text(Field::ReservedCores))
            .map_err(|e| errors.push(e));
        let free_cpus =
            parse_per_node(Field::FreeCpus, text(Field::FreeCpus)).map_err(|e| errors.push(e));
        let memory_text = text(Field::Memory).trim();
        let memory = match memory_text {
            "" => Ok(None),
            text => parse_memory(text).map(Some).map_err(|e| errors.push(e)),
        };
        let per_text = text(Field::MemoryPerVcpu).trim();
        let per_vcpu = match per_text {
            "" => None,
            _ if !memory_text.is_empty() => {
                errors.push(FieldError::new(
                    Field::MemoryPerVcpu,
                    trf!(
                        "give {memory_field} or {per_vcpu_field}, not both",
                        memory_field = Field::Memory,
                        per_vcpu_field = Field::MemoryPerVcpu
                    ),
                ));
                None
            }
            text => parse_quantity(Field::MemoryPerVcpu, text)
                .map_err(|e| errors.push(e))
                .ok(),
        };
        let memory_given = !memory_text.is_empty() || per_vcpu.is_some();
        let hugepage_size = self.vm.hugepage_size;
        let free_pages = parse_per_node(Field::FreeHugepages, text(Field::FreeHugepages))
            .map_err(|e| errors.push(e))
            .and_then(|list| {
                if list.is_empty() || (hugepage_size.is_some() && memory_given) {
                    Ok(list)
                } else {
                    errors.push(FieldError::new(
                        Field::FreeHugepages,
                        trf!(
                            "{field} count pages of the VM's huge page size: give the guest memory and the huge page size too",
                            field = Field::FreeHugepages
                        ),
                    ));
                    Err(())
                }
            });

        let shape = match (&shape_input, threads_per_core) {
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
        let host = match (host, node_cpus) {
            (Some(host), Ok(list)) if !list.is_empty() => {
                host.with_node_cpus(list).map_err(|e| errors.push(e)).ok()
            }
            (host, _) => host,
        };
        let cluster = &self.cluster;
        let host = match (host, reserved) {
            (Some(host), Ok(list)) if !list.is_empty() => {
                host.with_reserved(list).map_err(|e| errors.push(e)).ok()
            }
            (host, _) => host,
        }
        .and_then(|h| match reserved_cores {
            Ok(list) if !list.is_empty() => {
                h.with_reserved_cores(list).map_err(|e| errors.push(e)).ok()
            }
            _ => Some(h),
        })
        .and_then(|h| match free_cpus {
            Ok(list) if !list.is_empty() => h.with_free_cpus(list).map_err(|e| errors.push(e)).ok(),
            _ => Some(h),
        })
        .and_then(|h| match free_pages {
            Ok(list) if !list.is_empty() => {
                h.with_free_hugepages(list).map_err(|e| errors.push(e)).ok()
            }
            _ => Some(h),
        })
        .map(|h| {
            let h = h.with_tuning(cluster.tuning());
            match cluster.node_limit {
                Some(limit) => h.with_node_limit(limit),
                None => h,
            }
        });
        let vm = match (spec, max_sockets, io_threads) {
            (Some(spec), Ok(m), Ok(io)) => Vm::new(spec, self.vm.isolate_emulator_thread, m)
                .map_err(|e| errors.extend(e))
                .ok()
                .map(|vm| vm.with_io_threads(io.unwrap_or(0))),
            _ => None,
        }
        .map(|vm| {
            vm.with_emulator_parity(cluster.emulator_parity)
                .with_placement(self.vm.dedicated_cpus, self.vm.numa_passthrough)
                .with_memory(memory.unwrap_or(None), hugepage_size)
                .with_manifest(self.vm.manifest)
        })
        .map(|vm| match per_vcpu {
            Some(per) => vm.with_memory_per_vcpu(per),
            None => vm,
        });
        match (host, vm) {
            (Some(host), Some(vm)) if errors.is_empty() => Ok(Scenario {
                host,
                vm,
                policy: cluster.policy,
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
    Host::from_node_cpus(shape.node_cpus(), threads).map(|host| host.with_shape(shape))
}

/// An optional count: empty text is `None`; bad text is recorded and gives `Err`.
fn optional<'a>(
    field: Field,
    text: impl Fn(Field) -> &'a str,
    errors: &mut Vec<FieldError>,
) -> Result<Option<u32>, ()> {
    let text = text(field);
    if text.trim().is_empty() {
        return Ok(None);
    }
    parse_count(field, text)
        .map(Some)
        .map_err(|e| errors.push(e))
}
