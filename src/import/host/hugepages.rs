//! Huge pages per size and NUMA node, from whichever text gave the best
//! counts: free pages from sysfs, available or allocatable pages from a
//! NodeResourceTopology, configured pages from a PerformanceProfile or
//! sysfs `nr_hugepages`; the kubelet's reserved pages taken off.

use super::kubelet::Sourced;
use super::node::NumaNodeCpus;
use crate::domain::HugepageSize;
use crate::import::origin::Origin;
use crate::import::pages::count;
use crate::import::sorted_map::SortedMap;
use crate::import::ImportError;

/// What a source's counts are, best first: the planner wants free pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Count {
    /// Free now (sysfs `free_hugepages`).
    Free,
    /// Free for pods (NodeResourceTopology `available`).
    Available,
    /// Not reserved, used or not (NodeResourceTopology `allocatable`).
    Allocatable,
    /// Configured at boot, used or not (PerformanceProfile, sysfs `nr_hugepages`).
    Configured,
}

impl Count {
    /// What the read line says after the counts.
    fn caveat(self) -> &'static str {
        match self {
            Count::Free | Count::Available => "",
            Count::Allocatable => {
                ": allocatable, not free: pages VMs already use are counted as free"
            }
            Count::Configured => {
                ": configured, not free: pages VMs already use are counted as free"
            }
        }
    }

    /// Whether the kubelet's reserved pages are already taken off.
    fn after_reservation(self) -> bool {
        matches!(self, Count::Available | Count::Allocatable)
    }
}

/// One source's pages of one size.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub size: HugepageSize,
    pub count: Count,
    /// Pages per node id.
    pub per_node: SortedMap<u32, u64>,
    /// Pages given without a node (PerformanceProfile), and where.
    pub unplaced: Option<Sourced<u64>>,
    /// "sysfs free_hugepages", "PerformanceProfile spec.hugepages.pages".
    pub from: Origin,
    /// Said after the source in the read line ("(nr_hugepages: …)").
    pub detail: String,
}

impl Found {
    pub fn new(size: HugepageSize, count: Count, from: Origin) -> Self {
        Found {
            size,
            count,
            per_node: SortedMap::default(),
            unplaced: None,
            from,
            detail: String::new(),
        }
    }

    /// Adds `pages` on `node`, within the field's bounds, or an error at `at`.
    pub fn add(&mut self, node: u32, pages: u64, at: &str) -> Result<(), ImportError> {
        let slot = self.per_node.entry(node);
        *slot = count(slot.saturating_add(pages), at)?;
        Ok(())
    }
}

/// The counts of `size` in `found`, added (as `count` from `from`) when missing.
pub fn of_size<'a>(
    found: &'a mut Vec<Found>,
    size: HugepageSize,
    count: Count,
    from: &Origin,
) -> &'a mut Found {
    let index = found
        .iter()
        .position(|f| f.size == size)
        .unwrap_or_else(|| {
            found.push(Found::new(size, count, from.clone()));
            found.len() - 1
        });
    &mut found[index]
}

/// Huge pages the kubelet reserves: size, node and pages.
pub type Reservation = (HugepageSize, u32, u64);

/// The kubelet's reserved huge pages, and where from.
pub type ReservedPages = Sourced<Vec<Reservation>>;

/// One size's pages per node.
pub type PerNode = (HugepageSize, Vec<u64>);

/// The huge pages the texts gave: the best counts of each size.
#[derive(Default)]
pub struct Hugepages {
    found: Vec<Found>,
    notes: Vec<String>,
}

impl Hugepages {
    pub fn is_empty(&self) -> bool {
        self.found.is_empty()
    }

    /// Where each size's counts come from.
    pub fn origins(&self) -> Vec<(HugepageSize, Origin)> {
        self.found
            .iter()
            .map(|f| (f.size, f.from.clone()))
            .collect()
    }

    /// Keeps the best counts of each size (the first of equals); notes
    /// the others as ignored.
    pub fn take(&mut self, found: Found) {
        let Some(i) = self.found.iter().position(|f| f.size == found.size) else {
            self.found.push(found);
            return;
        };
        let ignored = if found.count < self.found[i].count {
            std::mem::replace(&mut self.found[i], found)
        } else {
            found
        };
        self.notes.push(format!(
            "{} huge pages from {} ignored: {} gives better counts",
            ignored.size, ignored.from, self.found[i].from
        ));
    }

    /// Takes each size's counts, and read lines about what was left out.
    pub fn take_all(&mut self, found: Vec<Found>, notes: Vec<String>) {
        for f in found {
            self.take(f);
        }
        self.notes.extend(notes);
    }

