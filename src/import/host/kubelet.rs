//! Kubelet configuration: reserved and offline CPUs, the Topology Manager
//! policy and its node limit, the CPU manager's full-pcpus-only option, the
//! Memory Manager policy and its reserved huge pages, from a KubeletConfig, a
//! KubeletConfiguration or a PerformanceProfile.

use super::cpu_state::CpuState;
use super::hugepages::{Reservation, ReservedPages};
use crate::domain::{quote, Field, HugepageSize, MemoryManager, NodeTuning, Policy};
use crate::import::origin::Origin;
use crate::import::pages::{count, node_at};
use crate::import::quantity::bytes_or_zero;
use crate::import::yaml::{kind, Place};
use crate::import::{CpuList, ImportError};
use yaml_rust2::Yaml;

/// The objects that carry kubelet settings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KubeletKind {
    /// OpenShift's machine-config wrapper around a KubeletConfiguration.
    KubeletConfig,
    /// The kubelet's own configuration file.
    KubeletConfiguration,
    /// OpenShift's Node Tuning Operator profile.
    PerformanceProfile,
}

/// Where one kind keeps each setting, from the object's top.
struct Paths {
    reserved: &'static str,
    policy: &'static str,
    /// `cpuManagerPolicyOptions` (kubelet kinds only).
    cpu_options: Option<&'static str>,
    /// `topologyManagerPolicyOptions` (kubelet kinds only).
    topology_options: Option<&'static str>,
    /// CPUs taken offline (PerformanceProfile only).
    offlined: Option<&'static str>,
    /// `memoryManagerPolicy` (kubelet kinds only).
    memory_manager: Option<&'static str>,
    /// `reservedMemory` (kubelet kinds only).
    reserved_memory: Option<&'static str>,
    /// `kubeReserved` and `systemReserved`, whose `cpu` the kubelet
    /// reserves when `reservedSystemCPUs` is absent (kubelet kinds only).
    cpu_reservations: Option<[&'static str; 2]>,
}

impl KubeletKind {
    pub fn from_kind(kind: &str) -> Option<Self> {
        match kind {
            "KubeletConfig" => Some(KubeletKind::KubeletConfig),
            "KubeletConfiguration" => Some(KubeletKind::KubeletConfiguration),
            "PerformanceProfile" => Some(KubeletKind::PerformanceProfile),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            KubeletKind::KubeletConfig => "KubeletConfig",
            KubeletKind::KubeletConfiguration => "KubeletConfiguration",
            KubeletKind::PerformanceProfile => "PerformanceProfile",
        }
    }

    fn paths(self) -> Paths {
        match self {
            KubeletKind::KubeletConfig => Paths {
                reserved: "spec.kubeletConfig.reservedSystemCPUs",
                policy: "spec.kubeletConfig.topologyManagerPolicy",
                cpu_options: Some("spec.kubeletConfig.cpuManagerPolicyOptions"),
                topology_options: Some("spec.kubeletConfig.topologyManagerPolicyOptions"),
                offlined: None,
                memory_manager: Some("spec.kubeletConfig.memoryManagerPolicy"),
                reserved_memory: Some("spec.kubeletConfig.reservedMemory"),
                cpu_reservations: Some([
                    "spec.kubeletConfig.kubeReserved.cpu",
                    "spec.kubeletConfig.systemReserved.cpu",
                ]),
            },
            KubeletKind::KubeletConfiguration => Paths {
                reserved: "reservedSystemCPUs",
                policy: "topologyManagerPolicy",
                cpu_options: Some("cpuManagerPolicyOptions"),
                topology_options: Some("topologyManagerPolicyOptions"),
                offlined: None,
                memory_manager: Some("memoryManagerPolicy"),
                reserved_memory: Some("reservedMemory"),
                cpu_reservations: Some(["kubeReserved.cpu", "systemReserved.cpu"]),
            },
            KubeletKind::PerformanceProfile => Paths {
                reserved: "spec.cpu.reserved",
                policy: "spec.numa.topologyPolicy",
                cpu_options: None,
                topology_options: None,
                offlined: Some("spec.cpu.offlined"),
                memory_manager: None,
                reserved_memory: None,
                cpu_reservations: None,
            },
        }
    }
}

/// A value read, and where from ("KubeletConfig spec.kubeletConfig.reservedSystemCPUs").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sourced<T> {
    pub value: T,
    pub from: Origin,
    /// Said after `from` in the read line (": the profile's default applies").
    pub detail: String,
}

