use super::codes::{MemoryManager, Policy};
use super::field::{Field, FieldError};
use super::guest_cells::GuestCell;
use super::host_shape::HostShape;
use super::number::{fewest_reaching, largest_first};
use super::tuning::KubeletTuning;
use crate::i18n::tr;
use crate::trf;

/// The kubelet runs the Topology Manager on at most this many NUMA nodes
/// unless the `max-allowable-numa-nodes` policy option raises it.
const TOPOLOGY_MANAGER_NODE_LIMIT: u32 = 8;

/// A worker node: its NUMA shape (the CPUs of each node, which real hosts
/// do not always split evenly), the CPUs its kubelet keeps for itself on
/// each node, and the kubelet settings that decide whether a pod's CPUs are
/// admitted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Host {
    /// Logical CPUs of each node, node 0 first; never empty.
    node_cpus: Vec<u32>,
    threads_per_core: Option<u32>,
    /// Reserved CPUs per node from node 0; nodes past the end have none.
    reserved: Vec<u32>,
    /// True when no input said which CPUs are reserved.
    reserved_assumed: bool,
    /// Physical cores holding reserved CPUs per node from node 0, when
    /// given; otherwise the reserved CPUs are taken as whole cores.
    reserved_cores: Option<Vec<u32>>,
    /// full-pcpus-only and the Memory Manager as given, and the node tuning
    /// that implies them where not given.
    tuning: KubeletTuning,
    /// The policy the kubelet's options are resolved for (`for_policy`).
    policy: Option<Policy>,
    node_limit: u32,
    /// Free huge pages of the VM's page size per node, when known.
    free_hugepages: Option<Vec<u32>>,
    /// Free CPUs per node from node 0 on a host in use (nodes past the end
    /// are all free); none: every allocatable CPU is free.
    free_cpus: Option<Vec<u32>>,
    /// How the host was given when it was given as bought.
    shape: Option<HostShape>,
    /// The VM's guest cells as it runs here (`Field::GuestCells`); empty
    /// when not given.
    guest_cells: Vec<GuestCell>,
}

impl Default for Host {
    /// The planner's opening host: 2 NUMA nodes of 32 logical CPUs.
    fn default() -> Self {
        Host::new(2, 32, None).unwrap_or_else(|_| unreachable!("the default host is valid"))
    }
}

