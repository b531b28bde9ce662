//! The scenario's text inputs as one table. Each row is one input: its link
//! key (the command's flag is the key with dashes, the compared host's key
//! has `b_` in front), label, hint, unit, bounds, how its text is read, and
//! the section it belongs to (which gives its part of the scenario, the way
//! of giving the host or the vCPUs it belongs to, and where the page shows
//! it). Links, flags, the page's inputs, the form and the importers all read
//! this table; see the README's "How to add an input".

use super::codes::Switch;
use super::memory::{format_bytes, parse_quantity};
use super::number::{parse_count, parse_per_node};
use crate::i18n::tr;
use crate::trf;
use std::fmt;

/// Which part of the scenario an input describes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// One host (the compared host has its own copy, under `b_` keys).
    Host,
    /// The VM, the same on every host.
    Vm,
}

/// The two ways of giving the host and the vCPUs: an input of one way
/// counts only while its way is chosen (the other way keeps its text).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Way {
    /// Counts whatever way is chosen.
    Always,
    /// The host as NUMA nodes and CPUs per node.
    Nodes,
    /// The host as bought: sockets, cores, NUMA nodes per socket.
    AsBought,
    /// The VM's vCPUs as one count.
    Count,
    /// The VM's vCPUs as KubeVirt's sockets x cores x threads.
    Topology,
}

/// Where an input sits on the page; also gives its part and way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    HostNodes,
    HostAsBought,
    HostSmt,
    /// Folded under "Host details".
    HostDetails,
    /// The VM as it runs on the host (from its libvirt domain): read from
    /// files and links, shown by the page's migration view, not a field.
    HostRunning,
    VcpuCount,
    VcpuTopology,
    Vm,
    VmMemory,
}

impl Section {
    pub const fn part(self) -> Part {
        match self {
            Section::HostNodes
            | Section::HostAsBought
            | Section::HostSmt
            | Section::HostDetails
            | Section::HostRunning => Part::Host,
            Section::VcpuCount | Section::VcpuTopology | Section::Vm | Section::VmMemory => {
                Part::Vm
            }
        }
    }

    pub const fn way(self) -> Way {
        match self {
            Section::HostNodes => Way::Nodes,
            Section::HostAsBought => Way::AsBought,
            Section::VcpuCount => Way::Count,
            Section::VcpuTopology => Way::Topology,
            _ => Way::Always,
        }
    }
}

/// How an input's text is read and written back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParseRule {
    /// One whole count within the bounds (stepped with the arrow keys).
    Count,
    /// A comma-separated count per NUMA node, from node 0.
    PerNode,
    /// A Kubernetes quantity (16Gi, 2048Mi); the bounds are in MiB.
    Quantity,
    /// A running VM's guest NUMA cells, `NODE:VCPUS:MEMORY` each,
    /// comma-separated; the bounds are each cell's vCPUs.
    GuestCells,
}

/// One row of the table.
#[derive(Debug)]
pub struct Spec {
    pub field: Field,
    /// The link key; the flag is `--` and the key with dashes.
    pub key: &'static str,
    /// The compared host's link key (host inputs only are compared).
    pub compared_key: &'static str,
    pub section: Section,
    pub rule: ParseRule,
    /// Inclusive bounds of a count, or of each entry of a list.
    pub bounds: (u32, u32),
    /// Whether the text may be empty ("not given").
    pub optional: bool,
    /// The text a fresh form holds.
    pub default: &'static str,
    /// Name shown to people: the page's label, the subject of messages.
    pub label: &'static str,
    pub unit: &'static str,
    /// What to enter and where to find it.
    pub hint: &'static str,
}

