//! The vCPU counts that work on this host, per policy: what an architect
//! asks before any particular VM ("which sizes can we offer?").

use super::codes::{MemoryManager, Policy, SizeClass, Verdict};
use super::field::Field;
use super::host::Host;
use super::memory_hint::{joint_hint, MOST_NODES};
use super::number::largest_first;
use super::outcome::CellOutcome;
use super::placement::Placement;
use super::scenario::Scenario;
use super::verdict::PolicyVerdict;
use super::vm::VcpuSpec;
use crate::i18n::tr;
use crate::trf;

/// The vCPU counts whose verdict under `policy` would be `works` on this
/// host, the VM's other settings held (emulator thread, parity, IO threads,
/// guest threads per core, placement, memory or memory per vCPU, the node
/// tuning), as inclusive ranges. Counts past the host's CPUs cannot run, so
/// the search stops there.
pub fn works_for_vcpus(scenario: &Scenario, policy: Policy) -> Vec<(u32, u32)> {
    // Judging every count takes a whole verdict each: far too slow on big
    // hosts. But with the rest held, the verdict reads the count v only
    // through its size class (which also says whether v fits a node) and
    // the pod's CPUs p (the emulator and IO threads and the parity act only
    // there). The checks read p only through: p against the host's
    // allocatable (three answers: at them exactly, the pod has no room for
    // the launcher's other containers); p mod threads per core (SMT
    // alignment); whether the narrowest nodes hold p (restricted's preferred
    // hint); whether p fits the CPUs on cores free of reserved threads
    // (full-pcpus-only); the node sets the Memory Manager's and the CPUs'
    // hints both prefer; and the placement, as the nodes it uses, which of
    // them hold guest cells with how many pages, whether it is certain and
    // the candidate nodes. Counts with the same key thus get the same
    // verdict, and the real verdict runs once per key and SMT residue.
    // The node tuning's options as they are under this policy.
    let host = &scenario.host.for_policy(policy);
    let vm = &scenario.vm;
    let allocatable = host.total_free();
    let physical = host.physical_cpus().map_or(u32::MAX, |(free, _)| free);
    let last = host.total_cpus().min(Field::Vcpus.bounds().1);
    let threads = match host.threads_per_core() {
        Some(t) if host.full_pcpus_only() => t,
        _ => 1,
    };
    let steering = match (host.memory_manager(), policy) {
        (MemoryManager::Static, Policy::Restricted | Policy::BestEffort) => host.free_hugepages(),
        _ => None,
    };
    let (c, total) = (host.cpus_per_node(), u128::from(host.total_cpus()));
    let narrowest = Narrowest::new(host);
    // Past the nodes the planner enumerates, a pod with one vCPU per CPU
    // is placed on one node or spread largest first, so its placement is
    // read through counts kept as p grows; otherwise from the placement.
    let guest_threads = match vm.spec() {
        VcpuSpec::Topology { threads, .. } => threads,
        VcpuSpec::Count(_) => 1,
    };
    let mut counted = (host.numa_nodes() > MOST_NODES
        && guest_threads == 1
        && !vm.isolate_emulator_thread()
        && vm.io_threads() == 0)
        .then(|| Spread::new(host));
    let mut key = None;
    let mut seen: Vec<(u32, bool)> = Vec::new();
    let mut trial = scenario.clone();
    let mut ranges: Vec<(u32, u32)> = Vec::new();
    for v in 1..=last {
        let Some(resized) = vm.with_vcpus(v) else {
            continue;
        };
        trial.vm = resized;
        let p = trial.vm.pod_cpus();
        let class = SizeClass::against(v.into(), c.into(), total);
        // Memory per vCPU: the pages change with every count.
        let pages = vm.memory_per_vcpu().and(trial.vm.memory_bytes());
        let room = p.cmp(&allocatable);
        let narrow = narrowest.holds(p);
        let cores = p <= physical;
        let joint = steering
            .as_ref()
            .zip(trial.vm.hugepages())
            .map(|(free, pages)| joint_hint(host, p, pages, free));
        let placed = match counted.as_mut() {
            Some(spread) => Placed::Counted(spread.grow(p, trial.vm.hugepages())),
            None => Placed::Nodes(Placement::new(host, &trial.vm, policy).map(|placement| {
                let cells = placement
                    .nodes
                    .iter()
                    .map(|share| (share.node, share.vcpus > 0, share.pages))
                    .collect();
                (cells, placement.certain, placement.candidates)
            })),
        };
        let now = (class, room, narrow, cores, joint, placed, pages);
        if key.as_ref() != Some(&now) {
            key = Some(now);
            seen.clear();
        }
        let works = match seen.iter().find(|s| s.0 == p % threads) {
            Some(&(_, works)) => works,
            None => {
                let status = CellOutcome::for_vm(vm, class, policy).status;
                let works = PolicyVerdict::new(&trial, policy, status).verdict == Verdict::Works;
                seen.push((p % threads, works));
                works
            }
        };
        if !works {
            continue;
        }
        match ranges.last_mut() {
            Some((_, end)) if *end + 1 == v => *end = v,
            _ => ranges.push((v, v)),
        }
    }
    ranges
}

