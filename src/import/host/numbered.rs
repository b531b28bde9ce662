//! Reserved and offline CPUs (a PerformanceProfile's `reserved` and
//! `offlined`, a kubelet's `reservedSystemCPUs`) on a host given without
//! CPU lists, by the command's flags or the page's fields: its CPUs are
//! numbered as Linux numbers most hosts, so the lists fall on nodes.

use super::combine::{unplaced_lines, with_topology};
use super::kubelet::KubeletSettings;
use super::node::{reserved, HostImport, NumaNodeCpus};
use super::topology::Topology;
use crate::domain::{parse_per_node, Field, Host, HostInput, HostMode};
use crate::import::origin::{Origin, Origins};
use crate::import::{CpuList, ImportError};

/// Each node's CPUs on a host of `nodes` nodes of `cores` cores of
/// `threads` threads, as Linux numbers most x86 hosts: the first thread of
/// every core node by node, then the second threads in the same order
/// (2 nodes of 16 cores x 2: node 0 = 0-15,32-47).
fn numbered(nodes: u32, cores: u32, threads: u32) -> Vec<NumaNodeCpus> {
    (0..nodes)
        .map(|n| {
            let ranges = (0..threads)
                .map(|t| {
                    let first = t * nodes * cores + n * cores;
                    (first, first + cores - 1)
                })
                .collect();
            NumaNodeCpus::new(n, CpuList::from_ranges(ranges))
        })
        .collect()
}

/// Threads per core once `offline` CPUs are gone, by the same numbering:
/// `Some` when every core that keeps a CPU keeps the same number of them.
fn threads_left(nodes: u32, cores: u32, threads: u32, offline: &CpuList) -> Option<u32> {
    let all = nodes * cores;
    let mut online = vec![threads; all as usize];
    for id in offline.ids().filter(|&id| id < all * threads) {
        online[(id % all) as usize] -= 1;
    }
    let mut left = online.into_iter().filter(|&t| t > 0);
    let first = left.next()?;
    left.all(|t| t == first).then_some(first)
}

