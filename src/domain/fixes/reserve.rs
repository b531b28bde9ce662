//! The huge pages to reserve per NUMA node for the VM under one policy:
//! KubeVirt's even split of the guest's pages over its cells (the first
//! cells one page more), on the nodes the planner places them, with one
//! page of headroom per node (QEMU has failed at an exact fit, kubevirt
//! #14854), written as a PerformanceProfile's `hugepages.pages[]`.

use super::pages_yaml;
use crate::domain::codes::{HugepageSize, Policy};
use crate::domain::placement::Placement;
use crate::domain::scenario::Scenario;
use crate::domain::vm::Vm;

/// Pages of headroom per node holding a guest cell: the planner's margin
/// beside an exact fit, not a kubelet or KubeVirt rule.
pub const HEADROOM_PAGES: u64 = 1;

/// One node's pages to reserve.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NodePages {
    pub node: u32,
    /// The guest cell's pages there (on a node the kubelet may choose,
    /// all of them).
    pub cell_pages: u64,
    /// With the headroom.
    pub pages: u64,
}

/// What to reserve for the VM under one policy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reservation {
    pub size: HugepageSize,
    pub nodes: Vec<NodePages>,
    /// The pod may land on any of these nodes (it fits one): each needs
    /// all the pages.
    pub any_of: bool,
    /// The launcher's regular memory beside the pages (P10), in bytes.
    pub overhead_bytes: u64,
    /// The PerformanceProfile snippet.
    pub yaml: String,
}

/// P10: the launcher's memory overhead in OpenShift's published estimate,
/// 0.2% of the guest memory + 218 MiB + 8 MiB per vCPU (graphics and
/// devices not counted): regular memory, not huge pages.
pub fn launcher_overhead_bytes(vm: &Vm) -> Option<u64> {
    const MI: u64 = 1 << 20;
    let memory = vm.memory_bytes()?;
    Some(memory / 500 + 218 * MI + 8 * MI * u64::from(vm.vcpus()))
}

/// The pages to reserve per node for the VM under `policy`, when its
/// memory and page size are known and its pod can be placed.
pub fn reserve_hugepages(scenario: &Scenario, policy: Policy) -> Option<Reservation> {
    let vm = &scenario.vm;
    let (size, total) = (vm.hugepage_size()?, vm.hugepages()?);
    if !vm.dedicated_cpus() {
        return None;
    }
    let host = scenario.host.for_policy(policy);
    let placement = Placement::new(&host, vm, policy)?;
    let any_of = placement.nodes.len() == 1 && placement.candidates.len() > 1;
    let nodes: Vec<NodePages> = if any_of {
        placement
            .candidates
            .iter()
            .map(|&node| NodePages {
                node,
                cell_pages: total,
                pages: total + HEADROOM_PAGES,
            })
            .collect()
    } else {
        placement
            .nodes
            .iter()
            .filter_map(|n| {
                let cell = n.pages.filter(|&p| p > 0)?;
                Some(NodePages {
                    node: n.node,
                    cell_pages: cell,
                    pages: cell + HEADROOM_PAGES,
                })
            })
            .collect()
    };
    if nodes.is_empty() {
        return None;
    }
    let yaml = pages_yaml(size, nodes.iter().map(|n| (n.node, n.pages)));
    Some(Reservation {
        size,
        nodes,
        any_of,
        overhead_bytes: launcher_overhead_bytes(vm)?,
        yaml,
    })
}
