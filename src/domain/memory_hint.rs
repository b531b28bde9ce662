//! P6: with the Memory Manager Static, the Topology Manager merges the CPU
//! manager's hints with the Memory Manager's under every policy but none. A
//! merged hint is preferred only when both providers prefer the same nodes:
//! the CPUs' preferred width counts a node's CPUs (reserved ones included,
//! U3), the memory's counts a node's huge pages. On an empty host the free
//! pages given per node stand for what each node holds.

use super::host::Host;
use super::number::fewest_reaching;

/// The kubelet enumerates every node set; past the Topology Manager's own
/// default limit the planner does not.
pub const MOST_NODES: u32 = 8;

/// What the merge leaves for a pod of `cpus` CPUs and `pages` huge pages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JointHint {
    /// Both providers prefer these nodes (ascending): the kubelet takes the
    /// narrowest such set, the lowest-numbered among equals.
    Preferred(Vec<u32>),
    /// No node set is preferred by both: the CPUs' preferred width and the
    /// memory's, or the same width with no set holding both.
    NonePreferred { cpu_width: u32, memory_width: u32 },
}

/// `None` when the host has too many nodes to enumerate or cannot hold the
/// pages at all (the host's free pages fall short: M3 says so).
pub fn joint_hint(host: &Host, cpus: u32, pages: u64, free: &[u64]) -> Option<JointHint> {
    let n = host.numa_nodes();
    if n > MOST_NODES {
        return None;
    }
    let cpu_width = host.narrowest_width(cpus);
    // The fewest nodes whose free pages together reach `pages`.
    let memory_width = fewest_reaching(free, pages)?;
    if cpu_width != memory_width {
        return Some(JointHint::NonePreferred {
            cpu_width,
            memory_width,
        });
    }
    let allocatable = host.free_cpus();
    let holds = |set: u32| {
        let on = |i: &u32| set & (1 << i) != 0;
        let c: u64 = (0..n)
            .filter(on)
            .map(|i| u64::from(allocatable[i as usize]))
            .sum();
        let m: u64 = (0..n).filter(on).map(|i| free[i as usize]).sum();
        c >= u64::from(cpus) && m >= pages
    };
    // Sets of `cpu_width` nodes, lowest mask first, as the kubelet ranks
    // equally narrow hints.
    let best = (1u32..1 << n)
        .filter(|set| set.count_ones() == cpu_width)
        .find(|&set| holds(set));
    Some(match best {
        Some(set) => JointHint::Preferred((0..n).filter(|i| set & (1 << i) != 0).collect()),
        None => JointHint::NonePreferred {
            cpu_width,
            memory_width,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn host(nodes: u32, cpus: u32, reserved: Vec<u32>) -> Host {
        Host::new(nodes, cpus, None)
            .unwrap()
            .with_reserved(reserved)
            .unwrap()
    }

    #[test]
    fn memory_that_fits_one_node_beside_cpus_that_need_two_is_never_preferred() {
        let h = host(2, 32, vec![2, 2]);
        assert_eq!(
            joint_hint(&h, 33, 16, &[16, 16]),
            Some(JointHint::NonePreferred {
                cpu_width: 2,
                memory_width: 1
            })
        );
        // Pages that need both nodes agree with the CPUs.
        assert_eq!(
            joint_hint(&h, 33, 24, &[16, 16]),
            Some(JointHint::Preferred(vec![0, 1]))
        );
    }

    #[test]
    fn the_lowest_node_holding_both_wins() {
        let h = host(4, 16, vec![1]);
        assert_eq!(
            joint_hint(&h, 16, 8, &[8, 8, 8, 8]),
            Some(JointHint::Preferred(vec![1]))
        );
        assert_eq!(
            joint_hint(&h, 10, 8, &[4, 4, 8, 8]),
            Some(JointHint::Preferred(vec![2]))
        );
        // Same width, but the node with the CPUs lacks the pages.
        assert_eq!(
            joint_hint(&host(2, 16, vec![1]), 16, 8, &[8, 4]),
            Some(JointHint::NonePreferred {
                cpu_width: 1,
                memory_width: 1
            })
        );
        assert_eq!(joint_hint(&h, 10, 40, &[8, 8, 8, 8]), None);
    }
}
