//! The cluster's answer as JSON, serialized from borrowed structs: a
//! cluster of 5,000 VMs has millions of targets, too many for a tree of
//! `serde_json::Value`s.

use super::Answer;
use crate::domain::cluster::{Cluster, Target};
use serde::Serialize;

#[derive(Serialize)]
struct Out<'a> {
    nodes: Vec<Node<'a>>,
    vms: Vec<VmOut<'a>>,
    drain: Vec<DrainOut<'a>>,
    capacity: Option<CapacityOut<'a>>,
    instancetypes: Vec<TypeOut<'a>>,
    unmatched: &'a [String],
    read: &'a [String],
}

#[derive(Serialize)]
struct Pages {
    size: &'static str,
    pages: Vec<u32>,
}

#[derive(Serialize)]
struct Node<'a> {
    name: &'a str,
    policy: &'static str,
    policy_from: &'a str,
    pool: String,
    numa_nodes: u32,
    cpus: &'a [u32],
    free_cpus: Vec<u32>,
    /// Null when no file gave them.
    free_hugepages: Option<Vec<Pages>>,
}

#[derive(Serialize)]
struct TargetOut<'a> {
    node: &'a str,
    verdict: &'static str,
    checks: Vec<&'static str>,
}

#[derive(Serialize)]
struct VmOut<'a> {
    name: &'a str,
    namespace: &'a str,
    node: &'a str,
    vcpus: u32,
    pod_cpus: u32,
    targets: Vec<TargetOut<'a>>,
}

#[derive(Serialize)]
struct PlacedOut<'a> {
    vm: String,
    node: &'a str,
    verdict: &'static str,
}

#[derive(Serialize)]
struct DrainOut<'a> {
    node: &'a str,
    ok: bool,
    placed: Vec<PlacedOut<'a>>,
    unplaced: Vec<String>,
}

#[derive(Serialize)]
struct CountOut<'a> {
    node: &'a str,
    count: u32,
}

#[derive(Serialize)]
struct CapacityOut<'a> {
    vcpus: u32,
    pod_cpus: u32,
    per_node: Vec<CountOut<'a>>,
    total: u64,
}

#[derive(Serialize)]
struct PoolOut<'a> {
    pool: &'a str,
    nodes: usize,
    fits_empty: usize,
    count: u64,
}

#[derive(Serialize)]
struct TypeOut<'a> {
    name: &'a str,
    vcpus: u32,
    pools: Vec<PoolOut<'a>>,
}

fn targets<'a>(c: &'a Cluster, targets: &[Target]) -> Vec<TargetOut<'a>> {
    targets
        .iter()
        .map(|t| TargetOut {
            node: &c.nodes[t.node].name,
            verdict: t.verdict.code(),
            checks: t.checks.iter().map(|k| k.code()).collect(),
        })
        .collect()
}

/// The answer as one line of JSON.
pub fn answer(a: &Answer) -> String {
    let c = &a.cluster;
    let out = Out {
        nodes: c
            .nodes
            .iter()
            .map(|n| Node {
                name: &n.name,
                policy: n.policy.code(),
                policy_from: &n.policy_from,
                pool: n.pool_key(),
                numa_nodes: n.host.numa_nodes(),
                cpus: n.host.node_cpus(),
                free_cpus: n.free_cpus(),
                free_hugepages: (!n.hugepages.is_empty()).then(|| {
                    n.hugepages
                        .iter()
                        .map(|(size, pages)| Pages {
                            size: size.code(),
                            pages: pages.clone(),
                        })
                        .collect()
                }),
            })
            .collect(),
        vms: c
            .vms
            .iter()
            .zip(&a.targets)
            .map(|(v, t)| VmOut {
                name: &v.name,
                namespace: &v.namespace,
                node: &c.nodes[v.node].name,
                vcpus: v.vm.vcpus(),
                pod_cpus: v.vm.pod_cpus(),
                targets: targets(c, t),
            })
            .collect(),
        drain: a
            .drains
            .iter()
            .map(|d| DrainOut {
                node: &c.nodes[d.node].name,
                ok: d.ok,
                placed: d
                    .placed
                    .iter()
                    .map(|p| PlacedOut {
                        vm: c.vms[p.vm].full_name(),
                        node: &c.nodes[p.node].name,
                        verdict: p.verdict.code(),
                    })
                    .collect(),
                unplaced: d.unplaced.iter().map(|&i| c.vms[i].full_name()).collect(),
            })
            .collect(),
        capacity: a.capacity.as_ref().map(|cap| CapacityOut {
            vcpus: cap.vm.vcpus(),
            pod_cpus: cap.vm.pod_cpus(),
            per_node: cap
                .per_node
                .iter()
                .map(|n| CountOut {
                    node: &c.nodes[n.node].name,
                    count: n.count,
                })
                .collect(),
            total: cap.total,
        }),
        instancetypes: a
            .instancetypes
            .iter()
            .map(|t| TypeOut {
                name: &t.name,
                vcpus: t.vm.vcpus(),
                pools: t
                    .pools
                    .iter()
                    .map(|p| PoolOut {
                        pool: &p.pool,
                        nodes: p.nodes,
                        fits_empty: p.fits_empty,
                        count: p.count,
                    })
                    .collect(),
            })
            .collect(),
        unmatched: &c.unmatched,
        read: &a.read,
    };
    // Every field serializes (strings, numbers, lists).
    let mut text = serde_json::to_string(&out).unwrap_or_default();
    text.push('\n');
    text
}
