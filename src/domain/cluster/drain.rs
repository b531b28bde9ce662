//! Draining a node: every VM on it live-migrates away at the same time.

use super::judge::Judge;
use super::judged::Judged;
use super::node::ClusterNode;
use crate::domain::codes::MigrationVerdict;
use crate::domain::migration::Migration;
use crate::domain::placement::NodeShare;
use std::cmp::Reverse;

/// Where one VM of a drained node goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Placed {
    /// Index of the VM in `Cluster::vms`.
    pub vm: usize,
    /// Index of the node it goes to.
    pub node: usize,
    /// `migrates`, or `at-risk` when no node took it for certain.
    pub verdict: MigrationVerdict,
    /// Where its pod lands on that node (its CPUs and pages per NUMA node).
    pub shares: Vec<NodeShare>,
}

/// The answer for one node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Drain {
    /// Index of the drained node.
    pub node: usize,
    /// Every VM found a node where it migrates, counting what the VMs
    /// placed before it took.
    pub ok: bool,
    pub placed: Vec<Placed>,
    /// The VMs (indices) the greedy order found no node for.
    pub unplaced: Vec<usize>,
}

impl Judge<'_> {
    /// Drains `node` greedily: its VMs from the largest pod (most CPUs,
    /// then most huge pages, then by name) down, each to the first node in
    /// the cluster's order where it migrates (else the first where it is at
    /// risk), with that node's free CPUs and pages per NUMA node reduced by
    /// what the VM takes there before the next VM is judged. A VM left
    /// unplaced means this order found no room, not that no packing exists.
    pub fn drain(&self, node: usize) -> Drain {
        let cluster = self.cluster;
        let mut vms: Vec<usize> = (0..cluster.vms.len())
            .filter(|&i| cluster.vms[i].node == node)
            .collect();
        vms.sort_by_key(|&i| {
            let vm = &cluster.vms[i].vm;
            (
                Reverse(vm.pod_cpus()),
                Reverse(vm.hugepages().unwrap_or(0)),
                cluster.vms[i].full_name(),
            )
        });
        // The nodes that took VMs, as they are after that, by index.
        let mut changed: Vec<Option<ClusterNode>> = vec![None; cluster.nodes.len()];
        let (mut placed, mut unplaced) = (Vec::new(), Vec::new());
        for i in vms {
            let vm = cluster.vms[i].vm;
            let source = self.source(i);
            // The node chosen, its verdict, and its side when the node
            // changed (an unchanged node's side is the judge's).
            let mut chosen: Option<(usize, MigrationVerdict, Option<Judged>)> = None;
            for t in (0..cluster.nodes.len()).filter(|&t| t != node) {
                let (verdict, side) = match &changed[t] {
                    None => (self.verdict(i, &source, t), None),
                    Some(now) => {
                        let side = Judged::new(now.host_for(&vm), vm, now.policy);
                        let m = Migration::between(
                            &source.side(),
                            source.policy,
                            &side.side(),
                            now.policy,
                        );
                        (m.verdict, Some(side))
                    }
                };
                let better = matches!(
                    (&chosen, verdict),
                    (_, MigrationVerdict::Migrates) | (None, MigrationVerdict::AtRisk)
                );
                if better {
                    chosen = Some((t, verdict, side));
                    if verdict == MigrationVerdict::Migrates {
                        break;
                    }
                }
            }
            let Some((t, verdict, side)) = chosen else {
                unplaced.push(i);
                continue;
            };
            let placement = side
                .as_ref()
                .unwrap_or_else(|| self.target_side(i, t))
                .verdict
                .placement
                .clone();
            let shares = placement
                .as_ref()
                .map(|p| p.nodes.clone())
                .unwrap_or_default();
            if let Some(p) = &placement {
                changed[t]
                    .get_or_insert_with(|| cluster.nodes[t].clone())
                    .take(p, &vm);
            }
            placed.push(Placed {
                vm: i,
                node: t,
                verdict,
                shares,
            });
        }
        Drain {
            node,
            ok: unplaced.is_empty()
                && placed
                    .iter()
                    .all(|p| p.verdict == MigrationVerdict::Migrates),
            placed,
            unplaced,
        }
    }
}
