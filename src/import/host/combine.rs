//! One host from what the texts gave: the topology, with the kubelet's
//! reserved CPUs taken off its nodes and its policy, and the huge pages.

use super::cpu_state::{place_free, unused_note};
use super::dumpxml::RunningDomain;
use super::hugepages::Hugepages;
use super::kubelet::{KubeletSettings, Sourced};
use super::node::{reserved, HostImport};
use super::topology::Topology;
use crate::domain::{Field, Switch};
use crate::import::origin::{Origin, Origins};
use crate::import::{CpuList, ImportError};
use crate::share::{MEMORY_MANAGER, NODE_LIMIT, NODE_TUNING, POLICY};

/// What the texts gave, in the order they gave it.
#[derive(Default)]
pub struct Gathered {
    /// The first topology found, and its source.
    pub topology: Option<(Topology, Origin)>,
    pub settings: KubeletSettings,
    pub hugepages: Hugepages,
    /// Read lines about what was left out.
    pub extra: Vec<String>,
    /// Objects of other kinds, skipped ("ConfigMap kube-root-ca.crt").
    pub skipped: Vec<String>,
    /// The first skipped object's kind.
    pub other_kind: Option<String>,
    /// The first running VM's domain (virsh dumpxml).
    pub domain: Option<RunningDomain>,
}

impl Gathered {
    /// Keeps the first topology; notes any later one as ignored.
    pub fn take(&mut self, found: Topology, from: Origin) {
        if self.topology.is_none() {
            self.topology = Some((found, from));
        } else {
            self.extra.push(format!(
                "A second CPU topology ({from}) was ignored; the first one is used."
            ));
        }
    }

    /// Keeps the first domain; notes any later one as ignored.
    pub fn take_domain(&mut self, found: RunningDomain) {
        match &self.domain {
            None => self.domain = Some(found),
            Some(first) => self.extra.push(format!(
                "A second domain ({}) was ignored; the guest cells are {}'s.",
                found.from, first.from
            )),
        }
    }

    /// Whether the texts gave nothing about the host.
    pub fn is_empty(&self) -> bool {
        self.topology.is_none()
            && self.settings.is_empty()
            && self.hugepages.is_empty()
            && self.domain.is_none()
    }

    pub fn combine(mut self) -> Result<HostImport, ImportError> {
        self.settings.settle_policy();
        if !self.skipped.is_empty() {
            self.extra.push(format!(
                "skipped, not about the host: {}",
                self.skipped.join(", ")
            ));
        }
        let places_cpus = self.settings.reserved.is_some()
            || self.settings.reserved_count.is_some()
            || self.settings.offlined.is_some()
            || self
                .settings
                .cpu_state
                .as_ref()
                .is_some_and(|s| s.value.tracks_cpus());
        let (topology, read, origins, unplaced) = match self.topology {
            Some((topology, from)) => {
                let (topology, read, origins) = with_topology(topology, from, &self.settings)?;
                (topology, read, origins, None)
            }
            None => {
                let (topology, read) =
                    without_topology(&self.settings, &self.hugepages, self.domain.is_some())?;
                let unplaced = places_cpus.then(|| self.settings.clone());
                (topology, read, Vec::new(), unplaced)
            }
        };
        let mut host = finish(
            topology,
            self.settings,
            self.hugepages,
            (read, origins),
            self.extra,
        )?;
        host.unplaced = unplaced;
        if let Some(domain) = self.domain {
            host.read.extend(domain.read_lines());
            host.read.extend(domain.notes.iter().cloned());
            host.running = Some(domain);
        }
        Ok(host)
    }
}

/// Kubelet configuration or huge pages alone: the policy and options, and
/// reserved or offline CPUs that cannot be placed on nodes nobody described.
fn without_topology(
    settings: &KubeletSettings,
    hugepages: &Hugepages,
    domain: bool,
) -> Result<(Topology, Vec<String>), ImportError> {
    if settings.is_empty() && hugepages.is_empty() && !domain {
        return Err(ImportError::whole(
            "No CPU topology, reserved CPUs or Topology Manager policy found: paste lscpu or numactl --hardware output, a NodeResourceTopology, kubelet configuration or the huge pages from sysfs.",
        ));
    }
    Ok((Topology::default(), unplaced_lines(settings)))
}

