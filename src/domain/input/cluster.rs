use crate::domain::codes::{MemoryManager, Policy};

/// What the cluster sets for every host: the kubelet's options and policies
/// and KubeVirt's emulator thread parity.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClusterSettings {
    /// The kubelet's Topology Manager policy, when the user said which.
    pub policy: Option<Policy>,
    pub memory_manager: MemoryManager,
    /// The CPU manager's `full-pcpus-only` option.
    pub full_pcpus_only: bool,
    /// The Topology Manager's `max-allowable-numa-nodes`, when a file gives it.
    pub node_limit: Option<u32>,
    /// KubeVirt's `alignCPUs`: an isolated emulator thread evens the pod's CPUs.
    pub emulator_parity: bool,
}
