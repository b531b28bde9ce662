//! How many more VMs of one shape the cluster admits now.

use super::judged::Judged;
use super::node::ClusterNode;
use super::Cluster;
use crate::domain::vm::Vm;

/// One node's room for more VMs of a shape.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NodeCapacity {
    /// Index of the node in `Cluster::nodes`.
    pub node: usize,
    pub count: u32,
    /// CPUs those VMs take on each NUMA node (dedicated CPUs only).
    pub taken_cpus: Vec<u32>,
}

/// The room for more VMs of one shape in every node, and in all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Capacity {
    pub vm: Vm,
    pub per_node: Vec<NodeCapacity>,
    pub total: u64,
}

impl Cluster {
    /// How many more VMs of `vm`'s shape each node admits now: VMs are
    /// placed one after another as the single-host planner places one
    /// (under the node's policy, on its free CPUs and pages per NUMA node),
    /// each taking its CPUs and pages before the next is judged, until the
    /// next would not run. A VM on shared CPUs has no NUMA placement: its
    /// count is the node's free CPUs over its pod's CPUs.
    pub fn capacity(&self, vm: &Vm) -> Capacity {
        let per_node: Vec<NodeCapacity> = self
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| node_capacity(i, n, vm))
            .collect();
        Capacity {
            vm: *vm,
            total: per_node.iter().map(|c| u64::from(c.count)).sum(),
            per_node,
        }
    }
}

/// Whether one VM of the shape runs on the node with nothing in use.
pub(super) fn fits(node: &ClusterNode, vm: &Vm) -> bool {
    Judged::new(node.host.without_use(), *vm, node.policy).runs()
}

fn node_capacity(index: usize, node: &ClusterNode, vm: &Vm) -> NodeCapacity {
    let start = node.free_cpus();
    let pod = vm.pod_cpus().max(1);
    if !vm.dedicated_cpus() {
        let runs = Judged::new(node.host_for(vm), *vm, node.policy).runs();
        return NodeCapacity {
            node: index,
            count: if runs {
                node.host.total_free() / pod
            } else {
                0
            },
            taken_cpus: vec![0; start.len()],
        };
    }
    let mut now = node.clone();
    let mut count = 0;
    // Each VM takes at least one CPU, so this many tries is the most.
    let most = node.host.total_free() / pod + 1;
    while count < most {
        let judged = Judged::new(now.host_for(vm), *vm, now.policy);
        let Some(placement) = judged.verdict.placement.as_ref().filter(|_| judged.runs()) else {
            break;
        };
        now.take(placement, vm);
        count += 1;
    }
    let taken_cpus = start
        .iter()
        .zip(now.free_cpus())
        .map(|(before, after)| before.saturating_sub(after))
        .collect();
    NodeCapacity {
        node: index,
        count,
        taken_cpus,
    }
}