/// What the verdict reads of the placement for one count.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Placed {
    /// The nodes used, whether each holds a guest cell and its pages,
    /// whether the placement is certain, the candidate nodes.
    Nodes(Option<PlacedNodes>),
    /// The nodes with room for the whole pod, the fewest and most pages
    /// of a spread's cells, and whether it takes every node (see `Spread`).
    Counted((u32, Option<(u64, u64)>, bool)),
}

type PlacedNodes = (Vec<(u32, bool, Option<u64>)>, bool, Vec<u32>);

/// The placement of a pod with one vCPU per CPU on a host past the nodes
/// the planner enumerates, as p grows: it goes on one of the nodes with p
/// or more allocatable CPUs (a set fixed by its size, as it only shrinks),
/// or spread over the fewest nodes, largest first, each then holding a
/// guest cell. The memory checks read the spread only through its cells'
/// pages (the fewest and the most) and whether it takes every node (the
/// placement is then certain).
struct Spread {
    /// at_least[s]: the nodes with s or more allocatable CPUs.
    at_least: Vec<u32>,
    nodes: u32,
    /// The spread so far: k nodes, `sum` CPUs, the next one of `size`.
    size: u32,
    k: u32,
    sum: u32,
}

impl Spread {
    fn new(host: &Host) -> Spread {
        let c = host.cpus_per_node();
        let mut at_least = vec![0u32; c as usize + 2];
        for a in host.free_cpus() {
            at_least[a as usize] += 1;
        }
        for s in (0..=c as usize).rev() {
            at_least[s] += at_least[s + 1];
        }
        Spread {
            at_least,
            nodes: host.numa_nodes(),
            size: c,
            k: 0,
            sum: 0,
        }
    }

    /// For a pod of `p` CPUs, never fewer than the last one's, and its
    /// huge pages when known.
    fn grow(&mut self, p: u32, pages: Option<u64>) -> (u32, Option<(u64, u64)>, bool) {
        while self.sum < p && self.size > 0 {
            if self.at_least[self.size as usize] > self.k {
                (self.sum, self.k) = (self.sum + self.size, self.k + 1);
            } else {
                self.size -= 1;
            }
        }
        let fits = self.at_least.get(p as usize).copied().unwrap_or(0);
        let cells = u64::from(self.k.max(1));
        let split = pages.map(|g| (g / cells, g.div_ceil(cells)));
        (fits, split, self.k == self.nodes)
    }
}

/// U3 for every p: the fewest nodes whose CPUs hold p (the largest
/// first), and whether that many nodes hold it with their allocatable CPUs.
struct Narrowest {
    /// Sums of the largest nodes' CPUs, and of the most allocatable ones.
    cpus: Vec<u64>,
    allocatable: Vec<u64>,
}

impl Narrowest {
    fn new(host: &Host) -> Narrowest {
        let sums = |mut v: Vec<u32>| {
            largest_first(&mut v);
            v.iter()
                .scan(0u64, |sum, &x| {
                    *sum += u64::from(x);
                    Some(*sum)
                })
                .collect()
        };
        Narrowest {
            cpus: sums(host.node_cpus().to_vec()),
            allocatable: sums(host.free_cpus()),
        }
    }