impl<T> Sourced<T> {
    pub fn new(value: T, from: Origin) -> Self {
        Sourced {
            value,
            from,
            detail: String::new(),
        }
    }

    /// The same, with `detail` after `from` in its read line.
    pub fn with_detail(self, detail: String) -> Self {
        Sourced { detail, ..self }
    }

    /// Where it came from, and what the read line says after that.
    pub fn origin(&self) -> (&Origin, &str) {
        (&self.from, &self.detail)
    }
}

/// Kubelet settings that change the host's numbers; later objects win.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KubeletSettings {
    pub reserved: Option<Sourced<CpuList>>,
    /// How many CPUs `kubeReserved` and `systemReserved` reserve (their
    /// `cpu` summed and rounded up), when `reserved` is not given.
    pub reserved_count: Option<Sourced<u32>>,
    pub policy: Option<Sourced<Policy>>,
    /// The kubelet's default policy, none, from kubelet configuration that
    /// names no policy: used when no text names one.
    pub default_policy: Option<Sourced<Policy>>,
    /// CPUs a PerformanceProfile takes offline.
    pub offlined: Option<Sourced<CpuList>>,
    pub full_pcpus_only: Option<Sourced<bool>>,
    /// The Topology Manager's `max-allowable-numa-nodes`.
    pub node_limit: Option<Sourced<u32>>,
    /// How the kubelet is configured: by a PerformanceProfile, whose
    /// implied options the domain resolves per policy, or a KubeletConfig.
    pub node_tuning: Option<Sourced<NodeTuning>>,
    /// The Memory Manager policy (`memoryManagerPolicy`).
    pub memory_manager: Option<Sourced<MemoryManager>>,
    /// Huge pages the kubelet reserves per node (`reservedMemory`).
    pub reserved_pages: Option<ReservedPages>,
    /// The kubelet's CPU manager state: the CPUs free on each node.
    pub cpu_state: Option<Sourced<CpuState>>,
    /// Read lines about settings that change no number (what a profile implies).
    pub notes: Vec<String>,
}

impl KubeletSettings {
    pub fn is_empty(&self) -> bool {
        self.reserved.is_none()
            && self.reserved_count.is_none()
            && self.policy.is_none()
            && self.default_policy.is_none()
            && self.offlined.is_none()
            && self.full_pcpus_only.is_none()
            && self.node_limit.is_none()
            && self.memory_manager.is_none()
            && self.node_tuning.is_none()
            && self.reserved_pages.is_none()
            && self.cpu_state.is_none()
    }

    /// Reads one kubelet object's settings, from `file`.
    pub fn read(&mut self, doc: &Yaml, kind: KubeletKind, file: &str) -> Result<(), ImportError> {
        let root = Place::root(doc);
        let paths = kind.paths();
        let object = Origin::new(kind.name(), "").in_file(file);
        let from = |place: &Place| object.at(&place.path);
        let reserved = root.at(paths.reserved);
        if let Some(cpus) = cpu_list(&reserved)? {
            self.reserved = Some(Sourced::new(cpus, from(&reserved)));
        }
        if let Some(places) = paths.cpu_reservations {
            let places = places.map(|p| root.at(p));
            if let Some((count, detail, at)) = reserved_count(&places)? {
                self.reserved_count = Some(Sourced::new(count, from(at)).with_detail(detail));
            }
        }
        if let Some(offlined) = paths.offlined.map(|p| root.at(p)) {
            if let Some(cpus) = cpu_list(&offlined)? {
                self.offlined = Some(Sourced::new(cpus, from(&offlined)));
            }
        }
        let policy = root.at(paths.policy);
        let named = policy
            .string()
            .map(|code| known_policy(&policy, &code))
            .transpose()?;
        if let Some(value) = named {
            self.policy = Some(Sourced::new(value, from(&policy)));
        } else if kind != KubeletKind::PerformanceProfile {
            self.default_policy = Some(
                Sourced::new(Policy::None, from(&policy))
                    .with_detail(": absent, so the kubelet's default none applies".to_string()),
            );
        }
        if let Some(options) = paths.cpu_options.map(|p| root.at(p)) {
            let option = options_map(&options)?.at("full-pcpus-only");
            if let Some(on) = switch(&option)? {
                self.full_pcpus_only = Some(Sourced::new(on, from(&option)));
            }
        }
        if let Some(options) = paths.topology_options.map(|p| root.at(p)) {
            let option = options_map(&options)?.at("max-allowable-numa-nodes");
            if let Some(limit) = option.count(Field::NumaNodes)? {
                self.node_limit = Some(Sourced::new(limit, from(&option)));
            }
        }
        if let Some(place) = paths.memory_manager.map(|p| root.at(p)) {
            if let Some(value) = memory_manager(&place)? {
                self.memory_manager = Some(Sourced::new(value, from(&place)));
            }
        }
        if let Some(place) = paths.reserved_memory.map(|p| root.at(p)) {
            if let Some(value) = reserved_pages(&place)? {
                self.reserved_pages = Some(Sourced::new(value, from(&place)));
            }
        }
        let tuning = match kind {
            KubeletKind::PerformanceProfile => NodeTuning::PerformanceProfile,
            _ => NodeTuning::KubeletConfig,
        };
        self.node_tuning = Some(Sourced::new(tuning, object.clone()));
        if kind == KubeletKind::PerformanceProfile {
            self.profile_defaults(&policy, named, &object);
        }
        Ok(())
    }