impl HostImport {
    /// Places the reserved and offline CPUs the texts gave without a
    /// topology on `host`, given by `given` ("--numa-nodes and
    /// --cpus-per-node"), numbering its CPUs as `numbered` does and saying
    /// so: offline CPUs leave its nodes, reserved ones become its reserved
    /// CPUs per node (`reserved_flag` names a flag that gives them instead,
    /// which wins). A host whose fields do not make a valid host is left
    /// alone (the form reports its fields). Refused: lists that name CPUs
    /// beyond the host's. Nodes the offline CPUs leave unequal keep their
    /// own CPUs (`node_cpus`).
    ///
    /// Returns the link keys it set, each with where its value came from.
    pub fn place_on(
        &mut self,
        host: &mut HostInput,
        given: &str,
        reserved_flag: Option<&str>,
    ) -> Result<Origins, ImportError> {
        let Some(original) = self.unplaced.clone() else {
            return Ok(Vec::new());
        };
        let count = |field: Field| host.text(field).trim().parse::<u32>().ok();
        let threads_given = !host.text(Field::ThreadsPerCore).trim().is_empty();
        let threads = match threads_given {
            true => count(Field::ThreadsPerCore),
            false => Some(1),
        };
        let (Some(nodes), Some(cpus), Some(threads)) =
            (count(Field::NumaNodes), count(Field::CpusPerNode), threads)
        else {
            return Ok(Vec::new());
        };
        if Host::new(nodes, cpus, Some(threads)).is_err() {
            return Ok(Vec::new());
        }
        beyond_the_host(&original, nodes, cpus, given)?;
        let mut settings = original.clone();
        let mut read = Vec::new();
        if let Some(flag) = reserved_flag {
            let lines = [
                settings
                    .reserved
                    .take()
                    .map(|r| format!("reserved CPUs {} from {}", r.value.compact(), r.from)),
                settings
                    .reserved_count
                    .take()
                    .map(|c| format!("reserved CPUs {} from {}{}", c.value, c.from, c.detail)),
            ];
            read.extend(lines.into_iter().flatten().map(|what| {
                format!("{what} not used: {flag} is given, and a flag wins over a file")
            }));
        }
        let cores = cpus / threads;
        let threads_after = match &settings.offlined {
            Some(offline) => threads_left(nodes, cores, threads, &offline.value),
            None => Some(threads),
        };
        let mut numbering = numbered(nodes, cores, threads);
        let tracks = settings
            .cpu_state
            .as_ref()
            .filter(|s| s.value.tracks_cpus());
        if tracks.is_some() && settings.reserved.is_none() && settings.reserved_count.is_none() {
            // The host's own reserved CPUs sit in the shared pool too.
            let per_node = parse_per_node(Field::ReservedCpus, host.text(Field::ReservedCpus));
            for (node, r) in numbering.iter_mut().zip(per_node.unwrap_or_default()) {
                node.allocatable = node.capacity.saturating_sub(r);
            }
        }
        let node0 = numbering
            .first()
            .and_then(|n| n.cpus.as_ref())
            .map_or(String::new(), CpuList::compact);
        let assumed = match threads {
            1 => format!("as Linux numbers them, node by node (node 0 = {node0})"),
            _ => format!("as Linux numbers most x86 hosts, the first thread of each core node by node, then the other threads in the same order (node 0 = {node0})"),
        };
        let topology = Topology {
            nodes: numbering,
            threads_per_core: threads_after.filter(|_| threads_given),
            notes: Vec::new(),
        };
        let (placed, mut lines, _) = with_topology(topology, Origin::new(given, ""), &settings)?;
        let reserved_from = match (&settings.reserved, &settings.reserved_count) {
            (Some(r), _) => Some(&r.from),
            (None, Some(c)) => Some(&c.from),
            _ => None,
        };
        if reserved_from.is_none() {
            // Its last line, the reserved CPUs per node, is not set here.
            lines.pop();
        }
        let mut assumed = vec![format!(
            "CPU numbering assumed for the host from {given}, to place the files' CPU lists on its nodes: {assumed}"
        )];
        if let (true, Some(offline)) = (
            threads_given && threads_after != Some(threads),
            &settings.offlined,
        ) {
            let list = offline.value.compact();
            assumed.push(match threads_after {
                Some(t) => format!("threads per core {t}: the offline CPUs {list} leave each core {t} online, by the numbering assumed"),
                None => format!("threads per core not used: the offline CPUs {list} leave cores with different numbers of online threads, by the numbering assumed"),
            });
        }
        let at = 1.min(lines.len());
        lines.splice(at..at, assumed);
        read.extend(lines);
        let mut origins = Vec::new();
        let largest = placed.nodes.iter().map(|n| n.capacity).max().unwrap_or(0);
        let uneven = placed.nodes.iter().any(|n| n.capacity != largest);
        let shape_changed = placed.nodes.len() as u32 != nodes
            || largest != cpus
            || uneven
            || (threads_given && placed.threads_per_core != Some(threads));
        if let (true, Some(offline)) = (shape_changed, &settings.offlined) {
            host.set_mode(HostMode::Nodes);
            host.set_text(Field::NumaNodes, placed.nodes.len().to_string());
            host.set_text(Field::CpusPerNode, largest.to_string());
            let threads = placed.threads_per_core.map(|t| t.to_string());
            host.set_text(Field::ThreadsPerCore, threads.unwrap_or_default());
            // Nodes the offlining leaves unequal keep their own CPUs.
            let sizes: Vec<String> = placed
                .nodes
                .iter()
                .map(|n| n.capacity.to_string())
                .collect();
            let uneven = placed.nodes.iter().any(|n| n.capacity != largest);
            host.set_text(
                Field::NodeCpus,
                if uneven {
                    sizes.join(",")
                } else {
                    String::new()
                },
            );
            origins.extend(
                [
                    Field::NumaNodes,
                    Field::CpusPerNode,
                    Field::NodeCpus,
                    Field::ThreadsPerCore,
                ]
                .map(|f| (f.key(), offline.from.clone())),
            );
        }
        if let Some(from) = reserved_from {
            let reserved: Vec<String> =
                reserved(&placed.nodes).iter().map(u32::to_string).collect();
            host.set_text(Field::ReservedCpus, reserved.join(","));
            origins.push((Field::ReservedCpus.key(), from.clone()));
        }
        let before = unplaced_lines(&original);
        self.read.retain(|line| !before.contains(line));
        self.read.extend(read);
        self.nodes = placed.nodes;
        self.threads_per_core = placed.threads_per_core;
        if let Some(state) = tracks {
            let free: Vec<String> = self.free_cpus().iter().map(u32::to_string).collect();
            host.set_text(Field::FreeCpus, free.join(","));
            let from = (Field::FreeCpus.key(), state.from.at("defaultCpuSet"));
            // `reserve` names it when a flag reserves other CPUs.
            self.origins.push(from.clone());
            origins.push(from);
        }
        self.unplaced = None;
        Ok(origins)
    }
}

/// Refuses reserved or offline CPU lists that name CPUs the host from
/// `given` lacks: the files were written for another host.
fn beyond_the_host(
    settings: &KubeletSettings,
    nodes: u32,
    cpus: u32,
    given: &str,
) -> Result<(), ImportError> {
    let total = nodes * cpus;
    let every = CpuList::from_ranges(vec![(0, total - 1)]);
    let mut lists: Vec<(&CpuList, String)> = [&settings.reserved, &settings.offlined]
        .into_iter()
        .flatten()
        .map(|list| (&list.value, list.from.to_string()))
        .collect();
    if let Some(state) = &settings.cpu_state {
        // Its file is named: it is often given beside the kubelet's config.
        lists.push((&state.value.shared, state.from.at("defaultCpuSet").mark()));
        lists.push((&state.value.exclusive, state.from.at("entries").mark()));
    }
    for (list, from) in lists {
        let beyond = list.without(&every);
        if !beyond.is_empty() {
            return Err(ImportError::whole(format!(
                "{from} names CPUs {} beyond the {total} CPUs (0-{}) of the host from {given} ({nodes} NUMA nodes of {cpus} CPUs): give the host the file was written for, or its lscpu output.",
                beyond.brief(),
                total - 1
            )));
        }
    }
    Ok(())
}
