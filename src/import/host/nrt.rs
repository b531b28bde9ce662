//! NodeResourceTopology (the NUMA-aware scheduler's per-node object): each
//! zone of type Node with its cpu capacity and allocatable CPUs, and the
//! Topology Manager policy it reports; the zones' huge pages.

use super::hugepages::{of_size, Count, Found};
use super::kubelet::{spelled_policy, Sourced};
use super::node::NumaNodeCpus;
use super::topology::Topology;
use crate::domain::{quote, Field, HugepageSize, Policy};
use crate::import::error::token;
use crate::import::origin::Origin;
use crate::import::pages::{count, from_quantity};
use crate::import::quantity::bytes_or_zero;
use crate::import::yaml::{string, Place};
use crate::import::ImportError;
use yaml_rust2::Yaml;

/// "NodeResourceTopology worker-2", as read lines name it.
pub fn source(doc: &Yaml) -> Origin {
    let name = string(&doc["metadata"]["name"]).filter(|n| !n.is_empty());
    match name.map(|n| token(&n)) {
        Some(name) => Origin::new(format!("NodeResourceTopology {name}"), ""),
        None => Origin::new("NodeResourceTopology", ""),
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
        .unwrap_or(capacity)
        .min(capacity);
    // U1: what Guaranteed pods leave free on the node now.
    let available = cpu.at("available").count(Field::FreeCpus)?;
    Ok(Some(NumaNodeCpus {
        id: zone_id(&zone["name"]).unwrap_or(i as u32),
        cpus: None,
        capacity,
        allocatable,
        available: available.map(|a| a.min(allocatable)),
        shared: None,
    }))
}

/// The huge pages of each size in the zones of type Node: `available`,
/// else `allocatable` (byte quantities such as "4Gi"), as pages.
pub fn hugepages(doc: &Yaml, source: &Origin) -> Result<Vec<Found>, ImportError> {
    let Yaml::Array(zones) = &doc["zones"] else {
        return Ok(Vec::new());
    };
    let mut found: Vec<Found> = Vec::new();
    for (i, zone) in zones.iter().enumerate() {
        let (Some("Node"), Yaml::Array(resources)) =
            (string(&zone["type"]).as_deref(), &zone["resources"])
        else {
            continue;
        };
        let node = zone_id(&zone["name"]).unwrap_or(i as u32);
        for resource in resources {
            let name = string(&resource["name"]).unwrap_or_default();
            let Some(size) = name.strip_prefix("hugepages-").and_then(from_quantity) else {
                continue;
            };
            let place = Place::new(resource, format!("zones[{i}].resources[{}]", token(&name)));
            let Some((pages, kind)) = zone_pages(&place, size)? else {
                continue;
            };
            let slot = of_size(&mut found, size, kind, source);
            slot.count = slot.count.max(kind);
            slot.add(node, pages, &place.path)?;
        }
    }
    for f in &mut found {
        let which = if f.count == Count::Available {
            "available"
        } else {
            "allocatable"
        };
        f.from = source.at(format!("zones' hugepages-{} {which}", f.size));
    }
    Ok(found)
}

/// One zone's pages of `size`: available, else allocatable.
fn zone_pages(place: &Place, size: HugepageSize) -> Result<Option<(u64, Count)>, ImportError> {
    for (key, kind) in [
        ("available", Count::Available),
        ("allocatable", Count::Allocatable),
    ] {
        let at = place.at(key);
        if let Some(bytes) = bytes_or_zero(&at)? {
            return Ok(Some((count(bytes / size.bytes(), &at.path)?, kind)));
        }
    }
    Ok(None)
}

/// The number a zone's name ends in: "node-1" is node 1.
fn zone_id(name: &Yaml) -> Option<u32> {
    let name = string(name).unwrap_or_default();
    name.rsplit(|c: char| !c.is_ascii_digit())
        .next()?
        .parse()
        .ok()
}

/// The policy the object reports, `topologyPolicies` over the
/// `topologyManagerPolicy` attribute, with its scope (from a legacy name such
/// as `RestrictedPodLevel`, else the `topologyManagerScope` attribute) in the
/// source; an unknown name is an error naming its place.
pub fn policy(doc: &Yaml) -> Result<Option<Sourced<Policy>>, ImportError> {
    let listed = Place::new(&doc["topologyPolicies"][0], "topologyPolicies[0]".into());
    let found = match listed.string() {
        Some(name) => Some((listed, name)),
        None => attribute(doc, "topologyManagerPolicy"),
    };
    let Some((place, name)) = found else {
        return Ok(None);
    };
    let (value, scope) = spelled_policy(&name)
        .ok_or_else(|| place.error(format!("unknown Topology Manager policy {}.", quote(&name))))?;
    let scope = match scope {
        Some(scope) => Some(scope.name().to_string()),
        None => attribute(doc, "topologyManagerScope").map(|(_, s)| token(&s)),
    };
    let label = if place.path.starts_with("attributes") {
        "attribute topologyManagerPolicy"
    } else {
        "topologyPolicies"
    };
    let mut detail = format!(" {}", token(&name));
    if let Some(scope) = scope {
        detail.push_str(&format!(" (scope: {scope})"));
    }
    let from = Origin::new("NodeResourceTopology", label);
    Ok(Some(Sourced::new(value, from).with_detail(detail)))
}

/// The value of the attribute `name`, and its place.
fn attribute<'a>(doc: &'a Yaml, name: &str) -> Option<(Place<'a>, String)> {
    let Yaml::Array(attrs) = &doc["attributes"] else {
        return None;
    };
    attrs.iter().enumerate().find_map(|(i, a)| {
        (string(&a["name"]).as_deref() == Some(name)).then(|| {
            let place = Place::new(&a["value"], format!("attributes[{i}].value"));
            place.string().map(|v| (place, v))
        })?
    })
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
