//! KubeVirt VMs, VMIs and instance types, as `oc get -o yaml` or `-o json` print them.

use super::quantity::whole_cpus;
use super::yaml::{at, count, flag, load, present, string};
use super::ImportError;
use crate::domain::{Advisory, AdvisoryCode, Field, Source, VcpuSpec};
use yaml_rust2::Yaml;

/// A VM's CPU shape read from a manifest, with where each value came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VmImport {
    pub kind: String,
    pub name: String,
    pub vcpus: VcpuSpec,
    pub max_sockets: Option<u32>,
    pub isolate_emulator_thread: bool,
    pub dedicated_cpu_placement: bool,
    pub guest_mapping_passthrough: bool,
    pub hugepages_page_size: Option<String>,
    pub memory: Option<String>,
    /// "what was read from where", one line each.
    pub read: Vec<String>,
    /// Missing vNUMA prerequisites.
    pub notes: Vec<Advisory>,
}

const VM_KINDS: [&str; 4] = [
    "VirtualMachine",
    "VirtualMachineInstance",
    "VirtualMachineInstancetype",
    "VirtualMachineClusterInstancetype",
];

/// Where the CPU settings live in each kind.
struct Layout {
    cpu: &'static str,
    memory: &'static str,
    resources: Option<&'static str>,
    dedicated: &'static str,
}

fn layout(kind: &str) -> Layout {
    match kind {
        "VirtualMachine" => Layout {
            cpu: "spec.template.spec.domain.cpu",
            memory: "spec.template.spec.domain.memory",
            resources: Some("spec.template.spec.domain.resources"),
            dedicated: "dedicatedCpuPlacement",
        },
        "VirtualMachineInstance" => Layout {
            cpu: "spec.domain.cpu",
            memory: "spec.domain.memory",
            resources: Some("spec.domain.resources"),
            dedicated: "dedicatedCpuPlacement",
        },
        // Instance types spell it dedicatedCPUPlacement.
        _ => Layout {
            cpu: "spec.cpu",
            memory: "spec.memory",
            resources: None,
            dedicated: "dedicatedCPUPlacement",
        },
    }
}

/// Reads a VM, VMI or instance type. When the text holds several (a `List`,
/// or YAML documents), a VM or VMI is read, with the instance type it names
/// if that is in the text too.
pub fn import_vm(text: &str) -> Result<VmImport, ImportError> {
    let mut objects = Vec::new();
    for doc in load(text)? {
        match &doc["items"] {
            Yaml::Array(items) if string(&doc["kind"]).as_deref() == Some("List") => {
                objects.extend(items.iter().cloned())
            }
            _ => objects.push(doc),
        }
    }
    let kind_of = |o: &Yaml| string(&o["kind"]).unwrap_or_default();
    let ours: Vec<&Yaml> = objects
        .iter()
        .filter(|o| VM_KINDS.contains(&kind_of(o).as_str()))
        .collect();
    let Some(first) = ours
        .iter()
        .find(|o| !kind_of(o).ends_with("Instancetype"))
        .or(ours.first())
    else {
        let found = objects.first().map(kind_of).filter(|k| !k.is_empty());
        return Err(ImportError::new(match found {
            Some(k) => format!("A {k} is not a VM: expected a VirtualMachine, VirtualMachineInstance or (Cluster)Instancetype."),
            None => "Not a KubeVirt object: no kind: VirtualMachine, VirtualMachineInstance or (Cluster)Instancetype found.".to_string(),
        }));
    };
    let kind = kind_of(first);
    if kind == "VirtualMachine" && present(first, "spec.instancetype") {
        let wanted = string(at(first, "spec.instancetype.name")).unwrap_or_default();
        if let Some(instancetype) = ours.iter().find(|o| {
            kind_of(o).ends_with("Instancetype")
                && string(at(o, "metadata.name")).as_deref() == Some(wanted.as_str())
        }) {
            let mut vm = read(instancetype)?;
            vm.read.insert(
                0,
                format!(
                    "VirtualMachine {} takes its CPUs from {} {wanted}",
                    string(at(first, "metadata.name")).unwrap_or_default(),
                    kind_of(instancetype)
                ),
            );
            return Ok(vm);
        }
        return Err(ImportError::new(format!(
            "spec.instancetype: this VirtualMachine takes its CPUs from the instance type \"{wanted}\"; paste that VirtualMachine(Cluster)Instancetype too (oc get virtualmachineclusterinstancetype {wanted} -o yaml)."
        )));
    }
    read(first)
}

