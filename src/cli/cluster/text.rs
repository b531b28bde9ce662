//! The cluster's answer as text, Markdown and CSV.

use super::Answer;
use crate::domain::cluster::{Cluster, Target};
use crate::domain::MigrationVerdict;
use std::fmt::Write;

/// Most node names a line lists per verdict before "and N more".
const LISTED: usize = 8;

fn list(names: &[String]) -> String {
    let mut text = names
        .iter()
        .take(LISTED)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > LISTED {
        let _ = write!(text, " and {} more", names.len() - LISTED);
    }
    text
}

fn numbers(list: &[u32]) -> String {
    list.iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The targets grouped by verdict, best first: "migrates: a, b; blocked: c
/// (target-admission)".
fn targets(c: &Cluster, targets: &[Target]) -> String {
    let mut parts = Vec::new();
    for verdict in MigrationVerdict::ALL.iter().rev() {
        let these: Vec<&Target> = targets.iter().filter(|t| t.verdict == *verdict).collect();
        if these.is_empty() {
            continue;
        }
        let names: Vec<String> = these.iter().map(|t| c.nodes[t.node].name.clone()).collect();
        let mut checks: Vec<&str> = these
            .iter()
            .flat_map(|t| t.checks.iter().map(|k| k.code()))
            .collect();
        checks.sort_unstable();
        checks.dedup();
        let why = if checks.is_empty() {
            String::new()
        } else {
            format!(" ({})", checks.join(", "))
        };
        parts.push(format!("{verdict}: {}{why}", list(&names)));
    }
    if parts.is_empty() {
        "no other node".into()
    } else {
        parts.join("; ")
    }
}

fn drain_line(a: &Answer, d: &crate::domain::cluster::Drain) -> String {
    let c = &a.cluster;
    let mut moves: Vec<String> = d
        .placed
        .iter()
        .map(|p| {
            let risk = if p.verdict == MigrationVerdict::Migrates {
                ""
            } else {
                " (at risk)"
            };
            format!(
                "{} -> {}{risk}",
                c.vms[p.vm].full_name(),
                c.nodes[p.node].name
            )
        })
        .collect();
    let unplaced: Vec<String> = d.unplaced.iter().map(|&i| c.vms[i].full_name()).collect();
    if !unplaced.is_empty() {
        moves.push(format!("no place found for {}", list(&unplaced)));
    }
    if moves.is_empty() {
        "no VMs".into()
    } else {
        list(&moves)
    }
}

fn pages(n: &crate::domain::cluster::ClusterNode) -> String {
    if n.hugepages.is_empty() {
        return "-".into();
    }
    n.hugepages
        .iter()
        .map(|(size, p)| format!("{size}: {}", numbers(p)))
        .collect::<Vec<_>>()
        .join("; ")
}

const DRAIN_NOTE: &str = "each node's VMs leave at the same time, largest pod first, each to the first node by name where it migrates, counting what the earlier ones took; a greedy answer: \"no place found\" means this order found none, not that no packing exists";

pub fn text(a: &Answer) -> String {
    let c = &a.cluster;
    let mut out = format!(
        "Cluster: {} nodes, {} running VMs\n\nNodes (free CPUs per NUMA node now):\n",
        c.nodes.len(),
        c.vms.len()
    );
    let width = c
        .nodes
        .iter()
        .map(|n| n.name.len())
        .max()
        .unwrap_or(0)
        .max(4);
    for n in &c.nodes {
        let _ = writeln!(
            out,
            "  {:width$}  {:16}  free CPUs {:12}  huge pages {}",
            n.name,
            n.policy.code(),
            numbers(&n.free_cpus()),
            pages(n)
        );
    }
    out.push_str("\nVMs and where each can live-migrate now:\n");
    for (v, t) in c.vms.iter().zip(&a.targets) {
        let _ = writeln!(
            out,
            "  {} on {} ({} CPUs): {}",
            v.full_name(),
            c.nodes[v.node].name,
            v.vm.pod_cpus(),
            targets(c, t)
        );
    }
    let _ = writeln!(out, "\nDrain ({DRAIN_NOTE}):");
    for d in &a.drains {
        let _ = writeln!(
            out,
            "  {:width$}  {:3}  {}",
            c.nodes[d.node].name,
            if d.ok { "ok" } else { "no" },
            drain_line(a, d)
        );
    }
    if let Some(cap) = &a.capacity {
        let _ = writeln!(
            out,
            "\nCapacity: more VMs of {} vCPUs ({} pod CPUs) each node admits now:",
            cap.vm.vcpus(),
            cap.vm.pod_cpus()
        );
        for n in &cap.per_node {
            let _ = writeln!(out, "  {:width$}  {}", c.nodes[n.node].name, n.count);
        }
        let _ = writeln!(out, "  {:width$}  {}", "total", cap.total);
    }
    if !a.instancetypes.is_empty() {
        out.push_str(
            "\nInstance types per pool (more that fit now; nodes where one fits when empty):\n",
        );
        for t in &a.instancetypes {
            let pools: Vec<String> = t
                .pools
                .iter()
                .map(|p| {
                    format!(
                        "{}: {} ({} of {} nodes)",
                        p.pool, p.count, p.fits_empty, p.nodes
                    )
                })
                .collect();
            let _ = writeln!(
                out,
                "  {} ({} vCPUs): {}",
                t.name,
                t.vm.vcpus(),
                pools.join("; ")
            );
        }
    }
    if !c.unmatched.is_empty() {
        out.push_str("\nNot matched (read, but not part of the cluster above):\n");
        for line in &c.unmatched {
            let _ = writeln!(out, "  {line}");
        }
    }
    out
}

/// A Markdown table cell: no pipes or line breaks.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\n', '\r'], " ")
}

