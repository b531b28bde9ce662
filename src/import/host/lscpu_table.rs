//! `lscpu -e` (`--extended`) and `lscpu -p` (`--parse`): one row per CPU, in
//! the columns asked for (`-e=CPU,NODE,...`). Must-gather bundles keep each
//! node's lscpu as `-e`.

use super::node::NumaNodeCpus;
use super::topology::{Command, Topology};
use crate::domain::quote;
use crate::import::cpulist::MAX_CPU_ID;
use crate::import::pages::{bad_node, node_id};
use crate::import::sorted_map::SortedMap;
use crate::import::{CpuList, ImportError};

/// The columns lscpu prints, by the names its headers give them (`-e` in
/// upper case, `-p` capitalised); cache columns are told by their shape.
const COLUMNS: [&str; 17] = [
    "CPU",
    "CORE",
    "SOCKET",
    "CLUSTER",
    "NODE",
    "BOOK",
    "DRAWER",
    "CACHE",
    "POLARIZATION",
    "ADDRESS",
    "CONFIGURED",
    "ONLINE",
    "MHZ",
    "SCALMHZ%",
    "MAXMHZ",
    "MINMHZ",
    "MODELNAME",
];

/// A header's column name: one of lscpu's, or a cache (`L1d:L1i:L2:L3` in
/// `-e`, `L1d` in `-p`), or `-p`'s empty name before the caches.
fn is_column(name: &str) -> bool {
    let cache = name.contains(':')
        || (name.starts_with('L') && name[1..].starts_with(|c: char| c.is_ascii_digit()));
    name.is_empty() || cache || COLUMNS.iter().any(|c| c.eq_ignore_ascii_case(name))
}

/// Column names, when they are a header of lscpu's that has the CPU column.
fn header(names: Vec<&str>) -> Option<Vec<&str>> {
    let ok = names.len() > 1 && names.contains(&"CPU") && names.iter().all(|n| is_column(n));
    ok.then_some(names)
}

/// `-e`'s header: the first line, `CPU NODE SOCKET CORE L1d:L1i:L2:L3 ONLINE`.
fn extended_header(line: &str) -> Option<Vec<&str>> {
    header(line.split_whitespace().collect())
}

/// `-p`'s header: the comment line `# CPU,Core,Socket,Node,,L1d,L1i,L2,L3`.
fn parsable_header(line: &str) -> Option<Vec<&str>> {
    let names = line.trim().strip_prefix('#')?;
    header(names.split(',').map(str::trim).collect())
}

/// Whether `line` is the header a table starts with (`-e`'s column
/// names, or `-p`'s `# CPU,Core,...`), at column 0.
pub fn starts_table(line: &str) -> bool {
    !line.starts_with(char::is_whitespace)
        && (extended_header(line).is_some() || parsable_header(line).is_some())
}

/// Which table `text` is, if it is one of them.
pub fn form(text: &str) -> Option<Command> {
    let first = text.lines().find(|l| !l.trim().is_empty())?;
    if extended_header(first).is_some() {
        Some(Command::LscpuExtended)
    } else if text.lines().any(|l| parsable_header(l).is_some()) {
        Some(Command::LscpuParsable)
    } else {
        None
    }
}

/// Where the columns the planner reads sit in a row.
struct Columns {
    cpu: usize,
    node: Option<usize>,
    socket: Option<usize>,
    core: Option<usize>,
    online: Option<usize>,
}

impl Columns {
    fn of(names: &[&str]) -> Option<Columns> {
        let at = |name: &str| names.iter().position(|n| n.eq_ignore_ascii_case(name));
        Some(Columns {
            cpu: at("CPU")?,
            node: at("NODE"),
            socket: at("SOCKET"),
            core: at("CORE"),
            online: at("ONLINE"),
        })
    }

    /// How many fields a row needs to have all of them.
    fn needed(&self) -> usize {
        [self.node, self.socket, self.core, self.online]
            .into_iter()
            .flatten()
            .fold(self.cpu, usize::max)
            + 1
    }
}

/// The rows read so far.
#[derive(Default)]
struct Rows<'a> {
    /// Online CPUs by node.
    nodes: SortedMap<u32, Vec<u32>>,
    /// Online CPUs by (socket, core), to count threads per core.
    cores: SortedMap<(&'a str, &'a str), u32>,
    offline: Vec<u32>,
    /// Online CPUs whose node cell is empty (`-p` on a host without NUMA).
    unnoded: Vec<u32>,
}