fn read(object: &Yaml) -> Result<VmImport, ImportError> {
    let kind = string(&object["kind"]).unwrap_or_default();
    let name = string(at(object, "metadata.name")).unwrap_or_default();
    let l = layout(&kind);
    let cpu = at(object, l.cpu);
    let p = |key: &str| format!("{}.{key}", l.cpu);
    let (_, max) = Field::Vcpus.bounds();
    let mut read = Vec::new();

    let vcpus = if l.resources.is_none() {
        let guest = count(cpu, "guest", max)
            .map_err(|e| ImportError::new(format!("{}.{}", l.cpu, e.message)))?
            .ok_or_else(|| ImportError::new(format!("{}: no vCPU count.", p("guest"))))?;
        read.push(format!("vCPUs {guest} from {}", p("guest")));
        VcpuSpec::Count(guest)
    } else {
        let part = |key: &str| {
            count(cpu, key, max).map_err(|e| ImportError::new(format!("{}.{}", l.cpu, e.message)))
        };
        let (s, c, t) = (part("sockets")?, part("cores")?, part("threads")?);
        if s.is_some() || c.is_some() || t.is_some() {
            let (s, c, t) = (s.unwrap_or(1), c.unwrap_or(1), t.unwrap_or(1));
            let v = u64::from(s) * u64::from(c) * u64::from(t);
            if v > u64::from(max) {
                return Err(ImportError::new(format!(
                    "{}: sockets x cores x threads = {v}, more than {max} vCPUs.",
                    l.cpu
                )));
            }
            read.push(format!(
                "vCPUs {v} = sockets {s} x cores {c} x threads {t} from {}",
                l.cpu
            ));
            VcpuSpec::Topology {
                sockets: s,
                cores: c,
                threads: t,
            }
        } else {
            let resources = l.resources.unwrap_or_default();
            let from = [
                format!("{resources}.requests.cpu"),
                format!("{resources}.limits.cpu"),
            ]
            .into_iter()
            .find(|path| present(object, path));
            let Some(path) = from else {
                return Err(ImportError::new(format!(
                    "No vCPUs found: neither {} sockets/cores/threads nor {resources}.requests.cpu.",
                    l.cpu
                )));
            };
            let v = whole_cpus(object, &path, max)?.unwrap_or(1);
            read.push(format!(
                "vCPUs {v} from {path} (no topology: KubeVirt gives one socket per vCPU)"
            ));
            VcpuSpec::Count(v)
        }
    };
    let max_sockets = count(cpu, "maxSockets", max)
        .map_err(|e| ImportError::new(format!("{}.{}", l.cpu, e.message)))?;
    if let Some(m) = max_sockets {
        read.push(format!("max sockets {m} from {}", p("maxSockets")));
    }
    let dedicated =
        flag(cpu, l.dedicated).map_err(|e| ImportError::new(format!("{}.{}", l.cpu, e.message)))?;
    let isolate = flag(cpu, "isolateEmulatorThread")
        .map_err(|e| ImportError::new(format!("{}.{}", l.cpu, e.message)))?;
    if isolate {
        read.push(format!(
            "isolateEmulatorThread from {}",
            p("isolateEmulatorThread")
        ));
    }
    let passthrough = present(cpu, "numa.guestMappingPassthrough");
    let memory_node = at(object, l.memory);
    let hugepages = string(at(memory_node, "hugepages.pageSize"));
    let memory = string(&memory_node["guest"]).or_else(|| {
        l.resources
            .and_then(|r| string(at(object, &format!("{r}.requests.memory"))))
    });

    let mut notes = Vec::new();
    let mut missing = |code: AdvisoryCode, what: String| {
        notes.push(Advisory {
            code,
            message: what,
            source: &Source::VNUMA_PREREQUISITES,
        })
    };
    if !dedicated {
        missing(
            AdvisoryCode::MissingDedicatedCpus,
            format!("{} is not true: without dedicated CPUs the VM gets no guest NUMA topology and the Topology Manager does not align it, so this table does not apply.", p(l.dedicated)),
        );
    }
    if !passthrough {
        missing(
            AdvisoryCode::MissingGuestMappingPassthrough,
            format!(
                "{} is not set: the guest sees no NUMA topology matching the host's.",
                p("numa.guestMappingPassthrough")
            ),
        );
    }
    if hugepages.is_none() {
        missing(
            AdvisoryCode::MissingHugepages,
            format!("{}.hugepages.pageSize is not set: vNUMA needs the VM's memory backed by huge pages.", l.memory),
        );
    }
    Ok(VmImport {
        kind,
        name,
        vcpus,
        max_sockets,
        isolate_emulator_thread: isolate,
        dedicated_cpu_placement: dedicated,
        guest_mapping_passthrough: passthrough,
        hugepages_page_size: hugepages,
        memory,
        read,
        notes,
    })
}