pub fn markdown(a: &Answer) -> String {
    let c = &a.cluster;
    let mut out = format!(
        "### Cluster: {} nodes, {} running VMs\n\n| node | policy | free CPUs per NUMA node | free huge pages |\n| --- | --- | --- | --- |\n",
        c.nodes.len(),
        c.vms.len()
    );
    for n in &c.nodes {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            cell(&n.name),
            n.policy,
            numbers(&n.free_cpus()),
            cell(&pages(n))
        );
    }
    out.push_str("\n| VM | node | pod CPUs | targets now |\n| --- | --- | --- | --- |\n");
    for (v, t) in c.vms.iter().zip(&a.targets) {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            cell(&v.full_name()),
            cell(&c.nodes[v.node].name),
            v.vm.pod_cpus(),
            cell(&targets(c, t))
        );
    }
    let _ = writeln!(out, "\n| drained node | ok | VMs |\n| --- | --- | --- |");
    for d in &a.drains {
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            cell(&c.nodes[d.node].name),
            if d.ok { "yes" } else { "no" },
            cell(&drain_line(a, d))
        );
    }
    let _ = writeln!(out, "\nDrain: {DRAIN_NOTE}.");
    if let Some(cap) = &a.capacity {
        let _ = writeln!(
            out,
            "\n| node | more VMs of {} vCPUs |\n| --- | --- |",
            cap.vm.vcpus()
        );
        for n in &cap.per_node {
            let _ = writeln!(out, "| {} | {} |", cell(&c.nodes[n.node].name), n.count);
        }
        let _ = writeln!(out, "| total | {} |", cap.total);
    }
    if !a.instancetypes.is_empty() {
        out.push_str("\n| instance type | vCPUs | pool | fits on empty nodes | more now |\n| --- | --- | --- | --- | --- |\n");
        for t in &a.instancetypes {
            for p in &t.pools {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} of {} | {} |",
                    cell(&t.name),
                    t.vm.vcpus(),
                    cell(&p.pool),
                    p.fits_empty,
                    p.nodes,
                    p.count
                );
            }
        }
    }
    if !c.unmatched.is_empty() {
        out.push_str("\nNot matched:\n\n");
        for line in &c.unmatched {
            let _ = writeln!(out, "- {}", cell(line));
        }
    }
    out
}

/// A CSV field, quoted when it holds a comma, quote or line break.
fn field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

pub fn csv(a: &Answer) -> String {
    let c = &a.cluster;
    let mut out = String::from("namespace,vm,node,pod_cpus,target,verdict,checks\n");
    for (v, targets) in c.vms.iter().zip(&a.targets) {
        for t in targets {
            let checks: Vec<&str> = t.checks.iter().map(|k| k.code()).collect();
            let _ = writeln!(
                out,
                "{},{},{},{},{},{},{}",
                field(&v.namespace),
                field(&v.name),
                field(&c.nodes[v.node].name),
                v.vm.pod_cpus(),
                field(&c.nodes[t.node].name),
                t.verdict.code(),
                field(&checks.join(" "))
            );
        }
    }
    out
}