    /// The policy a text named, else the kubelet's default when kubelet
    /// configuration left it out.
    pub fn settle_policy(&mut self) {
        if self.policy.is_none() {
            self.policy = self.default_policy.take();
        }
    }

    /// What a PerformanceProfile sets without saying so: the static CPU
    /// manager always and best-effort when it names no policy. Its
    /// full-pcpus-only and Memory Manager depend on the policy, so they are
    /// left to the node tuning (M9), which implies them under each policy.
    fn profile_defaults(&mut self, policy: &Place, named: Option<Policy>, profile: &Origin) {
        self.notes.push(format!(
            "CPU manager policy static from {profile}: the profile always sets it"
        ));
        if named.is_none() {
            self.policy = Some(
                Sourced::new(Policy::BestEffort, profile.clone()).with_detail(format!(
                    ": {} is absent, so the profile's default applies",
                    policy.path
                )),
            );
        }
        self.notes.push(format!(
            "full-pcpus-only under single-numa-node and the Memory Manager static under restricted and single-numa-node from {profile}: the profile implies them (node tuning performance-profile)"
        ));
    }
}

/// The Memory Manager policy at `place` (`Static` or `None`, in any case).
fn memory_manager(place: &Place) -> Result<Option<MemoryManager>, ImportError> {
    place
        .string()
        .map(|text| {
            MemoryManager::from_code(&text.trim().to_ascii_lowercase()).ok_or_else(|| {
                place.error(format!(
                    "unknown Memory Manager policy {}: expected Static or None.",
                    quote(&text)
                ))
            })
        })
        .transpose()
}

/// The huge pages `reservedMemory` reserves: per entry its `numaNode` and
/// the pages of `limits.hugepages-2Mi` and `limits.hugepages-1Gi` (rounded
/// up to whole pages).
fn reserved_pages(place: &Place) -> Result<Option<Vec<Reservation>>, ImportError> {
    let Some(entries) = place.list("a list of numaNode and limits")? else {
        return Ok(None);
    };
    let mut reserved = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        let entry = Place::new(entry, format!("{}[{i}]", place.path));
        let node_place = entry.at("numaNode");
        let node = node_at(&node_place)?.ok_or_else(|| node_place.error("no NUMA node."))?;
        for size in HugepageSize::ALL {
            let at = entry.at(&format!("limits.hugepages-{size}"));
            if let Some(bytes) = bytes_or_zero(&at)? {
                reserved.push((size, node, count(bytes.div_ceil(size.bytes()), &at.path)?));
            }
        }
    }
    Ok(Some(reserved))
}