/// The read lines for reserved and offline CPUs the texts gave without a
/// topology to place them on (until `HostImport::place_on` places them).
pub(super) fn unplaced_lines(settings: &KubeletSettings) -> Vec<String> {
    let unplaced = [
        ("reserved", &settings.reserved),
        ("offline", &settings.offlined),
    ];
    const NO_TOPOLOGY: &str = "there is no CPU topology (lscpu, numactl --hardware or a NodeResourceTopology) to place them on";
    let mut read: Vec<String> = unplaced
        .into_iter()
        .filter_map(|(what, cpus)| Some((what, cpus.as_ref()?)))
        .map(|(what, cpus)| {
            format!(
                "{what} CPUs {} from {} not placed on NUMA nodes: {NO_TOPOLOGY}",
                cpus.value.compact(),
                cpus.from
            )
        })
        .collect();
    if let Some(count) = settings
        .reserved_count
        .as_ref()
        .filter(|_| settings.reserved.is_none())
    {
        read.push(format!(
            "reserved CPUs {} from {}{} not placed on NUMA nodes: {NO_TOPOLOGY}",
            count.value, count.from, count.detail
        ));
    }
    if let Some(state) = &settings.cpu_state {
        read.push(unused_note(state).unwrap_or_else(|| {
            format!(
                "free CPUs from {} not placed on NUMA nodes: {NO_TOPOLOGY}",
                state.from
            )
        }));
    }
    read
}

