//! Kubelet configuration: reserved CPUs and the Topology Manager policy, from
//! a KubeletConfig, a KubeletConfiguration or a PerformanceProfile.

use crate::domain::{quote, Policy};
use crate::import::yaml::Place;
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

    /// Where the reserved CPUs and the policy are, from the object's top.
    fn paths(self) -> (&'static str, &'static str) {
        match self {
            KubeletKind::KubeletConfig => (
                "spec.kubeletConfig.reservedSystemCPUs",
                "spec.kubeletConfig.topologyManagerPolicy",
            ),
            KubeletKind::KubeletConfiguration => ("reservedSystemCPUs", "topologyManagerPolicy"),
            KubeletKind::PerformanceProfile => ("spec.cpu.reserved", "spec.numa.topologyPolicy"),
        }
    }
}

/// A value read, and where from ("KubeletConfig spec.kubeletConfig.reservedSystemCPUs").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sourced<T> {
    pub value: T,
    pub from: String,
}

/// Kubelet settings that change the host's numbers; later objects win.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KubeletSettings {
    pub reserved: Option<Sourced<CpuList>>,
    pub policy: Option<Sourced<Policy>>,
}

impl KubeletSettings {
    pub fn is_empty(&self) -> bool {
        self.reserved.is_none() && self.policy.is_none()
    }

    /// Reads one kubelet object's reserved CPUs and policy.
    pub fn read(&mut self, doc: &Yaml, kind: KubeletKind) -> Result<(), ImportError> {
        let root = Place::root(doc);
        let (reserved, policy) = kind.paths();
        let (reserved, policy) = (root.at(reserved), root.at(policy));
        let from = |place: &Place| format!("{} {}", kind.name(), place.path);
        if let Some(list) = reserved.string() {
            let cpus = CpuList::parse(&list).map_err(|e| e.placed(reserved.path.clone()))?;
            self.reserved = Some(Sourced {
                value: cpus,
                from: from(&reserved),
            });
        }
        if let Some(code) = policy.string() {
            let value = policy_from(&code).ok_or_else(|| {
                policy.error(format!("unknown Topology Manager policy {}.", quote(&code)))
            })?;
            self.policy = Some(Sourced {
                value,
                from: from(&policy),
            });
        }
        Ok(())
    }
}

/// A policy in the kubelet's, NodeResourceTopology's or OpenShift's spelling.
pub fn policy_from(text: &str) -> Option<Policy> {
    match text {
        "SingleNUMANodeContainerLevel" | "SingleNUMANodePodLevel" => Some(Policy::SingleNumaNode),
        "BestEffort" => Some(Policy::BestEffort),
        "Restricted" => Some(Policy::Restricted),
        "None" => Some(Policy::None),
        code => Policy::from_code(code),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}
