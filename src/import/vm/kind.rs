//! The KubeVirt kinds the planner reads, and where each keeps its CPU settings.

use crate::import::yaml::string;
use yaml_rust2::Yaml;

/// A KubeVirt object that gives a VM's CPUs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VmKind {
    VirtualMachine,
    /// A VirtualMachine of the old API (`kubevirt.io/v1alpha1`, where it
    /// was the running VM, later the VirtualMachineInstance): its domain
    /// is `spec.domain`, without `spec.template`.
    OldVirtualMachine,
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

    /// The kind of `doc`, by its `kind` and, for a VirtualMachine, its
    /// shape: `spec.domain` without `spec.template` is the old API's.
    pub fn of(doc: &Yaml) -> Option<Self> {
        let kind = VmKind::from_kind(&string(&doc["kind"])?)?;
        let spec = &doc["spec"];
        let old = kind == VmKind::VirtualMachine
            && matches!(spec["template"], Yaml::BadValue)
            && !matches!(spec["domain"], Yaml::BadValue);
        Some(if old { VmKind::OldVirtualMachine } else { kind })
    }

    pub fn name(self) -> &'static str {
        match self {
            VmKind::VirtualMachine | VmKind::OldVirtualMachine => "VirtualMachine",
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
            VmKind::VirtualMachineInstance | VmKind::OldVirtualMachine => Layout {
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

    #[test]
    fn the_old_apis_virtual_machine_keeps_its_domain_under_spec() {
        let load = |text: &str| {
            yaml_rust2::YamlLoader::load_from_str(text)
                .unwrap()
                .remove(0)
        };
        let old = load("apiVersion: kubevirt.io/v1alpha1\nkind: VirtualMachine\nspec:\n  domain:\n    cpu:\n      cores: 4\n");
        assert_eq!(VmKind::of(&old), Some(VmKind::OldVirtualMachine));
        assert_eq!(VmKind::OldVirtualMachine.layout().cpu, "spec.domain.cpu");
        let new = load("kind: VirtualMachine\nspec:\n  template:\n    spec:\n      domain: {}\n");
        assert_eq!(VmKind::of(&new), Some(VmKind::VirtualMachine));
        assert_eq!(VmKind::of(&load("kind: Pod\n")), None);
    }
}
