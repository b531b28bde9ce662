//! A CPU topology as one source gives it: the nodes, SMT, and notes.

use super::node::NumaNodeCpus;
use crate::domain::Field;
use crate::import::origin::Origin;
use crate::import::ImportError;

/// The note for CPU lists a mail client wrapped and a reader joined:
/// `lines` are the wrapped lines' numbers from 0.
pub fn wrapped_note(command: Command, lines: &[usize]) -> Option<String> {
    let at: Vec<String> = lines.iter().map(|n| (n + 1).to_string()).collect();
    (!at.is_empty()).then(|| format!(
        "{}: the CPU lists of lines {} were wrapped (as a mail client wraps long lines); the lines of CPU numbers below them were joined on.",
        command.name(),
        at.join(", ")
    ))
}

/// What a topology source gave, reduced to what the planner needs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Topology {
    pub nodes: Vec<NumaNodeCpus>,
    pub threads_per_core: Option<u32>,
    pub notes: Vec<String>,
}

/// The command that printed a topology.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    Lscpu,
    /// `lscpu -e`: a table, one row per CPU.
    LscpuExtended,
    /// `lscpu -p`: comma-separated, one row per CPU.
    LscpuParsable,
    Numactl,
    /// The performance profile creator's `info --json`.
    ProfileCreator,
}

impl Command {
    pub fn name(self) -> &'static str {
        match self {
            Command::Lscpu => "lscpu",
            Command::LscpuExtended => "lscpu -e",
            Command::LscpuParsable => "lscpu -p",
            Command::Numactl => "numactl",
            Command::ProfileCreator => "performance profile creator info",
        }
    }

    /// What gives a node's CPUs.
    fn wanted(self) -> &'static str {
        match self {
            Command::Lscpu => "lines like \"NUMA node0 CPU(s): 0-15\"",
            Command::LscpuExtended => {
                "rows of online CPUs like \"  0    0      0    0 0:0:0:0  yes\""
            }
            Command::LscpuParsable => "rows of CPUs like \"0,0,0,0,,0,0,0,0\"",
            Command::Numactl => "lines like \"node 0 cpus: 0 1 2 3\"",
            Command::ProfileCreator => "numa_cells with their cores",
        }
    }
}

impl Topology {
    /// A command's node CPU lists, with a note when they disagree with the
    /// node count it `declared`; threads per core outside the field's bounds
    /// are dropped.
    pub fn listed(
        command: Command,
        declared: Option<u32>,
        nodes: Vec<NumaNodeCpus>,
        threads: Option<u32>,
    ) -> Result<Topology, ImportError> {
        if nodes.is_empty() {
            return Err(ImportError::new(
                command.name(),
                format!("no NUMA node CPU lists found ({}).", command.wanted()),
            ));
        }
        let mut notes = Vec::new();
        if let Some(d) = declared.filter(|&d| d as usize != nodes.len()) {
            notes.push(format!(
                "{} reports {d} NUMA nodes but lists CPUs for {}; the listed ones are used.",
                command.name(),
                nodes.len()
            ));
        }
        Ok(Topology {
            nodes,
            threads_per_core: threads.and_then(|t| Field::ThreadsPerCore.check(u64::from(t)).ok()),
            notes,
        })
    }

    /// Refuses more nodes, or a node with more CPUs, than the planner handles.
    pub fn check(&self, from: &Origin) -> Result<(), ImportError> {
        Field::NumaNodes
            .check(self.nodes.len() as u64)
            .map_err(|e| ImportError::field(from.to_string(), e))?;
        for node in &self.nodes {
            Field::CpusPerNode
                .check(u64::from(node.capacity))
                .map_err(|e| ImportError::field(format!("{from} node {}", node.id), e))?;
        }
        Ok(())
    }

    /// The read line: how many nodes, and each node's CPUs.
    pub fn summary(&self, from: &Origin) -> String {
        let nodes: Vec<String> = self
            .nodes
            .iter()
            .map(|n| match &n.cpus {
                Some(list) => format!("node {} = {} CPUs ({})", n.id, n.capacity, list.compact()),
                None => format!(
                    "node {} = {} CPUs, {} allocatable",
                    n.id, n.capacity, n.allocatable
                ),
            })
            .collect();
        format!(
            "NUMA nodes {} and CPUs per node from {from}: {}",
            self.nodes.len(),
            nodes.join("; ")
        )
    }

    /// The most allocatable CPUs on one node.
    pub fn largest_allocatable(&self) -> u32 {
        self.nodes.iter().map(|n| n.allocatable).max().unwrap_or(0)
    }
}
