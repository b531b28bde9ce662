//! Capacity per instance type and node pool.

use super::Cluster;
use crate::domain::vm::Vm;

/// One instance type in one pool.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PoolFit {
    /// The pool's name (`ClusterNode::pool_key`).
    pub pool: String,
    /// How many nodes the pool has, and on how many an empty node runs
    /// one VM of the type.
    pub nodes: usize,
    pub fits_empty: usize,
    /// How many more the pool's nodes admit now (`Cluster::capacity`).
    pub count: u64,
}

/// One instance type across the pools.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InstancetypeFit {
    pub name: String,
    pub vm: Vm,
    pub pools: Vec<PoolFit>,
}

impl Cluster {
    /// The pools, each with its nodes' indices, in the order of their
    /// first node.
    pub fn pools(&self) -> Vec<(String, Vec<usize>)> {
        let mut pools: Vec<(String, Vec<usize>)> = Vec::new();
        for (i, node) in self.nodes.iter().enumerate() {
            let key = node.pool_key();
            match pools.iter_mut().find(|(k, _)| *k == key) {
                Some((_, nodes)) => nodes.push(i),
                None => pools.push((key, vec![i])),
            }
        }
        pools
    }

    /// For each instance type (its name and VM shape): per pool, on how many
    /// of its nodes it would run at all (empty), and how many more the
    /// pool admits now.
    pub fn instancetype_fits(&self, types: &[(String, Vm)]) -> Vec<InstancetypeFit> {
        let pools = self.pools();
        types
            .iter()
            .map(|(name, vm)| {
                let capacity = self.capacity(vm);
                InstancetypeFit {
                    name: name.clone(),
                    vm: *vm,
                    pools: pools
                        .iter()
                        .map(|(pool, nodes)| PoolFit {
                            pool: pool.clone(),
                            nodes: nodes.len(),
                            fits_empty: nodes
                                .iter()
                                .filter(|&&n| super::capacity::fits(&self.nodes[n], vm))
                                .count(),
                            count: nodes
                                .iter()
                                .map(|&n| u64::from(capacity.per_node[n].count))
                                .sum(),
                        })
                        .collect(),
                }
            })
            .collect()
    }
}
