//! The host as read: its NUMA nodes, and the note when they differ.

use super::dumpxml::RunningDomain;
use super::kubelet::KubeletSettings;
use crate::domain::{
    Advisory, AdvisoryCode, Field, HugepageSize, MemoryManager, NodeTuning, Policy, Source,
};
use crate::import::origin::{origin_of, Origin, Origins};
use crate::import::CpuList;

/// One NUMA node: its CPUs and how many of them pods can get.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NumaNodeCpus {
    pub id: u32,
    /// The CPU ids, when the source lists them (not NodeResourceTopology).
    pub cpus: Option<CpuList>,
    pub capacity: u32,
    pub allocatable: u32,
    /// The CPUs free for a new pod now, when the source says (a
    /// NodeResourceTopology zone's `available`).
    pub available: Option<u32>,
    /// The node's CPUs in the cpu_manager_state's shared pool, reserved
    /// ones included: `available` again once other reserved CPUs apply.
    pub shared: Option<u32>,
}

impl NumaNodeCpus {
    pub fn new(id: u32, cpus: CpuList) -> Self {
        let capacity = cpus.len();
        NumaNodeCpus {
            id,
            cpus: Some(cpus),
            capacity,
            allocatable: capacity,
            available: None,
            shared: None,
        }
    }
}

/// The reserved CPUs of each node (online less allocatable), trailing
/// zeros dropped (see `HostImport::reserved_cpus`).
pub(super) fn reserved(nodes: &[NumaNodeCpus]) -> Vec<u32> {
    let mut reserved: Vec<u32> = nodes
        .iter()
        .map(|n| n.capacity.saturating_sub(n.allocatable))
        .collect();
    while reserved.last() == Some(&0) {
        reserved.pop();
    }
    reserved
}

/// A host read from pasted text, with where each number came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostImport {
    /// Empty when the text gave no CPU topology (kubelet configuration only):
    /// the node count and size must then come from elsewhere.
    pub nodes: Vec<NumaNodeCpus>,
    pub threads_per_core: Option<u32>,
    pub policy: Option<Policy>,
    /// The CPU manager's `full-pcpus-only` option, when a text set it.
    pub full_pcpus_only: Option<bool>,
    /// The Topology Manager's `max-allowable-numa-nodes`, when a text set it.
    pub node_limit: Option<u32>,
    /// Huge pages per size (2Mi first), one count per node in the order of
    /// `nodes` (by node id from node 0 when there are none): free pages
    /// when a text gave them, else available, allocatable or configured
    /// ones, as the read lines say; the kubelet's reserved pages taken off.
    pub hugepages: Vec<(HugepageSize, Vec<u64>)>,
    /// The Memory Manager policy, when a text set it.
    pub memory_manager: Option<MemoryManager>,
    /// PerformanceProfile or KubeletConfig, from the kind of the last
    /// kubelet object read.
    pub node_tuning: Option<NodeTuning>,
    /// Where each value the texts gave came from, by link key
    /// (`share::keys`); the huge pages in `hugepages_from`.
    pub origins: Origins,
    /// Where each size's huge pages came from.
    pub hugepages_from: Vec<(HugepageSize, Origin)>,
    /// "what was read from where", one line each.
    pub read: Vec<String>,
    /// Reserved and offline CPUs the texts gave without a topology, for
    /// `place_on` to place on a host given otherwise.
    pub(crate) unplaced: Option<KubeletSettings>,
    /// The running VM's domain (virsh dumpxml), when a text was one.
    pub running: Option<RunningDomain>,
}

impl HostImport {
    pub fn numa_nodes(&self) -> u32 {
        self.nodes.len() as u32
    }

    /// The node size the planner classifies against: the largest node's
    /// online CPUs (its capacity).
    pub fn cpus_per_node(&self) -> u32 {
        self.nodes.iter().map(|n| n.capacity).max().unwrap_or(0)
    }

    /// Each node's online CPUs, in order, when they differ; empty when every
    /// node has `cpus_per_node`.
    pub fn node_cpus(&self) -> Vec<u32> {
        let c = self.cpus_per_node();
        if self.nodes.iter().all(|n| n.capacity == c) {
            return Vec::new();
        }
        self.nodes.iter().map(|n| n.capacity).collect()
    }

