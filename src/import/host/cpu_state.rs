//! The kubelet's CPU manager checkpoint, `/var/lib/kubelet/cpu_manager_state`:
//! JSON without a kind, holding the policy, the shared pool
//! (`defaultCpuSet`, reserved CPUs included) and the CPUs each container
//! holds exclusively (`entries`, pod UID -> container -> CPU list). With
//! the host's CPU lists it gives the CPUs free on each NUMA node now (U1).

use super::kubelet::Sourced;
use super::node::NumaNodeCpus;
use crate::import::cpulist::MAX_CPU_ID;
use crate::import::error::token;
use crate::import::origin::Origin;
use crate::import::yaml::{kind, string, Place};
use crate::import::{CpuList, ImportError};
use yaml_rust2::Yaml;

/// What the file holds, reduced to what the planner needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CpuState {
    /// `policyName`: `static` or `none`.
    pub policy: String,
    /// `defaultCpuSet`: CPUs no container holds exclusively.
    pub shared: CpuList,
    /// Every CPU in `entries`.
    pub exclusive: CpuList,
    /// How many containers `entries` gives CPUs.
    pub containers: usize,
}

/// Whether `doc` has the file's shape: no kind, `policyName` and
/// `defaultCpuSet`.
pub fn looks_like(doc: &Yaml) -> bool {
    let has = |key: &str| !matches!(doc[key], Yaml::BadValue);
    !has("kind") && has("policyName") && has("defaultCpuSet")
}

/// Reads the file; errors name `file` and the JSON path.
pub fn read(doc: &Yaml, file: &str) -> Result<Sourced<CpuState>, ImportError> {
    let from = Origin::new("cpu_manager_state", "").in_file(file);
    let at = |place: &Place| from.at(&place.path).mark();
    let root = Place::root(doc);
    let policy_at = root.at("policyName");
    let policy = match policy_at.node {
        Yaml::String(name) if matches!(name.as_str(), "static" | "none") => name.clone(),
        other => {
            return Err(ImportError::new(
                at(&policy_at),
                format!(
                    "unknown CPU manager policy {}; the kubelet writes static or none.",
                    kind(other)
                ),
            ))
        }
    };
    let shared = cpus(&root.at("defaultCpuSet"), &from)?;
    let mut lists = Vec::new();
    let entries = root.at("entries");
    let pods = match entries.node {
        Yaml::BadValue | Yaml::Null => None,
        Yaml::Hash(pods) => Some(pods),
        other => {
            return Err(ImportError::new(
                at(&entries),
                format!(
                    "expected a map of pod UIDs to their containers' CPU lists, found {}.",
                    kind(other)
                ),
            ))
        }
    };
    // Exclusive CPUs never overlap, so together they name no more CPUs than
    // a host has: more is refused before it costs more work.
    let mut named: u64 = 0;
    let mut take = |place: Place| -> Result<(), ImportError> {
        let list = cpus(&place, &from)?;
        named += u64::from(list.len());
        if named > u64::from(MAX_CPU_ID) + 1 {
            return Err(ImportError::new(
                from.at("entries").mark(),
                format!(
                    "the containers' CPU lists name more than {} CPUs together.",
                    MAX_CPU_ID + 1
                ),
            ));
        }
        lists.push(list);
        Ok(())
    };
    for (uid, containers) in pods.into_iter().flatten() {
        let pod = Place::new(containers, format!("entries.{}", key(uid)));
        match containers {
            // The first checkpoint version: container ID -> CPU list.
            Yaml::String(_) => take(pod)?,
            Yaml::Hash(each) => {
                for (name, list) in each {
                    take(Place::new(list, format!("{}.{}", pod.path, key(name))))?;
                }
            }
            other => {
                return Err(ImportError::new(
                    at(&pod),
                    format!(
                        "expected a map of container names to CPU lists, found {}.",
                        kind(other)
                    ),
                ))
            }
        }
    }
    let state = CpuState {
        policy,
        shared,
        exclusive: CpuList::union(&lists),
        containers: lists.len(),
    };
    Ok(Sourced::new(state, from))
}

/// A map key as a path shows it.
fn key(node: &Yaml) -> String {
    token(&string(node).unwrap_or_else(|| kind(node)))
}

/// The CPU list at `place`.
fn cpus(place: &Place, from: &Origin) -> Result<CpuList, ImportError> {
    let at = || from.at(&place.path).mark();
    match place.string() {
        Some(list) => CpuList::parse(&list).map_err(|e| e.placed(at())),
        None => Err(ImportError::new(
            at(),
            format!(
                "expected a CPU list such as \"0-3,8-63\", found {}.",
                kind(place.node)
            ),
        )),
    }
}

