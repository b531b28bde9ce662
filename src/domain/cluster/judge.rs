//! Every VM's migration to every other node, judged once per distinct
//! case: a target's side depends only on the node and the VM's shape, and
//! a source's side only on the node's shape (empty, `Host::without_use`),
//! its policy and the VM's shape, so a cluster of thousands of VMs of a
//! few shapes needs a few thousand judgments, not millions.

use super::judged::Judged;
use super::Cluster;
use crate::domain::codes::{CheckCode, CheckResult, MigrationVerdict};
use crate::domain::guest_cells::check;
use crate::domain::migration::Migration;
use crate::domain::vm::Vm;
use std::rc::Rc;

/// One possible target of a VM.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    /// Index of the target node in `Cluster::nodes`.
    pub node: usize,
    pub verdict: MigrationVerdict,
    /// The migration's checks that fail or are at risk, in its order.
    pub checks: Rc<[CheckCode]>,
}

/// A migration's verdict and its checks that do not pass.
#[derive(Clone, Debug)]
pub(super) struct Judgment {
    pub verdict: MigrationVerdict,
    pub checks: Rc<[CheckCode]>,
}

impl Judgment {
    pub fn of(migration: &Migration) -> Judgment {
        Judgment {
            verdict: migration.verdict,
            checks: migration
                .checks
                .iter()
                .filter(|c| c.result != CheckResult::Pass)
                .map(|c| c.code)
                .collect(),
        }
    }
}

/// VM `vm` on its node as it started there (`Judge::source`).
fn source_of(cluster: &Cluster, vm: usize) -> Judged {
    let v = &cluster.vms[vm];
    let node = &cluster.nodes[v.node];
    let mut host = node.host.without_use();
    if !v.guest_cells.is_empty() && check(&v.guest_cells, &host, &v.vm).is_ok() {
        host = host.with_guest_cells(v.guest_cells.clone());
    }
    Judged::new(host, v.vm, node.policy)
}

impl Cluster {
    /// VM `vm`'s migration to every other node, judged for this VM alone
    /// (what `Judge::targets` answers from its cache), for a caller that
    /// asks about one VM without keeping the whole cluster's judgments.
    pub fn targets_of(&self, vm: usize) -> Vec<Target> {
        let Some(v) = self.vms.get(vm) else {
            return Vec::new();
        };
        let source = source_of(self, vm);
        self.nodes
            .iter()
            .enumerate()
            .filter(|&(t, _)| t != v.node)
            .map(|(t, node)| {
                let to = Judged::new(node.host_for(&v.vm), v.vm, node.policy);
                let j = Judgment::of(&Migration::between(
                    &source.side(),
                    source.policy,
                    &to.side(),
                    node.policy,
                ));
                Target {
                    node: t,
                    verdict: j.verdict,
                    checks: j.checks,
                }
            })
            .collect()
    }
}

/// The cluster's judgments, computed once (`Cluster::judge`).
pub struct Judge<'c> {
    pub(super) cluster: &'c Cluster,
    /// Each VM's shape, as an index into `shapes`.
    vm_shape: Vec<usize>,
    shapes: Vec<Vm>,
    /// Each node's class: nodes of equal empty host and policy share one.
    node_class: Vec<usize>,
    /// `targets[node][shape]`: the shape on the node as it is now.
    pub(super) targets: Vec<Vec<Judged>>,
    /// `migrations[class * shapes + shape]`: to every node, for the VMs of
    /// that shape on a node of that class (VMs with their own guest cells
    /// are judged alone).
    migrations: Vec<Option<Vec<Judgment>>>,
}

/// The index of `item` in `list`, added when missing.
fn index_of<T: PartialEq>(list: &mut Vec<T>, item: T) -> usize {
    match list.iter().position(|x| *x == item) {
        Some(i) => i,
        None => {
            list.push(item);
            list.len() - 1
        }
    }
}

impl<'c> Judge<'c> {
    pub(super) fn new(cluster: &'c Cluster) -> Judge<'c> {
        let mut shapes = Vec::new();
        let vm_shape: Vec<usize> = cluster
            .vms
            .iter()
            .map(|v| index_of(&mut shapes, v.vm))
            .collect();
        let mut classes = Vec::new();
        let node_class: Vec<usize> = cluster
            .nodes
            .iter()
            .map(|n| index_of(&mut classes, (n.host.without_use(), n.policy)))
            .collect();
        let targets: Vec<Vec<Judged>> = cluster
            .nodes
            .iter()
            .map(|n| {
                shapes
                    .iter()
                    .map(|vm| Judged::new(n.host_for(vm), *vm, n.policy))
                    .collect()
            })
            .collect();
        let mut judge = Judge {
            cluster,
            vm_shape,
            shapes,
            node_class,
            targets,
            migrations: Vec::new(),
        };
        judge.migrations = vec![None; classes.len() * judge.shapes.len()];
        for (i, vm) in cluster.vms.iter().enumerate() {
            let key = judge.key(i);
            if vm.guest_cells.is_empty() && judge.migrations[key].is_none() {
                let source = judge.source(i);
                let all = (0..cluster.nodes.len())
                    .map(|t| judge.judgment(&source, t, judge.vm_shape[i]))
                    .collect();
                judge.migrations[key] = Some(all);
            }
        }
        judge
    }

    fn key(&self, vm: usize) -> usize {
        let node = self.cluster.vms[vm].node;
        self.node_class[node] * self.shapes.len() + self.vm_shape[vm]
    }

    /// The VM on its node as it started there: the node empty, with the
    /// VM's guest cells when they are known and fit.
    pub(super) fn source(&self, vm: usize) -> Judged {
        source_of(self.cluster, vm)
    }

    fn judgment(&self, source: &Judged, target: usize, shape: usize) -> Judgment {
        let to = &self.targets[target][shape];
        let migration = Migration::between(
            &source.side(),
            source.policy,
            &to.side(),
            self.cluster.nodes[target].policy,
        );
        Judgment::of(&migration)
    }

    /// The VM's shape's judgment on `target` as the node is now.
    pub(super) fn target_side(&self, vm: usize, target: usize) -> &Judged {
        &self.targets[target][self.vm_shape[vm]]
    }

    /// The migration of VM `vm` to every other node, in the nodes' order.
    pub fn targets(&self, vm: usize) -> Vec<Target> {
        let own = self.cluster.vms[vm].node;
        let computed: Vec<Judgment>;
        let all: &[Judgment] = match &self.migrations[self.key(vm)] {
            Some(all) => all,
            None => {
                let source = self.source(vm);
                computed = (0..self.cluster.nodes.len())
                    .map(|t| self.judgment(&source, t, self.vm_shape[vm]))
                    .collect();
                &computed
            }
        };
        all.iter()
            .enumerate()
            .filter(|&(t, _)| t != own)
            .map(|(t, j)| Target {
                node: t,
                verdict: j.verdict,
                checks: j.checks.clone(),
            })
            .collect()
    }

    /// The cached migration verdict of VM `vm` to the unchanged `target`.
    pub(super) fn verdict(&self, vm: usize, source: &Judged, target: usize) -> MigrationVerdict {
        match &self.migrations[self.key(vm)] {
            Some(all) => all[target].verdict,
            None => self.judgment(source, target, self.vm_shape[vm]).verdict,
        }
    }
}
