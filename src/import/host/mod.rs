//! The host: NUMA nodes and their CPUs from command output or Kubernetes
//! objects, reserved CPUs, the Topology Manager and Memory Manager policies
//! from kubelet configuration, huge pages per node from sysfs, a
//! NodeResourceTopology or a PerformanceProfile, free CPUs per node from a
//! NodeResourceTopology or the kubelet's cpu_manager_state. Texts are split
//! on `---`, each part is recognised, and what the parts give is combined
//! into one host.

mod combine;
mod cpu_state;
mod dumpxml;
mod hugepages;
mod kubelet;
mod lscpu;
mod lscpu_table;
mod node;
mod nrt;
mod numactl;
mod numbered;
mod profile;
mod profile_creator;
mod split;
mod sysfs;
mod topology;

pub use dumpxml::RunningDomain;
pub use node::{HostImport, NumaNodeCpus};
pub(crate) use split::parts;

use super::error::token;
use super::origin::Origin;
use super::prompt::{is_command_line, without_prompt};
use super::yaml::{objects, string};
use super::{check_size, ImportError};
use combine::Gathered;
use hugepages::Found;
use kubelet::KubeletKind;
use yaml_rust2::Yaml;

/// The Kubernetes objects, or JSON, that describe a host.
#[derive(Clone, Debug, PartialEq, Eq)]
enum HostObject {
    NodeResourceTopology,
    Kubelet(KubeletKind),
    /// `lscpu -J`, which has no kind.
    LscpuJson,
    /// The performance profile creator's `info --json`: a list, no kind.
    ProfileCreatorInfo,
    /// The kubelet's `cpu_manager_state` file: JSON, no kind.
    CpuManagerState,
    /// An object of another kind (a ConfigMap, a Pod in a must-gather
    /// list): skipped, and named in a read line. Its kind, and its kind
    /// and name.
    Other(String, String),
}

const EXPECTED: &str = "expected lscpu (plain, -e, -p or -J), numactl --hardware, sysfs huge pages, profile creator info --json, virsh dumpxml or cpu_manager_state, or a NodeResourceTopology, KubeletConfig, KubeletConfiguration or PerformanceProfile.";

impl HostObject {
    fn from_kind(kind: &str) -> Option<Self> {
        match kind {
            "NodeResourceTopology" => Some(HostObject::NodeResourceTopology),
            _ => KubeletKind::from_kind(kind).map(HostObject::Kubelet),
        }
    }

    /// What `doc` is, by its kind, else by its shape.
    fn of(doc: &Yaml) -> Result<Self, ImportError> {
        let kind = string(&doc["kind"]).unwrap_or_default();
        if let Some(object) = HostObject::from_kind(&kind) {
            return Ok(object);
        }
        if matches!(doc["lscpu"], Yaml::Array(_)) {
            return Ok(HostObject::LscpuJson);
        }
        if profile_creator::looks_like(doc) {
            return Ok(HostObject::ProfileCreatorInfo);
        }
        if cpu_state::looks_like(doc) {
            return Ok(HostObject::CpuManagerState);
        }
        if let Some(why) = lscpu::unread_json(doc) {
            return Err(ImportError::whole(why));
        }
        if kind.is_empty() {
            return Err(ImportError::whole(format!(
                "Not a host description: {EXPECTED}"
            )));
        }
        let name =
            string(&doc["metadata"]["name"]).map_or(String::new(), |n| format!(" {}", token(&n)));
        Ok(HostObject::Other(
            token(&kind),
            format!("{}{name}", token(&kind)),
        ))
    }
}

/// The error for texts that held only objects of other kinds (one of
/// `kind`, or all those `skipped`).
fn only_others(kind: &str, skipped: &[String]) -> ImportError {
    ImportError::whole(match skipped {
        [_] => format!("A {kind} does not describe a host; {EXPECTED}"),
        _ => format!(
            "None of {} describes a host; {EXPECTED}",
            skipped.join(", ")
        ),
    })
}