/// CPUs in a quantity ("500m", "1", "1.5", 2), in thousandths: `None` when
/// absent, an error naming the place otherwise.
fn millicpus(place: &Place) -> Result<Option<u64>, ImportError> {
    let text = match place.node {
        Yaml::BadValue | Yaml::Null => return Ok(None),
        Yaml::Integer(i) => i.to_string(),
        Yaml::Real(r) => r.clone(),
        Yaml::String(s) => s.trim().to_string(),
        other => {
            return Err(place.error(format!(
                "expected a CPU quantity such as 500m or 1, found {}.",
                kind(other)
            )))
        }
    };
    let bad = || {
        place.error(format!(
            "{} is not a CPU quantity such as 500m, 1 or 1.5.",
            quote(&text)
        ))
    };
    let milli = match text.strip_suffix('m') {
        Some(m) => m.parse::<u64>().map_err(|_| bad())?,
        None => {
            let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
            let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
            if whole.is_empty() && fraction.is_empty()
                || !digits(whole)
                || !digits(fraction)
                || fraction.len() > 3
            {
                return Err(bad());
            }
            let whole: u64 = if whole.is_empty() {
                0
            } else {
                whole.parse().map_err(|_| bad())?
            };
            let fraction: u64 = format!("{fraction:0<3}").parse().map_err(|_| bad())?;
            whole
                .checked_mul(1000)
                .and_then(|w| w.checked_add(fraction))
                .ok_or_else(bad)?
        }
    };
    // Far above any host: the sum below cannot overflow.
    if milli > u64::from(u32::MAX) {
        return Err(bad());
    }
    Ok(Some(milli))
}

/// The CPUs `kubeReserved.cpu` and `systemReserved.cpu` reserve: the
/// kubelet sums them and rounds up to whole CPUs. The count, how it was
/// reached, and the first place that gave a quantity.
fn reserved_count<'p, 'a>(
    places: &'p [Place<'a>; 2],
) -> Result<Option<(u32, String, &'p Place<'a>)>, ImportError> {
    let mut sum = 0;
    let mut terms = Vec::new();
    let mut first = None;
    for place in places {
        if let Some(milli) = millicpus(place)? {
            sum += milli;
            terms.push(format!("{} {}", place.path, shown(milli)));
            first.get_or_insert(place);
        }
    }
    let Some(first) = first.filter(|_| sum > 0) else {
        return Ok(None);
    };
    let count = sum.div_ceil(1000);
    let count =
        u32::try_from(count).map_err(|_| first.error("more CPUs reserved than any host has."))?;
    let sum_text = if terms.len() > 1 {
        format!(" = {}", shown(sum))
    } else {
        String::new()
    };
    let detail = format!(
        " ({}{sum_text}, rounded up to whole CPUs)",
        terms.join(" + ")
    );
    Ok(Some((count, detail, first)))
}

/// Thousandths of a CPU as a quantity: "2", "1500m".
fn shown(milli: u64) -> String {
    if milli.is_multiple_of(1000) {
        (milli / 1000).to_string()
    } else {
        format!("{milli}m")
    }
}

/// A CPU list at `place`, when there is one.
fn cpu_list(place: &Place) -> Result<Option<CpuList>, ImportError> {
    place
        .string()
        .map(|list| CpuList::parse(&list).map_err(|e| e.placed(place.path.clone())))
        .transpose()
}

/// A policy options map (option name to value), or an error when it is
/// something else.
fn options_map<'a>(place: &Place<'a>) -> Result<Place<'a>, ImportError> {
    match place.node {
        Yaml::Hash(_) | Yaml::BadValue | Yaml::Null => Ok(place.clone()),
        other => Err(place.error(format!(
            "expected a map of option names to values, found {}.",
            kind(other)
        ))),
    }
}

/// An option's on/off value: the kubelet takes "true" and "false" (and
/// Go's other boolean spellings) as strings.
fn switch(place: &Place) -> Result<Option<bool>, ImportError> {
    let text = match place.node {
        Yaml::BadValue | Yaml::Null => return Ok(None),
        Yaml::Boolean(b) => return Ok(Some(*b)),
        Yaml::String(s) => s.trim(),
        other => {
            return Err(place.error(format!(
                "expected \"true\" or \"false\", found {}.",
                kind(other)
            )))
        }
    };
    match text {
        "true" | "True" | "TRUE" | "t" | "T" | "1" => Ok(Some(true)),
        "false" | "False" | "FALSE" | "f" | "F" | "0" => Ok(Some(false)),
        _ => Err(place.error(format!(
            "expected \"true\" or \"false\", found {}.",
            quote(text)
        ))),
    }
}

/// The policy `code` at `place`, or an error naming the place.
pub fn known_policy(place: &Place, code: &str) -> Result<Policy, ImportError> {
    policy_from(code)
        .ok_or_else(|| place.error(format!("unknown Topology Manager policy {}.", quote(code))))
}

/// The Topology Manager scope a policy name carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    Container,
    Pod,
}

impl Scope {
    pub fn name(self) -> &'static str {
        match self {
            Scope::Container => "container",
            Scope::Pod => "pod",
        }
    }
}

