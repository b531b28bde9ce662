//! A worker node of a cluster as it is now.

use crate::domain::codes::{HugepageSize, Policy};
use crate::domain::host::Host;
use crate::domain::placement::Placement;
use crate::domain::vm::Vm;

/// One worker: its NUMA shape and what is free on it now (free CPUs per
/// NUMA node in `host`, free huge pages per size and NUMA node), its
/// Topology Manager policy and kubelet tuning (in `host`), and the pool it
/// belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClusterNode {
    pub name: String,
    /// The node's NUMA shape, reserved CPUs, kubelet tuning and free CPUs
    /// per NUMA node (`Host::with_free_cpus`); free huge pages are below,
    /// per size.
    pub host: Host,
    pub policy: Policy,
    /// Where the policy came from ("NodeResourceTopology worker-1
    /// topologyPolicies", or the kubelet's default when nothing said).
    pub policy_from: String,
    /// Free huge pages per size, one count per NUMA node from node 0.
    pub hugepages: Vec<(HugepageSize, Vec<u32>)>,
    /// The node's pool (a MachineConfigPool or node role), when known;
    /// otherwise nodes are grouped by shape and policy (`pool_key`).
    pub pool: Option<String>,
}

impl ClusterNode {
    /// A node with nothing known beyond its host and policy.
    pub fn new(name: impl Into<String>, host: Host, policy: Policy) -> ClusterNode {
        ClusterNode {
            name: name.into(),
            host,
            policy,
            policy_from: String::new(),
            hugepages: Vec::new(),
            pool: None,
        }
    }

    /// The node's host for a VM of this shape: with the free huge pages of
    /// the VM's page size when the VM has memory in huge pages.
    pub fn host_for(&self, vm: &Vm) -> Host {
        let free = vm
            .hugepage_size()
            .filter(|_| vm.memory_bytes().is_some())
            .and_then(|size| self.hugepages.iter().find(|(s, _)| *s == size))
            .map(|(_, pages)| pages.clone());
        match free {
            Some(pages) => self
                .host
                .clone()
                .with_free_hugepages(pages)
                .unwrap_or_else(|_| self.host.clone()),
            None => self.host.clone(),
        }
    }

    /// The free CPUs per NUMA node now.
    pub fn free_cpus(&self) -> Vec<u32> {
        self.host.free_cpus()
    }

    /// The same node after a pod of `vm` took the CPUs and the pages of
    /// `placement` (a placement made on this node).
    pub(super) fn take(&mut self, placement: &Placement, vm: &Vm) {
        let mut free = self.host.free_cpus();
        for share in &placement.nodes {
            if let Some(f) = free.get_mut(share.node as usize) {
                *f = f.saturating_sub(share.cpus);
            }
        }
        if let Ok(host) = self.host.clone().with_free_cpus(free) {
            self.host = host;
        }
        let Some(size) = vm.hugepage_size().filter(|_| vm.memory_bytes().is_some()) else {
            return;
        };
        if let Some((_, pages)) = self.hugepages.iter_mut().find(|(s, _)| *s == size) {
            for share in &placement.nodes {
                let used = u32::try_from(share.pages.unwrap_or(0)).unwrap_or(u32::MAX);
                if let Some(p) = pages.get_mut(share.node as usize) {
                    *p = p.saturating_sub(used);
                }
            }
        }
    }

    /// What groups nodes into pools: the pool's name, else the NUMA shape
    /// and policy ("2 x 32 CPUs, single-numa-node").
    pub fn pool_key(&self) -> String {
        if let Some(pool) = &self.pool {
            return pool.clone();
        }
        let cpus = self.host.node_cpus();
        let shape = if self.host.is_uneven() {
            cpus.iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join("+")
        } else {
            format!("{} x {}", cpus.len(), self.host.cpus_per_node())
        };
        format!("{shape} CPUs, {}", self.policy)
    }
}
