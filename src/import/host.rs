//! The host: NUMA nodes and their CPUs from command output or Kubernetes
//! objects, reserved CPUs and the Topology Manager policy from kubelet config.

use super::cpulist::CpuList;
use super::text::{looks_like_lscpu, looks_like_numactl, lscpu, numactl, Topology};
use super::yaml::{at, count, load, string};
use super::{check_size, ImportError};
use crate::domain::{Advisory, AdvisoryCode, Field, Policy, Source};
use yaml_rust2::Yaml;

/// One NUMA node: its CPUs and how many of them pods can get.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NumaNodeCpus {
    pub id: u32,
    /// The CPU ids, when the source lists them (not NodeResourceTopology).
    pub cpus: Option<CpuList>,
    pub capacity: u32,
    pub allocatable: u32,
}

impl NumaNodeCpus {
    pub fn new(id: u32, cpus: CpuList) -> Self {
        let capacity = cpus.len();
        NumaNodeCpus {
            id,
            cpus: Some(cpus),
            capacity,
            allocatable: capacity,
        }
    }
}

/// A host read from pasted text, with where each number came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostImport {
    pub nodes: Vec<NumaNodeCpus>,
    pub threads_per_core: Option<u32>,
    pub policy: Option<Policy>,
    /// "what was read from where", one line each.
    pub read: Vec<String>,
}

impl HostImport {
    pub fn numa_nodes(&self) -> u32 {
        self.nodes.len() as u32
    }

    /// The node size the planner classifies against: the largest number of
    /// allocatable CPUs on one node, the most a single-node placement can get.
    pub fn cpus_per_node(&self) -> u32 {
        self.nodes.iter().map(|n| n.allocatable).max().unwrap_or(0)
    }

    pub fn is_uniform(&self) -> bool {
        self.nodes
            .windows(2)
            .all(|w| w[0].allocatable == w[1].allocatable && w[0].capacity == w[1].capacity)
    }

    /// When nodes differ: each node's CPUs and which of them a pod of
    /// `pod_cpus` dedicated CPUs fits on.
    pub fn fit_note(&self, pod_cpus: u32) -> Option<Advisory> {
        if self.is_uniform() {
            return None;
        }
        let sizes: Vec<String> = self
            .nodes
            .iter()
            .map(|n| {
                if n.allocatable == n.capacity {
                    format!("node {} {} CPUs", n.id, n.capacity)
                } else {
                    format!(
                        "node {} {} of {} CPUs allocatable",
                        n.id, n.allocatable, n.capacity
                    )
                }
            })
            .collect();
        let (fit, no_fit): (Vec<_>, Vec<_>) =
            self.nodes.iter().partition(|n| n.allocatable >= pod_cpus);
        let names = |ns: &[&NumaNodeCpus]| {
            ns.iter()
                .map(|n| format!("node {}", n.id))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let verdict = match (fit.is_empty(), no_fit.is_empty()) {
            (true, _) => "fits on no single NUMA node".to_string(),
            (false, true) => "fits on every NUMA node".to_string(),
            (false, false) => format!("fits on {} but not on {}", names(&fit), names(&no_fit)),
        };
        Some(Advisory {
            code: AdvisoryCode::AsymmetricNumaNodes,
            message: format!(
                "The NUMA nodes differ ({}). The planner classifies against the largest, {} CPUs. A pod of {pod_cpus} dedicated CPUs {verdict}.",
                sizes.join("; "),
                self.cpus_per_node()
            ),
            source: &Source::KUBERNETES_TOPOLOGY_MANAGER,
        })
    }
}

/// Kubelet settings that change the host's numbers.
#[derive(Default)]
struct KubeletSettings {
    reserved: Option<(CpuList, String)>,
    policy: Option<(Policy, String)>,
}

fn policy_from(text: &str) -> Option<Policy> {
    match text {
        "SingleNUMANodeContainerLevel" | "SingleNUMANodePodLevel" => Some(Policy::SingleNumaNode),
        "BestEffort" => Some(Policy::BestEffort),
        "Restricted" => Some(Policy::Restricted),
        "None" => Some(Policy::None),
        code => Policy::from_code(code),
    }
}

fn kubelet(
    doc: &Yaml,
    base: &str,
    what: &str,
    out: &mut KubeletSettings,
) -> Result<(), ImportError> {
    let path = |key: &str| {
        if base.is_empty() {
            key.to_string()
        } else {
            format!("{base}.{key}")
        }
    };
    let (reserved_key, policy_key) = if what == "PerformanceProfile" {
        ("cpu.reserved", "numa.topologyPolicy")
    } else {
        ("reservedSystemCPUs", "topologyManagerPolicy")
    };
    if let Some(list) = string(at(doc, &path(reserved_key))) {
        let cpus = CpuList::parse(&list)
            .map_err(|e| ImportError::new(format!("{}: {}", path(reserved_key), e.message)))?;
        out.reserved = Some((cpus, format!("{what} {}", path(reserved_key))));
    }
    if let Some(code) = string(at(doc, &path(policy_key))) {
        let policy = policy_from(&code).ok_or_else(|| {
            ImportError::new(format!(
                "{}: unknown Topology Manager policy \"{code}\".",
                path(policy_key)
            ))
        })?;
        out.policy = Some((policy, format!("{what} {}", path(policy_key))));
    }
    Ok(())
}

fn node_resource_topology(doc: &Yaml) -> Result<Topology, ImportError> {
    let Yaml::Array(zones) = &doc["zones"] else {
        return Err(ImportError::new("NodeResourceTopology: no zones list."));
    };
    let mut nodes = Vec::new();
    for (i, zone) in zones.iter().enumerate() {
        if string(&zone["type"]).as_deref() != Some("Node") {
            continue;
        }
        let name = string(&zone["name"]).unwrap_or_default();
        let id = name
            .rsplit(|c: char| !c.is_ascii_digit())
            .next()
            .and_then(|d| d.parse().ok())
            .unwrap_or(i as u32);
        let Yaml::Array(resources) = &zone["resources"] else {
            continue;
        };
        let Some(cpu) = resources
            .iter()
            .find(|r| string(&r["name"]).as_deref() == Some("cpu"))
        else {
            continue;
        };
        let (_, max) = Field::CpusPerNode.bounds();
        let path = format!("zones[{i}].resources[cpu]");
        let capacity = count(cpu, "capacity", max)
            .map_err(|e| ImportError::new(format!("{path}.{}", e.message)))?
            .ok_or_else(|| ImportError::new(format!("{path}: no capacity.")))?;
        let allocatable = count(cpu, "allocatable", max)
            .map_err(|e| ImportError::new(format!("{path}.{}", e.message)))?
            .unwrap_or(capacity);
        nodes.push(NumaNodeCpus {
            id,
            cpus: None,
            capacity,
            allocatable: allocatable.min(capacity),
        });
    }
    if nodes.is_empty() {
        return Err(ImportError::new(
            "NodeResourceTopology: no zones of type Node with a cpu resource.",
        ));
    }
    Ok(Topology {
        nodes,
        threads_per_core: None,
        notes: Vec::new(),
    })
}

/// `lscpu -J` (and its nested `children` form) as plain `lscpu` lines.
fn lscpu_json_lines(items: &Yaml, out: &mut String, depth: usize) {
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
            lscpu_json_lines(&item["children"], out, depth + 1);
        }
    }
}

