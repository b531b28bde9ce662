//! `lscpu`, plain or `-J`, and the forms of its output that are not read.

use super::node::NumaNodeCpus;
use super::topology::{wrapped_note, Command, Topology};
use crate::domain::quote;
use crate::import::yaml::string;
use crate::import::{CpuList, ImportError};
use yaml_rust2::Yaml;

/// Whether a text is plain `lscpu` output.
pub fn looks_like(text: &str) -> bool {
    text.lines().any(|l| {
        let l = l.trim_start();
        l.starts_with("NUMA node(s):") || l.starts_with("Thread(s) per core:")
    })
}

/// The forms of lscpu output the planner reads, for messages about others.
const READ: &str = "the planner reads plain lscpu, lscpu -e, lscpu -p or lscpu -J";

/// Why `text`, lscpu output in a form not read, is refused: `lscpu -C`
/// (caches), or plain lscpu without the lines read (cut short, or printed
/// in another language).
pub fn unread(text: &str) -> Option<String> {
    let first = text.lines().map(str::trim).find(|l| !l.is_empty())?;
    if first.starts_with("NAME") && first.contains("ONE-SIZE") {
        return Some(format!(
            "This is lscpu -C (caches) output, which has no NUMA nodes; {READ}."
        ));
    }
    let plain = text.lines().any(|l| {
        let l = l.trim_start();
        l.starts_with("Architecture:") || l.starts_with("CPU(s):")
    });
    plain.then(|| format!(
        "This looks like lscpu output without its NUMA node(s) and Thread(s) per core lines (cut short, or in another language): paste all of LC_ALL=C lscpu; {READ}."
    ))
}

/// Why a JSON document from lscpu in a form not read is refused: `-J` with
/// `-e` (`cpus`) or `-C` (`caches`).
pub fn unread_json(doc: &Yaml) -> Option<String> {
    let form = if matches!(doc["cpus"], Yaml::Array(_)) {
        "lscpu -J -e"
    } else if matches!(doc["caches"], Yaml::Array(_)) {
        "lscpu -J -C"
    } else {
        return None;
    };
    Some(format!(
        "This is {form} output; {READ} (-J without -e or -C)."
    ))
}

/// What `lscpu` printed so far.
#[derive(Default)]
struct Lines {
    declared: Option<u32>,
    threads: Option<u32>,
    nodes: Vec<NumaNodeCpus>,
    /// "On-line CPU(s) list".
    online: Option<CpuList>,
}

impl Lines {
    /// Takes one `key: value` line.
    fn take(&mut self, key: &str, value: &str) -> Result<(), String> {
        let number = |what: &str| {
            value
                .parse::<u32>()
                .map_err(|_| format!("{} is not a {what}", quote(value)))
        };
        if key == "NUMA node(s)" {
            self.declared = Some(number("node count")?);
        } else if key == "Thread(s) per core" {
            self.threads = Some(number("thread count")?);
        } else if key == "On-line CPU(s) list" {
            self.online = Some(CpuList::parse(value).map_err(|e| e.problem)?);
        } else if let Some(id) = node_id(key) {
            let cpus = CpuList::parse(value).map_err(|e| e.problem)?;
            if !cpus.is_empty() {
                self.nodes.push(NumaNodeCpus::new(id, cpus));
            }
        }
        Ok(())
    }
}

/// The node of a "NUMA node3 CPU(s)" key.
fn node_id(key: &str) -> Option<u32> {
    key.strip_prefix("NUMA node")?
        .strip_suffix(" CPU(s)")?
        .trim()
        .parse()
        .ok()
}

/// Whether `key` names a CPU list ("NUMA node0 CPU(s)", "On-line CPU(s)
/// list").
fn lists_cpus(key: &str) -> bool {
    node_id(key).is_some() || key.ends_with("CPU(s) list")
}

/// The lines of `text` (each with its number from 0), a CPU list line with
/// the lines of only CPU numbers below it joined on: lscpu writes lists
/// without spaces (`0,2,4,...`), so a mail client breaks them anywhere,
/// and the pieces join with nothing between them. Also the lines joined.
fn joined(text: &str) -> (Vec<(usize, String)>, Vec<usize>) {
    let mut lines: Vec<(usize, String)> = Vec::new();
    let mut wrapped = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let piece = line.trim();
        let numbers = !piece.is_empty()
            && piece
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b',' || b == b'-');
        if let Some((first, last)) = lines.last_mut().filter(|(_, l)| {
            numbers && l.split_once(':').is_some_and(|(k, _)| lists_cpus(k.trim()))
        }) {
            last.push_str(piece);
            if !wrapped.contains(first) {
                wrapped.push(*first);
            }
            continue;
        }
        lines.push((n, line.to_string()));
    }
    (lines, wrapped)
}

