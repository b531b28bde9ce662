//! Every public code list in one place: the codes in JSON, URLs, command flags
//! and the page's `data-` attributes. `build.rs` includes this file too, so
//! the outcome table's data is checked against the same lists.

use std::fmt;

/// An enum whose variants each have a stable public code.
macro_rules! code_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $code:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $name {
            /// Every variant, in declaration order (the order shown to people).
            pub const ALL: [$name; [$($code),+].len()] = [$($name::$variant),+];

            /// The stable public code.
            pub const fn code(self) -> &'static str {
                match self {
                    $( $name::$variant => $code, )+
                }
            }

            /// The variant with this exact code.
            pub fn from_code(code: &str) -> Option<$name> {
                $name::ALL.into_iter().find(|v| v.code() == code)
            }

            /// Position in `ALL`, for tables indexed by this code.
            pub const fn index(self) -> usize {
                self as usize
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.code())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = UnknownCode;
            fn from_str(text: &str) -> Result<$name, UnknownCode> {
                $name::from_code(text).ok_or(UnknownCode {
                    expected: &[$($code),+],
                })
            }
        }
    };
}

/// A code that is not in its list; says which codes are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UnknownCode {
    pub expected: &'static [&'static str],
}

impl fmt::Display for UnknownCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "use one of {}", self.expected.join(", "))
    }
}

code_enum! {
    /// The kubelet Topology Manager policy of the worker node, in the kubelet's own spelling.
    pub enum Policy {
        None = "none",
        SingleNumaNode = "single-numa-node",
        BestEffort = "best-effort",
        Restricted = "restricted",
    }
}

code_enum! {
    /// What happens to a VM in one cell of the grid.
    pub enum Status {
        Works = "works",
        MigrationFails = "migration-fails",
        FailsToStart = "fails-to-start",
        VmDoesNotWork = "vm-does-not-work",
        /// The document's rows disagree for this VM (exact half of a node).
        Ambiguous = "ambiguous",
        /// The VM needs more CPUs than the host has (beyond the document).
        Unschedulable = "unschedulable",
        /// The VM runs on shared CPUs: the table, whose rows are for
        /// dedicated CPUs and guest NUMA, has no cell for it (beyond the document).
        NotApplicable = "not-applicable",
    }
}

code_enum! {
    /// Where a VM stands against one host NUMA node, in the document's terms
    /// plus the two cases the document leaves open.
    pub enum SizeClass {
        /// Fewer than half of a node's CPUs.
        Small = "small",
        /// Exactly half: the document defines neither small nor large here.
        HalfBoundary = "half-boundary",
        /// More than half, up to a whole node.
        Large = "large",
        /// More than one node, up to the whole host.
        ExtraLarge = "extra-large",
        /// More than the host has: cannot run there (not in the document).
        ExceedsHost = "exceeds-host",
    }
}

code_enum! {
    /// A row of the planner's grid: the sizes the document names.
    pub enum TableSize {
        Small = "small",
        Large = "large",
        ExtraLarge = "extra-large",
    }
}

code_enum! {
    /// The size a document row applies to.
    pub enum RuleSize {
        Any = "any",
        Small = "small",
        Large = "large",
        ExtraLarge = "extra-large",
    }
}

code_enum! {
    /// Stable advisory codes: something true of a scenario that the outcome
    /// table alone does not show.
    pub enum AdvisoryCode {
        HalfBoundary = "half-boundary",
        EmulatorThreadExceedsNode = "emulator-thread-exceeds-node",
        EmulatorThreadExceedsHost = "emulator-thread-exceeds-host",
        SmtReadingDiffers = "smt-reading-differs",
        /// NUMA nodes of different sizes: against the smallest node the
        /// VM's size class differs.
        UnevenNodesReadingDiffers = "uneven-nodes-reading-differs",
        HotplugExceedsHost = "hotplug-exceeds-host",
        TopologyManagerNodeLimit = "topology-manager-node-limit",
        SingleNumaHost = "single-numa-host",
        /// From an imported VM: no dedicated CPU placement.
        MissingDedicatedCpus = "missing-dedicated-cpus",
        /// From an imported VM: no guest NUMA mapping.
        MissingGuestMappingPassthrough = "missing-guest-mapping-passthrough",
        /// From an imported VM: memory not backed by huge pages.
        MissingHugepages = "missing-hugepages",
        /// From an imported host: NUMA nodes of different sizes.
        AsymmetricNumaNodes = "asymmetric-numa-nodes",
        /// From an imported VM: CPU requests and limits differ.
        CpuRequestsDifferFromLimits = "cpu-requests-differ-from-limits",
        /// No input gave the reserved CPUs: 1 on node 0 is assumed.
        ReservedCpusAssumed = "reserved-cpus-assumed",
        /// full-pcpus-only is set but threads per core is not known.
        FullPcpusOnlyWithoutSmt = "full-pcpus-only-without-smt",
        /// full-pcpus-only with SMT: reserved CPUs are taken as whole cores.
        ReservedCoresAssumed = "reserved-cores-assumed",
        /// The VM runs on shared CPUs: the CPU checks do not apply.
        SharedCpus = "shared-cpus",
        /// Guest memory is known but not its huge page size.
        HugepageSizeUnknown = "hugepage-size-unknown",
        /// Memory and page size are known but not the free pages per node.
        FreeHugepagesUnknown = "free-hugepages-unknown",
    }
}