/// What a part holds, for the paste reader: objects of `is_vm` kind, which
/// it gives to the VM reader, and host objects beside them (a `List` of
/// both), which it gives to the host reader too, so neither is dropped.
pub(crate) struct Holds {
    pub vm: bool,
    pub host: bool,
}

/// What `part` holds: the same steps as `read_part` (the prompt line,
/// sysfs lines, command output), then the objects' kinds.
pub(crate) fn holds_kind(part: &str, is_vm: fn(&str) -> bool) -> Holds {
    let (_, _, rest) = sysfs::take(&without_prompt(part)).unwrap_or_default();
    if lscpu::looks_like(&rest) || numactl::looks_like(&rest) {
        return Holds {
            vm: false,
            host: true,
        };
    }
    let docs = objects(&rest).unwrap_or_default();
    let kinds: Vec<String> = docs.iter().filter_map(|doc| string(&doc["kind"])).collect();
    Holds {
        vm: kinds.iter().any(|kind| is_vm(kind)),
        host: kinds
            .iter()
            .any(|kind| HostObject::from_kind(kind).is_some()),
    }
}

/// The command whose output `part` is (lscpu in its forms, numactl), for
/// the VM reader, which skips it; refused when the part holds an object
/// too (`split::check_unsplit`).
pub(crate) fn output_in(part: &str) -> Result<Option<&'static str>, ImportError> {
    let part = without_prompt(part);
    let output = if lscpu::looks_like(&part) {
        Some("lscpu")
    } else if numactl::looks_like(&part) {
        Some("numactl --hardware")
    } else {
        lscpu_table::form(&part).map(topology::Command::name)
    };
    if let Some(output) = output {
        split::check_unsplit(&part, output)?;
    }
    Ok(output)
}

/// " in FILE", or nothing for a text without a name.
fn in_file_name(file: &str) -> String {
    match file {
        "" => String::new(),
        file => format!(" in {file}"),
    }
}

/// Huge pages found in `file`.
fn in_file(mut found: Vec<Found>, file: &str) -> Vec<Found> {
    for f in &mut found {
        f.from.file = file.to_string();
        if let Some(unplaced) = &mut f.unplaced {
            unplaced.from.file = file.to_string();
        }
    }
    found
}

impl Gathered {
    /// Reads one part of `file`: command output, or YAML/JSON objects,
    /// after the prompt line it may start with. Sysfs huge page lines are
    /// taken out first, so they may sit beside lscpu or numactl output.
    fn read_part(&mut self, part: &str, file: &str) -> Result<(), ImportError> {
        let (pages, notes, rest) = sysfs::take(&without_prompt(part))?;
        let had_pages = !pages.is_empty() || !notes.is_empty();
        self.hugepages.take_all(in_file(pages, file), notes);
        let part = rest.as_str();
        // What is left beside sysfs lines may be a bare prompt.
        let nothing_else = part
            .lines()
            .all(|l| l.trim().is_empty() || is_command_line(l));
        if had_pages && nothing_else {
            return Ok(());
        }
        let output = |command: &str| -> Result<Origin, ImportError> {
            split::check_unsplit(part, command)?;
            Ok(Origin::new(command, "").in_file(file))
        };
        if dumpxml::looks_like(part) {
            let mut domain = dumpxml::parse(part)?;
            domain.from = domain.from.in_file(file);
            self.take_domain(domain);
        } else if lscpu::looks_like(part) {
            let from = output("lscpu")?;
            self.take(lscpu::parse(part)?, from);
        } else if numactl::looks_like(part) {
            let from = output("numactl --hardware")?;
            self.take(numactl::parse(part)?, from);
        } else if let Some(table) = lscpu_table::form(part) {
            let from = output(table.name())?;
            self.take(lscpu_table::parse(part, table)?, from);
        } else if let Some(why) = lscpu::unread(part) {
            return Err(ImportError::whole(why));
        } else {
            for doc in objects(part)? {
                self.read_object(&doc, file)?;
            }
        }
        Ok(())
    }

