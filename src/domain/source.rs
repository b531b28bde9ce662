//! What each statement of the planner rests on.

use super::rules::DOCUMENT;

/// A reference behind an advisory or outcome.
#[derive(Debug, PartialEq, Eq)]
pub struct Source {
    pub title: &'static str,
    pub url: &'static str,
    /// True when the statement comes from the vNUMA outcomes document itself.
    pub from_document: bool,
}

impl Source {
    /// The prerequisites section of the same OpenShift chapter (not the table).
    pub const VNUMA_PREREQUISITES: Source = Source {
        title: "OpenShift Virtualization: using vNUMA, prerequisites (same chapter as the table)",
        url: DOCUMENT.url,
        from_document: false,
    };
    /// A conclusion the planner draws from the document's size definitions;
    /// the document does not state it.
    pub const SIZE_DEFINITIONS: Source = Source {
        title: "The planner's reading of the document's size definitions",
        url: DOCUMENT.url,
        from_document: false,
    };
    pub const KUBEVIRT_DEDICATED_CPUS: Source = Source {
        title: "KubeVirt user guide: dedicated CPU resources (isolateEmulatorThread)",
        url: "https://kubevirt.io/user-guide/compute/dedicated_cpu_resources/",
        from_document: false,
    };
    pub const KUBEVIRT_CPU_HOTPLUG: Source = Source {
        title: "KubeVirt user guide: CPU hot plug (maxSockets, maxHotplugRatio)",
        url: "https://kubevirt.io/user-guide/compute/cpu_hotplug/",
        from_document: false,
    };
    pub const KUBERNETES_TOPOLOGY_MANAGER: Source = Source {
        title: "Kubernetes: Control Topology Management Policies on a node",
        url: "https://kubernetes.io/docs/tasks/administer-cluster/topology-manager/",
        from_document: false,
    };
    pub const KUBERNETES_CPU_MANAGER: Source = Source {
        title: "Kubernetes: Control CPU Management Policies on the Node",
        url: "https://kubernetes.io/docs/tasks/administer-cluster/cpu-management-policies/",
        from_document: false,
    };
}
