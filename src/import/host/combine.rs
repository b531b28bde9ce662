//! One host from what the texts gave: the topology, with the kubelet's
//! reserved CPUs taken off its nodes and its policy, and the huge pages.

use super::hugepages::Hugepages;
use super::kubelet::{KubeletSettings, Sourced};
use super::node::{unavailable, HostImport};
use super::topology::Topology;
use crate::import::{CpuList, ImportError};

/// What the texts gave, in the order they gave it.
#[derive(Default)]
pub struct Gathered {
    /// The first topology found, and its source.
    pub topology: Option<(Topology, String)>,
    pub settings: KubeletSettings,
    pub hugepages: Hugepages,
    /// Read lines about what was left out.
    pub extra: Vec<String>,
}

impl Gathered {
    /// Keeps the first topology; notes any later one as ignored.
    pub fn take(&mut self, found: Topology, from: String) {
        if self.topology.is_none() {
            self.topology = Some((found, from));
        } else {
            self.extra.push(format!(
                "A second CPU topology ({from}) was ignored; the first one is used."
            ));
        }
    }

    pub fn combine(self) -> Result<HostImport, ImportError> {
        let (topology, read) = match self.topology {
            Some((topology, from)) => with_topology(topology, &from, &self.settings)?,
            None => without_topology(&self.settings, &self.hugepages)?,
        };
        finish(topology, self.settings, self.hugepages, read, self.extra)
    }
}

/// Kubelet configuration or huge pages alone: the policy and options, and
/// reserved or offline CPUs that cannot be placed on nodes nobody described.
fn without_topology(
    settings: &KubeletSettings,
    hugepages: &Hugepages,
) -> Result<(Topology, Vec<String>), ImportError> {
    if settings.is_empty() && hugepages.is_empty() {
        return Err(ImportError::whole(
            "No CPU topology, reserved CPUs or Topology Manager policy found: paste lscpu or numactl --hardware output, a NodeResourceTopology, kubelet configuration or the huge pages from sysfs.",
        ));
    }
    let unplaced = [
        ("reserved", &settings.reserved),
        ("offline", &settings.offlined),
    ];
    let read = unplaced
        .into_iter()
        .filter_map(|(what, cpus)| Some((what, cpus.as_ref()?)))
        .map(|(what, cpus)| format!(
            "{what} CPUs {} from {} not placed on NUMA nodes: there is no CPU topology (lscpu, numactl --hardware or a NodeResourceTopology) to place them on",
            cpus.value.compact(),
            cpus.from
        ))
        .collect();
    Ok((Topology::default(), read))
}

fn with_topology(
    mut topology: Topology,
    from: &str,
    settings: &KubeletSettings,
) -> Result<(Topology, Vec<String>), ImportError> {
    topology.check(from)?;
    let mut read = vec![topology.summary(from)];
    if let Some(offlined) = &settings.offlined {
        read.push(take_offline(&mut topology, offlined, from)?);
    }
    if let Some(reserved) = &settings.reserved {
        read.push(take_reserved(&mut topology, reserved, from));
    }
    let largest = topology.largest_capacity();
    if let Some(t) = topology
        .threads_per_core
        .filter(|&t| !largest.is_multiple_of(t))
    {
        read.push(format!(
            "threads per core {t} not used: the largest node's {largest} online CPUs are not a multiple of it"
        ));
        topology.threads_per_core = None;
    }
    if topology.largest_allocatable() == 0 {
        return Err(ImportError::whole(
            "Every CPU of the host is reserved; no pod can get a dedicated CPU.",
        ));
    }
    if let Some(t) = topology.threads_per_core {
        read.push(format!("threads per core {t} from {from}"));
    }
    read.push(reserved_line(&topology, settings.reserved.as_ref()));
    Ok((topology, read))
}

/// Takes the offline CPUs out of each node that lists its CPUs (they leave
/// its online CPUs and its allocatable ones); drops nodes left without CPUs.
fn take_offline(
    topology: &mut Topology,
    offlined: &Sourced<CpuList>,
    from: &str,
) -> Result<String, ImportError> {
    let list = offlined.value.compact();
    if topology.nodes.iter().any(|n| n.cpus.is_none()) {
        return Ok(format!(
            "offline CPUs {list} from {} not taken off: {from} gives CPU counts, not lists, and counts online CPUs only",
            offlined.from
        ));
    }
    for node in &mut topology.nodes {
        if let Some(cpus) = &mut node.cpus {
            let gone = cpus.overlap(&offlined.value);
            *cpus = cpus.without(&offlined.value);
            node.capacity -= gone;
            node.allocatable = node.allocatable.saturating_sub(gone);
        }
    }
    let (kept, emptied): (Vec<_>, Vec<_>) = std::mem::take(&mut topology.nodes)
        .into_iter()
        .partition(|n| n.capacity > 0);
    topology.nodes = kept;
    if topology.nodes.is_empty() {
        return Err(ImportError::whole(format!(
            "Every CPU of the host is offline ({} {list}); no pod can get a CPU.",
            offlined.from
        )));
    }
    let online: Vec<String> = topology
        .nodes
        .iter()
        .map(|n| format!("node {} = {}", n.id, n.capacity))
        .collect();
    let mut line = format!(
        "offline CPUs {list} from {} taken off: online CPUs {}",
        offlined.from,
        online.join(", ")
    );
    if !emptied.is_empty() {
        let ids: Vec<String> = emptied.iter().map(|n| format!("node {}", n.id)).collect();
        line.push_str(&format!(
            "; {} left without online CPUs, not counted as NUMA nodes for CPUs",
            ids.join(", ")
        ));
    }
    Ok(line)
}

