//! KubeVirt VMs, VMIs and instance types, as `oc get -o yaml` or `-o json`
//! print them: which object to read, then its CPUs and prerequisites.

mod cpu;
mod kind;
mod memory;
mod prerequisites;

use super::error::token;
use super::prompt::without_prompt;
use super::yaml::{objects, string, Place};
use super::ImportError;
use crate::domain::{quote, Advisory, Field, HugepageSize, VcpuSpec};
use kind::VmKind;
use memory::guest_memory;
use prerequisites::Prerequisites;
use yaml_rust2::Yaml;

/// A VM's CPU shape and memory read from a manifest, with where each value
/// came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VmImport {
    pub kind: String,
    pub name: String,
    pub vcpus: VcpuSpec,
    pub max_sockets: Option<u32>,
    pub isolate_emulator_thread: bool,
    pub dedicated_cpu_placement: bool,
    pub guest_mapping_passthrough: bool,
    /// Guest memory in bytes: `memory.guest`, else the memory request, else
    /// the memory limit (instance types: `spec.memory.guest`).
    pub memory_bytes: Option<u64>,
    /// `memory.hugepages.pageSize`, in any spelling of 2Mi or 1Gi.
    pub hugepage_size: Option<HugepageSize>,
    /// "what was read from where", one line each.
    pub read: Vec<String>,
    /// Missing vNUMA prerequisites.
    pub notes: Vec<Advisory>,
}

/// An object of one of the kinds the planner reads.
struct Object<'a> {
    kind: VmKind,
    doc: &'a Yaml,
}

impl Object<'_> {
    fn name(&self) -> String {
        string(&self.doc["metadata"]["name"]).unwrap_or_default()
    }
}

/// Reads a VM, VMI or instance type. When the text holds several (a `List`,
/// or YAML documents), a VM or VMI is read, with the instance type it names
/// if that is in the text too.
pub fn import_vm(text: &str) -> Result<VmImport, ImportError> {
    let all = objects(&without_prompt(text))?;
    let ours: Vec<Object> = all
        .iter()
        .filter_map(|doc| {
            let kind = VmKind::from_kind(&string(&doc["kind"])?)?;
            Some(Object { kind, doc })
        })
        .collect();
    let Some(first) = ours
        .iter()
        .find(|o| !o.kind.is_instancetype())
        .or(ours.first())
    else {
        return Err(not_a_vm(all.first()));
    };
    let instancetype = Place::root(first.doc).at("spec.instancetype");
    if first.kind == VmKind::VirtualMachine && instancetype.is_present() {
        return with_instancetype(first, &instancetype, &ours);
    }
    read(first)
}

/// Why a text with none of the kinds is not a VM.
fn not_a_vm(first: Option<&Yaml>) -> ImportError {
    let found = first
        .and_then(|o| string(&o["kind"]))
        .filter(|k| !k.is_empty());
    ImportError::whole(match found {
        Some(k) => format!(
            "A {} is not a VM: expected a VirtualMachine, VirtualMachineInstance or (Cluster)Instancetype.",
            token(&k)
        ),
        None => "Not a KubeVirt object: no kind: VirtualMachine, VirtualMachineInstance or (Cluster)Instancetype found.".to_string(),
    })
}

/// A VirtualMachine that takes its CPUs from an instance type: that type's
/// CPUs, when it is among `ours`.
fn with_instancetype(
    vm: &Object,
    instancetype: &Place,
    ours: &[Object],
) -> Result<VmImport, ImportError> {
    let wanted = instancetype.at("name").string().unwrap_or_default();
    let Some(found) = ours
        .iter()
        .find(|o| o.kind.is_instancetype() && o.name() == wanted)
    else {
        return Err(instancetype.error(format!(
            "this VirtualMachine takes its CPUs from the instance type {}; paste that VirtualMachine(Cluster)Instancetype too (oc get virtualmachineclusterinstancetype {} -o yaml).",
            quote(&wanted),
            token(&wanted)
        )));
    };
    let mut imported = read(found)?;
    imported.read.insert(
        0,
        format!(
            "VirtualMachine {} takes its CPUs from {} {}",
            token(&vm.name()),
            found.kind.name(),
            token(&wanted)
        ),
    );
    Ok(imported)
}

/// One object's CPUs, hot-plug limit, emulator thread, memory and
/// prerequisites.
fn read(object: &Object) -> Result<VmImport, ImportError> {
    let layout = object.kind.layout();
    let root = Place::root(object.doc);
    let (cpu, memory) = (root.at(layout.cpu), root.at(layout.memory));
    let found = cpu::vcpus(&root, object.kind)?;
    let (vcpus, mut read) = (found.spec, vec![found.line]);
    let max_sockets = cpu.at("maxSockets").count(Field::MaxSockets)?;
    if let Some(m) = max_sockets {
        read.push(format!("max sockets {m} from {}.maxSockets", cpu.path));
    }
    let dedicated = cpu.at(layout.dedicated);
    let isolate = cpu.at("isolateEmulatorThread");
    let (dedicated_on, isolate_on) = (dedicated.flag()?, isolate.flag()?);
    if isolate_on {
        read.push(format!("isolateEmulatorThread from {}", isolate.path));
    }
    let passthrough = cpu.at("numa.guestMappingPassthrough");
    let guest = guest_memory(&root, object.kind)?;
    read.extend(guest.lines);
    let hugepages = memory.at("hugepages.pageSize");
    let mut notes = Prerequisites {
        dedicated: (&dedicated, dedicated_on),
        passthrough: (&passthrough, passthrough.is_present()),
        hugepages: (&hugepages, hugepages.string().is_some()),
    }
    .notes();
    notes.extend(found.note);
    Ok(VmImport {
        kind: object.kind.name().to_string(),
        name: object.name(),
        vcpus,
        max_sockets,
        isolate_emulator_thread: isolate_on,
        dedicated_cpu_placement: dedicated_on,
        guest_mapping_passthrough: passthrough.is_present(),
        memory_bytes: guest.bytes,
        hugepage_size: guest.hugepage_size,
        read,
        notes,
    })
}
