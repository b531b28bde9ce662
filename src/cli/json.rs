//! The command's JSON. The top-level shape is public (scripts read it):
//! host, vm, size, outcomes.<policy>.{status, rows}, advisories[].{code, message},
//! origins.<link key>.{file, source, path} (the `b_` keys for
//! --compare-host-file), and with a second host
//! migration.{a_to_b, b_to_a}.<policy>.{verdict, checks, source_cells,
//! source_cells_from, target_nodes, migrates_for_vcpus}.
//! outcomes.<policy>.checks[].fixes[].{check, summary, yaml, planner_args}
//! and outcomes.<policy>.hugepages_to_reserve were added later (additive).

use super::explain::fix_json;
use crate::domain::fixes::{fixes, reserve_hugepages, Reservation};
use crate::domain::present::table_scope;
use crate::domain::{
    Cell, CellOutcome, Check, CheckCode, CheckResult, Direction, HugepageSize, NodeShare,
    Placement, Policy, Report, Rule, Source, TableSize, VcpuSpec, DOCUMENT,
};
use crate::import::Origin;
use serde_json::{json, Map, Value};

fn source(s: &Source) -> Value {
    json!({ "title": s.title, "url": s.url, "from_document": s.from_document })
}

fn document() -> Value {
    json!({
        "title": DOCUMENT.title,
        "publisher": DOCUMENT.publisher,
        "versions": DOCUMENT.versions,
        "module_id": DOCUMENT.module_id,
        "url": DOCUMENT.url,
    })
}

fn rule(r: &Rule) -> Value {
    json!({
        "row": r.row,
        "size": r.size.code(),
        "policy": r.policy.code(),
        "status": r.status.code(),
        "summary": r.summary(),
        "happens": r.happens(),
        "user_sees": r.user_sees(),
        "what_to_do": r.what_to_do(),
    })
}

fn placement(p: &Placement) -> Value {
    json!({
        "nodes": shares(&p.nodes),
        "certain": p.certain,
        "candidates": p.candidates,
    })
}

fn shares(list: &[NodeShare]) -> Value {
    list.iter()
        .map(|n| json!({ "node": n.node, "cpus": n.cpus, "vcpus": n.vcpus, "pages": n.pages }))
        .collect()
}

/// `migration.a_to_b` and `migration.b_to_a`, each keyed by the first
/// host's policy: the same VM moving between the two hosts, the second
/// under `b_policy` when it has one.
pub fn migrations(a: &Report, b: &Report, b_policy: Option<Policy>) -> Value {
    let (mut a_to_b, mut b_to_a) = (Map::new(), Map::new());
    for p in Policy::ALL {
        for way in Direction::both(a, b, p, b_policy) {
            let m = way.migration();
            let checks: Vec<Value> = m
                .checks
                .iter()
                .map(|c| check_fields(c.code, c.result, c.fails_as.code(), &c.message, c.source))
                .collect();
            let counts = way.migrates_for_vcpus();
            let value = json!({
                "verdict": m.verdict.code(),
                "checks": checks,
                "source_cells": shares(&m.source_cells),
                "source_cells_from": m.source_cells_from.code(),
                "target_nodes": shares(&m.target_nodes),
                "migrates_for_vcpus": counts.map(|ranges| ranges.iter().map(|&(lo, hi)| json!([lo, hi])).collect::<Vec<_>>()),
            });
            let into = if way.a_to_b { &mut a_to_b } else { &mut b_to_a };
            into.insert(p.code().to_string(), value);
        }
    }
    json!({ "a_to_b": a_to_b, "b_to_a": b_to_a })
}

/// A check of the admission layer or of a migration.
fn check_fields(
    code: CheckCode,
    result: CheckResult,
    fails_as: &str,
    message: &str,
    from: &Source,
) -> Value {
    json!({
        "code": code.code(),
        "result": result.code(),
        "fails_as": fails_as,
        "message": message,
        "source": source(from),
    })
}

fn check(c: &Check) -> Value {
    check_fields(c.code, c.result, c.fails_as.code(), &c.message, c.source)
}

/// The huge pages to reserve per node under one policy.
fn reservation(r: &Reservation) -> Value {
    json!({
        "size": r.size.code(),
        "nodes": r.nodes.iter().map(|n| json!({ "node": n.node, "cell_pages": n.cell_pages, "pages": n.pages })).collect::<Vec<_>>(),
        "any_of": r.any_of,
        "launcher_overhead_bytes": r.overhead_bytes,
        "yaml": r.yaml,
    })
}

fn cell(c: &CellOutcome) -> Value {
    json!({
        "status": c.status.code(),
        "rows": c.rows(),
        "reason": c.reason(),
        "decided_by": c.decision.explain(),
        "from_document": !c.rules.is_empty(),
        "explanations": c.rules.iter().map(|r| rule(r)).collect::<Vec<_>>(),
    })
}

