//! The KubeVirt kinds the planner reads, and where each keeps its CPU settings.

/// A KubeVirt object that gives a VM's CPUs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VmKind {
    VirtualMachine,
    VirtualMachineInstance,
    Instancetype,
    ClusterInstancetype,
}

/// Where the CPU settings live in one kind.
pub struct Layout {
    /// The domain: where the IO thread policy is.
    pub domain: &'static str,
    pub cpu: &'static str,
    pub memory: &'static str,
    /// Requests and limits: only VMs and VMIs have them.
    pub resources: Option<&'static str>,
    /// The dedicated-CPU flag's key below `cpu`.
    pub dedicated: &'static str,
}

impl VmKind {
    pub fn from_kind(kind: &str) -> Option<Self> {
        match kind {
            "VirtualMachine" => Some(VmKind::VirtualMachine),
            "VirtualMachineInstance" => Some(VmKind::VirtualMachineInstance),
            "VirtualMachineInstancetype" => Some(VmKind::Instancetype),
            "VirtualMachineClusterInstancetype" => Some(VmKind::ClusterInstancetype),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            VmKind::VirtualMachine => "VirtualMachine",
            VmKind::VirtualMachineInstance => "VirtualMachineInstance",
            VmKind::Instancetype => "VirtualMachineInstancetype",
            VmKind::ClusterInstancetype => "VirtualMachineClusterInstancetype",
        }
    }

    pub fn is_instancetype(self) -> bool {
        matches!(self, VmKind::Instancetype | VmKind::ClusterInstancetype)
    }

    pub fn layout(self) -> Layout {
        match self {
            VmKind::VirtualMachine => Layout {
                domain: "spec.template.spec.domain",
                cpu: "spec.template.spec.domain.cpu",
                memory: "spec.template.spec.domain.memory",
                resources: Some("spec.template.spec.domain.resources"),
                dedicated: "dedicatedCpuPlacement",
            },
            VmKind::VirtualMachineInstance => Layout {
                domain: "spec.domain",
                cpu: "spec.domain.cpu",
                memory: "spec.domain.memory",
                resources: Some("spec.domain.resources"),
                dedicated: "dedicatedCpuPlacement",
            },
            // Instance types spell it dedicatedCPUPlacement.
            VmKind::Instancetype | VmKind::ClusterInstancetype => Layout {
                domain: "spec",
                cpu: "spec.cpu",
                memory: "spec.memory",
                resources: None,
                dedicated: "dedicatedCPUPlacement",
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip() {
        for kind in [
            VmKind::VirtualMachine,
            VmKind::VirtualMachineInstance,
            VmKind::Instancetype,
            VmKind::ClusterInstancetype,
        ] {
            assert_eq!(VmKind::from_kind(kind.name()), Some(kind));
        }
        assert_eq!(VmKind::from_kind("Pod"), None);
        assert_eq!(VmKind::from_kind("virtualmachine"), None);
    }
}