    fn read_object(&mut self, doc: &Yaml, file: &str) -> Result<(), ImportError> {
        match HostObject::of(doc)? {
            HostObject::NodeResourceTopology => {
                let source = nrt::source(doc).in_file(file);
                self.hugepages
                    .take_all(nrt::hugepages(doc, &source)?, Vec::new());
                self.take(nrt::topology(doc)?, source);
                if let Some(mut policy) = nrt::policy(doc)? {
                    policy.from.file = file.to_string();
                    self.settings.policy = Some(policy);
                }
            }
            HostObject::Kubelet(kind) => {
                self.settings.read(doc, kind, file)?;
                if kind == KubeletKind::PerformanceProfile {
                    let (pages, notes) = profile::hugepages(doc)?;
                    self.hugepages.take_all(in_file(pages, file), notes);
                }
            }
            HostObject::LscpuJson => {
                let from = Origin::new("lscpu -J", "").in_file(file);
                self.take(lscpu::parse_json(doc)?, from);
            }
            HostObject::ProfileCreatorInfo => {
                let (topology, from) = profile_creator::read(doc)?;
                self.take(topology, from.in_file(file));
            }
            HostObject::CpuManagerState => {
                let state = cpu_state::read(doc, file)?;
                match &self.settings.cpu_state {
                    None => self.settings.cpu_state = Some(state),
                    Some(first) => self.extra.push(format!(
                        "A second cpu_manager_state{} was ignored; the first one{} is used.",
                        in_file_name(&state.from.file),
                        in_file_name(&first.from.file)
                    )),
                }
            }
            HostObject::Other(kind, name) => {
                self.other_kind.get_or_insert(kind);
                let name = if file.is_empty() {
                    name
                } else {
                    format!("{name} in {file}")
                };
                self.skipped.push(name);
            }
        }
        Ok(())
    }
}

/// Reads one or more pasted texts describing one host. Kubelet configuration
/// or sysfs huge pages alone give a host without nodes: the policy or the
/// pages, and no node count or size.
pub fn import_host(texts: &[&str]) -> Result<HostImport, ImportError> {
    let named: Vec<(&str, &str)> = texts.iter().map(|&text| ("", text)).collect();
    import_host_in(&named)
}

/// `import_host` of texts that each name their file (`(file, text)`): each
/// value's origin names the file it came from.
pub fn import_host_in(texts: &[(&str, &str)]) -> Result<HostImport, ImportError> {
    let mut gathered = Gathered::default();
    for &(file, text) in texts {
        check_size(text)?;
        for part in parts(text) {
            gathered.read_part(&part, file)?;
        }
    }
    finish(gathered)
}

/// One host from what the texts gave, or why texts that held only objects
/// of other kinds describe none.
fn finish(gathered: Gathered) -> Result<HostImport, ImportError> {
    if let Some(kind) = gathered
        .other_kind
        .as_deref()
        .filter(|_| gathered.is_empty())
    {
        return Err(only_others(kind, &gathered.skipped));
    }
    gathered.combine()
}

/// `import_host_in` of objects already read, each with its file name: a
/// cluster's reader gives one node's NodeResourceTopology with the kubelet
/// objects that select the node (the NodeResourceTopology last, so its
/// policy wins).
pub fn import_host_docs(docs: &[(&str, &Yaml)]) -> Result<HostImport, ImportError> {
    let mut gathered = Gathered::default();
    for &(file, doc) in docs {
        gathered.read_object(doc, file)?;
    }
    finish(gathered)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds() {
        assert_eq!(
            HostObject::from_kind("KubeletConfig"),
            Some(HostObject::Kubelet(KubeletKind::KubeletConfig))
        );
        assert_eq!(
            HostObject::from_kind("NodeResourceTopology"),
            Some(HostObject::NodeResourceTopology)
        );
        assert_eq!(HostObject::from_kind("VirtualMachine"), None);
        let doc = Yaml::Hash(Default::default());
        assert!(HostObject::of(&doc)
            .unwrap_err()
            .problem
            .starts_with("Not a host description"));
    }
}
