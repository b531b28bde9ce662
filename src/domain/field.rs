use std::fmt;

/// One input of a scenario. The codes are public: URL keys and command flags
/// are derived from them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    NumaNodes,
    CpusPerNode,
    ThreadsPerCore,
    Vcpus,
    Sockets,
    Cores,
    Threads,
    MaxSockets,
}

impl Field {
    pub const ALL: [Field; 8] = [
        Field::NumaNodes,
        Field::CpusPerNode,
        Field::ThreadsPerCore,
        Field::Vcpus,
        Field::Sockets,
        Field::Cores,
        Field::Threads,
        Field::MaxSockets,
    ];

    /// Name shown to people.
    pub const fn label(self) -> &'static str {
        match self {
            Field::NumaNodes => "NUMA nodes",
            Field::CpusPerNode => "CPUs per NUMA node",
            Field::ThreadsPerCore => "threads per core",
            Field::Vcpus => "vCPUs",
            Field::Sockets => "sockets",
            Field::Cores => "cores",
            Field::Threads => "threads",
            Field::MaxSockets => "max sockets",
        }
    }

    /// Snake-case key, as used in URLs.
    pub const fn key(self) -> &'static str {
        match self {
            Field::NumaNodes => "numa_nodes",
            Field::CpusPerNode => "cpus_per_node",
            Field::ThreadsPerCore => "threads_per_core",
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
            Field::ThreadsPerCore => "--threads-per-core",
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
            Field::NumaNodes => (1, 1024),
            Field::CpusPerNode => (1, 4096),
            // SMT8 (POWER) is the widest in use.
            Field::ThreadsPerCore => (1, 8),
            Field::Vcpus | Field::Sockets | Field::Cores | Field::Threads | Field::MaxSockets => {
                (1, 16384)
            }
        }
    }

    /// What one unit of the value is.
    pub const fn unit(self) -> &'static str {
        match self {
            Field::NumaNodes => "nodes",
            Field::CpusPerNode => "logical CPUs",
            Field::ThreadsPerCore => "threads",
            Field::Vcpus => "vCPUs",
            Field::Sockets | Field::MaxSockets => "sockets",
            Field::Cores => "cores per socket",
            Field::Threads => "threads per core",
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