/// Builds `Field` and `FIELDS` from one list of rows, so a row is the only
/// place an input is written (the compared key is derived from the key).
macro_rules! inputs {
    ($(
        $(#[$doc:meta])*
        $name:ident {
            key: $key:literal,
            section: $section:ident,
            rule: $rule:ident,
            bounds: ($min:expr, $max:expr),
            optional: $optional:literal,
            default: $default:literal,
            label: $label:literal,
            unit: $unit:literal,
            hint: $hint:literal $(,)?
        }
    )*) => {
        /// One text input of a scenario, a row of `FIELDS`. The keys are
        /// public: links and command flags are derived from them.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Field {
            $($(#[$doc])* $name,)*
        }

        /// The table: every input, in the order the form, links and
        /// messages list them.
        pub const FIELDS: &[Spec] = &[$(
            Spec {
                field: Field::$name,
                key: $key,
                compared_key: concat!("b_", $key),
                section: Section::$section,
                rule: ParseRule::$rule,
                bounds: ($min, $max),
                optional: $optional,
                default: $default,
                label: $label,
                unit: $unit,
                hint: $hint,
            },
        )*];
    };
}

inputs! {
    NumaNodes {
        key: "numa_nodes",
        section: HostNodes,
        rule: Count,
        bounds: (1, 1024),
        optional: false,
        default: "2",
        label: "NUMA nodes",
        unit: "nodes",
        hint: "NUMA nodes the node reports (lscpu, numactl -H).",
    }
    CpusPerNode {
        key: "cpus_per_node",
        section: HostNodes,
        rule: Count,
        bounds: (1, 4096),
        optional: false,
        default: "32",
        label: "CPUs per NUMA node",
        unit: "logical CPUs",
        hint: "Logical CPUs (hardware threads) in one NUMA node.",
    }
    /// Per node, for nodes of different sizes; the list's own rules are
    /// `Host::with_node_cpus`'s.
    NodeCpus {
        key: "node_cpus",
        section: HostNodes,
        rule: PerNode,
        bounds: (1, 4096),
        optional: true,
        default: "",
        label: "CPUs of each node",
        unit: "CPUs per node",
        hint: "Optional, when the nodes differ: each node's logical CPUs from node 0 (86,86,84); nodes not listed have the CPUs per NUMA node, the largest.",
    }
    HostSockets {
        key: "host_sockets",
        section: HostAsBought,
        rule: Count,
        bounds: (1, 1024),
        optional: true,
        default: "2",
        label: "Host sockets",
        unit: "sockets",
        hint: "CPU packages in the worker; empty means 1.",
    }
    CoresPerSocket {
        key: "cores_per_socket",
        section: HostAsBought,
        rule: Count,
        bounds: (1, 4096),
        optional: false,
        default: "32",
        label: "Cores per socket",
        unit: "cores",
        hint: "Physical cores in one socket.",
    }
    /// AMD NPS4 and Intel SNC4 are the most in use; the bound leaves room.
    NodesPerSocket {
        key: "nodes_per_socket",
        section: HostAsBought,
        rule: Count,
        bounds: (1, 64),
        optional: true,
        default: "1",
        label: "NUMA nodes per socket",
        unit: "nodes",
        hint: "AMD NPS or Intel SNC (1, 2, 4); empty means 1.",
    }
    /// SMT8 (POWER) is the widest in use.
    ThreadsPerCore {
        key: "threads_per_core",
        section: HostSmt,
        rule: Count,
        bounds: (1, 8),
        optional: true,
        default: "",
        label: "Threads per core",
        unit: "threads",
        hint: "Optional: 2 with SMT; multiplies the cores of a host as bought, and the full-pcpus-only check needs it.",
    }
    /// Per node; the list's own rules are `Host::with_reserved`'s.
    ReservedCpus {
        key: "reserved_cpus",
        section: HostDetails,
        rule: PerNode,
        bounds: (0, 4096),
        optional: true,
        default: "",
        label: "Reserved CPUs",
        unit: "CPUs per node",
        hint: "Optional: the kubelet's reserved CPUs per node from node 0 (2,2 = 2 on each of two); empty assumes 1 on node 0.",
    }
    /// Per node; only with threads per core. The kubelet's full-pcpus-only
    /// loses every core that holds a reserved thread (`Host::with_reserved_cores`).
    ReservedCores {
        key: "reserved_cores",
        section: HostDetails,
        rule: PerNode,
        bounds: (0, 4096),
        optional: true,
        default: "",
        label: "Cores with reserved CPUs",
        unit: "cores per node",
        hint: "Optional, with threads per core: the physical cores the reserved CPUs sit on per node (reserved 0-3 whose siblings are 32-35: 4); empty assumes whole cores.",
    }
    /// Per node; what the node's Guaranteed pods leave of its allocatable
    /// CPUs (`Host::with_free_cpus`).
    FreeCpus {
        key: "free_cpus",
        section: HostDetails,
        rule: PerNode,
        bounds: (0, 4096),
        optional: true,
        default: "",
        label: "Free CPUs",
        unit: "CPUs per node",
        hint: "Optional: CPUs free for pods now on each node from node 0 (NodeResourceTopology available); empty: all allocatable CPUs are free.",
    }
    /// Up to 32 TiB of 2Mi pages on one node.
    FreeHugepages {
        key: "free_hugepages",
        section: HostDetails,
        rule: PerNode,
        bounds: (0, 16_777_216),
        optional: true,
        default: "",
        label: "Free huge pages",
        unit: "pages per node",
        hint: "Optional: free pages of the VM's page size per node from node 0 (sysfs free_hugepages).",
    }
    /// The VM as it runs on this host (its libvirt domain): a migration
    /// from here keeps these cells (X2). The list's own rules are
    /// `guest_cells::check`'s.
    GuestCells {
        key: "guest_cells",
        section: HostRunning,
        rule: GuestCells,
        bounds: (1, 16384),
        optional: true,
        default: "",
        label: "Guest cells as running",
        unit: "node:vCPUs:memory per cell",
        hint: "Optional: the running VM's guest NUMA cells on this host in cell order, each host node:vCPUs:memory (0:12:8Gi,1:12:8Gi), from virsh dumpxml; a migration from this host keeps them.",
    }
    Vcpus {
        key: "vcpus",
        section: VcpuCount,
        rule: Count,
        bounds: (1, 16384),
        optional: false,
        default: "24",
        label: "vCPUs",
        unit: "vCPUs",
        hint: "The VM's vCPUs, or its whole-number CPU request.",
    }
    /// The default topology is the default count's 24 vCPUs.
    Sockets {
        key: "sockets",
        section: VcpuTopology,
        rule: Count,
        bounds: (1, 16384),
        optional: false,
        default: "2",
        label: "Sockets",
        unit: "sockets",
        hint: "spec.domain.cpu.sockets.",
    }
    Cores {
        key: "cores",
        section: VcpuTopology,
        rule: Count,
        bounds: (1, 16384),
        optional: false,
        default: "12",
        label: "Cores",
        unit: "cores per socket",
        hint: "spec.domain.cpu.cores, per socket.",
    }
    Threads {
        key: "threads",
        section: VcpuTopology,
        rule: Count,
        bounds: (1, 16384),
        optional: false,
        default: "1",
        label: "Threads",
        unit: "threads per core",
        hint: "spec.domain.cpu.threads, per core.",
    }
    MaxSockets {
        key: "max_sockets",
        section: Vm,
        rule: Count,
        bounds: (1, 16384),
        optional: true,
        default: "",
        label: "Max sockets",
        unit: "sockets",
        hint: "Optional: spec.domain.cpu.maxSockets for CPU hot plug; empty means KubeVirt's default, 4 × sockets.",
    }
    /// KubeVirt's supplemental IO thread pool: one dedicated CPU each.
    IoThreads {
        key: "io_threads",
        section: Vm,
        rule: Count,
        bounds: (0, 1024),
        optional: true,
        default: "",
        label: "IO threads",
        unit: "pool threads",
        hint: "Optional: ioThreads.supplementalPoolThreadCount with ioThreadsPolicy supplementalPool; each takes one more dedicated CPU.",
    }
    /// In MiB: up to 64 TiB.
    Memory {
        key: "memory",
        section: VmMemory,
        rule: Quantity,
        bounds: (1, 67_108_864),
        optional: true,
        default: "",
        label: "Guest memory",
        unit: "Ki, Mi, Gi, Ti",
        hint: "Optional: spec.domain.memory.guest as a Kubernetes quantity (16Gi, 2048Mi).",
    }
    /// Instead of the guest memory: it is then this times the vCPUs, so
    /// the vCPU counts that work scale the memory with the count.
    MemoryPerVcpu {
        key: "memory_per_vcpu",
        section: VmMemory,
        rule: Quantity,
        bounds: (1, 67_108_864),
        optional: true,
        default: "",
        label: "Memory per vCPU",
        unit: "Ki, Mi, Gi, Ti",
        hint: "Optional, instead of guest memory: the guest memory is this times the vCPUs (4Gi per vCPU), also for the vCPU counts that work.",
    }
}

impl Field {
    /// Every input, in the table's order.
    pub const ALL: [Field; FIELDS.len()] = {
        let mut all = [Field::NumaNodes; FIELDS.len()];
        let mut i = 0;
        while i < FIELDS.len() {
            all[i] = FIELDS[i].field;
            i += 1;
        }
        all
    };

    /// Its row of the table.
    pub const fn spec(self) -> &'static Spec {
        &FIELDS[self as usize]
    }

    pub const fn key(self) -> &'static str {
        self.spec().key
    }

    pub fn label(self) -> &'static str {
        tr(self.spec().label)
    }

    pub fn hint(self) -> &'static str {
        tr(self.spec().hint)
    }

    pub fn unit(self) -> &'static str {
        tr(self.spec().unit)
    }

    pub const fn bounds(self) -> (u32, u32) {
        self.spec().bounds
    }

    pub const fn is_optional(self) -> bool {
        self.spec().optional
    }

    pub const fn section(self) -> Section {
        self.spec().section
    }

    pub const fn part(self) -> Part {
        self.spec().section.part()
    }

    pub const fn way(self) -> Way {
        self.spec().section.way()
    }

    pub const fn rule(self) -> ParseRule {
        self.spec().rule
    }

    /// Whether the field is a single whole count (stepped with the arrow keys).
    pub const fn is_count(self) -> bool {
        matches!(self.spec().rule, ParseRule::Count)
    }

    /// The field's link key on the compared host (`b_numa_nodes`), for the
    /// host's inputs; a VM input has the same key on both.
    pub const fn compared_key(self) -> &'static str {
        match self.part() {
            Part::Host => self.spec().compared_key,
            Part::Vm => self.spec().key,
        }
    }

    /// The field whose link key (either host's) is `key`.
    pub fn from_key(key: &str) -> Option<Field> {
        FIELDS
            .iter()
            .find(|s| s.key == key || (s.section.part() == Part::Host && s.compared_key == key))
            .map(|s| s.field)
    }

    /// The fields of one part of the scenario, in the table's order.
    pub fn in_part(part: Part) -> impl Iterator<Item = Field> {
        Field::ALL.into_iter().filter(move |f| f.part() == part)
    }

    /// The fields of one section, in the table's order.
    pub fn in_section(section: Section) -> impl Iterator<Item = Field> {
        Field::ALL
            .into_iter()
            .filter(move |f| f.section() == section)
    }

    /// Reads the text by the field's rule and writes it back as links carry
    /// it ("16384Mi" becomes "16Gi"; " 2, 2" becomes "2,2").
    pub fn normalize(self, text: &str) -> Result<String, FieldError> {
        match self.rule() {
            ParseRule::Count => parse_count(self, text).map(|v| v.to_string()),
            ParseRule::PerNode => parse_per_node(self, text).map(|list| {
                list.iter()
                    .map(u32::to_string)
                    .collect::<Vec<_>>()
                    .join(",")
            }),
            ParseRule::Quantity => parse_quantity(self, text).map(format_bytes),
            // Read where they are used, against their host and VM
            // (`ScenarioInput::parse_running`): the page's own wasm never
            // reads them, so a link carries them as given.
            ParseRule::GuestCells => Ok(text.trim().to_string()),
        }
    }
}

