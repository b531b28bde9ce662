//! KubeVirt VMs, VMIs and instance types, as `oc get -o yaml` or `-o json`
//! print them: which object to read, then its CPUs and prerequisites.

mod api;
mod cpu;
mod kind;
mod memory;
mod prerequisites;

use super::error::token;
use super::host::{output_in, parts};
use super::origin::{Origin, Origins};
use super::prompt::without_prompt;
use super::yaml::{objects, string, Place};
use super::{check_size, ImportError};
use crate::domain::{quote, Advisory, Field, HugepageSize, ManifestFacts, Switch, VcpuSpec};
use crate::share::{DEDICATED_CPUS, NUMA_PASSTHROUGH};
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
    /// `ioThreads.supplementalPoolThreadCount` under `ioThreadsPolicy:
    /// supplementalPool`: one dedicated CPU each.
    pub io_threads: Option<u32>,
    pub isolate_emulator_thread: bool,
    pub dedicated_cpu_placement: bool,
    pub guest_mapping_passthrough: bool,
    /// Guest memory in bytes: `memory.guest`, else the memory request, else
    /// the memory limit (instance types: `spec.memory.guest`).
    pub memory_bytes: Option<u64>,
    /// `memory.hugepages.pageSize`, in any spelling of 2Mi or 1Gi.
    pub hugepage_size: Option<HugepageSize>,
    /// What KubeVirt's API judges beside: the CPU request and limit (both
    /// set), the memory request beside `memory.guest`, and the fields a VM
    /// sets beside its instance type.
    pub manifest: ManifestFacts,
    /// The object the values were read from (an instance type's, when the
    /// VM takes its CPUs from one), in its file.
    pub from: Origin,
    /// Where each value found came from, by link key (`share::keys`); a
    /// value the object does not give comes from `from` as a whole.
    pub origins: Origins,
    /// "what was read from where", one line each.
    pub read: Vec<String>,
    /// Missing vNUMA prerequisites.
    pub notes: Vec<Advisory>,
}

/// An object of one of the kinds the planner reads, and the file it is in.
struct Object<'a> {
    kind: VmKind,
    doc: &'a Yaml,
    file: &'a str,
}

impl Object<'_> {
    fn name(&self) -> String {
        string(&self.doc["metadata"]["name"]).unwrap_or_default()
    }

    /// "VirtualMachine vm1" in its file, as read lines and marks name it.
    fn origin(&self) -> Origin {
        let name = self.name();
        let source = if name.is_empty() {
            self.kind.name().to_string()
        } else {
            format!("{} {}", self.kind.name(), token(&name))
        };
        Origin::new(source, "").in_file(self.file)
    }
}

/// Reads a VM, VMI or instance type. When the text holds several (a `List`,
/// or YAML documents), a VM or VMI is read, with the instance type it names
/// if that is in the text too; instance types compete only when there is no
/// VM. Several candidates need `pick`, a `metadata.name`; without it the
/// error lists them (also in `ImportError::choices`).
pub fn import_vm(text: &str, pick: Option<&str>) -> Result<VmImport, ImportError> {
    import_vm_in(&[("", text)], pick)
}

/// `import_vm` of texts that each name their file (`(file, text)`), read
/// as one: each value's origin names the file of the object it came from.
pub fn import_vm_in(texts: &[(&str, &str)], pick: Option<&str>) -> Result<VmImport, ImportError> {
    let (mut all, mut outputs) = (Vec::new(), Vec::new());
    for &(file, text) in texts {
        check_size(text)?;
        for part in parts(text) {
            // Command output pasted beside the VM is the host's.
            if let Some(output) = output_in(&part)? {
                outputs.push(format!("{output} output"));
                continue;
            }
            all.extend(
                objects(&without_prompt(&part))?
                    .into_iter()
                    .map(|doc| (file, doc)),
            );
        }
    }
    from_objects(&all, outputs, pick)
}