    /// The CPUs free for a new pod on each node, when the texts say for
    /// some node (the others: all allocatable); empty otherwise.
    pub fn free_cpus(&self) -> Vec<u32> {
        if self.nodes.iter().all(|n| n.available.is_none()) {
            return Vec::new();
        }
        // Without reserved CPUs the planner assumes one on node 0, which
        // cannot be free.
        let assumed = u32::from(self.reserved_cpus().is_empty());
        self.nodes
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let free = n.available.unwrap_or(n.allocatable);
                if i == 0 {
                    free.min(n.allocatable.saturating_sub(assumed))
                } else {
                    free
                }
            })
            .collect()
    }

    /// Makes `reserved` (per node from node 0, given by the flag `by`,
    /// which wins over the files) the host's reserved CPUs, and the
    /// free CPUs the files gave what they then are. A cpu_manager_state's
    /// shared pool holds the reserved CPUs, so they come off it; a
    /// NodeResourceTopology's `available` already leaves out the kubelet's
    /// own, so they do not come off again: it is only lowered to what the
    /// node then allocates. Returns the read line (none when a shared pool
    /// gives the free CPUs it gave already); refused (naming `by`):
    /// more reserved CPUs on a node than its shared pool holds. A list the
    /// planner refuses anyway (more than a node has, more nodes than the
    /// host's) changes nothing: the planner names `by` itself.
    pub fn reserve(&mut self, reserved: &[u32], by: &str) -> Result<Option<String>, String> {
        let fits = reserved.len() <= self.nodes.len()
            && self
                .nodes
                .iter()
                .zip(reserved)
                .all(|(n, &r)| r <= n.capacity);
        if !fits || self.free_cpus().is_empty() {
            return Ok(None);
        }
        let (from, mark) = match origin_of(&self.origins, Field::FreeCpus.key()) {
            Some(o) => (o.to_string(), o.mark()),
            None => ("the files".to_string(), "the files".to_string()),
        };
        let before = self.free_cpus();
        let (mut pooled, mut lowered) = (false, Vec::new());
        for (i, node) in self.nodes.iter_mut().enumerate() {
            let r = reserved.get(i).copied().unwrap_or(0);
            node.allocatable = node.capacity - r;
            if let Some(shared) = node.shared {
                if r > shared {
                    return Err(format!(
                        "{by}: node {i} cannot reserve {r} CPUs: {mark} puts only {shared} of node {i}'s CPUs in the shared pool, where the kubelet keeps the reserved ones (containers hold the others exclusively); give the reserved CPUs the host had when the file was written"
                    ));
                }
                pooled = true;
                node.available = Some((shared - r).min(node.allocatable));
            } else if let Some(a) = node.available.filter(|&a| a > node.allocatable) {
                lowered.push(format!("node {i} from {a} to {}", node.allocatable));
                node.available = Some(node.allocatable);
            }
        }
        let free = self.free_cpus();
        if pooled && free == before {
            return Ok(None);
        }
        let free: Vec<String> = free.iter().map(u32::to_string).collect();
        let free = free.join(",");
        let each: Vec<String> = reserved.iter().map(u32::to_string).collect();
        let by = match each.is_empty() {
            true => format!("{by} left empty"),
            false => format!("{by} {}", each.join(",")),
        };
        Ok(Some(if pooled {
            format!("free CPUs per node {free} with {by}, which wins over the files: each node's CPUs in the shared pool of {from}, less its reserved ones")
        } else if lowered.is_empty() {
            format!("free CPUs per node {free} from {from} kept with {by}: it counts them with the kubelet's reserved CPUs already left out, so {by} is not taken off again")
        } else {
            format!(
                "free CPUs per node {free} with {by}: {from} counts them with the kubelet's reserved CPUs already left out, so {by} is not taken off again, but a node cannot have more free than it allocates ({})",
                lowered.join(", ")
            )
        }))
    }

    /// The CPUs pods cannot get on each node, node by node in order: the
    /// reserved ones. Trailing zeros are dropped, so a host where pods can
    /// get every CPU gives an empty list.
    pub fn reserved_cpus(&self) -> Vec<u32> {
        reserved(&self.nodes)
    }

    pub fn is_uniform(&self) -> bool {
        self.nodes
            .windows(2)
            .all(|w| w[0].allocatable == w[1].allocatable && w[0].capacity == w[1].capacity)
    }

    /// When nodes differ: each node's CPUs and which of them a pod of
    /// `pod_cpus` dedicated CPUs fits on.
    pub fn fit_note(&self, pod_cpus: u32) -> Option<Advisory> {
        if self.is_uniform() {
            return None;
        }
        let sizes: Vec<String> = self.nodes.iter().map(size).collect();
        Some(Advisory {
            code: AdvisoryCode::AsymmetricNumaNodes,
            message: format!(
                "The NUMA nodes differ ({}). The planner classifies against the largest, {} CPUs. A pod of {pod_cpus} dedicated CPUs {}.",
                sizes.join("; "),
                self.cpus_per_node(),
                self.verdict(pod_cpus)
            ),
            source: &Source::KUBERNETES_TOPOLOGY_MANAGER,
        })
    }

    /// Which nodes a pod of `pod_cpus` dedicated CPUs fits on.
    fn verdict(&self, pod_cpus: u32) -> String {
        let (fit, no_fit): (Vec<_>, Vec<_>) =
            self.nodes.iter().partition(|n| n.allocatable >= pod_cpus);
        let names = |ns: &[&NumaNodeCpus]| {
            ns.iter()
                .map(|n| format!("node {}", n.id))
                .collect::<Vec<_>>()
                .join(", ")
        };
        match (fit.is_empty(), no_fit.is_empty()) {
            (true, _) => "fits on no single NUMA node".to_string(),
            (false, true) => "fits on every NUMA node".to_string(),
            (false, false) => format!("fits on {} but not on {}", names(&fit), names(&no_fit)),
        }
    }
}

/// "node 0 24 CPUs", or "node 0 22 of 24 CPUs allocatable".
fn size(n: &NumaNodeCpus) -> String {
    if n.allocatable == n.capacity {
        format!("node {} {} CPUs", n.id, n.capacity)
    } else {
        format!(
            "node {} {} of {} CPUs allocatable",
            n.id, n.allocatable, n.capacity
        )
    }
}