    /// Each size's pages per node, in the order of `nodes` (by node id
    /// when there are none), with the reserved pages taken off, and the
    /// read lines that say where they came from.
    pub fn place(
        mut self,
        nodes: &[NumaNodeCpus],
        reserved: Option<&ReservedPages>,
    ) -> Result<(Vec<PerNode>, Vec<String>), ImportError> {
        // 2Mi before 1Gi, each size in the order found (a stable split:
        // two sizes need no sort).
        let (mut found, larger): (Vec<Found>, Vec<Found>) = std::mem::take(&mut self.found)
            .into_iter()
            .partition(|f| f.size == HugepageSize::TwoMi);
        found.extend(larger);
        self.found = found;
        let mut lines = Vec::new();
        let mut placed = Vec::new();
        for found in &self.found {
            let ids: Vec<u32> = if nodes.is_empty() {
                let last = found.per_node.last_key().unwrap_or(0);
                (0..=last).collect()
            } else {
                nodes.iter().map(|n| n.id).collect()
            };
            let mut pages: Vec<u64> = ids
                .iter()
                .map(|id| found.per_node.get(id).copied().unwrap_or(0))
                .collect();
            let spread = match &found.unplaced {
                Some(unplaced) => Some(split(&mut pages, unplaced, found, nodes.first())?),
                None => None,
            };
            lines.push(format!(
                "{}{} huge pages per node {} from {}{}{}",
                if found.count.caveat().is_empty() {
                    "free "
                } else {
                    ""
                },
                found.size,
                joined(&pages),
                found.from,
                found.detail,
                found.count.caveat()
            ));
            lines.extend(spread);
            lines.extend(left_out(found, &ids));
            if let Some(reserved) = reserved {
                lines.extend(take_reserved(&mut pages, &ids, found, reserved));
            }
            placed.push((found.size, pages));
        }
        if let Some(reserved) = reserved {
            lines.extend(unused(reserved, &placed));
        }
        lines.append(&mut self.notes);
        Ok((placed, lines))
    }
}

fn joined(pages: &[u64]) -> String {
    let list: Vec<String> = pages.iter().map(u64::to_string).collect();
    list.join(",")
}

/// The read line for pages on nodes the CPU topology does not have.
fn left_out(found: &Found, ids: &[u32]) -> Option<String> {
    let gone: Vec<String> = found
        .per_node
        .iter()
        .filter(|(id, &pages)| pages > 0 && !ids.contains(id))
        .map(|(id, pages)| format!("node {id} = {pages}"))
        .collect();
    (!gone.is_empty()).then(|| {
        format!(
            "{} huge pages on nodes without CPUs left out ({}): a VM's cells sit only on nodes that hold its CPUs",
            found.size,
            gone.join(", ")
        )
    })
}

/// Splits pages given without a node evenly across the nodes, the rest to
/// the first; says so.
fn split(
    pages: &mut [u64],
    unplaced: &Sourced<u64>,
    found: &Found,
    first: Option<&NumaNodeCpus>,
) -> Result<String, ImportError> {
    let total = unplaced.value;
    let Some(first) = first else {
        return Ok(format!(
            "{total} {} huge pages from {} not placed on NUMA nodes: they name no node and there is no CPU topology (lscpu, numactl --hardware or a NodeResourceTopology) to split them over",
            found.size, unplaced.from
        ));
    };
    let n = pages.len() as u64;
    for (i, slot) in pages.iter_mut().enumerate() {
        let share = total / n + if i == 0 { total % n } else { 0 };
        *slot = count(slot.saturating_add(share), unplaced.from.to_string())?;
    }
    Ok(format!(
        "{total} {} huge pages from {} name no node: the kernel spreads them over the nodes at boot; the planner splits them evenly, the rest to node {}",
        found.size, unplaced.from, first.id
    ))
}

/// Takes the kubelet's reserved pages of this size off their nodes, unless
/// the counts already leave them out; says what it did.
fn take_reserved(
    pages: &mut [u64],
    ids: &[u32],
    found: &Found,
    reserved: &ReservedPages,
) -> Option<String> {
    let mine: Vec<(u32, u64)> = reserved
        .value
        .iter()
        .filter(|(size, _, n)| *size == found.size && *n > 0)
        .map(|&(_, node, n)| (node, n))
        .collect();
    if mine.is_empty() {
        return None;
    }
    let list: Vec<String> = mine
        .iter()
        .map(|(node, n)| format!("node {node} = {n}"))
        .collect();
    let head = format!(
        "reserved {} huge pages {} from {}",
        found.size,
        list.join(", "),
        reserved.from
    );
    if found.count.after_reservation() {
        return Some(format!(
            "{head} not taken off: {} already leaves them out",
            found.from
        ));
    }
    let mut missing = Vec::new();
    for (node, n) in mine {
        match ids.iter().position(|&id| id == node) {
            Some(i) => pages[i] = pages[i].saturating_sub(n),
            None => missing.push(format!("node {node}")),
        }
    }
    let mut line = format!("{head} taken off: {} per node", joined(pages));
    if !missing.is_empty() {
        line.push_str(&format!(
            "; {} not among the host's nodes",
            missing.join(", ")
        ));
    }
    Some(line)
}

