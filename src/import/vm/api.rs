//! What KubeVirt's API judges in a VM beside its CPUs and memory: the CPU
//! request and limit, the memory request beside the guest memory, and the
//! fields a VM sets beside its instance type. The domain's checks
//! (`cpu-requests-equal-limits`, `hugepage-multiple`,
//! `instancetype-conflict`) read them from `ManifestFacts`.

use super::kind::VmKind;
use crate::domain::{format_bytes, CpuQuantity, InstancetypeField, ManifestFacts};
use crate::import::error::token;
use crate::import::origin::{Origin, Origins};
use crate::import::quantity::memory_bytes;
use crate::import::yaml::Place;
use crate::import::ImportError;
use crate::share::{CPU_LIMIT, CPU_REQUEST, INSTANCETYPE_CONFLICT, MEMORY_REQUEST};
use yaml_rust2::Yaml;

/// The CPU request and limit when both are set (KubeVirt compares them
/// only then), and the memory request when the VM gives it beside
/// `memory.guest` and huge pages (without `memory.guest` the request is the
/// guest memory, read as such). Each value found adds a read line and its
/// origin.
pub fn resources(
    object: &Place,
    kind: VmKind,
    from: &Origin,
    read: &mut Vec<String>,
    origins: &mut Origins,
) -> Result<ManifestFacts, ImportError> {
    let mut facts = ManifestFacts::default();
    let layout = kind.layout();
    let Some(resources) = layout.resources.map(|r| object.at(r)) else {
        return Ok(facts);
    };
    let (request, limit) = (resources.at("requests.cpu"), resources.at("limits.cpu"));
    if let (Some(r), Some(l)) = (cpu(&request), cpu(&limit)) {
        read.push(format!(
            "CPU request {r} and limit {l} from {}",
            from.at(&resources.path)
        ));
        origins.push((CPU_REQUEST, from.at(&request.path)));
        origins.push((CPU_LIMIT, from.at(&limit.path)));
        facts.cpu_request = Some(r);
        facts.cpu_limit = Some(l);
    }
    let memory = object.at(layout.memory);
    let beside = memory.at("guest").is_present() && memory.at("hugepages.pageSize").is_present();
    let request = resources.at("requests.memory");
    if let (true, Some(bytes)) = (beside, memory_bytes(&request)?) {
        let at = from.at(&request.path);
        read.push(format!(
            "memory request {} from {at} (beside memory.guest: KubeVirt's API checks it against the huge page size)",
            format_bytes(bytes)
        ));
        origins.push((MEMORY_REQUEST, at));
        facts.memory_request = Some(bytes);
    }
    Ok(facts)
}

/// A CPU quantity at `place`: `None` when absent, zero (KubeVirt compares
/// only quantities above zero) or not a quantity at all (the vCPU reader
/// quotes such a request in its `cpu-requests-differ-from-limits` note, and
/// fails on such a limit when it reads the vCPUs from it).
fn cpu(place: &Place) -> Option<CpuQuantity> {
    let text = place.string()?;
    CpuQuantity::parse(&text).ok().filter(|q| q.as_millis() > 0)
}

/// Whether a VM field is set as KubeVirt sees it: present, not null, not 0.
fn set(place: &Place) -> bool {
    !matches!(place.node, Yaml::BadValue | Yaml::Null | Yaml::Integer(0))
}

/// The fields the VirtualMachine `vm` sets beside the instance type it
/// names, which KubeVirt refuses: its CPU topology, guest memory and
/// resources always; `dedicatedCpuPlacement`, `isolateEmulatorThread` and
/// `numa` only when `instancetype` (when it is in the text) sets them too.
/// Each with its field path.
pub fn instancetype_conflicts(
    vm: &Place,
    instancetype: Option<&Place>,
) -> Vec<(InstancetypeField, String)> {
    let domain = vm.at(VmKind::VirtualMachine.layout().domain);
    let its_cpu = instancetype.map(|t| t.at(VmKind::Instancetype.layout().cpu));
    let its = |key: &str| its_cpu.as_ref().is_some_and(|c| set(&c.at(key)));
    InstancetypeField::ALL
        .into_iter()
        .filter_map(|field| {
            let place = domain.at(field.code());
            let on = matches!(place.node, Yaml::Boolean(true));
            let conflicts = match field {
                InstancetypeField::DedicatedCpuPlacement => on && its("dedicatedCPUPlacement"),
                InstancetypeField::IsolateEmulatorThread => on && its("isolateEmulatorThread"),
                InstancetypeField::Numa => set(&place) && its("numa"),
                _ => set(&place),
            };
            conflicts.then_some((field, place.path))
        })
        .collect()
}

/// Records the conflicts of `vm` (named by `from`) with the instance type
/// `wanted`: the fact, its origin (the first field) and a read line.
pub fn record_conflicts(
    conflicts: &[(InstancetypeField, String)],
    wanted: &str,
    from: &Origin,
    facts: &mut ManifestFacts,
    read: &mut Vec<String>,
    origins: &mut Origins,
) {
    let Some((_, first)) = conflicts.first() else {
        return;
    };
    facts.instancetype_conflicts = conflicts.iter().map(|(f, _)| *f).collect();
    let paths: Vec<&str> = conflicts.iter().map(|(_, p)| p.as_str()).collect();
    read.push(format!(
        "{from} sets {} beside its instance type {}: KubeVirt's API refuses that",
        paths.join(", "),
        token(wanted)
    ));
    origins.push((INSTANCETYPE_CONFLICT, from.at(first)));
}