/// A link key as a command-line flag: `numa_nodes` is `--numa-nodes`.
pub fn flag_of(key: &str) -> String {
    format!("--{}", key.replace('_', "-"))
}

impl Field {
    /// The one bounds check, for typed text, links, flags and files alike.
    pub fn check(self, value: u64) -> Result<u32, FieldError> {
        self.check_shown(value, &value)
    }
    /// As `check`, showing the value as `shown` (the quoted text it came from).
    pub(super) fn check_shown(
        self,
        value: u64,
        shown: &dyn fmt::Display,
    ) -> Result<u32, FieldError> {
        let (min, max) = self.bounds();
        let message = if value < u64::from(min) {
            trf!(
                "{field} must be at least {min}; got {value}",
                field = self.label(),
                min = min,
                value = shown
            )
        } else if value > u64::from(max) {
            trf!(
                "{field} must be at most {max}; got {value}",
                field = self.label(),
                max = max,
                value = shown
            )
        } else {
            // In bounds, so it fits: every bound is a u32.
            return Ok(value as u32);
        };
        Err(FieldError::new(self, message))
    }
}

impl Switch {
    /// Name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Switch::EmulatorThread => tr("Isolate emulator thread"),
            Switch::EmulatorParity => tr("Even-parity emulator thread (alignCPUs)"),
            Switch::FullPcpusOnly => "full-pcpus-only",
        }
    }

    /// What it changes, in a few words.
    pub fn hint(self) -> &'static str {
        match self {
            Switch::EmulatorThread => tr("The pod asks for vCPUs + 1."),
            Switch::EmulatorParity => {
                tr("With an isolated emulator thread, the pod's CPU count is made even.")
            }
            Switch::FullPcpusOnly => {
                tr("The kubelet's CPU manager option: a pod must fill whole physical cores.")
            }
        }
    }

    /// The command-line flag that turns it on (`--no-…` turns it off).
    pub const fn flag(self) -> &'static str {
        match self {
            Switch::EmulatorThread => "--isolate-emulator-thread",
            Switch::EmulatorParity => "--emulator-thread-parity",
            Switch::FullPcpusOnly => "--full-pcpus-only",
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A rejected input: which field, and a sentence that names it and its bound.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: Field,
    pub message: String,
}

impl FieldError {
    pub fn new(field: Field, message: impl Into<String>) -> Self {
        FieldError {
            field,
            message: message.into(),
        }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for FieldError {}
