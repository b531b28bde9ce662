//! Huge pages per NUMA node from sysfs, as
//! `grep . /sys/devices/system/node/node*/hugepages/hugepages-*/free_hugepages`
//! (and `nr_hugepages`) prints them:
//! `/sys/devices/system/node/node0/hugepages/hugepages-2048kB/free_hugepages:1290`.

use super::hugepages::{Count, Found};
use crate::domain::{quote, HugepageSize};
use crate::import::error::token;
use crate::import::origin::Origin;
use crate::import::pages::{bad_node, count, from_kb, node_id};
use crate::import::prompt::is_command_line;
use crate::import::sorted_map::SortedMap;
use crate::import::ImportError;

const PREFIX: &str = "/sys/devices/system/node/";

/// A line grep printed from a node's huge page directory.
fn is_data(line: &str) -> bool {
    (line.starts_with(PREFIX) || line.starts_with("node")) && line.contains("/hugepages/hugepages-")
}

/// Whether `text` has a line of sysfs huge page data.
pub fn has_data(text: &str) -> bool {
    text.lines().any(|l| is_data(l.trim()))
}

/// Adds `what` unless it is there: each ignored thing is named once, in
/// the order the text gives them (a list, not a sort, keeps the worker
/// small).
fn note_once(ignored: &mut Vec<String>, what: String) {
    if !ignored.contains(&what) {
        ignored.push(what);
    }
}

/// The shell prompt line of the command (`$ grep …` or `# grep …`, or the
/// bare `grep …`), which may stand before each of several greps.
fn is_grep_prompt(line: &str) -> bool {
    is_command_line(line) && line.contains("hugepages")
}

/// One data line: node, page size in kB, file name and value.
struct Line<'a> {
    node: &'a str,
    kb: &'a str,
    file: &'a str,
    value: &'a str,
}

impl<'a> Line<'a> {
    fn split(line: &'a str) -> Option<Self> {
        let (path, value) = line.split_once(':')?;
        let path = path.strip_prefix(PREFIX).unwrap_or(path);
        let (node, rest) = path
            .strip_prefix("node")?
            .split_once("/hugepages/hugepages-")?;
        let (kb, file) = rest.split_once("kB/")?;
        Some(Line {
            node,
            kb,
            file,
            value: value.trim(),
        })
    }
}

/// Free and configured pages of one size, per node.
#[derive(Default)]
struct Counts {
    free: SortedMap<u32, u64>,
    nr: SortedMap<u32, u64>,
}

/// The sysfs lines of `part` and what is left of it: the huge pages they
/// give (one entry per size), read lines about what was left out, and the
/// other lines for the other readers.
pub fn take(part: &str) -> Result<(Vec<Found>, Vec<String>, String), ImportError> {
    let mut sizes: SortedMap<HugepageSize, Counts> = SortedMap::default();
    let mut ignored: Vec<String> = Vec::new();
    let mut rest = String::new();
    for (n, raw) in part.lines().enumerate() {
        let line = raw.trim();
        if is_grep_prompt(line) {
            continue;
        }
        if !is_data(line) {
            rest.push_str(raw);
            rest.push('\n');
            continue;
        }
        let at = format!("sysfs line {}", n + 1);
        let found = Line::split(line).ok_or_else(|| {
            ImportError::new(
                &at,
                format!(
                    "expected path:count as grep . prints it ({PREFIX}node0/hugepages/hugepages-2048kB/free_hugepages:512), found {}.",
                    quote(line)
                ),
            )
        })?;
        let node =
            node_id(found.node).ok_or_else(|| ImportError::new(&at, bad_node(found.node)))?;
        let size = found.kb.parse().ok().and_then(from_kb);
        let counts = match (size, found.file) {
            (_, "surplus_hugepages") => continue,
            (Some(size), "free_hugepages") => &mut sizes.entry(size).free,
            (Some(size), "nr_hugepages") => &mut sizes.entry(size).nr,
            (None, _) => {
                note_once(&mut ignored, format!("hugepages-{}kB", token(found.kb)));
                continue;
            }
            (_, other) => {
                note_once(&mut ignored, token(other));
                continue;
            }
        };
        let pages = found.value.parse().map_err(|_| {
            ImportError::new(&at, format!("{} is not a page count.", quote(found.value)))
        })?;
        *counts.entry(node) = count(pages, &at)?;
    }
    let notes = if ignored.is_empty() {
        Vec::new()
    } else {
        vec![format!(
            "sysfs {} ignored: the planner reads free_hugepages and nr_hugepages of 2048kB (2Mi) and 1048576kB (1Gi) pages",
            ignored.join(", ")
        )]
    };
    let found = sizes
        .into_vec()
        .into_iter()
        .map(|(size, counts)| found(size, counts))
        .collect();
    Ok((found, notes, rest))
}