    /// `Host::narrowest_nodes_hold`, in O(log nodes).
    fn holds(&self, p: u32) -> bool {
        let p = u64::from(p);
        let width = self
            .cpus
            .partition_point(|&s| s < p)
            .min(self.cpus.len() - 1);
        self.allocatable[width] >= p
    }
}

/// Ranges as people write them: "1-15, 33-63", or "none". Three or more
/// single counts a step apart read as one run ("odd counts 1-63", "3-63 in
/// steps of 4"): full-pcpus-only can make every other count work.
pub fn ranges_text(ranges: &[(u32, u32)]) -> String {
    let mut parts = Vec::new();
    let mut i = 0;
    while i < ranges.len() {
        let (lo, hi) = ranges[i];
        // The singles from i on, each `step` past the one before.
        let step = ranges.get(i + 1).map_or(0, |r| r.0.wrapping_sub(lo));
        let run = ranges[i..]
            .iter()
            .enumerate()
            .take_while(|&(j, r)| r.0 == r.1 && r.0.wrapping_sub(lo) == step.wrapping_mul(j as u32))
            .count();
        if step < 2 || run < 3 {
            parts.push(join_ranges(&[(lo, hi)], ""));
            i += 1;
            continue;
        }
        let end = ranges[i + run - 1].0;
        parts.push(match (step, lo % 2) {
            (2, 1) => trf!("odd counts {lo}-{hi}", lo = lo, hi = end),
            (2, _) => trf!("even counts {lo}-{hi}", lo = lo, hi = end),
            _ => trf!(
                "{lo}-{hi} in steps of {step}",
                lo = lo,
                hi = end,
                step = step
            ),
        });
        i += run;
    }
    if parts.is_empty() {
        return tr("none").to_string();
    }
    parts.join(", ")
}

/// Inclusive ranges as `lo-hi` (or `lo` alone), joined by `separator`:
/// Linux CPU lists use ",", sentences ", ".
pub fn join_ranges(ranges: &[(u32, u32)], separator: &str) -> String {
    ranges
        .iter()
        .map(|&(lo, hi)| {
            if lo == hi {
                lo.to_string()
            } else {
                format!("{lo}-{hi}")
            }
        })
        .collect::<Vec<_>>()
        .join(separator)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `step`-th count from `lo` to `hi`, one range each.
    fn every(lo: u32, hi: u32, step: usize) -> Vec<(u32, u32)> {
        (lo..=hi).step_by(step).map(|v| (v, v)).collect()
    }

    #[test]
    fn runs_of_single_counts_read_as_one() {
        assert_eq!(ranges_text(&[]), "none");
        assert_eq!(ranges_text(&[(1, 15), (33, 63)]), "1-15, 33-63");
        assert_eq!(ranges_text(&every(1, 63, 2)), "odd counts 1-63");
        assert_eq!(ranges_text(&every(2, 64, 2)), "even counts 2-64");
        assert_eq!(ranges_text(&every(3, 63, 4)), "3-63 in steps of 4");
        assert_eq!(ranges_text(&every(2, 6, 2)), "even counts 2-6");
        // Two singles are no run; nor are counts one apart.
        assert_eq!(ranges_text(&[(1, 1), (3, 3)]), "1, 3");
        assert_eq!(ranges_text(&[(1, 1), (2, 2), (3, 3)]), "1, 2, 3");
        // A run stops at a range, or where the step changes.
        let mut mixed = vec![(1, 4)];
        mixed.extend(every(7, 11, 2));
        mixed.extend([(14, 14), (17, 17), (20, 20), (22, 30), (40, 40)]);
        assert_eq!(
            ranges_text(&mixed),
            "1-4, odd counts 7-11, 14-20 in steps of 3, 22-30, 40"
        );
        let mut two = every(1, 9, 2);
        two.extend(every(13, 21, 4));
        assert_eq!(ranges_text(&two), "odd counts 1-9, 13-21 in steps of 4");
        // Linux CPU lists are written out whole.
        assert_eq!(join_ranges(&every(0, 4, 2), ","), "0,2,4");
    }
}
