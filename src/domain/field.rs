use super::codes::Switch;
use std::fmt;

/// One input of a scenario. The codes are public: URL keys and command flags
/// are derived from them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    NumaNodes,
    CpusPerNode,
    HostSockets,
    CoresPerSocket,
    NodesPerSocket,
    ThreadsPerCore,
    ReservedCpus,
    FreeHugepages,
    Vcpus,
    Sockets,
    Cores,
    Threads,
    MaxSockets,
    Memory,
}

impl Field {
    pub const ALL: [Field; 14] = [
        Field::NumaNodes,
        Field::CpusPerNode,
        Field::HostSockets,
        Field::CoresPerSocket,
        Field::NodesPerSocket,
        Field::ThreadsPerCore,
        Field::ReservedCpus,
        Field::FreeHugepages,
        Field::Vcpus,
        Field::Sockets,
        Field::Cores,
        Field::Threads,
        Field::MaxSockets,
        Field::Memory,
    ];

    /// Name shown to people: the page's label, and the subject of messages.
    pub const fn label(self) -> &'static str {
        match self {
            Field::NumaNodes => "NUMA nodes",
            Field::CpusPerNode => "CPUs per NUMA node",
            Field::HostSockets => "Host sockets",
            Field::CoresPerSocket => "Cores per socket",
            Field::NodesPerSocket => "NUMA nodes per socket",
            Field::ThreadsPerCore => "Threads per core",
            Field::ReservedCpus => "Reserved CPUs",
            Field::FreeHugepages => "Free huge pages",
            Field::Memory => "Guest memory",
            Field::Vcpus => "vCPUs",
            Field::Sockets => "Sockets",
            Field::Cores => "Cores",
            Field::Threads => "Threads",
            Field::MaxSockets => "Max sockets",
        }
    }

    /// What to enter and where to find it.
    pub const fn hint(self) -> &'static str {
        match self {
            Field::NumaNodes => "NUMA nodes the node reports (lscpu, numactl -H).",
            Field::CpusPerNode => "Logical CPUs (hardware threads) in one NUMA node.",
            Field::HostSockets => "CPU packages in the worker; empty means 1.",
            Field::CoresPerSocket => "Physical cores in one socket.",
            Field::NodesPerSocket => "AMD NPS or Intel SNC (1, 2, 4); empty means 1.",
            Field::ThreadsPerCore => {
                "Optional: 2 with SMT; multiplies the cores of a host as bought, and the full-pcpus-only check needs it."
            }
            Field::FreeHugepages => {
                "Optional: free pages of the VM's page size per node from node 0 (sysfs free_hugepages)."
            }
            Field::Memory => {
                "Optional: spec.domain.memory.guest as a Kubernetes quantity (16Gi, 2048Mi)."
            }
            Field::ReservedCpus => {
                "Optional: the kubelet's reserved CPUs per node from node 0 (2,2 = 2 on each of two); empty assumes 1 on node 0."
            }
            Field::Vcpus => "The VM's vCPUs, or its whole-number CPU request.",
            Field::Sockets => "spec.domain.cpu.sockets.",
            Field::Cores => "spec.domain.cpu.cores, per socket.",
            Field::Threads => "spec.domain.cpu.threads, per core.",
            Field::MaxSockets => {
                "Optional: spec.domain.cpu.maxSockets for CPU hot plug; empty means KubeVirt's default, 4 × sockets."
            }
        }
    }

    /// Whether the field may be left empty.
    pub const fn is_optional(self) -> bool {
        matches!(
            self,
            Field::ThreadsPerCore
                | Field::HostSockets
                | Field::NodesPerSocket
                | Field::ReservedCpus
                | Field::FreeHugepages
                | Field::MaxSockets
                | Field::Memory
        )
    }

    /// Whether the field is a single whole count (stepped with the arrow keys).
    pub const fn is_count(self) -> bool {
        !matches!(
            self,
            Field::ReservedCpus | Field::FreeHugepages | Field::Memory
        )
    }

    /// Whether the field holds a comma-separated count per NUMA node.
    pub const fn is_per_node(self) -> bool {
        matches!(self, Field::ReservedCpus | Field::FreeHugepages)
    }

    /// Snake-case key, as used in URLs.
    pub const fn key(self) -> &'static str {
        match self {
            Field::NumaNodes => "numa_nodes",
            Field::CpusPerNode => "cpus_per_node",
            Field::HostSockets => "host_sockets",
            Field::CoresPerSocket => "cores_per_socket",
            Field::NodesPerSocket => "nodes_per_socket",
            Field::ThreadsPerCore => "threads_per_core",
            Field::ReservedCpus => "reserved_cpus",
            Field::FreeHugepages => "free_hugepages",
            Field::Memory => "memory",
            Field::Vcpus => "vcpus",
            Field::Sockets => "sockets",
            Field::Cores => "cores",
            Field::Threads => "threads",
            Field::MaxSockets => "max_sockets",
        }
    }

    /// The command-line flag for this field.
    pub const fn flag(self) -> &'static str {
        match self {
            Field::NumaNodes => "--numa-nodes",
            Field::CpusPerNode => "--cpus-per-node",
            Field::HostSockets => "--host-sockets",
            Field::CoresPerSocket => "--cores-per-socket",
            Field::NodesPerSocket => "--nodes-per-socket",
            Field::ThreadsPerCore => "--threads-per-core",
            Field::ReservedCpus => "--reserved-cpus",
            Field::FreeHugepages => "--free-hugepages",
            Field::Memory => "--memory",
            Field::Vcpus => "--vcpus",
            Field::Sockets => "--sockets",
            Field::Cores => "--cores",
            Field::Threads => "--threads",
            Field::MaxSockets => "--max-sockets",
        }
    }

    /// Inclusive bounds of the accepted value.
    pub const fn bounds(self) -> (u32, u32) {
        match self {
            Field::NumaNodes | Field::HostSockets => (1, 1024),
            Field::CpusPerNode | Field::CoresPerSocket => (1, 4096),
            // AMD NPS4 and Intel SNC4 are the most in use; room beyond.
            Field::NodesPerSocket => (1, 64),
            // SMT8 (POWER) is the widest in use.
            Field::ThreadsPerCore => (1, 8),
            // Per node; the list's own rules are `Host::with_reserved`'s.
            Field::ReservedCpus => (0, 4096),
            // 32 TiB of 2Mi pages on one node.
            Field::FreeHugepages => (0, 16_777_216),
            // In MiB: up to 64 TiB (the quantity is parsed by `parse_memory`).
            Field::Memory => (1, 67_108_864),
            Field::Vcpus | Field::Sockets | Field::Cores | Field::Threads | Field::MaxSockets => {
                (1, 16384)
            }
        }
    }

    /// What one unit of the value is.
    pub const fn unit(self) -> &'static str {
        match self {
            Field::NumaNodes | Field::NodesPerSocket => "nodes",
            Field::CpusPerNode => "logical CPUs",
            Field::HostSockets => "sockets",
            Field::CoresPerSocket => "cores",
            Field::ThreadsPerCore => "threads",
            Field::ReservedCpus => "CPUs per node",
            Field::FreeHugepages => "pages per node",
            Field::Memory => "Ki, Mi, Gi, Ti",
            Field::Vcpus => "vCPUs",
            Field::Sockets | Field::MaxSockets => "sockets",
            Field::Cores => "cores per socket",
            Field::Threads => "threads per core",
        }
    }
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
        let problem = if value < u64::from(min) {
            format!("at least {min}")
        } else if value > u64::from(max) {
            format!("at most {max}")
        } else {
            // In bounds, so it fits: every bound is a u32.
            return Ok(value as u32);
        };
        Err(FieldError::new(
            self,
            format!("{} must be {problem}; got {shown}", self.label()),
        ))
    }
}

impl Switch {
    /// Name shown to people.
    pub const fn label(self) -> &'static str {
        match self {
            Switch::EmulatorThread => "Isolate emulator thread",
            Switch::EmulatorParity => "Even-parity emulator thread (alignCPUs)",
            Switch::FullPcpusOnly => "full-pcpus-only",
        }
    }

    /// What it changes, in a few words.
    pub const fn hint(self) -> &'static str {
        match self {
            Switch::EmulatorThread => "The pod asks for vCPUs + 1.",
            Switch::EmulatorParity => {
                "With an isolated emulator thread, the pod's CPU count is made even."
            }
            Switch::FullPcpusOnly => {
                "The kubelet's CPU manager option: a pod must fill whole physical cores."
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
