//! `numactl --hardware`.

use super::node::NumaNodeCpus;
use super::topology::{Command, Topology};
use crate::domain::quote;
use crate::import::{CpuList, ImportError};

/// Whether a text is `numactl --hardware` output.
pub fn looks_like(text: &str) -> bool {
    text.lines()
        .any(|l| l.trim_start().starts_with("available:"))
        && text
            .lines()
            .any(|l| l.trim_start().starts_with("node ") && l.contains(" cpus:"))
}

/// What `numactl` printed so far.
#[derive(Default)]
struct Lines {
    declared: Option<u32>,
    nodes: Vec<NumaNodeCpus>,
    memory_only: Vec<u32>,
}

impl Lines {
    /// Takes one line: "available: 2 nodes (0-1)" or "node 0 cpus: 0 1 2".
    fn take(&mut self, line: &str) -> Result<(), String> {
        if let Some(rest) = line.strip_prefix("available:") {
            let count = rest.split_whitespace().next().unwrap_or("");
            let declared = count
                .parse::<u32>()
                .map_err(|_| format!("{} is not a node count", quote(count)))?;
            self.declared = Some(declared);
        } else if let Some((label, list)) = line
            .strip_prefix("node ")
            .and_then(|r| r.split_once(" cpus:"))
        {
            let id = label
                .trim()
                .parse()
                .map_err(|_| format!("{} is not a node number", quote(label.trim())))?;
            let cpus = CpuList::parse(list).map_err(|e| e.problem)?;
            if cpus.is_empty() {
                self.memory_only.push(id);
            } else {
                self.nodes.push(NumaNodeCpus::new(id, cpus));
            }
        }
        Ok(())
    }
}

/// `numactl --hardware`: each node's CPU list (nodes without CPUs are left out).
pub fn parse(text: &str) -> Result<Topology, ImportError> {
    let mut lines = Lines::default();
    for (n, line) in text.lines().enumerate() {
        lines
            .take(line.trim())
            .map_err(|problem| ImportError::new(format!("numactl line {}", n + 1), problem))?;
    }
    let memory_only = lines.memory_only;
    let declared = lines
        .declared
        .map(|d| d.saturating_sub(memory_only.len() as u32));
    let mut topology = Topology::listed(Command::Numactl, declared, lines.nodes, None)?;
    if !memory_only.is_empty() {
        let ids: Vec<String> = memory_only.iter().map(|i| format!("node {i}")).collect();
        topology.notes.push(format!(
            "{} without CPUs (memory only) not counted as NUMA nodes for CPUs.",
            ids.join(", ")
        ));
    }
    Ok(topology)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_only_nodes_are_left_out() {
        let t =
            parse("available: 3 nodes (0-2)\nnode 0 cpus: 0 1\nnode 1 cpus: 2 3\nnode 2 cpus:\n")
                .unwrap();
        assert_eq!(t.nodes.len(), 2);
        assert!(
            t.notes[0].starts_with("node 2 without CPUs"),
            "{:?}",
            t.notes
        );
    }

    #[test]
    fn errors_name_the_line() {
        let e = parse("available: 1 nodes (0)\nnode x cpus: 0\n").unwrap_err();
        assert_eq!(e.to_string(), "numactl line 2: \"x\" is not a node number");
    }
}