/// A policy in the kubelet's, NodeResourceTopology's or OpenShift's
/// spelling, with the scope when the name carries one: the API's
/// `SingleNUMANode`, its eight legacy `<Policy><Scope>Level` values
/// (`RestrictedPodLevel`), and `Restricted`, `BestEffort`, `None`.
pub fn spelled_policy(text: &str) -> Option<(Policy, Option<Scope>)> {
    let (base, scope) = if let Some(base) = text.strip_suffix("ContainerLevel") {
        (base, Some(Scope::Container))
    } else if let Some(base) = text.strip_suffix("PodLevel") {
        (base, Some(Scope::Pod))
    } else {
        (text, None)
    };
    let policy = match base {
        "SingleNUMANode" => Policy::SingleNumaNode,
        "Restricted" => Policy::Restricted,
        "BestEffort" => Policy::BestEffort,
        "None" => Policy::None,
        code if scope.is_none() => Policy::from_code(code)?,
        _ => return None,
    };
    Some((policy, scope))
}

/// A policy in any spelling `spelled_policy` takes, without the scope.
pub fn policy_from(text: &str) -> Option<Policy> {
    spelled_policy(text).map(|(policy, _)| policy)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::yaml::objects;

    #[test]
    fn kinds() {
        assert_eq!(
            KubeletKind::from_kind("PerformanceProfile"),
            Some(KubeletKind::PerformanceProfile)
        );
        assert_eq!(KubeletKind::from_kind("kubeletconfig"), None);
    }

    #[test]
    fn policies_in_every_spelling() {
        assert_eq!(
            policy_from("SingleNUMANodePodLevel"),
            Some(Policy::SingleNumaNode)
        );
        assert_eq!(
            policy_from("single-numa-node"),
            Some(Policy::SingleNumaNode)
        );
        assert_eq!(policy_from("restricted"), Some(Policy::Restricted));
        assert_eq!(policy_from("strict"), None);
        assert_eq!(policy_from("restrictedPodLevel"), None);
        let legacy = [
            (
                "SingleNUMANodeContainerLevel",
                Policy::SingleNumaNode,
                Scope::Container,
            ),
            ("SingleNUMANodePodLevel", Policy::SingleNumaNode, Scope::Pod),
            (
                "RestrictedContainerLevel",
                Policy::Restricted,
                Scope::Container,
            ),
            ("RestrictedPodLevel", Policy::Restricted, Scope::Pod),
            (
                "BestEffortContainerLevel",
                Policy::BestEffort,
                Scope::Container,
            ),
            ("BestEffortPodLevel", Policy::BestEffort, Scope::Pod),
            ("NoneContainerLevel", Policy::None, Scope::Container),
            ("NonePodLevel", Policy::None, Scope::Pod),
        ];
        for (name, policy, scope) in legacy {
            assert_eq!(spelled_policy(name), Some((policy, Some(scope))), "{name}");
        }
        for (name, policy) in [
            ("SingleNUMANode", Policy::SingleNumaNode),
            ("Restricted", Policy::Restricted),
            ("BestEffort", Policy::BestEffort),
            ("None", Policy::None),
            ("best-effort", Policy::BestEffort),
            ("none", Policy::None),
        ] {
            assert_eq!(spelled_policy(name), Some((policy, None)), "{name}");
        }
    }

    fn settings(text: &str, kind: KubeletKind) -> Result<KubeletSettings, ImportError> {
        let mut settings = KubeletSettings::default();
        settings.read(&objects(text)?[0], kind, "k.yaml")?;
        Ok(settings)
    }

    /// Asserts a KubeletConfiguration `text` is refused with `expected`.
    fn assert_refused(text: &str, expected: &str) {
        let e = settings(text, KubeletKind::KubeletConfiguration).unwrap_err();
        assert_eq!(e.to_string(), expected, "{text}");
    }

    #[test]
    fn policy_options() {
        let s = settings(
            "cpuManagerPolicyOptions:\n  full-pcpus-only: \"true\"\ntopologyManagerPolicyOptions:\n  max-allowable-numa-nodes: \"16\"\n",
            KubeletKind::KubeletConfiguration,
        )
        .unwrap();
        let option = s.full_pcpus_only.as_ref().unwrap();
        let at = "cpuManagerPolicyOptions.full-pcpus-only";
        assert_eq!(
            option.from,
            Origin::new("KubeletConfiguration", at).in_file("k.yaml")
        );
        assert_eq!(s.full_pcpus_only.map(|o| o.value), Some(true));
        assert_eq!(s.node_limit.map(|o| o.value), Some(16));
        let s = settings(
            "cpuManagerPolicyOptions:\n  full-pcpus-only: false\n",
            KubeletKind::KubeletConfiguration,
        )
        .unwrap();
        assert_eq!(s.full_pcpus_only.map(|o| o.value), Some(false));
        for (text, expected) in [
            (
                "topologyManagerPolicyOptions:\n  max-allowable-numa-nodes: \"0\"\n",
                "topologyManagerPolicyOptions.max-allowable-numa-nodes: NUMA nodes must be at least 1; got 0.",
            ),
            (
                "topologyManagerPolicyOptions:\n  max-allowable-numa-nodes: lots\n",
                "topologyManagerPolicyOptions.max-allowable-numa-nodes: \"lots\" is not a whole number from 1 to 1024.",
            ),
            (
                "cpuManagerPolicyOptions:\n  full-pcpus-only: maybe\n",
                "cpuManagerPolicyOptions.full-pcpus-only: expected \"true\" or \"false\", found \"maybe\".",
            ),
            (
                "cpuManagerPolicyOptions: [full-pcpus-only]\n",
                "cpuManagerPolicyOptions: expected a map of option names to values, found a list.",
            ),
        ] {
            assert_refused(text, expected);
        }
    }

    #[test]
    fn kube_and_system_reserved_cpu_are_summed_and_rounded_up() {
        let s = settings(
            "kubeReserved:\n  cpu: 500m\n  memory: 1Gi\nsystemReserved:\n  cpu: \"1.2\"\n",
            KubeletKind::KubeletConfiguration,
        )
        .unwrap();
        let count = s.reserved_count.unwrap();
        assert_eq!(count.value, 2);
        assert_eq!(
            count.detail,
            " (kubeReserved.cpu 500m + systemReserved.cpu 1200m = 1700m, rounded up to whole CPUs)"
        );
        assert_eq!(
            count.from,
            Origin::new("KubeletConfiguration", "kubeReserved.cpu").in_file("k.yaml")
        );
        let count = |text: &str| {
            let s = settings(text, KubeletKind::KubeletConfiguration).unwrap();
            s.reserved_count.map(|c| c.value)
        };
        assert_eq!(count("systemReserved:\n  cpu: 1\n"), Some(1));
        assert_eq!(count("kubeReserved:\n  cpu: 0\n"), None);
        for (text, expected) in [
            (
                "kubeReserved:\n  cpu: lots\n",
                "kubeReserved.cpu: \"lots\" is not a CPU quantity such as 500m, 1 or 1.5.",
            ),
            (
                "systemReserved:\n  cpu: 0.0001\n",
                "systemReserved.cpu: \"0.0001\" is not a CPU quantity such as 500m, 1 or 1.5.",
            ),
            (
                "kubeReserved:\n  cpu: [1]\n",
                "kubeReserved.cpu: expected a CPU quantity such as 500m or 1, found a list.",
            ),
            (
                "kubeReserved:\n  cpu: 99999999999\n",
                "kubeReserved.cpu: \"99999999999\" is not a CPU quantity such as 500m, 1 or 1.5.",
            ),
        ] {
            assert_refused(text, expected);
        }
    }

    #[test]
    fn a_profile_implies_its_defaults() {
        let s = settings(
            "spec:\n  cpu:\n    reserved: 0-1\n",
            KubeletKind::PerformanceProfile,
        )
        .unwrap();
        assert_eq!(s.policy.map(|p| p.value), Some(Policy::BestEffort));
        assert_eq!(s.full_pcpus_only, None);
        // The options it implies under its policy are the node tuning's,
        // resolved per policy by the domain; the file gives none itself.
        let tuning = |kind| {
            settings("spec: {}\n", kind)
                .unwrap()
                .node_tuning
                .map(|t| t.value)
        };
        let s = settings(
            "spec:\n  numa:\n    topologyPolicy: single-numa-node\n",
            KubeletKind::PerformanceProfile,
        )
        .unwrap();
        assert_eq!((s.full_pcpus_only, s.memory_manager), (None, None));
        assert_eq!(
            tuning(KubeletKind::PerformanceProfile),
            Some(NodeTuning::PerformanceProfile)
        );
        for kind in [
            KubeletKind::KubeletConfig,
            KubeletKind::KubeletConfiguration,
        ] {
            assert_eq!(tuning(kind), Some(NodeTuning::KubeletConfig));
        }
    }
}
