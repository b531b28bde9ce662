use super::codes::{AdvisoryCode, Policy, SizeClass};
use super::outcome::{CellOutcome, Decision};
use super::present::node_cpus_text;
use super::scenario::Scenario;
use super::size::Classification;
use super::source::Source;
use super::vm::{VcpuSpec, Vm, HOTPLUG_VCPU_CAP};

/// Something true of this scenario that the outcome table alone does not
/// show: from the numbers, or from what an imported file says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Advisory {
    pub code: AdvisoryCode,
    pub message: String,
    pub source: &'static Source,
}

impl AdvisoryCode {
    /// Whether the note bears on "will it start, will it migrate" for this
    /// VM as it is; the others (a hot-plug ceiling, a host fact) are kept apart.
    pub const fn bears_on_outcome(self) -> bool {
        !matches!(
            self,
            AdvisoryCode::HotplugExceedsHost | AdvisoryCode::SingleNumaHost
        )
    }
}

/// Every advisory that applies, in a stable order.
pub(super) fn advisories(scenario: &Scenario, size: &Classification) -> Vec<Advisory> {
    let (host, vm) = (&scenario.host, &scenario.vm);
    let (v, c, n, t) = (
        vm.vcpus(),
        host.cpus_per_node(),
        host.numa_nodes(),
        host.total_cpus(),
    );
    let mut out = Vec::new();
    let mut add = |code, message: String, source| {
        out.push(Advisory {
            code,
            message,
            source,
        })
    };

    // Notes on the table's cells for this VM: none on shared CPUs.
    if size.class == SizeClass::HalfBoundary && vm.dedicated_cpus() {
        let none = CellOutcome::new(SizeClass::HalfBoundary, Policy::None);
        let disagreement = if none.decision == Decision::HalfBoundaryDisagree {
            " They disagree under none, so that cell is undefined."
        } else {
            ""
        };
        add(
            AdvisoryCode::HalfBoundary,
            format!(
                "{v} vCPUs is exactly half of a {c}-CPU NUMA node. The document defines small as fewer than half and large as more than half, so this VM is neither; every cell shows the small and the large row.{disagreement} One vCPU fewer or more gives a definite answer."
            ),
            &Source::SIZE_DEFINITIONS,
        );
    }

    let p = vm.pod_cpus();
    if vm.dedicated_cpus() && v <= c && c < p {
        add(
            AdvisoryCode::EmulatorThreadExceedsNode,
            format!(
                "With isolateEmulatorThread the pod asks for {p} dedicated CPUs, more than a NUMA node's {c}. Under single-numa-node admission fails with a TopologyAffinityError, although the table's row for this size says it works."
            ),
            &Source::KUBEVIRT_DEDICATED_CPUS,
        );
    }

    if vm.dedicated_cpus() && v <= t && t < p {
        add(
            AdvisoryCode::EmulatorThreadExceedsHost,
            format!(
                "With isolateEmulatorThread the pod asks for {p} dedicated CPUs, more than the host's {t}: it cannot be scheduled on this host under any policy, although the vCPUs alone fit."
            ),
            &Source::KUBEVIRT_DEDICATED_CPUS,
        );
    }

    if let Some(message) = smt_reading(scenario, size) {
        add(
            AdvisoryCode::SmtReadingDiffers,
            message,
            &Source::KUBERNETES_CPU_MANAGER,
        );
    }

    if let Some(message) = uneven_reading(scenario, size) {
        add(
            AdvisoryCode::UnevenNodesReadingDiffers,
            message,
            &Source::SIZE_DEFINITIONS,
        );
    }

    if let Some(message) = hotplug(vm, t) {
        add(
            AdvisoryCode::HotplugExceedsHost,
            message,
            &Source::OPENSHIFT_HOTPLUG,
        );
    }

    if n > host.node_limit() {
        add(
            AdvisoryCode::TopologyManagerNodeLimit,
            format!(
                "The host has {n} NUMA nodes; memory-only nodes count too. With a Topology Manager policy other than none, the kubelet refuses to start on more than {} NUMA nodes unless the max-allowable-numa-nodes policy option raises the limit.",
                host.node_limit()
            ),
            &Source::KUBERNETES_TOPOLOGY_MANAGER,
        );
    }

    if n == 1 {
        add(
            AdvisoryCode::SingleNumaHost,
            format!(
                "The host has a single NUMA node: a guest NUMA topology brings nothing here, and no VM can be extra large; more than {c} vCPUs cannot run."
            ),
            &Source::SIZE_DEFINITIONS,
        );
    }

    if host.reserved_assumed() {
        add(
            AdvisoryCode::ReservedCpusAssumed,
            "No input gave the kubelet's reserved CPUs, so the planner assumes 1 on node 0, the least the static CPU manager allows. Give them per node (reservedSystemCPUs, or systemReserved + kubeReserved rounded up).".to_string(),
            &Source::KUBERNETES_RESERVED_CPUS,
        );
    }

    // Given on (the node tuning's implied value is said beside each
    // policy, with what it cannot check).
    let full_pcpus_only = host.full_pcpus_only();
    if full_pcpus_only && host.threads_per_core().is_none() {
        add(
            AdvisoryCode::FullPcpusOnlyWithoutSmt,
            "full-pcpus-only is set but the threads per core are not known, so the planner cannot check that the pod's CPUs fill whole cores. Give threads per core (lscpu's \"Thread(s) per core\").".to_string(),
            &Source::KUBERNETES_CPU_MANAGER_OPTIONS,
        );
    }

    if let Some(t) = host.threads_per_core().filter(|&t| {
        t > 1
            && full_pcpus_only
            && !host.reserved_cores_given()
            && host.reserved_cpus().iter().any(|&r| r >= 2)
    }) {
        add(
            AdvisoryCode::ReservedCoresAssumed,
            format!(
                "full-pcpus-only: the kubelet keeps every core that holds a reserved CPU out of exclusive use, its other threads too. The planner takes the reserved CPUs on each node as whole cores of {t} threads (a count that does not fill its last core loses that core). Reserved CPUs that are single threads of separate cores (reservedSystemCPUs 0-3 where the siblings are 32-35) take more cores: give the cores holding reserved CPUs per node."
            ),
            &Source::KUBERNETES_CPU_MANAGER_OPTIONS,
        );
    }

    // The huge page checks run only with dedicated CPUs.
    match (vm.memory_bytes(), vm.hugepage_size(), host.free_hugepages()) {
        (Some(_), None, _) if vm.dedicated_cpus() => add(
            AdvisoryCode::HugepageSizeUnknown,
            "The guest memory is known but not its huge page size, so the huge page checks cannot run. vNUMA VMs need memory.hugepages.pageSize (2Mi or 1Gi).".to_string(),
            &Source::KUBEVIRT_NUMA,
        ),
        (Some(_), Some(size), None) if vm.dedicated_cpus() => add(
            AdvisoryCode::FreeHugepagesUnknown,
            format!("The free {size} huge pages per NUMA node are not known, so the planner cannot tell whether each guest cell's pages fit its node. Give them (grep . /sys/devices/system/node/node*/hugepages/hugepages-*/free_hugepages)."),
            &Source::KUBEVIRT_NUMA,
        ),
        _ => {}
    }

    if !vm.dedicated_cpus() {
        add(
            AdvisoryCode::SharedCpus,
            "The VM runs on shared CPUs (no dedicatedCpuPlacement): the kubelet does not pin or align its CPUs, so neither the document's table nor the planner's CPU checks apply to it.".to_string(),
            &Source::KUBEVIRT_DEDICATED_CPUS,
        );
    }

    out
}