/// A cell lscpu leaves unknown: `-` in `-e`, empty in `-p` (an offline
/// CPU's node, socket and core).
fn unknown(cell: &str) -> bool {
    cell.is_empty() || cell == "-"
}

impl<'a> Rows<'a> {
    /// Takes one row's fields; a problem is a sentence.
    fn take(&mut self, columns: &Columns, fields: &[&'a str]) -> Result<(), String> {
        if fields.len() < columns.needed() {
            return Err(format!(
                "{} fields where the header's columns need {}.",
                fields.len(),
                columns.needed()
            ));
        }
        let cell = |at: Option<usize>| at.and_then(|i| fields.get(i).copied());
        let text = fields[columns.cpu];
        let cpu = text
            .parse::<u32>()
            .ok()
            .filter(|&c| c <= MAX_CPU_ID)
            .ok_or_else(|| format!("{} is not a CPU number.", quote(text)))?;
        let node = cell(columns.node);
        let online = cell(columns.online)
            .map(|o| !(o.eq_ignore_ascii_case("no") || o.eq_ignore_ascii_case("n")));
        // An offline CPU's node, socket and core are unknown; an online
        // CPU's node is empty on a host without NUMA.
        let placed = [columns.socket, columns.core]
            .into_iter()
            .any(|at| cell(at).is_some_and(|c| !unknown(c)));
        match (online, node) {
            (Some(false), _) => {
                self.offline.push(cpu);
                return Ok(());
            }
            (online, Some(text)) if unknown(text) => {
                if online == Some(true) || placed {
                    self.unnoded.push(cpu);
                    self.core(columns, fields);
                } else {
                    self.offline.push(cpu);
                }
                return Ok(());
            }
            _ => {}
        }
        // Without the NODE column the host has no NUMA: one node.
        let node = match node {
            Some(text) => node_id(text).ok_or_else(|| bad_node(text))?,
            None => 0,
        };
        self.nodes.entry(node).push(cpu);
        self.core(columns, fields);
        Ok(())
    }

    /// Counts an online CPU on its (socket, core).
    fn core(&mut self, columns: &Columns, fields: &[&'a str]) {
        let cell = |at: Option<usize>| at.and_then(|i| fields.get(i).copied());
        if let Some(core) = cell(columns.core).filter(|c| !unknown(c)) {
            // Core ids may restart on each socket (`--physical`).
            let socket = cell(columns.socket).unwrap_or_default();
            *self.cores.entry((socket, core)) += 1;
        }
    }
}

/// The table: each node's online CPUs, and threads per core from the CPUs
/// that share a core (the most on any core; none without the CORE column).
pub fn parse(text: &str, command: Command) -> Result<Topology, ImportError> {
    let at = |n: usize| format!("{} line {}", command.name(), n + 1);
    let mut columns: Option<Columns> = None;
    let mut rows = Rows::default();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = if command == Command::LscpuParsable {
            if line.trim_start().starts_with('#') {
                if let Some(header) = parsable_header(line) {
                    columns = Columns::of(&header);
                }
                continue;
            }
            line.split(',').map(str::trim).collect()
        } else if columns.is_none() {
            // `form` found the header on the first line.
            columns = extended_header(line).and_then(|h| Columns::of(&h));
            continue;
        } else {
            line.split_whitespace().collect()
        };
        let Some(columns) = &columns else {
            return Err(ImportError::new(
                at(n),
                format!("a row before the header: {}.", quote(line.trim())),
            ));
        };
        rows.take(columns, &fields)
            .map_err(|problem| ImportError::new(at(n), problem))?;
    }
    let mut unnoded_note = None;
    if !rows.unnoded.is_empty() {
        let list = CpuList::of_ids(rows.unnoded.iter().copied()).compact();
        unnoded_note = Some(if rows.nodes.is_empty() {
            rows.nodes.entry(0).extend(rows.unnoded.iter().copied());
            format!(
                "{}'s NODE column is empty (a host without NUMA): its online CPUs {list} are one NUMA node.",
                command.name()
            )
        } else {
            format!(
                "{}: online CPUs {list} have an empty NODE column beside CPUs that have one; they are left out.",
                command.name()
            )
        });
    }
    let nodes = rows
        .nodes
        .into_vec()
        .into_iter()
        .map(|(id, cpus)| NumaNodeCpus::new(id, CpuList::of_ids(cpus)))
        .collect();
    let threads = rows.cores.values().max().copied();
    let mut topology = Topology::listed(command, None, nodes, threads)?;
    if columns.is_some_and(|c| c.node.is_none()) {
        topology.notes.push(format!(
            "{} has no NODE column (a host without NUMA): its CPUs are one NUMA node.",
            command.name()
        ));
    }
    topology.notes.extend(unnoded_note);
    if !rows.offline.is_empty() {
        topology.notes.push(format!(
            "{}: offline CPUs {} left out.",
            command.name(),
            CpuList::of_ids(rows.offline).compact()
        ));
    }
    Ok(topology)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_by_their_headers() {
        let extended = "CPU NODE SOCKET CORE L1d:L1i:L2:L3 ONLINE    MAXMHZ   MINMHZ\n  0    0      0    0 0:0:0:0          yes 3500.0000 800.0000\n";
        assert_eq!(form(extended), Some(Command::LscpuExtended));
        assert_eq!(form("\n  CPU CORE\n0 0\n"), Some(Command::LscpuExtended));
        let parsable = "# The following is the parsable format, which can be fed to other\n# CPU,Core,Socket,Node,,L1d,L1i,L2,L3\n0,0,0,0,,0,0,0,0\n";
        assert_eq!(form(parsable), Some(Command::LscpuParsable));
        for other in [
            "CPU: 4\n",
            "CPU\n0\n",
            "CPU NODE and more words\n",
            "# CPU, this is a comment\n",
            "NAME ONE-SIZE ALL-SIZE WAYS TYPE\n",
            "",
        ] {
            assert_eq!(form(other), None, "{other:?}");
        }
    }

    #[test]
    fn threads_count_per_socket_and_core() {
        // --physical: core ids restart on each socket.
        let text = "CPU NODE SOCKET CORE\n0 0 0 0\n1 1 1 0\n2 0 0 0\n3 1 1 0\n";
        let t = parse(text, Command::LscpuExtended).unwrap();
        assert_eq!(t.threads_per_core, Some(2));
        assert_eq!(t.nodes.len(), 2);
        let t = parse("CPU NODE\n0 0\n1 0\n", Command::LscpuExtended).unwrap();
        assert_eq!(t.threads_per_core, None);
    }

    #[test]
    fn an_empty_node_column_is_one_node() {
        let text = "# CPU,Core,Socket,Node,,L1d,L1i,L2\n0,0,0,,,0,0,0\n1,0,0,,,0,0,0\n2,1,0,,,1,1,1\n3,1,0,,,1,1,1\n4,,,,,,,\n";
        let t = parse(text, Command::LscpuParsable).unwrap();
        assert_eq!(
            t.nodes,
            [NumaNodeCpus::new(0, CpuList::parse("0-3").unwrap())]
        );
        assert_eq!(t.threads_per_core, Some(2));
        assert_eq!(
            t.notes,
            [
                "lscpu -p's NODE column is empty (a host without NUMA): its online CPUs 0-3 are one NUMA node.",
                "lscpu -p: offline CPUs 4 left out."
            ]
        );
        let text = "CPU NODE SOCKET CORE ONLINE\n0 0 0 0 yes\n1 - 0 1 yes\n";
        let t = parse(text, Command::LscpuExtended).unwrap();
        assert_eq!(t.nodes.len(), 1);
        assert_eq!(t.nodes[0].capacity, 1);
        assert!(
            t.notes[0].contains("online CPUs 1 have an empty NODE column"),
            "{:?}",
            t.notes
        );
    }

    #[test]
    fn errors_name_the_line() {
        let cases = [
            ("CPU NODE\n0 0\nx 0\n", "lscpu -e line 3: \"x\" is not a CPU number."),
            ("CPU NODE\n0 0\n1\n", "lscpu -e line 3: 1 fields where the header's columns need 2."),
            ("CPU NODE\n0 2000\n", "lscpu -e line 2: 2000 is not a NUMA node number from 0 to 1023."),
            ("CPU NODE\n", "lscpu -e: no NUMA node CPU lists found (rows of online CPUs like \"  0    0      0    0 0:0:0:0  yes\")."),
            ("0,0\n# CPU,Node\n", "lscpu -p line 1: a row before the header: \"0,0\"."),
        ];
        for (text, expected) in cases {
            let command = form(text).unwrap_or(Command::LscpuParsable);
            let e = parse(text, command).unwrap_err();
            assert_eq!(e.to_string(), expected, "{text:?}");
        }
    }
}
