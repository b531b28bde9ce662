//! `numactl --hardware`.

use super::node::NumaNodeCpus;
use super::topology::{wrapped_note, Command, Topology};
use crate::domain::quote;
use crate::import::{CpuList, ImportError};

/// Whether a text is `numactl --hardware` output.
pub fn looks_like(text: &str) -> bool {
    text.lines().any(is_available_line) && text.lines().any(is_cpus_line)
}

/// "available: 2 nodes (0-1)".
pub fn is_available_line(line: &str) -> bool {
    line.trim_start().starts_with("available:")
}

/// "node 0 cpus: 0 1 2 3".
pub fn is_cpus_line(line: &str) -> bool {
    line.trim_start().starts_with("node ") && line.contains(" cpus:")
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

/// Whether `line` is only CPU numbers: the rest of a `node N cpus:` line
/// that a mail client wrapped.
fn only_numbers(line: &str) -> bool {
    !line.trim().is_empty()
        && line
            .split_whitespace()
            .all(|w| w.bytes().all(|b| b.is_ascii_digit()))
}

/// numactl prints a node's CPUs in ascending order; a list that is not was
/// joined from lines wrapped inside a number ("... 2" then "6 27 ...").
fn ascending(list: &str) -> bool {
    let ids: Vec<u64> = list
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    ids.windows(2).all(|w| w[0] < w[1])
}

/// A line, and its number from 0.
type Numbered = (usize, String);

/// The lines of `text`, each `node N cpus:` line with the lines of only
/// numbers that follow it joined on (a mail client wraps long CPU lists at
/// 80 columns), each with its first line's number, and the lines that were
/// wrapped; a line of only numbers that follows no CPU list (above the
/// distance table) is refused, so no node is read short.
fn joined(text: &str) -> Result<(Vec<Numbered>, Vec<usize>), ImportError> {
    let mut lines: Vec<Numbered> = Vec::new();
    let mut wrapped = Vec::new();
    let (mut in_cpus, mut in_distances) = (false, false);
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        // The distance table's rows may wrap too; they are not read.
        in_distances |= line.starts_with("node distances:");
        if only_numbers(line) && !in_distances {
            let Some((first, last)) = lines.last_mut().filter(|_| in_cpus) else {
                return Err(ImportError::new(
                    format!("numactl line {}", n + 1),
                    format!(
                        "{} is a line of CPU numbers that follows no \"node N cpus:\" line; paste the numactl --hardware output as it was printed.",
                        quote(line)
                    ),
                ));
            };
            last.push(' ');
            last.push_str(line);
            if !ascending(last.split_once(" cpus:").map_or("", |(_, l)| l)) {
                return Err(ImportError::new(
                    format!("numactl line {}", n + 1),
                    format!(
                        "the CPU list of line {} continues here out of order ({}): it was wrapped inside a number; paste the numactl --hardware output as it was printed.",
                        *first + 1,
                        quote(line)
                    ),
                ));
            }
            if !wrapped.contains(first) {
                wrapped.push(*first);
            }
            continue;
        }
        in_cpus = is_cpus_line(line);
        lines.push((n, line.to_string()));
    }
    Ok((lines, wrapped))
}

/// `numactl --hardware`: each node's CPU list (nodes without CPUs are left
/// out), wrapped lists joined.
pub fn parse(text: &str) -> Result<Topology, ImportError> {
    let mut lines = Lines::default();
    let (joined, wrapped) = joined(text)?;
    for (n, line) in &joined {
        lines
            .take(line)
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
    topology
        .notes
        .extend(wrapped_note(Command::Numactl, &wrapped));
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

    #[test]
    fn wrapped_cpu_lists_are_joined() {
        let text = "available: 2 nodes (0-1)\nnode 0 cpus: 0 1 2 3\n4 5 6\n 7\nnode 0 size: 1 MB\nnode 1 cpus: 8 9\n10 11\nnode distances:\nnode   0   1\n  0:  10  21\n 21\n";
        let t = parse(text).unwrap();
        let sizes: Vec<u32> = t.nodes.iter().map(|n| n.capacity).collect();
        assert_eq!(sizes, [8, 4]);
        assert_eq!(
            t.notes,
            ["numactl: the CPU lists of lines 2, 6 were wrapped (as a mail client wraps long lines); the lines of CPU numbers below them were joined on."]
        );
    }

    #[test]
    fn numbers_that_continue_nothing_are_refused() {
        let e = parse("available: 1 nodes (0)\nnode 0 cpus: 0 1\n\n2 3\n").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("numactl line 4: \"2 3\" is a line of CPU numbers that follows no"),
            "{e}"
        );
        let e = parse("available: 1 nodes (0)\nnode 0 cpus: 24 25 2\n6 27\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "numactl line 3: the CPU list of line 2 continues here out of order (\"6 27\"): it was wrapped inside a number; paste the numactl --hardware output as it was printed."
        );
    }
}