/// Splits on YAML's `---` document lines, so command output and Kubernetes
/// objects can be pasted together.
fn parts(text: &str) -> Vec<String> {
    let mut parts = vec![String::new()];
    for line in text.lines() {
        if line.trim_end() == "---" {
            parts.push(String::new());
        } else if let Some(last) = parts.last_mut() {
            last.push_str(line);
            last.push('\n');
        }
    }
    parts.retain(|p| !p.trim().is_empty());
    parts
}

/// Reads one or more pasted texts describing one host.
pub fn import_host(texts: &[&str]) -> Result<HostImport, ImportError> {
    let mut topology: Option<(Topology, String)> = None;
    let mut settings = KubeletSettings::default();
    let mut extra = Vec::new();
    let mut take = |found: Topology, from: String, extra: &mut Vec<String>| {
        if topology.is_none() {
            topology = Some((found, from));
        } else {
            extra.push(format!(
                "A second CPU topology ({from}) was ignored; the first one is used."
            ));
        }
    };
    for text in texts {
        check_size(text)?;
        for part in parts(text) {
            if looks_like_lscpu(&part) {
                take(lscpu(&part)?, "lscpu".into(), &mut extra);
                continue;
            }
            if looks_like_numactl(&part) {
                take(numactl(&part)?, "numactl --hardware".into(), &mut extra);
                continue;
            }
            for doc in load(&part)? {
                let docs = match &doc["items"] {
                    Yaml::Array(items) if string(&doc["kind"]).as_deref() == Some("List") => {
                        items.clone()
                    }
                    _ => vec![doc],
                };
                for doc in docs {
                    let kind = string(&doc["kind"]).unwrap_or_default();
                    match kind.as_str() {
                        "NodeResourceTopology" => {
                            let name = string(at(&doc, "metadata.name")).unwrap_or_default();
                            take(node_resource_topology(&doc)?, format!("NodeResourceTopology {name}").trim().to_string(), &mut extra);
                            if let Yaml::Array(attrs) = &doc["attributes"] {
                                if let Some(code) = attrs
                                    .iter()
                                    .find(|a| string(&a["name"]).as_deref() == Some("topologyManagerPolicy"))
                                    .and_then(|a| string(&a["value"]))
                                {
                                    settings.policy = policy_from(&code).map(|p| (p, "NodeResourceTopology attributes".to_string())).or(settings.policy.take());
                                }
                            }
                            if let Some(code) = string(&doc["topologyPolicies"][0]) {
                                settings.policy = policy_from(&code).map(|p| (p, "NodeResourceTopology topologyPolicies".to_string())).or(settings.policy.take());
                            }
                        }
                        "KubeletConfig" => kubelet(&doc, "spec.kubeletConfig", "KubeletConfig", &mut settings)?,
                        "KubeletConfiguration" => kubelet(&doc, "", "KubeletConfiguration", &mut settings)?,
                        "PerformanceProfile" => kubelet(&doc, "spec", "PerformanceProfile", &mut settings)?,
                        _ if matches!(doc["lscpu"], Yaml::Array(_)) => {
                            let mut lines = String::new();
                            lscpu_json_lines(&doc["lscpu"], &mut lines, 0);
                            take(lscpu(&lines)?, "lscpu -J".into(), &mut extra);
                        }
                        "" => {
                            return Err(ImportError::new(
                                "Not a host description: expected lscpu or numactl --hardware output, or a NodeResourceTopology, KubeletConfig, KubeletConfiguration or PerformanceProfile object.",
                            ))
                        }
                        other => {
                            return Err(ImportError::new(format!(
                                "A {other} does not describe a host; expected lscpu or numactl --hardware output, or a NodeResourceTopology, KubeletConfig, KubeletConfiguration or PerformanceProfile object."
                            )))
                        }
                    }
                }
            }
        }
    }
    let Some((mut topology, from)) = topology else {
        return Err(ImportError::new(
            "No CPU topology found: paste lscpu or numactl --hardware output, or a NodeResourceTopology (kubelet configuration alone only gives reserved CPUs and the policy).",
        ));
    };
    let (_, max_nodes) = Field::NumaNodes.bounds();
    let (_, max_cpus) = Field::CpusPerNode.bounds();
    if topology.nodes.len() > max_nodes as usize {
        return Err(ImportError::new(format!(
            "{from}: {} NUMA nodes, more than the {max_nodes} the planner handles.",
            topology.nodes.len()
        )));
    }
    if let Some(big) = topology.nodes.iter().find(|n| n.capacity > max_cpus) {
        return Err(ImportError::new(format!(
            "{from}: node {} has {} CPUs, more than the {max_cpus} the planner handles per node.",
            big.id, big.capacity
        )));
    }
    let mut read = vec![format!(
        "NUMA nodes {} and CPUs per node from {from}: {}",
        topology.nodes.len(),
        topology
            .nodes
            .iter()
            .map(|n| match &n.cpus {
                Some(list) => format!("node {} = {} CPUs ({})", n.id, n.capacity, list.compact()),
                None => format!(
                    "node {} = {} CPUs, {} allocatable",
                    n.id, n.capacity, n.allocatable
                ),
            })
            .collect::<Vec<_>>()
            .join("; ")
    )];
    if let Some((reserved, where_)) = &settings.reserved {
        if topology.nodes.iter().any(|n| n.cpus.is_none()) {
            read.push(format!(
                "reserved CPUs {} from {where_} not applied: {from} already gives allocatable CPUs",
                reserved.compact()
            ));
        } else {
            for node in &mut topology.nodes {
                if let Some(cpus) = &node.cpus {
                    node.allocatable = node.capacity - cpus.overlap(reserved);
                }
            }
            read.push(format!(
                "reserved CPUs {} from {where_}: allocatable {}",
                reserved.compact(),
                topology
                    .nodes
                    .iter()
                    .map(|n| format!("node {} = {}", n.id, n.allocatable))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }
    let largest = topology
        .nodes
        .iter()
        .map(|n| n.allocatable)
        .max()
        .unwrap_or(0);
    if let Some(t) = topology.threads_per_core {
        if largest % t != 0 {
            read.push(format!(
                "threads per core {t} not used: the largest node's {largest} allocatable CPUs are not a multiple of it"
            ));
            topology.threads_per_core = None;
        }
    }
    if largest == 0 {
        return Err(ImportError::new(
            "Every CPU of the host is reserved; no pod can get a dedicated CPU.",
        ));
    }
    if let Some(t) = topology.threads_per_core {
        read.push(format!("threads per core {t} from {from}"));
    }
    if let Some((policy, where_)) = &settings.policy {
        read.push(format!("Topology Manager policy {policy} from {where_}"));
    }
    read.extend(topology.notes);
    read.extend(extra);
    Ok(HostImport {
        nodes: topology.nodes,
        threads_per_core: topology.threads_per_core,
        policy: settings.policy.map(|(p, _)| p),
        read,
    })
}