/// `import_vm` of objects already read, each with its file name: a
/// cluster's reader gives one VMI or instance type at a time.
pub fn import_vm_docs(all: &[(&str, Yaml)], pick: Option<&str>) -> Result<VmImport, ImportError> {
    from_objects(all, Vec::new(), pick)
}

fn from_objects(
    all: &[(&str, Yaml)],
    outputs: Vec<String>,
    pick: Option<&str>,
) -> Result<VmImport, ImportError> {
    let ours: Vec<Object> = all
        .iter()
        .filter_map(|(file, doc)| {
            let kind = VmKind::of(doc)?;
            Some(Object { kind, doc, file })
        })
        .collect();
    let vms: Vec<&Object> = ours.iter().filter(|o| !o.kind.is_instancetype()).collect();
    let candidates = if vms.is_empty() {
        ours.iter().collect()
    } else {
        vms
    };
    let Some(&first) = candidates.first() else {
        return Err(not_a_vm(all.first().map(|(_, doc)| doc), &outputs));
    };
    let chosen = match pick {
        // A VM or VMI of that name first (they often share it), else an
        // instance type beside the VMs.
        Some(name) => candidates
            .iter()
            .copied()
            .chain(&ours)
            .find(|o| o.name() == name)
            .ok_or_else(|| not_there(name, &candidates))?,
        None => {
            let names = names(&candidates);
            if names.len() > 1 {
                return Err(several_candidates(&names, first.kind));
            }
            first
        }
    };
    let instancetype = Place::root(chosen.doc).at("spec.instancetype");
    let mut imported = if chosen.kind == VmKind::VirtualMachine && instancetype.is_present() {
        with_instancetype(chosen, &instancetype, &ours)?
    } else {
        read(chosen)?
    };
    imported
        .read
        .extend(not_read(all, outputs, &ours, chosen, &instancetype));
    Ok(imported)
}

/// The read lines for what the texts hold beside the object read (and the
/// instance type it takes its CPUs from), so nothing is dropped silently:
/// other VMs, VMIs and instance types, and objects of other kinds.
fn not_read(
    all: &[(&str, Yaml)],
    outputs: Vec<String>,
    ours: &[Object],
    chosen: &Object,
    instancetype: &Place,
) -> Vec<String> {
    let wanted = instancetype.at("name").string();
    let used = ours
        .iter()
        .find(|o| o.kind.is_instancetype() && wanted.as_deref() == Some(o.name().as_str()))
        .filter(|_| chosen.kind == VmKind::VirtualMachine);
    let others: Vec<String> = ours
        .iter()
        .filter(|o| {
            !std::ptr::eq(o.doc, chosen.doc) && !used.is_some_and(|u| std::ptr::eq(o.doc, u.doc))
        })
        .map(|o| described(o.kind.name(), &o.name()))
        .collect();
    let skipped: Vec<String> = outputs
        .into_iter()
        .chain(
            all.iter()
                .map(|(_, doc)| doc)
                .filter(|doc| {
                    !matches!(doc, Yaml::Null | Yaml::BadValue) && VmKind::of(doc).is_none()
                })
                .map(|doc| {
                    let kind = string(&doc["kind"]).unwrap_or_default();
                    let name = string(&doc["metadata"]["name"]).unwrap_or_default();
                    match kind.as_str() {
                        "" => "an object without a kind".to_string(),
                        kind => described(&token(kind), &name),
                    }
                }),
        )
        .collect();
    let mut lines = Vec::new();
    if !others.is_empty() {
        lines.push(format!(
            "not read, beside the {} read: {}",
            chosen.kind.name(),
            bounded(&others)
        ));
    }
    if !skipped.is_empty() {
        lines.push(format!("skipped, not about the VM: {}", bounded(&skipped)));
    }
    lines
}

/// "ConfigMap x", or the kind alone for an object without a name; `kind`
/// is shown as it is (the planner's kind names, or a token).
fn described(kind: &str, name: &str) -> String {
    if name.is_empty() {
        kind.to_string()
    } else {
        format!("{kind} {}", token(name))
    }
}

