//! NodeResourceTopology (the NUMA-aware scheduler's per-node object): each
//! zone of type Node with its cpu capacity and allocatable CPUs, and the
//! Topology Manager policy it reports.

use super::kubelet::{policy_from, Sourced};
use super::node::NumaNodeCpus;
use super::topology::Topology;
use crate::domain::{Field, Policy};
use crate::import::error::token;
use crate::import::yaml::{string, Place};
use crate::import::ImportError;
use yaml_rust2::Yaml;

/// "NodeResourceTopology worker-2", as read lines name it.
pub fn source(doc: &Yaml) -> String {
    let name = string(&doc["metadata"]["name"]).filter(|n| !n.is_empty());
    match name.map(|n| token(&n)) {
        Some(name) => format!("NodeResourceTopology {name}"),
        None => "NodeResourceTopology".to_string(),
    }
}

/// The zones of type Node that have a cpu resource.
pub fn topology(doc: &Yaml) -> Result<Topology, ImportError> {
    let Yaml::Array(zones) = &doc["zones"] else {
        return Err(ImportError::new("NodeResourceTopology", "no zones list."));
    };
    let mut nodes = Vec::new();
    for (i, zone) in zones.iter().enumerate() {
        if let Some(node) = node(i, zone)? {
            nodes.push(node);
        }
    }
    if nodes.is_empty() {
        return Err(ImportError::new(
            "NodeResourceTopology",
            "no zones of type Node with a cpu resource.",
        ));
    }
    Ok(Topology {
        nodes,
        threads_per_core: None,
        notes: Vec::new(),
    })
}

/// Zone `i`, when it is a NUMA node with a cpu resource.
fn node(i: usize, zone: &Yaml) -> Result<Option<NumaNodeCpus>, ImportError> {
    if string(&zone["type"]).as_deref() != Some("Node") {
        return Ok(None);
    }
    let Yaml::Array(resources) = &zone["resources"] else {
        return Ok(None);
    };
    let Some(cpu) = resources
        .iter()
        .find(|r| string(&r["name"]).as_deref() == Some("cpu"))
    else {
        return Ok(None);
    };
    let cpu = Place::new(cpu, format!("zones[{i}].resources[cpu]"));
    let capacity = cpu
        .at("capacity")
        .count(Field::CpusPerNode)?
        .ok_or_else(|| cpu.error("no capacity."))?;
    let allocatable = cpu
        .at("allocatable")
        .count(Field::CpusPerNode)?
        .unwrap_or(capacity);
    Ok(Some(NumaNodeCpus {
        id: zone_id(&zone["name"]).unwrap_or(i as u32),
        cpus: None,
        capacity,
        allocatable: allocatable.min(capacity),
    }))
}

/// The number a zone's name ends in: "node-1" is node 1.
fn zone_id(name: &Yaml) -> Option<u32> {
    let name = string(name).unwrap_or_default();
    name.rsplit(|c: char| !c.is_ascii_digit())
        .next()?
        .parse()
        .ok()
}

/// The policy the object reports: `topologyPolicies` over `attributes`.
pub fn policy(doc: &Yaml) -> Option<Sourced<Policy>> {
    let attribute = match &doc["attributes"] {
        Yaml::Array(attrs) => attrs
            .iter()
            .find(|a| string(&a["name"]).as_deref() == Some("topologyManagerPolicy"))
            .and_then(|a| string(&a["value"])),
        _ => None,
    };
    let from = |code: Option<String>, from: &str| {
        Some(Sourced {
            value: policy_from(&code?)?,
            from: format!("NodeResourceTopology {from}"),
        })
    };
    from(string(&doc["topologyPolicies"][0]), "topologyPolicies")
        .or_else(|| from(attribute, "attributes"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zone_ids_come_from_the_name() {
        assert_eq!(zone_id(&Yaml::String("node-1".into())), Some(1));
        assert_eq!(zone_id(&Yaml::String("node-x".into())), None);
        assert_eq!(zone_id(&Yaml::BadValue), None);
    }
}
