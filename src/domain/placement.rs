//! Where the VM's pod lands on an empty host under each policy, and how
//! KubeVirt spreads the guest's memory over those nodes.

use super::codes::{MemoryManager, Policy};
use super::host::Host;
use super::memory_hint::{joint_hint, JointHint, MOST_NODES};
use super::vm::VcpuSpec;
use super::vm::Vm;

/// One host node the VM uses: its CPUs there and, when the memory is known,
/// the huge pages of the guest NUMA cell bound to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NodeShare {
    pub node: u32,
    /// The pod's CPUs on this node.
    pub cpus: u32,
    /// The guest's vCPUs among them; a node with none holds only the
    /// emulator's or IO threads' CPUs and no guest cell.
    pub vcpus: u32,
    /// The huge pages of the guest cell bound here (0 without a cell).
    pub pages: Option<u64>,
}

/// The planner's placement of the VM's pod.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Placement {
    /// The nodes holding the pod's CPUs, ascending; those holding vCPUs
    /// are the guest's NUMA cells (`cells`).
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
        let allocatable = host.free_cpus();
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
        // X6: under none there is no hint, and on a host in use the CPU
        // manager packs the pod from the fullest node up, even a pod that
        // another node would hold. (On an empty host the planner does not
        // call that node certain: which node is fullest depends on what
        // runs there.)
        let unhinted = (policy == Policy::None && host.free_cpus_given())
            .then(|| hint_set(host, p, policy))
            .flatten();
        let (chosen, by_kubelet) = match (&steered, &unhinted, candidates.first()) {
            (Some(set), ..) | (None, Some(set), _) => (pack(host, set, p), true),
            (None, None, Some(&node)) => (vec![(node, p)], false),
            (None, None, None) if policy == Policy::SingleNumaNode => return None,
            (None, None, None) => match hint_set(host, p, policy) {
                Some(set) => (pack(host, &set, p), true),
                None => (spread(&allocatable, p), false),
            },
        };
        if steered.is_some() && chosen.len() == 1 {
            candidates = vec![chosen[0].0];
        }
        let (vcpus, fitted) = guest_vcpus(&chosen, vm);
        let all_nodes = chosen.len() == allocatable.len();
        // P8: the kubelet's order is followed at the level of NUMA nodes;
        // with more than 2 nodes and sockets unknown, whole sockets may be
        // taken first.
        let order_known = host.numa_nodes() <= 2
            || host
                .shape()
                .is_some_and(|shape| shape.nodes_per_socket == 1);
        let certain = if steered.is_some() {
            true
        } else if unhinted.is_some() {
            fitted && order_known
        } else if chosen.len() == 1 {
            candidates.len() == 1 || static_single
        } else {
            fitted && (all_nodes || (by_kubelet && order_known))
        };
        if unhinted.is_some() && chosen.len() == 1 && certain {
            candidates = vec![chosen[0].0];
        }
        let cells = vcpus.iter().filter(|&&v| v > 0).count();
        let mut cell_pages = cell_pages(pages, cells).into_iter();
        Some(Placement {
            nodes: chosen
                .iter()
                .zip(vcpus)
                .map(|(&(node, cpus), vcpus)| NodeShare {
                    node,
                    cpus,
                    vcpus,
                    pages: if vcpus > 0 {
                        cell_pages.next().flatten()
                    } else {
                        pages.map(|_| 0)
                    },
                })
                .collect(),
            certain,
            candidates: if chosen.len() == 1 {
                candidates
            } else {
                Vec::new()
            },
        })
    }

    /// The nodes holding the guest's vCPUs, each one guest NUMA cell.
    pub fn cells(&self) -> impl Iterator<Item = &NodeShare> {
        self.nodes.iter().filter(|share| share.vcpus > 0)
    }
}

/// The node set the Topology Manager's CPU hint gives a pod no node holds,
/// under restricted and best-effort: the narrowest that holds it, the
/// lowest-numbered among equals. Under none there is no hint: all nodes.
/// `None` past the nodes the planner enumerates.
fn hint_set(host: &Host, p: u32, policy: Policy) -> Option<Vec<u32>> {
    let n = host.numa_nodes();
    if n > MOST_NODES {
        return None;
    }
    if policy == Policy::None {
        return Some((0..n).collect());
    }
    let allocatable = host.free_cpus();
    let holds = |set: u32| {
        (0..n)
            .filter(|i| set & (1 << i) != 0)
            .map(|i| u64::from(allocatable[i as usize]))
            .sum::<u64>()
            >= u64::from(p)
    };
    (host.narrowest_width(p)..=n).find_map(|width| {
        (1u32..1 << n)
            .find(|&set| set.count_ones() == width && holds(set))
            .map(|set| (0..n).filter(|i| set & (1 << i) != 0).collect())
    })
}

/// P8: how the kubelet's CPU manager packs `p` CPUs into the nodes of
/// `set`: first every whole free node the pod still needs all of, then the
/// rest from the nodes with the fewest free CPUs first (lower ids among
/// equals). Returns the nodes used, ascending.
fn pack(host: &Host, set: &[u32], p: u32) -> Vec<(u32, u32)> {
    let free = host.free_cpus();
    let total = host.node_cpus();
    // Fewest free first, lower ids among equals: one key per node.
    let mut keys: Vec<u64> = set
        .iter()
        .map(|&i| u64::from(free[i as usize]) << 32 | u64::from(i))
        .collect();
    keys.sort_unstable();
    let order: Vec<u32> = keys.iter().map(|&k| k as u32).collect();
    let mut taken = vec![0u32; free.len()];
    let mut need = p;
    for &i in &order {
        let f = free[i as usize];
        if f == total[i as usize] && need >= f {
            taken[i as usize] = f;
            need -= f;
        }
    }
    for &i in &order {
        if taken[i as usize] == 0 {
            let t = free[i as usize].min(need);
            taken[i as usize] = t;
            need -= t;
        }
    }
    // `set` is ascending.
    set.iter()
        .map(|&i| (i, taken[i as usize]))
        .filter(|&(_, t)| t > 0)
        .collect()
}

/// P7: which of the pod's CPUs hold vCPUs. With guest NUMA passthrough
/// KubeVirt pins whole guest cores node by node (lowest node first), each
/// within one host node, before the emulator and IO threads take what is
/// left; a node with fewer CPUs than a guest core holds none. Also whether
/// every guest core fit so (otherwise the rest are spread as they fit, and
/// the placement is not certain).
fn guest_vcpus(chosen: &[(u32, u32)], vm: &Vm) -> (Vec<u32>, bool) {
    let threads = match vm.spec() {
        VcpuSpec::Topology { threads, .. } => threads.max(1),
        VcpuSpec::Count(_) => 1,
    };
    let mut cores = vm.vcpus() / threads;
    let mut vcpus: Vec<u32> = chosen
        .iter()
        .map(|&(_, cpus)| {
            let c = (cpus / threads).min(cores);
            cores -= c;
            c * threads
        })
        .collect();
    let fitted = cores == 0;
    let mut left = cores * threads;
    for (v, &(_, cpus)) in vcpus.iter_mut().zip(chosen) {
        let t = (cpus - *v).min(left);
        *v += t;
        left -= t;
    }
    (vcpus, fitted)
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
