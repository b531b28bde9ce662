//! Command output: `lscpu` (plain or `-J`) and `numactl --hardware`.

use super::cpulist::CpuList;
use super::host::NumaNodeCpus;
use super::ImportError;

/// What a topology command printed, reduced to what the planner needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Topology {
    pub nodes: Vec<NumaNodeCpus>,
    pub threads_per_core: Option<u32>,
    pub notes: Vec<String>,
}

fn node_index(label: &str) -> Option<u32> {
    label.trim().parse().ok()
}

pub fn looks_like_lscpu(text: &str) -> bool {
    text.lines().any(|l| {
        let l = l.trim_start();
        l.starts_with("NUMA node(s):") || l.starts_with("Thread(s) per core:")
    })
}

pub fn looks_like_numactl(text: &str) -> bool {
    text.lines()
        .any(|l| l.trim_start().starts_with("available:"))
        && text
            .lines()
            .any(|l| l.trim_start().starts_with("node ") && l.contains(" cpus:"))
}

/// `lscpu`: the node count, threads per core and each node's CPU list.
pub fn lscpu(text: &str) -> Result<Topology, ImportError> {
    let mut declared = None;
    let mut threads = None;
    let mut nodes = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let (key, value) = (key.trim(), value.trim());
        let at = |what: &str| ImportError::new(format!("lscpu line {}: {what}", n + 1));
        if key == "NUMA node(s)" {
            declared = Some(
                value
                    .parse::<u32>()
                    .map_err(|_| at(&format!("\"{value}\" is not a node count")))?,
            );
        } else if key == "Thread(s) per core" {
            threads = Some(
                value
                    .parse::<u32>()
                    .map_err(|_| at(&format!("\"{value}\" is not a thread count")))?,
            );
        } else if let Some(id) = key
            .strip_prefix("NUMA node")
            .and_then(|rest| rest.strip_suffix(" CPU(s)"))
            .and_then(node_index)
        {
            let cpus = CpuList::parse(value).map_err(|e| at(&e.message))?;
            if !cpus.is_empty() {
                nodes.push(NumaNodeCpus::new(id, cpus));
            }
        }
    }
    finish("lscpu", declared, nodes, threads)
}

/// `numactl --hardware`: each node's CPU list (nodes without CPUs are left out).
pub fn numactl(text: &str) -> Result<Topology, ImportError> {
    let mut declared = None;
    let mut nodes = Vec::new();
    let mut memory_only = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        let at = |what: &str| ImportError::new(format!("numactl line {}: {what}", n + 1));
        if let Some(rest) = line.strip_prefix("available:") {
            let count = rest.split_whitespace().next().unwrap_or("");
            declared = Some(
                count
                    .parse::<u32>()
                    .map_err(|_| at(&format!("\"{count}\" is not a node count")))?,
            );
        } else if let Some((label, list)) = line
            .strip_prefix("node ")
            .and_then(|r| r.split_once(" cpus:"))
        {
            let id = node_index(label)
                .ok_or_else(|| at(&format!("\"{label}\" is not a node number")))?;
            let cpus = CpuList::parse(list).map_err(|e| at(&e.message))?;
            if cpus.is_empty() {
                memory_only.push(id);
            } else {
                nodes.push(NumaNodeCpus::new(id, cpus));
            }
        }
    }
    let mut topology = finish(
        "numactl",
        declared.map(|d| d.saturating_sub(memory_only.len() as u32)),
        nodes,
        None,
    )?;
    if !memory_only.is_empty() {
        let ids: Vec<String> = memory_only.iter().map(|i| format!("node {i}")).collect();
        topology.notes.push(format!(
            "{} without CPUs (memory only) not counted as NUMA nodes for CPUs.",
            ids.join(", ")
        ));
    }
    Ok(topology)
}

fn finish(
    tool: &str,
    declared: Option<u32>,
    nodes: Vec<NumaNodeCpus>,
    threads: Option<u32>,
) -> Result<Topology, ImportError> {
    if nodes.is_empty() {
        return Err(ImportError::new(format!(
            "{tool}: no NUMA node CPU lists found (lines like \"{}\").",
            if tool == "lscpu" {
                "NUMA node0 CPU(s): 0-15"
            } else {
                "node 0 cpus: 0 1 2 3"
            }
        )));
    }
    let mut notes = Vec::new();
    if let Some(d) = declared {
        if d as usize != nodes.len() {
            notes.push(format!(
                "{tool} reports {d} NUMA nodes but lists CPUs for {}; the listed ones are used.",
                nodes.len()
            ));
        }
    }
    Ok(Topology {
        nodes,
        threads_per_core: threads.filter(|&t| (1..=8).contains(&t)),
        notes,
    })
}