impl CpuState {
    /// Whether it tracks CPUs: the static policy, and some CPU set.
    pub fn tracks_cpus(&self) -> bool {
        self.policy == "static" && !(self.shared.is_empty() && self.exclusive.is_empty())
    }
}

/// Why a state that tracks no CPUs gives no free CPUs.
pub fn unused_note(state: &Sourced<CpuState>) -> Option<String> {
    let why = match state.value.policy.as_str() {
        _ if state.value.tracks_cpus() => return None,
        "static" => "it holds no CPU sets".to_string(),
        policy => format!("its policy is {policy}, so the static CPU manager is not in use and no container holds CPUs exclusively"),
    };
    Some(format!(
        "free CPUs per node not read from {}: {why}; every allocatable CPU counts as free",
        state.from
    ))
}

/// The CPUs free on each node, set as its `available`: the node's CPUs in
/// the shared pool less the reserved ones (`reserved`, else the node's
/// capacity less its allocatable CPUs). Allocatable less the exclusive CPUs
/// should agree; where it does not, the shared pool, which the kubelet
/// hands CPUs out of, wins and a line says so. `from` is where the nodes'
/// CPU lists came from. Returns the read lines, and whether it set them.
pub fn place_free(
    state: &Sourced<CpuState>,
    nodes: &mut [NumaNodeCpus],
    reserved: Option<&CpuList>,
    from: &Origin,
) -> Result<(Vec<String>, bool), ImportError> {
    if let Some(note) = unused_note(state) {
        return Ok((vec![note], false));
    }
    let s = &state.value;
    let Some(lists) = nodes
        .iter()
        .map(|n| n.cpus.as_ref())
        .collect::<Option<Vec<&CpuList>>>()
    else {
        return Err(ImportError::new(
            state.from.mark(),
            format!("names CPUs by number, and {from} gives each NUMA node's CPU count, not its CPUs: add the host's lscpu or numactl --hardware output to place them on its nodes."),
        ));
    };
    let host = CpuList::union(lists.iter().copied());
    for (what, list) in [("defaultCpuSet", &s.shared), ("entries", &s.exclusive)] {
        let beyond = list.without(&host);
        if !beyond.is_empty() {
            return Err(ImportError::new(
                state.from.at(what).mark(),
                format!(
                    "names CPUs {} that the host does not have (its {} CPUs from {from} are {}): give the cpu_manager_state of the host the other texts describe.",
                    beyond.brief(),
                    host.len(),
                    host.brief()
                ),
            ));
        }
    }
    let pools: Vec<CpuList> = lists.iter().map(|cpus| cpus.common(&s.shared)).collect();
    let (free, held): (Vec<u32>, Vec<u32>) = nodes
        .iter()
        .zip(&lists)
        .zip(&pools)
        .map(|((node, cpus), pool)| {
            let free = match reserved {
                Some(r) => pool.without(r).len(),
                None => pool
                    .len()
                    .saturating_sub(node.capacity.saturating_sub(node.allocatable)),
            };
            let held = node.allocatable.saturating_sub(cpus.overlap(&s.exclusive));
            (free.min(node.allocatable), held)
        })
        .unzip();
    for ((node, &f), pool) in nodes.iter_mut().zip(&free).zip(&pools) {
        node.available = Some(f);
        node.shared = Some(pool.len());
    }
    let list = |counts: &[u32]| {
        let each: Vec<String> = counts.iter().map(u32::to_string).collect();
        each.join(",")
    };
    let holders = match s.containers {
        0 => "no container holds CPUs exclusively".to_string(),
        1 => format!("1 container holds {} exclusively", s.exclusive.brief()),
        n => format!("{n} containers hold {} exclusively", s.exclusive.brief()),
    };
    let mut lines = vec![format!(
        "free CPUs per node {} from {} (each node's CPUs in the shared pool {}, less the reserved ones; {holders})",
        list(&free),
        state.from.at("defaultCpuSet"),
        s.shared.brief()
    )];
    if held != free {
        lines.push(format!(
            "{}: allocatable less the exclusive CPUs of its entries gives free CPUs per node {}, not {}; the shared pool's {} are used, since the kubelet hands CPUs out of it",
            state.from,
            list(&held),
            list(&free),
            list(&free)
        ));
    }
    Ok((lines, true))
}