/// The topology with the kubelet's offline and reserved CPUs taken off,
/// its read lines, and where the node count, node size, SMT and reserved
/// CPUs per node came from.
pub(super) fn with_topology(
    mut topology: Topology,
    from: Origin,
    settings: &KubeletSettings,
) -> Result<(Topology, Vec<String>, Origins), ImportError> {
    topology.check(&from)?;
    let mut read = vec![topology.summary(&from)];
    if let Some(offlined) = &settings.offlined {
        read.push(take_offline(&mut topology, offlined, &from)?);
    }
    let mut reserved_from = from.clone();
    if let Some(reserved) = &settings.reserved {
        let (line, taken) = take_reserved(&mut topology, reserved, &from);
        read.push(line);
        if taken {
            reserved_from = reserved.from.clone();
        }
        if let Some(count) = &settings.reserved_count {
            read.push(format!(
                "{} CPUs from {}{} not used: reservedSystemCPUs is given, and the kubelet then ignores kubeReserved and systemReserved CPU",
                count.value, count.from, count.detail
            ));
        }
    } else if let Some(count) = &settings.reserved_count {
        let (line, taken) = take_reserved_count(&mut topology, count, &from);
        read.push(line);
        if taken {
            reserved_from = count.from.clone();
        }
    }
    // NUMA nodes hold whole cores: a node that does not is not read right.
    if let Some((t, node)) = topology.threads_per_core.and_then(|t| {
        let node = topology
            .nodes
            .iter()
            .find(|n| !n.capacity.is_multiple_of(t))?;
        Some((t, node))
    }) {
        read.push(format!(
            "threads per core {t} not used: node {}'s {} online CPUs are not a multiple of it",
            node.id, node.capacity
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
    if topology.nodes.iter().any(|n| n.available.is_some()) {
        let free: Vec<String> = topology
            .nodes
            .iter()
            .map(|n| n.available.unwrap_or(n.allocatable).to_string())
            .collect();
        read.push(format!(
            "free CPUs per node {} from {from} (available now)",
            free.join(",")
        ));
    }
    let mut free_from = from.clone();
    if let Some(state) = &settings.cpu_state {
        let reserved = settings.reserved.as_ref().map(|r| &r.value);
        let (lines, set) = place_free(state, &mut topology.nodes, reserved, &from)?;
        read.extend(lines);
        if set {
            free_from = state.from.at("defaultCpuSet");
        }
    }
    // Last: `HostImport::place_on` drops it when the form keeps its own.
    read.push(reserved_line(&topology, settings.reserved.as_ref()));
    let origins = vec![
        (Field::NumaNodes.key(), from.clone()),
        (Field::CpusPerNode.key(), from.clone()),
        (Field::NodeCpus.key(), from.clone()),
        (Field::FreeCpus.key(), free_from),
        (Field::ThreadsPerCore.key(), from),
        (Field::ReservedCpus.key(), reserved_from),
    ];
    Ok((topology, read, origins))
}

/// Takes the offline CPUs out of each node that lists its CPUs (they leave
/// its online CPUs and its allocatable ones); drops nodes left without CPUs.
fn take_offline(
    topology: &mut Topology,
    offlined: &Sourced<CpuList>,
    from: &Origin,
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

/// Takes the reserved CPUs off each node that lists its CPUs; says what it
/// did, and whether it took them off.
fn take_reserved(
    topology: &mut Topology,
    reserved: &Sourced<CpuList>,
    from: &Origin,
) -> (String, bool) {
    let list = reserved.value.compact();
    if topology.nodes.iter().any(|n| n.cpus.is_none()) {
        let line = format!(
            "reserved CPUs {list} from {} not applied: {from} already gives allocatable CPUs",
            reserved.from
        );
        return (line, false);
    }
    for node in &mut topology.nodes {
        if let Some(cpus) = &node.cpus {
            node.allocatable = node.capacity - cpus.overlap(&reserved.value);
        }
    }
    let line = format!(
        "reserved CPUs {list} from {}: allocatable {}",
        reserved.from,
        allocatable(topology)
    );
    (line, true)
}

/// Takes the CPUs `kubeReserved` and `systemReserved` reserve off the
/// nodes as the kubelet places them: whole cores from the lowest-numbered
/// CPUs, so node 0 first, then the next node for what does not fit; says
/// what it did, and whether it took them off.
fn take_reserved_count(
    topology: &mut Topology,
    count: &Sourced<u32>,
    from: &Origin,
) -> (String, bool) {
    let what = format!(
        "reserved CPUs {} from {}{}",
        count.value, count.from, count.detail
    );
    if topology.nodes.iter().any(|n| n.cpus.is_none()) {
        return (
            format!("{what} not applied: {from} already gives allocatable CPUs"),
            false,
        );
    }
    let mut left = count.value;
    for node in &mut topology.nodes {
        let taken = left.min(node.allocatable);
        node.allocatable -= taken;
        left -= taken;
    }
    let line = format!(
        "{what}: {} CPUs reserved, placed as the kubelet places them (whole cores from the lowest-numbered CPUs, node 0 first): allocatable {}",
        count.value,
        allocatable(topology)
    );
    (line, true)
}

/// "node 0 = 28, node 1 = 32": each node's allocatable CPUs.
fn allocatable(topology: &Topology) -> String {
    let nodes: Vec<String> = topology
        .nodes
        .iter()
        .map(|n| format!("node {} = {}", n.id, n.allocatable))
        .collect();
    nodes.join(", ")
}

/// The read line for the form's reserved CPUs per node: the value, and for
/// each node that has some, which CPUs (or how many) are reserved.
fn reserved_line(topology: &Topology, reserved_list: Option<&Sourced<CpuList>>) -> String {
    let per_node = reserved(&topology.nodes);
    if per_node.is_empty() {
        return "reserved CPUs per node left empty: the texts reserve no CPU on any node, so the planner assumes 1 on node 0".to_string();
    }
    let why: Vec<String> = topology
        .nodes
        .iter()
        .filter(|node| node.capacity > node.allocatable)
        .map(|node| {
            let held = node.capacity - node.allocatable;
            let what = match (&node.cpus, reserved_list) {
                (Some(cpus), Some(r)) => format!("{} reserved", cpus.common(&r.value).compact()),
                _ => format!(
                    "{held} reserved, capacity {} less allocatable {}",
                    node.capacity, node.allocatable
                ),
            };
            format!("node {}: {what}", node.id)
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
    (mut read, mut origins): (Vec<String>, Origins),
    extra: Vec<String>,
) -> Result<HostImport, ImportError> {
    let mut read_value = |key: &'static str, what: String, sourced: (&Origin, &str)| {
        let (from, detail) = sourced;
        read.push(format!("{what} from {from}{detail}"));
        origins.push((key, from.clone()));
    };
    if let Some(policy) = &settings.policy {
        let what = format!("Topology Manager policy {}", policy.value);
        read_value(POLICY, what, policy.origin());
    }
    if let Some(option) = &settings.full_pcpus_only {
        let state = if option.value { "on" } else { "off" };
        let what = format!("full-pcpus-only {state}");
        read_value(Switch::FullPcpusOnly.code(), what, option.origin());
    }
    if let Some(limit) = &settings.node_limit {
        let what = format!("Topology Manager node limit {}", limit.value);
        read_value(NODE_LIMIT, what, limit.origin());
    }
    if let Some(tuning) = &settings.node_tuning {
        let what = format!("node tuning {}", tuning.value);
        read_value(NODE_TUNING, what, tuning.origin());
    }
    if let Some(policy) = &settings.memory_manager {
        let what = format!("Memory Manager policy {}", policy.value);
        read_value(MEMORY_MANAGER, what, policy.origin());
    }
    let hugepages_from = hugepages.origins();
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
        node_tuning: settings.node_tuning.map(|t| t.value),
        origins,
        hugepages_from,
        read,
        unplaced: None,
        running: None,
    })
}

/// How the huge pages go into the form (`HostImport::apply`).
const FORM_LINE: &str = "free huge pages per node go into the form for the VM's page size (the host's only size when the VM names none), and only with the VM's guest memory, without which the planner refuses them";
