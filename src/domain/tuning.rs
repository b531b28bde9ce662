//! The kubelet's options that depend on how the workers are tuned: with a
//! PerformanceProfile, the Node Tuning Operator turns on full-pcpus-only
//! and the Memory Manager's Static policy for some Topology Manager
//! policies; with a KubeletConfig, only what it says is on. A value given
//! (a flag, a link, a file) wins over what the tuning implies.

use super::codes::{MemoryManager, NodeTuning, Policy};
use crate::i18n::tr;

impl NodeTuning {
    /// What a PerformanceProfile sets under `policy` (M9): full-pcpus-only
    /// under single-numa-node only.
    pub const fn implies_full_pcpus_only(self, policy: Policy) -> bool {
        matches!(
            (self, policy),
            (NodeTuning::PerformanceProfile, Policy::SingleNumaNode)
        )
    }

    /// What a PerformanceProfile sets under `policy` (M9): the Memory
    /// Manager's Static policy under restricted and single-numa-node.
    pub const fn implied_memory_manager(self, policy: Policy) -> MemoryManager {
        match (self, policy) {
            (NodeTuning::PerformanceProfile, Policy::Restricted | Policy::SingleNumaNode) => {
                MemoryManager::Static
            }
            _ => MemoryManager::None,
        }
    }

    /// How people name it.
    pub fn label(self) -> &'static str {
        match self {
            NodeTuning::PerformanceProfile => tr("PerformanceProfile"),
            NodeTuning::KubeletConfig => tr("KubeletConfig"),
        }
    }
}

/// The kubelet options a node tuning can imply, each as given (`None`: not
/// given, so the tuning decides per policy).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct KubeletTuning {
    pub node_tuning: NodeTuning,
    pub full_pcpus_only: Option<bool>,
    pub memory_manager: Option<MemoryManager>,
}

/// A setting in effect under one policy, and whether the node tuning
/// implied it rather than an input giving it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Setting<T> {
    pub value: T,
    pub implied: bool,
}

impl KubeletTuning {
    /// full-pcpus-only in effect under `policy`.
    pub fn full_pcpus_only(&self, policy: Policy) -> Setting<bool> {
        match self.full_pcpus_only {
            Some(value) => Setting {
                value,
                implied: false,
            },
            None => Setting {
                value: self.node_tuning.implies_full_pcpus_only(policy),
                implied: true,
            },
        }
    }

    /// The Memory Manager policy in effect under `policy`.
    pub fn memory_manager(&self, policy: Policy) -> Setting<MemoryManager> {
        match self.memory_manager {
            Some(value) => Setting {
                value,
                implied: false,
            },
            None => Setting {
                value: self.node_tuning.implied_memory_manager(policy),
                implied: true,
            },
        }
    }

    /// What the tuning turns on under `policy` that no input gave, as
    /// people read it ("full-pcpus-only, the Memory Manager Static"); empty
    /// when it implies nothing there.
    pub fn implied_on(&self, policy: Policy) -> Vec<&'static str> {
        let mut on = Vec::new();
        let full = self.full_pcpus_only(policy);
        if full.implied && full.value {
            on.push("full-pcpus-only");
        }
        let memory = self.memory_manager(policy);
        if memory.implied && memory.value == MemoryManager::Static {
            on.push(tr("the Memory Manager Static"));
        }
        on
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_profile_implies_per_policy_and_given_values_win() {
        let profile = KubeletTuning::default();
        let on = |t: &KubeletTuning, p| {
            (
                t.full_pcpus_only(p).value,
                t.memory_manager(p).value == MemoryManager::Static,
            )
        };
        for (policy, expected) in [
            (Policy::None, (false, false)),
            (Policy::BestEffort, (false, false)),
            (Policy::Restricted, (false, true)),
            (Policy::SingleNumaNode, (true, true)),
        ] {
            assert_eq!(on(&profile, policy), expected, "{policy}");
            let config = KubeletTuning {
                node_tuning: NodeTuning::KubeletConfig,
                ..profile
            };
            assert_eq!(on(&config, policy), (false, false), "{policy}");
            assert!(config.implied_on(policy).is_empty());
            let given = KubeletTuning {
                full_pcpus_only: Some(false),
                memory_manager: Some(MemoryManager::None),
                ..profile
            };
            assert_eq!(on(&given, policy), (false, false), "{policy}");
            assert!(!given.full_pcpus_only(policy).implied);
        }
        assert_eq!(
            profile.implied_on(Policy::SingleNumaNode),
            ["full-pcpus-only", "the Memory Manager Static"]
        );
    }
}