/// One size's free pages, with the configured ones in the line; the
/// configured ones alone when no free ones were given.
fn found(size: HugepageSize, counts: Counts) -> Found {
    if counts.free.is_empty() {
        let mut found = Found::new(
            size,
            Count::Configured,
            Origin::new("sysfs", "nr_hugepages"),
        );
        found.per_node = counts.nr;
        return found;
    }
    let mut found = Found::new(size, Count::Free, Origin::new("sysfs", "free_hugepages"));
    found.per_node = counts.free;
    if !counts.nr.is_empty() {
        let nr: Vec<String> = counts
            .nr
            .iter()
            .map(|(node, n)| format!("node {node} = {n}"))
            .collect();
        found.detail = format!(" (nr_hugepages, the configured total: {})", nr.join(", "));
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_split_with_or_without_the_prefix() {
        let l = Line::split(
            "/sys/devices/system/node/node1/hugepages/hugepages-1048576kB/free_hugepages:4",
        )
        .unwrap();
        assert_eq!(
            (l.node, l.kb, l.file, l.value),
            ("1", "1048576", "free_hugepages", "4")
        );
        let l = Line::split("node0/hugepages/hugepages-2048kB/nr_hugepages: 12").unwrap();
        assert_eq!(
            (l.node, l.kb, l.file, l.value),
            ("0", "2048", "nr_hugepages", "12")
        );
        assert!(Line::split("node0/hugepages/hugepages-2048kB/nr_hugepages").is_none());
    }

    #[test]
    fn other_lines_are_left_for_the_other_readers() {
        let (found, notes, rest) = take(
            "$ grep . /sys/devices/system/node/node*/hugepages/hugepages-*/*\nNUMA node(s): 1\nnode0/hugepages/hugepages-2048kB/free_hugepages:3\nnode0/hugepages/hugepages-2048kB/surplus_hugepages:0\nnode0/hugepages/hugepages-64kB/free_hugepages:9\nnode0/hugepages/hugepages-1048576kB/demote:0\n",
        )
        .unwrap();
        assert_eq!(rest, "NUMA node(s): 1\n");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].per_node, SortedMap::from([(0, 3)]));
        assert_eq!(
            notes,
            ["sysfs hugepages-64kB, demote ignored: the planner reads free_hugepages and nr_hugepages of 2048kB (2Mi) and 1048576kB (1Gi) pages"]
        );
    }

    #[test]
    fn errors_name_the_line() {
        for (text, expected) in [
            (
                "x\nnode0/hugepages/hugepages-2048kB/free_hugepages:many\n",
                "sysfs line 2: \"many\" is not a page count.",
            ),
            (
                "nodeX/hugepages/hugepages-2048kB/free_hugepages:1\n",
                "sysfs line 1: X is not a NUMA node number from 0 to 1023.",
            ),
            (
                "node0/hugepages/hugepages-2048kB/free_hugepages:99999999\n",
                "sysfs line 1: Free huge pages must be at most 16777216; got 99999999.",
            ),
        ] {
            assert_eq!(take(text).unwrap_err().to_string(), expected);
        }
        let e = take("node0/hugepages/hugepages-2048kB/free_hugepages\n").unwrap_err();
        assert!(e.problem.starts_with("expected path:count"), "{e}");
    }
}