/// When counting the guest's cores against physical cores gives another
/// class, which class, and what the outcome would be under each policy.
fn smt_reading(scenario: &Scenario, size: &Classification) -> Option<String> {
    let (host, vm) = (&scenario.host, &scenario.vm);
    if !vm.dedicated_cpus() {
        return None;
    }
    let threads = host.threads_per_core()?;
    let cores = host.physical_cores_per_node()?;
    let guest_cores = match vm.spec() {
        VcpuSpec::Count(v) => v,
        VcpuSpec::Topology { sockets, cores, .. } => sockets * cores,
    };
    let physical = Classification::with_total(
        guest_cores,
        cores,
        host.numa_nodes(),
        u64::from(host.total_cpus() / threads),
    );
    if physical.class == size.class {
        return None;
    }
    let outcomes = outcomes_of(physical.class);
    Some(format!(
        "Counting the guest's {guest_cores} cores against physical cores ({} CPUs / {threads} threads = {cores} cores per node) makes this VM {} ({}) rather than {}; counting physical cores: {}. The planner counts logical CPUs, as the kubelet's CPU manager hands them out; the document does not say which it means, so the answer depends on SMT.",
        host.cpus_per_node(),
        physical.class,
        physical.arithmetic(),
        size.class,
        outcomes
    ))
}

