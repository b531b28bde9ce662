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
    /// The document's outcome table itself.
    pub const DOCUMENT_TABLE: Source = Source {
        title: "Live migration outcomes using vNUMA (the document's table)",
        url: DOCUMENT.url,
        from_document: true,
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
    pub const KUBERNETES_RESERVED_CPUS: Source = Source {
        title: "Kubernetes: Reserve Compute Resources for System Daemons (node allocatable, reservedSystemCPUs)",
        url: "https://kubernetes.io/docs/tasks/administer-cluster/reserve-compute-resources/",
        from_document: false,
    };
    pub const KUBERNETES_CPU_MANAGER_OPTIONS: Source = Source {
        title: "Kubernetes: CPU manager policy options (full-pcpus-only)",
        url: "https://kubernetes.io/docs/tasks/administer-cluster/cpu-management-policies/#cpu-policy-static--options",
        from_document: false,
    };
    pub const KUBERNETES_TOPOLOGY_MERGE: Source = Source {
        title: "Kubernetes source: the Topology Manager's hint merging (pkg/kubelet/cm/topologymanager/policy.go)",
        url: "https://github.com/kubernetes/kubernetes/blob/master/pkg/kubelet/cm/topologymanager/policy.go",
        from_document: false,
    };
    pub const KUBEVIRT_VMI_ADMITTER: Source = Source {
        title: "KubeVirt source: the VMI admission checks for NUMA passthrough (vmi-create-admitter.go)",
        url: "https://github.com/kubevirt/kubevirt/blob/main/pkg/virt-api/webhooks/validating-webhook/admitters/vmi-create-admitter.go",
        from_document: false,
    };
    pub const KUBEVIRT_DEDICATED_CPU_ADMITTER: Source = Source {
        title: "KubeVirt source: the VMI admission checks for dedicated CPUs (vmi-create-admitter.go, validateCpuPinning)",
        url: "https://github.com/kubevirt/kubevirt/blob/main/pkg/virt-api/webhooks/validating-webhook/admitters/vmi-create-admitter.go",
        from_document: false,
    };
    pub const KUBEVIRT_INSTANCETYPE_CONFLICTS: Source = Source {
        title: "KubeVirt source: the VM fields an instance type refuses beside it (pkg/instancetype/apply, cpu.go and memory.go)",
        url: "https://github.com/kubevirt/kubevirt/tree/main/pkg/instancetype/apply",
        from_document: false,
    };
    pub const KUBEVIRT_EMULATOR_PARITY: Source = Source {
        title: "KubeVirt source: the pod's CPU request with an isolated emulator thread (renderresources.go, EmulatorThreadCompleteToEvenParity)",
        url: "https://github.com/kubevirt/kubevirt/blob/main/pkg/virt-controller/services/renderresources.go",
        from_document: false,
    };
    pub const OPENSHIFT_HOTPLUG: Source = Source {
        title: "OpenShift Virtualization: using vNUMA, disabling the hot plug capability for VMs (same chapter as the table)",
        url: DOCUMENT.url,
        from_document: false,
    };
    pub const OPENSHIFT_420_RELEASE_NOTES: Source = Source {
        title: "OpenShift Virtualization 4.20 release notes: known issues (CNV-70330)",
        url: "https://docs.redhat.com/en/documentation/openshift_container_platform/4.20/html/virtualization/release-notes",
        from_document: false,
    };
    pub const KUBEVIRT_NUMA: Source = Source {
        title: "KubeVirt user guide: NUMA (guest cells, huge pages bound to host nodes)",
        url: "https://kubevirt.io/user-guide/compute/numa/",
        from_document: false,
    };
    pub const KUBERNETES_MEMORY_MANAGER: Source = Source {
        title: "Kubernetes: Utilizing the NUMA-aware Memory Manager",
        url: "https://kubernetes.io/docs/tasks/administer-cluster/memory-manager/",
        from_document: false,
    };
    pub const KUBEVIRT_CONSOLE_LOG: Source = Source {
        title: "KubeVirt source: the launcher pod's guest-console-log container and its CPU request (serialconsolelog.go)",
        url: "https://github.com/kubevirt/kubevirt/blob/main/pkg/virt-controller/services/serialconsolelog.go",
        from_document: false,
    };
    pub const KUBERNETES_CPU_MANAGER_HINTS: Source = Source {
        title: "Kubernetes source: the static CPU manager's topology hints (policy_static.go, generateCPUTopologyHints)",
        url: "https://github.com/kubernetes/kubernetes/blob/master/pkg/kubelet/cm/cpumanager/policy_static.go",
        from_document: false,
    };
    pub const KUBERNETES_CPU_MANAGER_STATIC: Source = Source {
        title: "Kubernetes source: the static CPU manager policy, full-pcpus-only and the reserved cores' siblings (policy_static.go)",
        url: "https://github.com/kubernetes/kubernetes/blob/master/pkg/kubelet/cm/cpumanager/policy_static.go",
        from_document: false,
    };
    pub const KUBEVIRT_MIGRATION_CPU: Source = Source {
        title: "KubeVirt source: on the migration target the guest's NUMA cells are kept and only the CPU pinning and memory binding are rebuilt (cpudedicated.go)",
        url: "https://github.com/kubevirt/kubevirt/blob/main/pkg/virt-launcher/virtwrap/cpudedicated/cpudedicated.go",
        from_document: false,
    };
    pub const LIBVIRT_MEMNODE: Source = Source {
        title: "libvirt source: a memnode must name one of the guest's NUMA cells (numa_conf.c)",
        url: "https://gitlab.com/libvirt/libvirt/-/blob/master/src/conf/numa_conf.c",
        from_document: false,
    };
    pub const OPENSHIFT_PERFORMANCE_PROFILE: Source = Source {
        title: "OpenShift Node Tuning Operator source: the kubelet configuration a PerformanceProfile writes (kubeletconfig.go)",
        url: "https://github.com/openshift/cluster-node-tuning-operator/blob/master/pkg/performanceprofile/controller/performanceprofile/components/kubeletconfig/kubeletconfig.go",
        from_document: false,
    };
}
