//! The performance profile creator's `info --json` (`podman run ...
//! performance-profile-creator info --must-gather-dir-path ... --json`): a
//! list of machine config pools, each with its nodes (`null` when it has
//! none), each node with `smt_enabled` and `numa_cells` of `id` and `cores`,
//! which are CPU ids.

use super::node::NumaNodeCpus;
use super::topology::{Command, Topology};
use crate::domain::Field;
use crate::import::cpulist::MAX_CPU_ID;
use crate::import::error::token;
use crate::import::origin::Origin;
use crate::import::pages::node_at;
use crate::import::yaml::{kind, Place};
use crate::import::{CpuList, ImportError};
use yaml_rust2::Yaml;

/// Whether `doc` is the creator's info: a list of pools with `nodes`.
pub fn looks_like(doc: &Yaml) -> bool {
    matches!(doc, Yaml::Array(pools) if pools.iter().any(|p| !matches!(p["nodes"], Yaml::BadValue)))
}

/// A node and the pool it is in.
struct Entry<'a> {
    pool: String,
    node: Place<'a>,
}

impl Entry<'_> {
    /// "worker-0 (pool worker)".
    fn label(&self) -> String {
        let name = self.node.at("name").string().unwrap_or_default();
        format!("{} (pool {})", token(&name), token(&self.pool))
    }
}

/// Most ignored nodes a note names.
const LISTED_NODES: usize = 5;

/// The first node's NUMA cells and SMT, and where they came from. The other
/// nodes are left out with a note, as a second topology from another text
/// is (`Gathered::take`): the planner describes one host, and the note says
/// which nodes differ from the one read.
pub fn read(doc: &Yaml) -> Result<(Topology, Origin), ImportError> {
    let mut entries = Vec::new();
    let pools = Place::root(doc).list("a list of machine config pools")?;
    for (i, pool) in pools.unwrap_or_default().iter().enumerate() {
        let pool = Place::new(pool, format!("[{i}]"));
        let name = pool.at("name").string().unwrap_or_default();
        let nodes = pool.at("nodes");
        for (j, node) in nodes
            .list("a list of nodes")?
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            entries.push(Entry {
                pool: name.clone(),
                node: Place::new(node, format!("{}[{j}]", nodes.path)),
            });
        }
    }
    let Some((first, others)) = entries.split_first() else {
        return Err(ImportError::whole(
            "The performance profile creator's info lists no nodes: every machine config pool's nodes are null.",
        ));
    };
    let mut topology = cells(&first.node)?;
    if !others.is_empty() {
        topology.notes.push(others_note(first, others));
    }
    let from = Origin::new(
        Command::ProfileCreator.name(),
        format!("node {}", first.label()),
    );
    Ok((topology, from))
}

/// A CPU id in `cores`.
fn cpu_id(cpu: &Yaml) -> Option<u32> {
    match cpu {
        Yaml::Integer(i) => u32::try_from(*i).ok().filter(|&c| c <= MAX_CPU_ID),
        _ => None,
    }
}

/// One node's NUMA cells (cells without CPUs left out, as numactl's
/// memory-only nodes are) and SMT.
fn cells(node: &Place) -> Result<Topology, ImportError> {
    let list = node.at("numa_cells");
    let (mut nodes, mut empty) = (Vec::new(), Vec::new());
    let cells = list.list("a list of NUMA cells")?.unwrap_or_default();
    for (i, cell) in cells.iter().enumerate() {
        let cell = Place::new(cell, format!("{}[{i}]", list.path));
        let id_at = cell.at("id");
        let id = node_at(&id_at)?.ok_or_else(|| id_at.error("no NUMA cell id."))?;
        let cores = cell.at("cores");
        let mut ids = Vec::new();
        for (j, cpu) in cores
            .list("a list of CPU ids")?
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            let id = cpu_id(cpu).ok_or_else(|| {
                Place::new(cpu, format!("{}[{j}]", cores.path))
                    .error(format!("{} is not a CPU number.", kind(cpu)))
            })?;
            ids.push(id);
        }
        if ids.is_empty() {
            empty.push(format!("NUMA cell {id}"));
        } else {
            nodes.push(NumaNodeCpus::new(id, CpuList::of_ids(ids)));
        }
    }
    let declared = node
        .at("numa_cells_count")
        .count(Field::NumaNodes)?
        .map(|d| d.saturating_sub(empty.len() as u32));
    let smt = node.at("smt_enabled").flag()?;
    let command = Command::ProfileCreator;
    let mut topology = Topology::listed(command, declared, nodes, Some(if smt { 2 } else { 1 }))?;
    if smt {
        // The info says whether SMT is on, not how many threads a core runs.
        topology.notes.push(format!(
            "{}: smt_enabled true taken as 2 threads per core, as on x86 (the info does not say how many).",
            command.name()
        ));
    }
    if !empty.is_empty() {
        topology.notes.push(format!(
            "{} without CPUs (memory only) not counted as NUMA nodes for CPUs.",
            empty.join(", ")
        ));
    }
    Ok(topology)
}

/// A node's shape as a note compares it: CPUs per cell and SMT, when readable.
fn shape(node: &Place) -> Option<(Vec<usize>, bool)> {
    let Yaml::Array(cells) = node.at("numa_cells").node else {
        return None;
    };
    let sizes = cells
        .iter()
        .map(|c| match &c["cores"] {
            Yaml::Array(cores) => cores.len(),
            _ => 0,
        })
        .collect();
    Some((sizes, node.at("smt_enabled").flag().ok()?))
}

/// "2 NUMA cells, 80 CPUs, SMT on".
fn described(shape: &(Vec<usize>, bool)) -> String {
    let (sizes, smt) = shape;
    let cells = if sizes.len() == 1 { "cell" } else { "cells" };
    let state = if *smt { "on" } else { "off" };
    format!(
        "{} NUMA {cells}, {} CPUs, SMT {state}",
        sizes.len(),
        sizes.iter().sum::<usize>()
    )
}

/// Which nodes were left out, and how each compares with the one read.
fn others_note(first: &Entry, others: &[Entry]) -> String {
    let read = shape(&first.node);
    let mut named: Vec<String> = others
        .iter()
        .take(LISTED_NODES)
        .map(|other| {
            let how = match shape(&other.node) {
                Some(s) if Some(&s) == read.as_ref() => "the same NUMA cells and SMT".to_string(),
                Some(s) => described(&s),
                None => "NUMA cells not read".to_string(),
            };
            format!("{}: {how}", other.label())
        })
        .collect();
    if others.len() > LISTED_NODES {
        named.push(format!("and {} more", others.len() - LISTED_NODES));
    }
    format!(
        "{} lists {} nodes; the first, {}, is read and the others are ignored: {}. To read another, paste only its entry.",
        Command::ProfileCreator.name(),
        others.len() + 1,
        first.label(),
        named.join("; ")
    )
}
