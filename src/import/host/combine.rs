//! One host from what the texts gave: the topology, with the kubelet's
//! reserved CPUs taken off its nodes and its policy.

use super::kubelet::{KubeletSettings, Sourced};
use super::node::HostImport;
use super::topology::Topology;
use crate::import::{CpuList, ImportError};

/// What the texts gave, in the order they gave it.
#[derive(Default)]
pub struct Gathered {
    /// The first topology found, and its source.
    pub topology: Option<(Topology, String)>,
    pub settings: KubeletSettings,
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
        match self.topology {
            Some((topology, from)) => with_topology(topology, &from, self.settings, self.extra),
            None => without_topology(self.settings, self.extra),
        }
    }
}

/// Kubelet configuration alone: the policy, and reserved CPUs that cannot be
/// placed on nodes nobody described.
fn without_topology(
    settings: KubeletSettings,
    extra: Vec<String>,
) -> Result<HostImport, ImportError> {
    if settings.is_empty() {
        return Err(ImportError::whole(
            "No CPU topology, reserved CPUs or Topology Manager policy found: paste lscpu or numactl --hardware output, a NodeResourceTopology or kubelet configuration.",
        ));
    }
    let mut read = Vec::new();
    if let Some(reserved) = &settings.reserved {
        read.push(format!(
            "reserved CPUs {} from {} not placed on NUMA nodes: there is no CPU topology (lscpu, numactl --hardware or a NodeResourceTopology) to place them on",
            reserved.value.compact(),
            reserved.from
        ));
    }
    Ok(finish(Topology::default(), settings, read, extra))
}

fn with_topology(
    mut topology: Topology,
    from: &str,
    settings: KubeletSettings,
    extra: Vec<String>,
) -> Result<HostImport, ImportError> {
    topology.check(from)?;
    let mut read = vec![topology.summary(from)];
    if let Some(reserved) = &settings.reserved {
        read.push(take_reserved(&mut topology, reserved, from));
    }
    let largest = topology.largest();
    if let Some(t) = topology
        .threads_per_core
        .filter(|&t| !largest.is_multiple_of(t))
    {
        read.push(format!(
            "threads per core {t} not used: the largest node's {largest} allocatable CPUs are not a multiple of it"
        ));
        topology.threads_per_core = None;
    }
    if largest == 0 {
        return Err(ImportError::whole(
            "Every CPU of the host is reserved; no pod can get a dedicated CPU.",
        ));
    }
    if let Some(t) = topology.threads_per_core {
        read.push(format!("threads per core {t} from {from}"));
    }
    Ok(finish(topology, settings, read, extra))
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

/// The host, with the policy's line and the notes after the numbers' lines.
fn finish(
    topology: Topology,
    settings: KubeletSettings,
    mut read: Vec<String>,
    extra: Vec<String>,
) -> HostImport {
    if let Some(policy) = &settings.policy {
        read.push(format!(
            "Topology Manager policy {} from {}",
            policy.value, policy.from
        ));
    }
    read.extend(topology.notes);
    read.extend(extra);
    HostImport {
        nodes: topology.nodes,
        threads_per_core: topology.threads_per_core,
        policy: settings.policy.map(|p| p.value),
        read,
    }
}