pub fn report(r: &Report, read: &[String]) -> Value {
    let (host, vm) = (&r.scenario.host, &r.scenario.vm);
    let topology = match vm.spec() {
        VcpuSpec::Count(_) => Value::Null,
        VcpuSpec::Topology {
            sockets,
            cores,
            threads,
        } => json!({ "sockets": sockets, "cores": cores, "threads": threads }),
    };
    let outcomes: Map<String, Value> = r
        .outcomes
        .iter()
        .map(|(p, c)| {
            let mut value = cell(c);
            let v = &r.verdicts[p];
            // False on shared CPUs: no cell of the table is this VM's.
            value["applies"] = json!(c.applies());
            value["source"] = c.decision.source().map_or(Value::Null, source);
            value["verdict"] = json!(v.verdict.code());
            // Each check with the fixes the planner checked for it (none
            // for a check that passes).
            let fixes = fixes(r, p);
            value["checks"] = v
                .checks
                .iter()
                .map(|c| {
                    let mut value = check(c);
                    value["fixes"] = fixes
                        .iter()
                        .filter(|f| f.check == c.code)
                        .map(fix_json)
                        .collect();
                    value
                })
                .collect();
            value["hugepages_to_reserve"] =
                reserve_hugepages(&r.scenario, p).map_or(Value::Null, |res| reservation(&res));
            value["placement"] = v.placement.as_ref().map_or(Value::Null, placement);
            // The options in effect under this policy, and whether the node
            // tuning implied them.
            let tuning = host.tuning();
            let (full, memory) = (tuning.full_pcpus_only(p), tuning.memory_manager(p));
            value["kubelet"] = json!({
                "full_pcpus_only": { "value": full.value, "implied": full.implied },
                "memory_manager": { "value": memory.value.code(), "implied": memory.implied },
                "source": { "title": Source::OPENSHIFT_PERFORMANCE_PROFILE.title, "url": Source::OPENSHIFT_PERFORMANCE_PROFILE.url },
            });
            value["works_for_vcpus"] = json!(r.works_for[p]
                .iter()
                .map(|&(a, b)| [a, b])
                .collect::<Vec<_>>());
            (p.code().to_string(), value)
        })
        .collect();
    json!({
        "host": {
            "numa_nodes": host.numa_nodes(),
            "cpus_per_node": host.cpus_per_node(),
            "node_cpus": host.node_cpus(),
            "total_cpus": host.total_cpus(),
            "reserved_cpus": host.reserved_cpus(),
            "reserved_cpus_assumed": host.reserved_assumed(),
            "allocatable_cpus": host.allocatable_cpus(),
            "free_cpus": host.free_cpus(),
            "full_pcpus_only": host.full_pcpus_only(),
            "topology_manager_node_limit": host.node_limit(),
            "free_hugepages": host.free_hugepages(),
            "memory_manager": host.memory_manager().code(),
            "threads_per_core": host.threads_per_core(),
            "physical_cores_per_node": host.physical_cores_per_node(),
            "as_bought": host.shape().map(|shape| json!({
                "sockets": shape.sockets,
                "cores_per_socket": shape.cores_per_socket,
                "threads_per_core": shape.threads_per_core,
                "nodes_per_socket": shape.nodes_per_socket,
                "working": shape.working(),
            })),
        },
        "vm": {
            "vcpus": vm.vcpus(),
            "pod_cpus": vm.pod_cpus(),
            "topology": topology,
            "isolate_emulator_thread": vm.isolate_emulator_thread(),
            "emulator_thread_parity": vm.emulator_parity(),
            "io_threads": vm.io_threads(),
            "dedicated_cpus": vm.dedicated_cpus(),
            "memory_bytes": vm.memory_bytes(),
            "memory_per_vcpu_bytes": vm.memory_per_vcpu(),
            "hugepage_size": vm.hugepage_size().map(HugepageSize::code),
            "hugepage_size_bytes": vm.hugepage_size().map(HugepageSize::bytes),
            "hugepages": vm.hugepages(),
            "max_sockets": vm.max_sockets(),
            "hotplug_max_vcpus": vm.hotplug_max_vcpus(),
        },
        "cluster": { "node_tuning": host.tuning().node_tuning.code() },
        "size": r.size.class.code(),
        "size_arithmetic": r.size.arithmetic(),
        "size_ranges": r.boundaries.describe(),
        "outcomes": outcomes,
        "policy": r.scenario.policy.map(Policy::code),
        "advisories": r
            .advisories
            .iter()
            .map(|a| {
                json!({
                    "code": a.code.code(),
                    "message": a.message,
                    "bears_on_outcome": a.code.bears_on_outcome(),
                    "source": source(a.source),
                })
            })
            .collect::<Vec<_>>(),
        "read_from_files": read,
        "source": document(),
    })
}

/// Where each value the files set came from, by link key: the file's path,
/// the object or command output in it, and the field path (empty for the
/// whole object or output).
pub fn origins(origins: &[(&'static str, Origin)]) -> Value {
    let by_key: Map<String, Value> = origins
        .iter()
        .map(|(key, o)| {
            let value = json!({ "file": o.file, "source": o.source, "path": o.path });
            (key.to_string(), value)
        })
        .collect();
    Value::Object(by_key)
}

pub fn table() -> Value {
    let grid: Map<String, Value> = TableSize::ALL
        .into_iter()
        .map(|size| {
            let row: Map<String, Value> = Policy::ALL
                .into_iter()
                .map(|p| {
                    (
                        p.code().to_string(),
                        cell(&CellOutcome::of_cell(Cell::new(size, p))),
                    )
                })
                .collect();
            (size.code().to_string(), Value::Object(row))
        })
        .collect();
    json!({ "grid": grid, "scope": table_scope(), "source": document() })
}
