//! Where the VM's pod lands on an empty host under each policy, and how
//! KubeVirt spreads the guest's memory over those nodes.

use super::codes::{MemoryManager, Policy};
use super::host::Host;
use super::memory_hint::{joint_hint, JointHint};
use super::vm::Vm;

/// One host node the VM uses: its CPUs there and, when the memory is known,
/// the huge pages of the guest NUMA cell bound to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NodeShare {
    pub node: u32,
    pub cpus: u32,
    pub pages: Option<u64>,
}

/// The planner's placement of the VM's pod.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Placement {
    /// The nodes holding the VM's CPUs, ascending: one guest cell each.
    pub nodes: Vec<NodeShare>,
    /// True when the kubelet has no other choice on an empty host.
    pub certain: bool,
    /// When the pod fits one node: every node the kubelet may choose.
    pub candidates: Vec<u32>,
}

impl Placement {
    /// `None` when the pod cannot be placed at all (too large for the host,
    /// no room left beside it for the launcher's other containers, or too
    /// large for one node under single-numa-node). A pod restricted rejects
    /// (`restricted-fit`) keeps the placement the checks of its memory read.
    pub fn new(host: &Host, vm: &Vm, policy: Policy) -> Option<Placement> {
        let p = vm.pod_cpus();
        let allocatable = host.allocatable_cpus();
        // Whole CPUs: the console log's request does not fit beside a pod
        // that takes them all (`pod-overhead`).
        if u64::from(p) >= allocatable.iter().map(|&a| u64::from(a)).sum::<u64>() {
            return None;
        }
        let free = host.free_hugepages();
        let pages = vm.hugepages();
        let mut candidates: Vec<u32> = (0..host.numa_nodes())
            .filter(|&i| allocatable[i as usize] >= p)
            .collect();
        let static_single =
            policy == Policy::SingleNumaNode && host.memory_manager() == MemoryManager::Static;
        if let (true, Some(free), Some(pages)) = (static_single, &free, pages) {
            // The Memory Manager's hint: the node must hold the pages too.
            candidates.retain(|&i| free[i as usize] >= pages);
        }
        // P6: under restricted and best-effort the Memory Manager's hint
        // steers the pod to the nodes that both it and the CPUs prefer.
        let steered = match (host.memory_manager(), policy, &free, pages) {
            (
                MemoryManager::Static,
                Policy::Restricted | Policy::BestEffort,
                Some(free),
                Some(pages),
            ) => match joint_hint(host, p, pages, free) {
                Some(JointHint::Preferred(set)) => Some(set),
                _ => None,
            },
            _ => None,
        };
        let chosen: Vec<(u32, u32)> = match (&steered, candidates.first()) {
            (Some(set), _) => fill(&allocatable, set, p),
            (None, Some(&node)) => vec![(node, p)],
            (None, None) if policy == Policy::SingleNumaNode => return None,
            (None, None) => spread(&allocatable, p),
        };
        if steered.is_some() && chosen.len() == 1 {
            candidates = vec![chosen[0].0];
        }
        let certain = if steered.is_some() {
            true
        } else if chosen.len() == 1 {
            candidates.len() == 1 || static_single
        } else {
            chosen.len() == allocatable.len()
        };
        let cells = cell_pages(pages, chosen.len());
        Some(Placement {
            nodes: chosen
                .iter()
                .zip(cells)
                .map(|(&(node, cpus), pages)| NodeShare { node, cpus, pages })
                .collect(),
            certain,
            candidates: if chosen.len() == 1 {
                candidates
            } else {
                Vec::new()
            },
        })
    }
}

/// The fewest nodes that hold `p` CPUs (the largest first, lower ids among
/// equals), in ascending order, each filled in turn. Counts nodes per size
/// instead of sorting: allocatable CPUs are at most 4096.
fn spread(allocatable: &[u32], p: u32) -> Vec<(u32, u32)> {
    let top = allocatable.iter().copied().max().unwrap_or(0) as usize;
    let mut per_size = vec![0u64; top + 1];
    for &a in allocatable {
        per_size[a as usize] += 1;
    }
    // Walk sizes from the largest: take whole groups until the rest fits.
    let (mut sum, mut threshold, mut at_threshold) = (0u64, 0u32, 0u64);
    for size in (1..=top).rev() {
        let group = per_size[size];
        let need = u64::from(p).saturating_sub(sum);
        let take = need.div_ceil(size as u64).min(group);
        sum += take * size as u64;
        (threshold, at_threshold) = (size as u32, take);
        if sum >= u64::from(p) {
            break;
        }
    }
    let mut left = p;
    let mut out = Vec::new();
    for (i, &a) in allocatable.iter().enumerate() {
        let chosen = a > threshold || (a == threshold && at_threshold > 0);
        if a == threshold && chosen {
            at_threshold -= 1;
        }
        if chosen && a > 0 {
            let take = a.min(left);
            left -= take;
            out.push((i as u32, take));
        }
    }
    out
}

/// `p` CPUs over the nodes of `set`, each filled in turn.
fn fill(allocatable: &[u32], set: &[u32], p: u32) -> Vec<(u32, u32)> {
    let mut left = p;
    set.iter()
        .map(|&i| {
            let take = allocatable[i as usize].min(left);
            left -= take;
            (i, take)
        })
        .filter(|&(_, take)| take > 0)
        .collect()
}

/// KubeVirt's split of `pages` over `cells`: whole pages, evenly, the first
/// cells one more when it does not divide.
pub fn cell_pages(pages: Option<u64>, cells: usize) -> Vec<Option<u64>> {
    let k = cells.max(1) as u64;
    (0..cells as u64)
        .map(|j| pages.map(|p| p / k + u64::from(j < p % k)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_split_evenly_the_first_cells_one_more() {
        assert_eq!(cell_pages(Some(9), 2), [Some(5), Some(4)]);
        assert_eq!(cell_pages(Some(32), 3), [Some(11), Some(11), Some(10)]);
        assert_eq!(cell_pages(None, 2), [None, None]);
    }

    #[test]
    fn the_fewest_nodes_largest_first() {
        assert_eq!(spread(&[31, 32], 40), [(0, 31), (1, 9)]);
        assert_eq!(spread(&[16, 16, 16, 16], 40), [(0, 16), (1, 16), (2, 8)]);
        assert_eq!(spread(&[10, 30, 30], 50), [(1, 30), (2, 20)]);
        assert_eq!(spread(&[30, 10, 30, 30], 50), [(0, 30), (2, 20)]);
        assert_eq!(spread(&[5, 10, 5, 5], 18), [(0, 5), (1, 10), (2, 3)]);
    }
}