/// The distinct names of the candidates, in the text's order (a VM and its
/// VMI share one).
fn names(candidates: &[&Object]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for name in candidates.iter().map(|o| o.name()) {
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

/// Most names a message lists, and most characters they take together.
const LISTED_NAMES: usize = 8;
const LISTED_CHARS: usize = 120;

/// "a, b, c and 5 more": the first names, bounded, each as a token.
fn listed(names: &[String]) -> String {
    let tokens: Vec<String> = names.iter().map(|n| token(n)).collect();
    bounded(&tokens)
}

/// "a, b, c and 5 more": the first of `names` (already tokens), bounded.
fn bounded(names: &[String]) -> String {
    let mut shown: Vec<String> = Vec::new();
    let mut chars = 0;
    for name in names.iter().take(LISTED_NAMES) {
        let name = name.clone();
        chars += name.chars().count() + 2;
        if !shown.is_empty() && chars > LISTED_CHARS {
            break;
        }
        shown.push(name);
    }
    let more = names.len() - shown.len();
    let mut text = shown.join(", ");
    if more > 0 {
        text.push_str(&format!(" and {more} more"));
    }
    text
}

/// Several VMs (or, without a VM, several instance types) and no pick.
fn several_candidates(names: &[String], kind: VmKind) -> ImportError {
    let what = if kind.is_instancetype() {
        "instance types"
    } else {
        "VMs"
    };
    ImportError {
        choices: names.to_vec(),
        ..ImportError::whole(format!(
            "The text holds {} {what}: {}; pick one with --vm-name NAME.",
            names.len(),
            listed(names)
        ))
    }
}

/// A pick that names none of the objects.
fn not_there(pick: &str, candidates: &[&Object]) -> ImportError {
    let names = names(candidates);
    let problem = format!(
        "No VM, VMI or instance type named {} in the text; it holds {}.",
        token(pick),
        listed(&names)
    );
    ImportError {
        choices: names,
        ..ImportError::whole(problem)
    }
}

/// Whether an object's kind is a VM, VMI or instance type.
pub(crate) fn is_vm_kind(kind: &str) -> bool {
    VmKind::from_kind(kind).is_some()
}

/// Why a text with none of the kinds is not a VM: the first object's kind,
/// else the command `outputs` it holds.
fn not_a_vm(first: Option<&Yaml>, outputs: &[String]) -> ImportError {
    let found = first
        .and_then(|o| string(&o["kind"]))
        .filter(|k| !k.is_empty());
    if let (None, Some(output)) = (&found, outputs.first()) {
        return ImportError::whole(format!(
            "This is {output}, which describes a host, not a VM: expected a VirtualMachine, VirtualMachineInstance or (Cluster)Instancetype."
        ));
    }
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
    let found = ours
        .iter()
        .find(|o| o.kind.is_instancetype() && o.name() == wanted);
    let vm_root = Place::root(vm.doc);
    let conflicts =
        api::instancetype_conflicts(&vm_root, found.map(|o| Place::root(o.doc)).as_ref());
    let (mut imported, line) = match found {
        Some(found) => (
            read(found)?,
            format!(
                "VirtualMachine {} takes its CPUs from {} {}",
                token(&vm.name()),
                found.kind.name(),
                token(&wanted)
            ),
        ),
        // KubeVirt refuses such a VM whatever the instance type holds: read
        // what the VM itself gives rather than ask for the instance type.
        None if !conflicts.is_empty() => (
            read(vm)?,
            format!(
                "VirtualMachine {} names the instance type {}, which is not in the text: the VM's own fields are read",
                token(&vm.name()),
                token(&wanted)
            ),
        ),
        None => {
            return Err(instancetype.error(format!(
                "this VirtualMachine takes its CPUs from the instance type {}; paste that VirtualMachine(Cluster)Instancetype too (oc get virtualmachineclusterinstancetype {} -o yaml).",
                quote(&wanted),
                token(&wanted)
            )))
        }
    };
    imported.read.insert(0, line);
    api::record_conflicts(
        &conflicts,
        &wanted,
        &vm.origin(),
        &mut imported.manifest,
        &mut imported.read,
        &mut imported.origins,
    );
    Ok(imported)
}

/// KubeVirt's supplemental IO thread pool: its thread count, read only under
/// `ioThreadsPolicy: supplementalPool` (other policies take no CPUs of their
/// own).
fn supplemental_pool(
    domain: &Place,
    from: &Origin,
    read: &mut Vec<String>,
    origins: &mut Origins,
) -> Result<Option<u32>, ImportError> {
    let policy = domain.at("ioThreadsPolicy");
    if policy.string().as_deref() != Some("supplementalPool") {
        return Ok(None);
    }
    let count = domain.at("ioThreads.supplementalPoolThreadCount");
    let threads = count.count(Field::IoThreads)?;
    match threads {
        Some(n) => {
            let at = from.at(&count.path);
            read.push(format!("IO threads {n} (supplemental pool) from {at}"));
            origins.push((Field::IoThreads.key(), at));
        }
        None => read.push(format!(
            "no IO threads counted: {} is supplementalPool but {} is not given",
            policy.path, count.path
        )),
    }
    Ok(threads)
}

/// One object's CPUs, hot-plug limit, emulator thread, memory and
/// prerequisites.
fn read(object: &Object) -> Result<VmImport, ImportError> {
    let layout = object.kind.layout();
    let root = Place::root(object.doc);
    let (cpu, memory) = (root.at(layout.cpu), root.at(layout.memory));
    let from = object.origin();
    let found = cpu::vcpus(&root, object.kind, &from)?;
    let (vcpus, mut read) = (found.spec, vec![found.line]);
    let mut origins: Origins = match vcpus {
        VcpuSpec::Count(_) => vec![(Field::Vcpus.key(), found.from)],
        VcpuSpec::Topology { .. } => [Field::Sockets, Field::Cores, Field::Threads]
            .map(|f| (f.key(), found.from.clone()))
            .into(),
    };
    let max = cpu.at("maxSockets");
    let max_sockets = max.count(Field::MaxSockets)?;
    if let Some(m) = max_sockets {
        let at = from.at(&max.path);
        read.push(format!("max sockets {m} from {at}"));
        origins.push((Field::MaxSockets.key(), at));
    }
    let io_threads = supplemental_pool(&root.at(layout.domain), &from, &mut read, &mut origins)?;
    let dedicated = cpu.at(layout.dedicated);
    let isolate = cpu.at("isolateEmulatorThread");
    let (dedicated_on, isolate_on) = (dedicated.flag()?, isolate.flag()?);
    if isolate_on {
        let at = from.at(&isolate.path);
        read.push(format!("isolateEmulatorThread from {at}"));
        origins.push((Switch::EmulatorThread.code(), at));
    }
    if dedicated.is_present() {
        origins.push((DEDICATED_CPUS, from.at(&dedicated.path)));
    }
    let passthrough = cpu.at("numa.guestMappingPassthrough");
    if passthrough.is_present() {
        origins.push((NUMA_PASSTHROUGH, from.at(&passthrough.path)));
    }
    let guest = guest_memory(&root, object.kind, &from)?;
    read.extend(guest.lines);
    origins.extend(guest.origins);
    let manifest = api::resources(&root, object.kind, &from, &mut read, &mut origins)?;
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
        io_threads,
        isolate_emulator_thread: isolate_on,
        dedicated_cpu_placement: dedicated_on,
        guest_mapping_passthrough: passthrough.is_present(),
        memory_bytes: guest.bytes,
        hugepage_size: guest.hugepage_size,
        manifest,
        from,
        origins,
        read,
        notes,
    })
}