impl Host {
    /// Nodes of equal size. Checks bounds and that SMT threads divide the
    /// node's logical CPUs evenly.
    pub fn new(
        numa_nodes: u32,
        cpus_per_node: u32,
        threads_per_core: Option<u32>,
    ) -> Result<Host, Vec<FieldError>> {
        let mut errors = Vec::new();
        for (field, value) in [
            (Field::NumaNodes, Some(numa_nodes)),
            (Field::CpusPerNode, Some(cpus_per_node)),
            (Field::ThreadsPerCore, threads_per_core),
        ] {
            if let Some(Err(e)) = value.map(|v| field.check(v.into())) {
                errors.push(e);
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Host::from_node_cpus(vec![cpus_per_node; numa_nodes as usize], threads_per_core)
    }

    /// Nodes of these CPUs each, node 0 first: as many nodes as the NUMA
    /// nodes' bounds allow, each within the CPUs per node's bounds, and
    /// divided evenly by the SMT threads (NUMA nodes split cores, never a
    /// core's threads).
    pub fn from_node_cpus(
        node_cpus: Vec<u32>,
        threads_per_core: Option<u32>,
    ) -> Result<Host, Vec<FieldError>> {
        let mut errors = Vec::new();
        if let Err(e) = Field::NumaNodes.check(node_cpus.len() as u64) {
            errors.push(e);
        }
        if let Some(e) = node_cpus
            .iter()
            .find_map(|&c| Field::CpusPerNode.check(c.into()).err())
        {
            errors.push(e);
        }
        if let Some(Err(e)) = threads_per_core.map(|t| Field::ThreadsPerCore.check(t.into())) {
            errors.push(e);
        }
        if let (true, Some(t)) = (errors.is_empty(), threads_per_core) {
            if let Some(c) = node_cpus.iter().find(|c| !c.is_multiple_of(t)) {
                errors.push(FieldError::new(
                    Field::ThreadsPerCore,
                    trf!(
                        "{field} must divide the {cpus} CPUs per NUMA node evenly; {threads} does not",
                        field = Field::ThreadsPerCore,
                        cpus = c,
                        threads = t
                    ),
                ));
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Host {
            node_cpus,
            threads_per_core,
            // The kubelet's static CPU manager always keeps at least one.
            reserved: vec![1],
            reserved_assumed: true,
            reserved_cores: None,
            tuning: KubeletTuning::default(),
            policy: None,
            node_limit: TOPOLOGY_MANAGER_NODE_LIMIT,
            free_hugepages: None,
            free_cpus: None,
            shape: None,
            guest_cells: Vec::new(),
        })
    }

    /// The host with these CPUs on its first nodes (nodes past the end keep
    /// theirs), as typed in `Field::NodeCpus`: each at most the CPUs per
    /// node, one node at least that large (it is the largest node's), and
    /// whole cores when threads per core is known.
    pub fn with_node_cpus(mut self, given: Vec<u32>) -> Result<Host, FieldError> {
        let field = Field::NodeCpus;
        self.lists_no_more_nodes(field, given.len())?;
        let c = self.cpus_per_node();
        let mut node_cpus = self.node_cpus.clone();
        let problem = if let Some((node, g)) =
            given.iter().enumerate().find(|(_, &g)| g > c || g == 0)
        {
            Some(trf!(
                "{field}: node {node} cannot have {given} CPUs; each node has 1 to the {cpus} CPUs per NUMA node",
                field = field,
                node = node,
                given = g,
                cpus = c
            ))
        } else {
            node_cpus[..given.len()].copy_from_slice(&given);
            if node_cpus.iter().all(|&g| g < c) {
                Some(trf!(
                    "{field} gives no node of {cpus} CPUs: CPUs per NUMA node is the largest node's",
                    field = field,
                    cpus = c
                ))
            } else if let Some((node, g, t)) = self.threads_per_core.and_then(|t| {
                let (node, &g) = node_cpus
                    .iter()
                    .enumerate()
                    .find(|(_, g)| !g.is_multiple_of(t))?;
                Some((node, g, t))
            }) {
                Some(trf!(
                    "{field}: node {node}'s {given} CPUs are not whole cores of {threads} threads",
                    field = field,
                    node = node,
                    given = g,
                    threads = t
                ))
            } else {
                None
            }
        };
        if let Some(message) = problem {
            return Err(FieldError::new(field, message));
        }
        self.node_cpus = node_cpus;
        Ok(self)
    }

    /// A per-node list of `len` entries for `field` names no node the host
    /// lacks.
    fn lists_no_more_nodes(&self, field: Field, len: usize) -> Result<(), FieldError> {
        let n = self.numa_nodes();
        if len > n as usize {
            return Err(FieldError::new(
                field,
                trf!(
                    "{field} lists {len} nodes; the host has {nodes} NUMA nodes",
                    field = field,
                    len = len,
                    nodes = n
                ),
            ));
        }
        Ok(())
    }

    /// The host with these reserved CPUs per node, from node 0. They must
    /// total at least 1 (the static CPU manager's rule), name no node the
    /// host lacks, and leave no node with fewer than none.
    pub fn with_reserved(mut self, reserved: Vec<u32>) -> Result<Host, FieldError> {
        let field = Field::ReservedCpus;
        self.lists_no_more_nodes(field, reserved.len())?;
        let problem = if let Some((node, r, c)) = reserved
            .iter()
            .zip(&self.node_cpus)
            .enumerate()
            .find_map(|(node, (&r, &c))| (r > c).then_some((node, r, c)))
        {
            Some(trf!(
                "{field}: node {node} cannot reserve {reserved} of its {cpus} CPUs",
                field = field,
                node = node,
                reserved = r,
                cpus = c
            ))
        } else if reserved.iter().all(|&r| r == 0) {
            Some(trf!(
                "{field} must total at least 1: the kubelet's static CPU manager always reserves a CPU",
                field = field
            ))
        } else {
            None
        };
        if let Some(message) = problem {
            return Err(FieldError::new(field, message));
        }
        self.reserved = reserved;
        self.reserved_assumed = false;
        Ok(self)
    }

    /// The physical cores the reserved CPUs sit on, per node from node 0
    /// (nodes past the end: the fewest). Needs threads per core; on each
    /// node at least the reserved CPUs / threads rounded up (whole cores),
    /// at most one core per reserved CPU and the node's cores.
    pub fn with_reserved_cores(mut self, cores: Vec<u32>) -> Result<Host, FieldError> {
        let field = Field::ReservedCores;
        let Some(t) = self.threads_per_core else {
            return Err(FieldError::new(
                field,
                trf!("{field} needs threads per core", field = field),
            ));
        };
        self.lists_no_more_nodes(field, cores.len())?;
        let reserved = self.reserved_cpus();
        for (node, &k) in cores.iter().enumerate() {
            let r = reserved[node];
            let (least, most) = (r.div_ceil(t), r.min(self.node_cpus[node] / t));
            if k < least || k > most {
                return Err(FieldError::new(
                    field,
                    trf!(
                        "{field}: node {node}'s {reserved} reserved CPU(s) sit on {least} to {most} cores of {threads} threads; {cores} is not possible",
                        field = field,
                        node = node,
                        reserved = r,
                        least = least,
                        most = most,
                        threads = t,
                        cores = k
                    ),
                ));
            }
        }
        self.reserved_cores = Some(cores);
        Ok(self)
    }

    /// Whether the cores holding reserved CPUs were given.
    pub fn reserved_cores_given(&self) -> bool {
        self.reserved_cores.is_some()
    }

    /// P4: with threads per core known, the CPUs on cores that hold no
    /// reserved thread, which is all full-pcpus-only hands out, and the
    /// cores lost to reserved threads. The reserved CPUs are whole cores
    /// (a count that does not fill its last core loses that core) unless
    /// the cores holding them are given.
    pub fn physical_cpus(&self) -> Option<(u32, u32)> {
        let t = self.threads_per_core?;
        let given = self.reserved_cores.as_deref().unwrap_or(&[]);
        let lost: u32 = self
            .reserved_cpus()
            .iter()
            .enumerate()
            .map(|(i, &r)| given.get(i).copied().unwrap_or(r.div_ceil(t)))
            .sum();
        Some((self.total_cpus() - lost * t, lost))
    }

    /// Free huge pages per node from node 0 (nodes past the end have none).
    pub fn with_free_hugepages(mut self, free: Vec<u32>) -> Result<Host, FieldError> {
        self.lists_no_more_nodes(Field::FreeHugepages, free.len())?;
        self.free_hugepages = Some(free);
        Ok(self)
    }

    /// Free huge pages on each node (one entry per node), when known.
    pub fn free_hugepages(&self) -> Option<Vec<u64>> {
        let free = self.free_hugepages.as_ref()?;
        Some(
            (0..self.node_cpus.len())
                .map(|i| free.get(i).copied().map_or(0, u64::from))
                .collect(),
        )
    }

    /// The Memory Manager policy in effect under the policy the host is
    /// resolved for (`for_policy`); before that, the one given, else none.
    pub fn memory_manager(&self) -> MemoryManager {
        match self.policy {
            Some(p) => self.tuning.memory_manager(p).value,
            None => self.tuning.memory_manager.unwrap_or_default(),
        }
    }

    /// The kubelet's `full-pcpus-only` CPU manager option and the Memory
    /// Manager as given, with the node tuning that implies them per policy.
    pub fn with_tuning(mut self, tuning: KubeletTuning) -> Host {
        self.tuning = tuning;
        self
    }

    pub fn tuning(&self) -> &KubeletTuning {
        &self.tuning
    }

    /// The host as the kubelet runs it under `policy`: its options are then
    /// those the node tuning implies there, unless given. Every check of
    /// one policy reads the host through this.
    pub fn for_policy(&self, policy: Policy) -> Host {
        Host {
            policy: Some(policy),
            ..self.clone()
        }
    }

    /// Whether full-pcpus-only is in effect under any of `policies`.
    pub fn full_pcpus_only_under(&self, policies: &[Policy]) -> bool {
        policies
            .iter()
            .any(|&p| self.tuning.full_pcpus_only(p).value)
    }

    /// The Topology Manager's node limit (`max-allowable-numa-nodes`).
    pub fn with_node_limit(mut self, limit: u32) -> Host {
        self.node_limit = limit.max(1);
        self
    }

    pub fn numa_nodes(&self) -> u32 {
        // At most 1024 nodes (`from_node_cpus`).
        self.node_cpus.len() as u32
    }

    /// Logical CPUs (hardware threads) of the largest NUMA node: the
    /// document's "cores" as the kubelet's CPU manager counts them.
    pub fn cpus_per_node(&self) -> u32 {
        self.node_cpus.iter().copied().max().unwrap_or(0)
    }

    /// Logical CPUs of each NUMA node, node 0 first.
    pub fn node_cpus(&self) -> &[u32] {
        &self.node_cpus
    }

    /// The CPUs of the smallest node: below `cpus_per_node` when they differ.
    pub fn smallest_node_cpus(&self) -> u32 {
        self.node_cpus.iter().copied().min().unwrap_or(0)
    }

    /// Whether the nodes have different CPU counts.
    pub fn is_uneven(&self) -> bool {
        self.smallest_node_cpus() != self.cpus_per_node()
    }

    pub fn threads_per_core(&self) -> Option<u32> {
        self.threads_per_core
    }

    /// The host as bought, when it was given that way.
    pub fn shape(&self) -> Option<&HostShape> {
        self.shape.as_ref()
    }

    /// Records that the host was given as bought (its nodes come from `shape`).
    pub fn with_shape(mut self, shape: HostShape) -> Host {
        self.shape = Some(shape);
        self
    }

    /// All logical CPUs of the host (at most 1024 x 4096, so no overflow).
    pub fn total_cpus(&self) -> u32 {
        self.node_cpus.iter().sum()
    }

    /// Reserved CPUs on each node, node 0 first (one entry per node).
    pub fn reserved_cpus(&self) -> Vec<u32> {
        (0..self.node_cpus.len())
            .map(|i| self.reserved.get(i).copied().unwrap_or(0))
            .collect()
    }

    /// Whether the reserved CPUs are the planner's assumption (1 on node 0).
    pub fn reserved_assumed(&self) -> bool {
        self.reserved_assumed
    }

    /// CPUs pods can get on each node: the node's CPUs less the reserved ones.
    pub fn allocatable_cpus(&self) -> Vec<u32> {
        self.reserved_cpus()
            .into_iter()
            .zip(&self.node_cpus)
            .map(|(r, c)| c - r)
            .collect()
    }

    /// All CPUs pods can get: what the scheduler compares a pod with.
    pub fn total_allocatable(&self) -> u32 {
        self.total_cpus() - self.reserved.iter().sum::<u32>()
    }

    /// U1: the CPUs free for a new pod on each node now (one entry per
    /// node): the allocatable ones less those other pods hold exclusively.
    pub fn free_cpus(&self) -> Vec<u32> {
        let given = self.free_cpus.as_deref().unwrap_or(&[]);
        self.allocatable_cpus()
            .into_iter()
            .enumerate()
            .map(|(i, a)| given.get(i).copied().unwrap_or(a))
            .collect()
    }

    /// All free CPUs: what the scheduler compares a new pod with.
    pub fn total_free(&self) -> u32 {
        self.free_cpus().iter().sum()
    }

    /// Whether the free CPUs per node were given (a host in use).
    pub fn free_cpus_given(&self) -> bool {
        self.free_cpus.is_some()
    }

    /// Whether other pods hold some allocatable CPUs (free CPUs given).
    pub fn in_use(&self) -> bool {
        self.total_free() < self.total_allocatable()
    }

    /// How the checks name the CPUs a pod can get: "allocatable" on an
    /// empty host, "free" on one in use.
    pub fn free_word(&self) -> &'static str {
        if self.in_use() {
            tr("free")
        } else {
            tr("allocatable")
        }
    }

    /// The host with these free CPUs per node, from node 0: at most the
    /// node's allocatable CPUs, and no node the host lacks.
    pub fn with_free_cpus(mut self, free: Vec<u32>) -> Result<Host, FieldError> {
        let field = Field::FreeCpus;
        self.lists_no_more_nodes(field, free.len())?;
        let allocatable = self.allocatable_cpus();
        if let Some((node, f)) = free.iter().enumerate().find(|&(i, &f)| f > allocatable[i]) {
            // Often the reserved CPUs changed after the free ones were
            // read from files: say so, naming the field.
            let (a, reserved_field) = (allocatable[node], Field::ReservedCpus);
            let message = match (self.reserved_cpus()[node], self.reserved_assumed) {
                (0, _) => trf!(
                    "{field}: node {node} has {allocatable} allocatable CPUs; {free} cannot be free",
                    field = field,
                    node = node,
                    allocatable = a,
                    free = f
                ),
                (r, true) => trf!(
                    "{field}: node {node} has {allocatable} allocatable CPUs; {free} cannot be free (the planner assumes {reserved} of its CPUs reserved while {reserved_field} is empty)",
                    field = field,
                    node = node,
                    allocatable = a,
                    free = f,
                    reserved = r,
                    reserved_field = reserved_field
                ),
                (r, false) => trf!(
                    "{field}: node {node} has {allocatable} allocatable CPUs; {free} cannot be free ({reserved_field} reserves {reserved} of its {cpus})",
                    field = field,
                    node = node,
                    allocatable = a,
                    free = f,
                    reserved_field = reserved_field,
                    reserved = r,
                    cpus = self.node_cpus[node]
                ),
            };
            return Err(FieldError::new(field, message));
        }
        self.free_cpus = Some(free);
        Ok(self)
    }

    /// The same host with nothing in use: every allocatable CPU free and
    /// the free huge pages unknown. A cluster judges the node a VM already
    /// runs on so, to place the VM there as it started (its CPUs and pages
    /// are among those in use).
    pub fn without_use(&self) -> Host {
        Host {
            free_cpus: None,
            free_hugepages: None,
            ..self.clone()
        }
    }

    /// The VM's guest cells as it runs here, checked against this host and
    /// the VM by `guest_cells::check`.
    pub fn with_guest_cells(mut self, cells: Vec<GuestCell>) -> Host {
        self.guest_cells = cells;
        self
    }

    pub fn guest_cells(&self) -> &[GuestCell] {
        &self.guest_cells
    }

    /// The most CPUs one node has free for a new pod, and the first node
    /// that has them.
    pub fn largest_free(&self) -> (u32, u32) {
        let mut best = (0, 0);
        for (i, a) in self.free_cpus().into_iter().enumerate() {
            if a > best.1 {
                best = (i as u32, a);
            }
        }
        best
    }

    /// U3: the Topology Manager prefers, for a pod of `p` CPUs, the fewest
    /// nodes whose CPUs, reserved ones included, could hold it: the
    /// kubelet counts each set's CPUs, so on uneven nodes the largest ones
    /// decide (`narrowest_width`). Whether that many nodes (those with the
    /// most allocatable CPUs) hold it with their allocatable CPUs; if not,
    /// every hint the kubelet can give is wider than that, and none is
    /// preferred.
    pub fn narrowest_nodes_hold(&self, p: u32) -> bool {
        let width = self.narrowest_width(p) as usize;
        let mut free = self.free_cpus();
        largest_first(&mut free);
        let held: u64 = free.iter().take(width).map(|&a| u64::from(a)).sum();
        held >= u64::from(p)
    }

    /// The fewest nodes whose CPUs, reserved ones included, add up to `p`
    /// (`ceil(p / c)` on equal nodes); every node when the host is smaller.
    pub fn narrowest_width(&self, p: u32) -> u32 {
        let sizes: Vec<u64> = self.node_cpus.iter().map(|&c| u64::from(c)).collect();
        // More than the host holds: the widest hint, all nodes.
        fewest_reaching(&sizes, u64::from(p)).unwrap_or(self.numa_nodes())
    }

    /// The kubelet's `full-pcpus-only` option in effect under the policy
    /// the host is resolved for (`for_policy`); before that, as given.
    pub fn full_pcpus_only(&self) -> bool {
        match self.policy {
            Some(p) => self.tuning.full_pcpus_only(p).value,
            None => self.tuning.full_pcpus_only.unwrap_or(false),
        }
    }

    pub fn node_limit(&self) -> u32 {
        self.node_limit
    }

    /// Physical cores of the largest node, known only when threads per core
    /// is given.
    pub fn physical_cores_per_node(&self) -> Option<u32> {
        self.threads_per_core.map(|t| self.cpus_per_node() / t)
    }
}