code_enum! {
    /// What the planner says of a VM under one policy: the worse of the
    /// document's status and the admission checks, worst first.
    pub enum Verdict {
        /// KubeVirt's API refuses the VM.
        Rejected = "rejected",
        /// The scheduler finds no room for the pod on this host.
        Unschedulable = "unschedulable",
        /// The pod is refused at admission or QEMU does not start.
        FailsToStart = "fails-to-start",
        VmDoesNotWork = "vm-does-not-work",
        MigrationFails = "migration-fails",
        /// The document's rows disagree (exact half of a node).
        Ambiguous = "ambiguous",
        /// Some placement the kubelet may choose fails.
        AtRisk = "at-risk",
        /// Shared CPUs: neither the table nor the dedicated-CPU checks
        /// apply. Only what the API rejects is worse; nothing says "works".
        NotApplicable = "not-applicable",
        Works = "works",
    }
}

code_enum! {
    /// One rule the VM's pod must meet on this host, beyond the document.
    /// The numbers (C1-C10, M1-M6) are the rules in `docs/rules.md`.
    pub enum CheckCode {
        /// The kubelet's static CPU manager reserves at least one CPU (C1).
        ReservedCpus = "reserved-cpus",
        /// The CPUs the pod asks for (C3).
        PodCpus = "pod-cpus",
        /// The pod fits the host's allocatable CPUs (C2).
        HostAllocatable = "host-allocatable",
        /// Under single-numa-node, one node holds all the pod's CPUs (C4).
        SingleNodeFit = "single-numa-node-fit",
        /// With full-pcpus-only, whole physical cores (C5).
        SmtAlignment = "smt-alignment",
        /// A pod that fits one node by vCPUs but not with what it adds (C6).
        SpillsPastNode = "spills-past-node",
        /// The Topology Manager's NUMA node limit (C7).
        NumaNodeLimit = "numa-node-limit",
        /// Guest NUMA needs dedicated CPUs (KubeVirt's API).
        DedicatedCpus = "dedicated-cpus",
        /// With dedicated CPUs, the CPU request equals the CPU limit (KubeVirt's API).
        CpuRequestsEqualLimits = "cpu-requests-equal-limits",
        /// With dedicated CPUs, at most 2 guest threads per core (KubeVirt's API).
        DedicatedThreads = "dedicated-threads",
        /// A VM sets nothing its instance type sets (KubeVirt's API).
        InstancetypeConflict = "instancetype-conflict",
        /// Guest memory is a whole number of huge pages (M1).
        HugepageMultiple = "hugepage-multiple",
        /// At least one page per guest NUMA cell (M2).
        PagesPerCell = "pages-per-cell",
        /// The host's free huge pages in all (M3).
        HostHugepages = "host-hugepages",
        /// Each cell's pages on its own node (M4).
        NodeHugepages = "node-hugepages",
        /// Memory Manager Static under single-numa-node: one node for all (M5).
        MemoryManagerNode = "memory-manager-node",
        /// Memory Manager Static merging hints for a VM on several nodes (M6).
        MemoryManagerMerge = "memory-manager-merge",
        /// The launcher pod's other containers fit beside its dedicated CPUs (C8).
        PodOverhead = "pod-overhead",
        /// Under restricted, the narrowest nodes by all their CPUs hold the
        /// pod with their allocatable ones (C9).
        RestrictedFit = "restricted-fit",
        /// With full-pcpus-only, cores holding a reserved thread are lost (C10).
        PhysicalCpus = "physical-cpus",
        /// A vNUMA VM's live migration under policy none (L1).
        NonePolicyMigration = "none-policy-migration",
        /// Migration: the VM runs on the source (X1).
        SourceRunning = "source-running",
        /// Migration: the target pod passes the target's admission (X1).
        TargetAdmission = "target-admission",
        /// Migration: the document's status under the target's policy.
        DocumentStatus = "document-status",
        /// Migration: the target's vCPU nodes are no more than the guest's cells (X3, X4).
        GuestCells = "guest-cells",
        /// Migration: each guest cell's pages free on its target node (X4, X5).
        TargetPages = "target-pages",
        /// Migration: under none, the target's packing (X6).
        TargetPacking = "target-packing",
    }
}