/// The document's outcome of a VM of `class` under each policy, with its
/// rows: "none -> works, row 3; ...".
fn outcomes_of(class: SizeClass) -> String {
    let outcomes: Vec<String> = Policy::ALL
        .iter()
        .map(|&p| {
            let cell = CellOutcome::new(class, p);
            format!("{p} -> {}, {}", cell.status, cell.rows_text())
        })
        .collect();
    outcomes.join("; ")
}

/// On nodes of different sizes, when weighing the vCPUs against the
/// smallest node gives another class than against the largest: which class,
/// and what the outcome would be under each policy.
fn uneven_reading(scenario: &Scenario, size: &Classification) -> Option<String> {
    let host = &scenario.host;
    let smallest = host.smallest_node_cpus();
    let other = Classification::with_total(size.vcpus, smallest, size.numa_nodes, size.total_cpus);
    if other.class == size.class {
        return None;
    }
    let outcomes = outcomes_of(other.class);
    Some(format!(
        "The NUMA nodes differ ({} CPUs). The planner weighs the vCPUs against the largest node, {} CPUs, which makes this VM {} ({}); against the smallest, {smallest} CPUs, it would be {} ({}); on that reading: {}. The document assumes nodes of one size and does not say which node it means; a pod the kubelet puts on a smaller node is in the other row.",
        node_cpus_text(host),
        size.cpus_per_node,
        size.class,
        size.arithmetic(),
        other.class,
        other.arithmetic(),
        outcomes
    ))
}

/// When CPU hot plug makes QEMU's ceiling larger than the host's online CPUs.
fn hotplug(vm: &Vm, online: u32) -> Option<String> {
    let ceiling = vm.hotplug_max_vcpus();
    if ceiling <= u64::from(online) {
        return None;
    }
    let sockets = vm.sockets();
    let why = match vm.max_sockets() {
        Some(m) => format!("maxSockets {m}"),
        None => format!(
            "KubeVirt's default of 4 x {sockets} sockets when maxSockets is unset, capped at {HOTPLUG_VCPU_CAP} vCPUs; the cluster's liveUpdateConfiguration.maxCpuSockets wins over the ratio"
        ),
    };
    let count_note = match vm.spec() {
        VcpuSpec::Count(_) => {
            " A plain vCPU count is read as one socket per vCPU, KubeVirt's default topology."
        }
        VcpuSpec::Topology { .. } => "",
    };
    Some(format!(
        "With the LiveUpdate rollout strategy, QEMU starts with room for {} sockets x {} vCPUs = {ceiling} vCPUs ({why}), more than the host's {online} online CPUs: past KVM's recommended count QEMU warns, past its maximum the VM fails to start. For vNUMA VMs set maxSockets to sockets ({sockets}), or the cluster's maxHotplugRatio to 1.0.{count_note}",
        vm.hotplug_sockets(),
        vm.vcpus_per_socket()
    ))
}