/// `lscpu`: the node count, threads per core and each node's CPU list,
/// only its online CPUs. Without NUMA lines (s390x, many ARM hosts) the
/// online CPUs are one node.
pub fn parse(text: &str) -> Result<Topology, ImportError> {
    let mut lines = Lines::default();
    let (joined, wrapped) = joined(text);
    for (n, line) in &joined {
        if let Some((key, value)) = line.split_once(':') {
            lines
                .take(key.trim(), value.trim())
                .map_err(|problem| ImportError::new(format!("lscpu line {}", n + 1), problem))?;
        }
    }
    let mut notes = Vec::new();
    notes.extend(wrapped_note(Command::Lscpu, &wrapped));
    if let (true, None | Some(0 | 1), Some(online)) =
        (lines.nodes.is_empty(), lines.declared, &lines.online)
    {
        notes.push(format!(
            "lscpu has no NUMA node CPU lists (a host without NUMA, such as s390x or many ARM hosts): its online CPUs {} are one NUMA node.",
            online.compact()
        ));
        lines.nodes.push(NumaNodeCpus::new(0, online.clone()));
        lines.declared = None;
    }
    if let Some(online) = &lines.online {
        let mut offline = Vec::new();
        for node in &mut lines.nodes {
            let Some(cpus) = node.cpus.as_ref() else {
                continue;
            };
            let gone = cpus.without(online);
            if !gone.is_empty() {
                offline.push(format!("node {}: {}", node.id, gone.compact()));
                *node = NumaNodeCpus::new(node.id, cpus.common(online));
            }
        }
        if !offline.is_empty() {
            notes.push(format!(
                "lscpu: CPUs listed under NUMA nodes but not in the On-line CPU(s) list {} are offline and not counted ({}).",
                online.compact(),
                offline.join("; ")
            ));
        }
        lines.nodes.retain(|n| n.capacity > 0);
    }
    let mut topology =
        Topology::listed(Command::Lscpu, lines.declared, lines.nodes, lines.threads)?;
    topology.notes.extend(notes);
    Ok(topology)
}

/// `lscpu -J`: read as the plain lines it stands for.
pub fn parse_json(doc: &Yaml) -> Result<Topology, ImportError> {
    let mut lines = String::new();
    json_lines(&doc["lscpu"], &mut lines, 0);
    parse(&lines)
}

/// `lscpu -J` (and its nested `children` form) as plain `lscpu` lines.
fn json_lines(items: &Yaml, out: &mut String, depth: usize) {
    let Yaml::Array(items) = items else {
        return;
    };
    for item in items {
        if let (Some(field), Some(data)) = (string(&item["field"]), string(&item["data"])) {
            out.push_str(&field);
            if !field.ends_with(':') {
                out.push(':');
            }
            out.push(' ');
            out.push_str(&data);
            out.push('\n');
        }
        if depth < 4 {
            json_lines(&item["children"], out, depth + 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn node_keys() {
        assert_eq!(node_id("NUMA node3 CPU(s)"), Some(3));
        assert_eq!(node_id("NUMA node(s)"), None);
        assert_eq!(node_id("NUMA nodeX CPU(s)"), None);
    }

    #[test]
    fn json_becomes_lines() {
        let doc = &yaml_rust2::YamlLoader::load_from_str(
            r#"{"lscpu": [{"field": "NUMA node(s):", "data": "1", "children": [{"field": "NUMA node0 CPU(s)", "data": "0-3"}]}]}"#,
        )
        .unwrap()[0];
        let mut out = String::new();
        json_lines(&doc["lscpu"], &mut out, 0);
        assert_eq!(out, "NUMA node(s): 1\nNUMA node0 CPU(s): 0-3\n");
    }

    #[test]
    fn errors_name_the_line() {
        let e = parse("x\nThread(s) per core: two\n").unwrap_err();
        assert_eq!(e.to_string(), "lscpu line 2: \"two\" is not a thread count");
    }

    #[test]
    fn without_numa_lines_the_online_cpus_are_one_node() {
        let t = parse("CPU(s): 8\nOn-line CPU(s) list: 0-5\nOff-line CPU(s) list: 6,7\nThread(s) per core: 2\n").unwrap();
        assert_eq!(
            t.nodes,
            [NumaNodeCpus::new(0, CpuList::parse("0-5").unwrap())]
        );
        assert_eq!(t.notes, ["lscpu has no NUMA node CPU lists (a host without NUMA, such as s390x or many ARM hosts): its online CPUs 0-5 are one NUMA node."]);
        // Nodes declared but not listed are still refused.
        assert!(parse("NUMA node(s): 2\nOn-line CPU(s) list: 0-5\n").is_err());
    }

    /// Each node's online CPUs in `text`, and the notes.
    fn read(text: &str) -> (Vec<u32>, Vec<String>) {
        let t = parse(text).unwrap();
        (t.nodes.iter().map(|n| n.capacity).collect(), t.notes)
    }

    #[test]
    fn wrapped_cpu_lists_are_joined() {
        let (sizes, notes) = read("NUMA node(s): 2\nNUMA node0 CPU(s): 0,2,4,6,8,1\n0,12,14\nNUMA node1 CPU(s): 1,3,5,7,9,11,13,15\n");
        assert_eq!(sizes, [8, 8]);
        assert_eq!(notes, ["lscpu: the CPU lists of lines 2 were wrapped (as a mail client wraps long lines); the lines of CPU numbers below them were joined on."]);
    }

    #[test]
    fn node_lists_keep_only_online_cpus() {
        let (sizes, notes) = read("On-line CPU(s) list: 0-5\nNUMA node(s): 2\nNUMA node0 CPU(s): 0-3\nNUMA node1 CPU(s): 4-7\n");
        assert_eq!(sizes, [4, 2]);
        assert_eq!(
            notes,
            ["lscpu: CPUs listed under NUMA nodes but not in the On-line CPU(s) list 0-5 are offline and not counted (node 1: 6-7)."]
        );
    }
}