/// Takes the reserved CPUs off each node that lists its CPUs; says what it did.
fn take_reserved(topology: &mut Topology, reserved: &Sourced<CpuList>, from: &str) -> String {
    let list = reserved.value.compact();
    if topology.nodes.iter().any(|n| n.cpus.is_none()) {
        return format!(
            "reserved CPUs {list} from {} not applied: {from} already gives allocatable CPUs",
            reserved.from
        );
    }
    for node in &mut topology.nodes {
        if let Some(cpus) = &node.cpus {
            node.allocatable = node.capacity - cpus.overlap(&reserved.value);
        }
    }
    let allocatable: Vec<String> = topology
        .nodes
        .iter()
        .map(|n| format!("node {} = {}", n.id, n.allocatable))
        .collect();
    format!(
        "reserved CPUs {list} from {}: allocatable {}",
        reserved.from,
        allocatable.join(", ")
    )
}

/// The read line for the form's reserved CPUs per node: the value, and for
/// each node that has some, which CPUs (or how many) are reserved and how
/// many it lacks against the largest node.
fn reserved_line(topology: &Topology, reserved: Option<&Sourced<CpuList>>) -> String {
    let per_node = unavailable(&topology.nodes);
    if per_node.is_empty() {
        return "reserved CPUs per node left empty: the texts reserve no CPU on any node, so the planner assumes 1 on node 0".to_string();
    }
    let size = topology.largest_capacity();
    let why: Vec<String> = topology
        .nodes
        .iter()
        .filter_map(|node| {
            let mut parts = Vec::new();
            let held = node.capacity - node.allocatable;
            if held > 0 {
                parts.push(match (&node.cpus, reserved) {
                    (Some(cpus), Some(r)) => {
                        format!("{} reserved", cpus.common(&r.value).compact())
                    }
                    _ => format!(
                        "{held} reserved, capacity {} less allocatable {}",
                        node.capacity, node.allocatable
                    ),
                });
            }
            if node.capacity < size {
                parts.push(format!(
                    "{} online CPUs, {} fewer than the largest node, counted as unavailable",
                    node.capacity,
                    size - node.capacity
                ));
            }
            (!parts.is_empty()).then(|| format!("node {}: {}", node.id, parts.join("; ")))
        })
        .collect();
    let list: Vec<String> = per_node.iter().map(u32::to_string).collect();
    format!(
        "reserved CPUs per node {} ({})",
        list.join(","),
        why.join("; ")
    )
}

/// The host, with the kubelet settings' and huge pages' lines and the notes
/// after the numbers' lines.
fn finish(
    topology: Topology,
    settings: KubeletSettings,
    hugepages: Hugepages,
    mut read: Vec<String>,
    extra: Vec<String>,
) -> Result<HostImport, ImportError> {
    if let Some(policy) = &settings.policy {
        read.push(format!(
            "Topology Manager policy {} from {}",
            policy.value, policy.from
        ));
    }
    if let Some(option) = &settings.full_pcpus_only {
        let state = if option.value { "on" } else { "off" };
        read.push(format!("full-pcpus-only {state} from {}", option.from));
    }
    if let Some(limit) = &settings.node_limit {
        read.push(format!(
            "Topology Manager node limit {} from {}",
            limit.value, limit.from
        ));
    }
    if let Some(policy) = &settings.memory_manager {
        read.push(format!(
            "Memory Manager policy {} from {}",
            policy.value, policy.from
        ));
    }
    let (hugepages, lines) = hugepages.place(&topology.nodes, settings.reserved_pages.as_ref())?;
    read.extend(lines);
    if !hugepages.is_empty() {
        read.push(FORM_LINE.to_string());
    }
    read.extend(settings.notes);
    read.extend(topology.notes);
    read.extend(extra);
    Ok(HostImport {
        nodes: topology.nodes,
        threads_per_core: topology.threads_per_core,
        policy: settings.policy.map(|p| p.value),
        full_pcpus_only: settings.full_pcpus_only.map(|o| o.value),
        node_limit: settings.node_limit.map(|l| l.value),
        hugepages,
        memory_manager: settings.memory_manager.map(|m| m.value),
        read,
    })
}

/// How the huge pages go into the form (`HostImport::apply`).
const FORM_LINE: &str = "free huge pages per node go into the form for the VM's page size (the host's only size when the VM names none), and only with the VM's guest memory, without which the planner refuses them";
