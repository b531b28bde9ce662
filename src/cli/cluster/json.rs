//! The cluster's answer as JSON.

use super::Answer;
use crate::domain::cluster::Cluster;
use serde_json::{json, Value};

fn vm_name(cluster: &Cluster, i: usize) -> String {
    cluster.vms[i].full_name()
}

pub fn answer(a: &Answer) -> Value {
    let c = &a.cluster;
    let nodes: Vec<Value> = c
        .nodes
        .iter()
        .map(|n| {
            let pages: Vec<Value> = n
                .hugepages
                .iter()
                .map(|(size, pages)| json!({ "size": size.code(), "pages": pages }))
                .collect();
            json!({
                "name": n.name,
                "policy": n.policy.code(),
                "policy_from": n.policy_from,
                "pool": n.pool_key(),
                "numa_nodes": n.host.numa_nodes(),
                "cpus": n.host.node_cpus(),
                "free_cpus": n.free_cpus(),
                "free_hugepages": if pages.is_empty() { Value::Null } else { Value::Array(pages) },
            })
        })
        .collect();
    let vms: Vec<Value> = c
        .vms
        .iter()
        .zip(&a.targets)
        .map(|(v, targets)| {
            let targets: Vec<Value> = targets
                .iter()
                .map(|t| {
                    let checks: Vec<&str> = t.checks.iter().map(|c| c.code()).collect();
                    json!({
                        "node": c.nodes[t.node].name,
                        "verdict": t.verdict.code(),
                        "checks": checks,
                    })
                })
                .collect();
            json!({
                "name": v.name,
                "namespace": v.namespace,
                "node": c.nodes[v.node].name,
                "vcpus": v.vm.vcpus(),
                "pod_cpus": v.vm.pod_cpus(),
                "targets": targets,
            })
        })
        .collect();
    let drain: Vec<Value> = a
        .drains
        .iter()
        .map(|d| {
            let placed: Vec<Value> = d
                .placed
                .iter()
                .map(|p| {
                    json!({
                        "vm": vm_name(c, p.vm),
                        "node": c.nodes[p.node].name,
                        "verdict": p.verdict.code(),
                    })
                })
                .collect();
            let unplaced: Vec<String> = d.unplaced.iter().map(|&i| vm_name(c, i)).collect();
            json!({
                "node": c.nodes[d.node].name,
                "ok": d.ok,
                "placed": placed,
                "unplaced": unplaced,
            })
        })
        .collect();
    let capacity = a.capacity.as_ref().map_or(Value::Null, |cap| {
        let per_node: Vec<Value> = cap
            .per_node
            .iter()
            .map(|n| json!({ "node": c.nodes[n.node].name, "count": n.count }))
            .collect();
        json!({
            "vcpus": cap.vm.vcpus(),
            "pod_cpus": cap.vm.pod_cpus(),
            "per_node": per_node,
            "total": cap.total,
        })
    });
    let instancetypes: Vec<Value> = a
        .instancetypes
        .iter()
        .map(|t| {
            let pools: Vec<Value> = t
                .pools
                .iter()
                .map(|p| {
                    json!({
                        "pool": p.pool,
                        "nodes": p.nodes,
                        "fits_empty": p.fits_empty,
                        "count": p.count,
                    })
                })
                .collect();
            json!({ "name": t.name, "vcpus": t.vm.vcpus(), "pools": pools })
        })
        .collect();
    json!({
        "nodes": nodes,
        "vms": vms,
        "drain": drain,
        "capacity": capacity,
        "instancetypes": instancetypes,
        "unmatched": c.unmatched,
        "read": a.read,
    })
}