code_enum! {
    /// What the planner says of a live migration from one host to
    /// another, worst first.
    pub enum MigrationVerdict {
        /// The VM does not run on the source.
        NotRunning = "not-running",
        /// The target pod is not scheduled or admitted: no migration starts.
        Blocked = "blocked",
        /// The migration starts and fails; the VM stays on the source.
        Fails = "fails",
        /// Some placement the target's kubelet may choose fails.
        AtRisk = "at-risk",
        Migrates = "migrates",
    }
}

code_enum! {
    /// A field of a VM's `spec.template.spec.domain` that KubeVirt refuses
    /// beside an instance type (the code is its path below the domain; the
    /// link key `instancetype_conflict` lists them).
    pub enum InstancetypeField {
        Sockets = "cpu.sockets",
        Cores = "cpu.cores",
        Threads = "cpu.threads",
        /// Only when the instance type sets it too.
        DedicatedCpuPlacement = "cpu.dedicatedCpuPlacement",
        /// Only when the instance type sets it too.
        IsolateEmulatorThread = "cpu.isolateEmulatorThread",
        /// Only when the instance type sets it too.
        Numa = "cpu.numa",
        GuestMemory = "memory.guest",
        CpuRequest = "resources.requests.cpu",
        CpuLimit = "resources.limits.cpu",
        MemoryRequest = "resources.requests.memory",
        MemoryLimit = "resources.limits.memory",
    }
}

code_enum! {
    /// How a check came out.
    pub enum CheckResult {
        Pass = "pass",
        Fail = "fail",
        /// Some placement the kubelet may choose breaks it.
        Risk = "risk",
    }
}

code_enum! {
    /// An on/off setting of the scenario; the code is its URL key.
    pub enum Switch {
        /// KubeVirt's `isolateEmulatorThread`: one more dedicated CPU.
        EmulatorThread = "emulator_thread",
        /// KubeVirt's `alignCPUs` (even-parity emulator thread): the pod's
        /// CPU count is made even.
        EmulatorParity = "emulator_parity",
        /// The kubelet's `full-pcpus-only` CPU manager policy option.
        FullPcpusOnly = "full_pcpus_only",
    }
}

code_enum! {
    /// A huge page size KubeVirt backs guest memory with.
    pub enum HugepageSize {
        TwoMi = "2Mi",
        OneGi = "1Gi",
    }
}

code_enum! {
    /// The kubelet's Memory Manager policy.
    #[derive(Default)]
    pub enum MemoryManager {
        #[default]
        None = "none",
        Static = "static",
    }
}

code_enum! {
    /// How the workers' kubelet is configured: through OpenShift's
    /// PerformanceProfile (the Node Tuning Operator writes the kubelet's
    /// options from the profile's policy) or a KubeletConfig written by hand.
    #[derive(Default)]
    pub enum NodeTuning {
        #[default]
        PerformanceProfile = "performance-profile",
        KubeletConfig = "kubelet-config",
    }
}

code_enum! {
    /// The page's colour theme (URL key `theme`, `link --theme`).
    #[derive(Default)]
    pub enum Theme {
        /// The system's.
        #[default]
        Auto = "auto",
        Light = "light",
        Dark = "dark",
    }
}

code_enum! {
    /// A language of the page, the answer and the exports (URL key `lang`,
    /// flag `--lang`). English is the text the planner is written in; the
    /// others are catalogues (`i18n/*.po`).
    #[derive(Default)]
    pub enum Lang {
        #[default]
        En = "en",
        Ja = "ja",
        ZhCn = "zh-cn",
        Ko = "ko",
    }
}
