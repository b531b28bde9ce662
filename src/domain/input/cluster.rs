use crate::domain::codes::{MemoryManager, NodeTuning, Policy};
use crate::domain::tuning::KubeletTuning;

/// What the cluster sets for every host: the kubelet's options and policies
/// and KubeVirt's emulator thread parity.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClusterSettings {
    /// The kubelet's Topology Manager policy, when the user said which.
    pub policy: Option<Policy>,
    /// How the kubelet's options are set: what it implies per policy
    /// applies to the two options below that are not given.
    pub node_tuning: NodeTuning,
    /// The Memory Manager policy, when given.
    pub memory_manager: Option<MemoryManager>,
    /// The CPU manager's `full-pcpus-only` option, when given.
    pub full_pcpus_only: Option<bool>,
    /// The Topology Manager's `max-allowable-numa-nodes`, when a file gives it.
    pub node_limit: Option<u32>,
    /// KubeVirt's `alignCPUs`: an isolated emulator thread evens the pod's CPUs.
    pub emulator_parity: bool,
}

impl ClusterSettings {
    /// The options the node tuning decides, as given.
    pub fn tuning(&self) -> KubeletTuning {
        KubeletTuning {
            node_tuning: self.node_tuning,
            full_pcpus_only: self.full_pcpus_only,
            memory_manager: self.memory_manager,
        }
    }
}