/// The read lines for reserved pages of sizes no text gives counts of.
fn unused(reserved: &ReservedPages, placed: &[PerNode]) -> Vec<String> {
    HugepageSize::ALL
        .into_iter()
        .filter(|size| {
            reserved.value.iter().any(|(s, _, n)| s == size && *n > 0)
                && placed.iter().all(|(s, _)| s != size)
        })
        .map(|size| {
            format!(
                "reserved {size} huge pages from {} not taken off: no text gives {size} huge pages per node (sysfs, a NodeResourceTopology or a PerformanceProfile)",
                reserved.from
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::CpuList;

    fn found(size: HugepageSize, count: Count, pages: &[(u32, u64)]) -> Found {
        let mut f = Found::new(size, count, Origin::new(format!("{count:?}"), ""));
        for &(node, n) in pages {
            f.add(node, n, "x").unwrap();
        }
        f
    }

    fn nodes(n: u32) -> Vec<NumaNodeCpus> {
        (0..n)
            .map(|id| NumaNodeCpus::new(id, CpuList::parse(&id.to_string()).unwrap()))
            .collect()
    }

    #[test]
    fn the_best_counts_of_each_size_win() {
        let mut h = Hugepages::default();
        h.take(found(HugepageSize::OneGi, Count::Configured, &[(0, 8)]));
        h.take(found(HugepageSize::OneGi, Count::Free, &[(0, 4)]));
        h.take(found(HugepageSize::OneGi, Count::Available, &[(0, 6)]));
        h.take(found(HugepageSize::TwoMi, Count::Free, &[(1, 5)]));
        let (placed, lines) = h.place(&[], None).unwrap();
        assert_eq!(
            placed,
            [
                (HugepageSize::TwoMi, vec![0, 5]),
                (HugepageSize::OneGi, vec![4])
            ]
        );
        assert_eq!(
            lines,
            [
                "free 2Mi huge pages per node 0,5 from Free",
                "free 1Gi huge pages per node 4 from Free",
                "1Gi huge pages from Configured ignored: Free gives better counts",
                "1Gi huge pages from Available ignored: Free gives better counts",
            ]
        );
    }

    #[test]
    fn pages_without_a_node_are_split_evenly() {
        let mut f = found(HugepageSize::OneGi, Count::Configured, &[(1, 2)]);
        f.unplaced = Some(Sourced::new(7, Origin::new("p", "")));
        let mut h = Hugepages::default();
        h.take(f.clone());
        let (placed, lines) = h.place(&nodes(3), None).unwrap();
        assert_eq!(placed[0].1, [3, 4, 2]);
        assert_eq!(
            lines[0],
            "1Gi huge pages per node 3,4,2 from Configured: configured, not free: pages VMs already use are counted as free"
        );
        assert_eq!(
            lines[1],
            "7 1Gi huge pages from p name no node: the kernel spreads them over the nodes at boot; the planner splits them evenly, the rest to node 0"
        );
        let mut h = Hugepages::default();
        h.take(f);
        let (placed, lines) = h.place(&[], None).unwrap();
        assert_eq!(placed[0].1, [0, 2]);
        assert!(lines[1].contains("not placed on NUMA nodes"), "{lines:?}");
    }

    #[test]
    fn reserved_pages_come_off_free_counts_only() {
        let reserved = Sourced::new(
            vec![(HugepageSize::OneGi, 0, 2), (HugepageSize::OneGi, 5, 1)],
            Origin::new("k", ""),
        );
        let mut h = Hugepages::default();
        h.take(found(
            HugepageSize::OneGi,
            Count::Free,
            &[(0, 1), (1, 4), (7, 3)],
        ));
        let (placed, lines) = h.place(&nodes(2), Some(&reserved)).unwrap();
        assert_eq!(placed[0].1, [0, 4]);
        assert_eq!(
            lines,
            [
                "free 1Gi huge pages per node 1,4 from Free",
                "1Gi huge pages on nodes without CPUs left out (node 7 = 3): a VM's cells sit only on nodes that hold its CPUs",
                "reserved 1Gi huge pages node 0 = 2, node 5 = 1 from k taken off: 0,4 per node; node 5 not among the host's nodes",
            ]
        );
        let mut h = Hugepages::default();
        h.take(found(HugepageSize::OneGi, Count::Available, &[(0, 1)]));
        let (placed, lines) = h.place(&nodes(1), Some(&reserved)).unwrap();
        assert_eq!(placed[0].1, [1]);
        assert!(lines[1].ends_with("not taken off: Available already leaves them out"));
    }
}
