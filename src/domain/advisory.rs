use super::codes::{AdvisoryCode, Policy, SizeClass};
use super::outcome::{CellOutcome, Decision};
use super::present::node_cpus_text;
use super::scenario::Scenario;
use super::size::Classification;
use super::source::Source;
use super::vm::{VcpuSpec, Vm, HOTPLUG_VCPU_CAP};
use crate::i18n::tr;
use crate::trf;

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
        let message = if none.decision == Decision::HalfBoundaryDisagree {
            trf!(
                "{vcpus} vCPUs is exactly half of a {cpus}-CPU NUMA node. The document defines small as fewer than half and large as more than half, so this VM is neither; every cell shows the small and the large row. They disagree under none, so that cell is undefined. One vCPU fewer or more gives a definite answer.",
                vcpus = v,
                cpus = c
            )
        } else {
            trf!(
                "{vcpus} vCPUs is exactly half of a {cpus}-CPU NUMA node. The document defines small as fewer than half and large as more than half, so this VM is neither; every cell shows the small and the large row. One vCPU fewer or more gives a definite answer.",
                vcpus = v,
                cpus = c
            )
        };
        add(
            AdvisoryCode::HalfBoundary,
            message,
            &Source::SIZE_DEFINITIONS,
        );
    }

    let p = vm.pod_cpus();
    if vm.dedicated_cpus() && v <= c && c < p {
        add(
            AdvisoryCode::EmulatorThreadExceedsNode,
            trf!(
                "With isolateEmulatorThread the pod asks for {pod_cpus} dedicated CPUs, more than a NUMA node's {cpus}. Under single-numa-node admission fails with a TopologyAffinityError, although the table's row for this size says it works.",
                pod_cpus = p,
                cpus = c
            ),
            &Source::KUBEVIRT_DEDICATED_CPUS,
        );
    }

    if vm.dedicated_cpus() && v <= t && t < p {
        add(
            AdvisoryCode::EmulatorThreadExceedsHost,
            trf!(
                "With isolateEmulatorThread the pod asks for {pod_cpus} dedicated CPUs, more than the host's {total}: it cannot be scheduled on this host under any policy, although the vCPUs alone fit.",
                pod_cpus = p,
                total = t
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
            trf!(
                "The host has {nodes} NUMA nodes; memory-only nodes count too. With a Topology Manager policy other than none, the kubelet refuses to start on more than {limit} NUMA nodes unless the max-allowable-numa-nodes policy option raises the limit.",
                nodes = n,
                limit = host.node_limit()
            ),
            &Source::KUBERNETES_TOPOLOGY_MANAGER,
        );
    }

    if n == 1 {
        add(
            AdvisoryCode::SingleNumaHost,
            trf!(
                "The host has a single NUMA node: a guest NUMA topology brings nothing here, and no VM can be extra large; more than {cpus} vCPUs cannot run.",
                cpus = c
            ),
            &Source::SIZE_DEFINITIONS,
        );
    }

    if host.reserved_assumed() {
        add(
            AdvisoryCode::ReservedCpusAssumed,
            tr("No input gave the kubelet's reserved CPUs, so the planner assumes 1 on node 0, the least the static CPU manager allows. Give them per node (reservedSystemCPUs, or systemReserved + kubeReserved rounded up).").to_string(),
            &Source::KUBERNETES_RESERVED_CPUS,
        );
    }

    // Given on (the node tuning's implied value is said beside each
    // policy, with what it cannot check).
    let full_pcpus_only = host.full_pcpus_only();
    if full_pcpus_only && host.threads_per_core().is_none() {
        add(
            AdvisoryCode::FullPcpusOnlyWithoutSmt,
            tr("full-pcpus-only is set but the threads per core are not known, so the planner cannot check that the pod's CPUs fill whole cores. Give threads per core (lscpu's \"Thread(s) per core\").").to_string(),
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
            trf!(
                "full-pcpus-only: the kubelet keeps every core that holds a reserved CPU out of exclusive use, its other threads too. The planner takes the reserved CPUs on each node as whole cores of {threads} threads (a count that does not fill its last core loses that core). Reserved CPUs that are single threads of separate cores (reservedSystemCPUs 0-3 where the siblings are 32-35) take more cores: give the cores holding reserved CPUs per node.",
                threads = t
            ),
            &Source::KUBERNETES_CPU_MANAGER_OPTIONS,
        );
    }

    // The huge page checks run only with dedicated CPUs.
    match (vm.memory_bytes(), vm.hugepage_size(), host.free_hugepages()) {
        (Some(_), None, _) if vm.dedicated_cpus() => add(
            AdvisoryCode::HugepageSizeUnknown,
            tr("The guest memory is known but not its huge page size, so the huge page checks cannot run. vNUMA VMs need memory.hugepages.pageSize (2Mi or 1Gi).").to_string(),
            &Source::KUBEVIRT_NUMA,
        ),
        (Some(_), Some(size), None) if vm.dedicated_cpus() => add(
            AdvisoryCode::FreeHugepagesUnknown,
            trf!(
                "The free {size} huge pages per NUMA node are not known, so the planner cannot tell whether each guest cell's pages fit its node. Give them (grep . /sys/devices/system/node/node*/hugepages/hugepages-*/free_hugepages).",
                size = size
            ),
            &Source::KUBEVIRT_NUMA,
        ),
        _ => {}
    }

    if !vm.dedicated_cpus() {
        add(
            AdvisoryCode::SharedCpus,
            tr("The VM runs on shared CPUs (no dedicatedCpuPlacement): the kubelet does not pin or align its CPUs, so neither the document's table nor the planner's CPU checks apply to it.").to_string(),
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
    Some(trf!(
        "Counting the guest's {guest_cores} cores against physical cores ({cpus} CPUs / {threads} threads = {cores} cores per node) makes this VM {physical_class} ({physical_arithmetic}) rather than {logical_class}; counting physical cores: {outcomes}. The planner counts logical CPUs, as the kubelet's CPU manager hands them out; the document does not say which it means, so the answer depends on SMT.",
        guest_cores = guest_cores,
        cpus = host.cpus_per_node(),
        threads = threads,
        cores = cores,
        physical_class = physical.class,
        physical_arithmetic = physical.arithmetic(),
        logical_class = size.class,
        outcomes = outcomes
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
    Some(trf!(
        "The NUMA nodes differ ({node_cpus} CPUs). The planner weighs the vCPUs against the largest node, {largest} CPUs, which makes this VM {class} ({arithmetic}); against the smallest, {smallest} CPUs, it would be {other_class} ({other_arithmetic}); on that reading: {outcomes}. The document assumes nodes of one size and does not say which node it means; a pod the kubelet puts on a smaller node is in the other row.",
        node_cpus = node_cpus_text(host),
        largest = size.cpus_per_node,
        class = size.class,
        arithmetic = size.arithmetic(),
        smallest = smallest,
        other_class = other.class,
        other_arithmetic = other.arithmetic(),
        outcomes = outcomes
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
        None => trf!(
            "KubeVirt's default of 4 x {sockets} sockets when maxSockets is unset, capped at {cap} vCPUs; the cluster's liveUpdateConfiguration.maxCpuSockets wins over the ratio",
            sockets = sockets,
            cap = HOTPLUG_VCPU_CAP
        ),
    };
    let count_note = match vm.spec() {
        VcpuSpec::Count(_) => {
            tr(" A plain vCPU count is read as one socket per vCPU, KubeVirt's default topology.")
        }
        VcpuSpec::Topology { .. } => "",
    };
    Some(trf!(
        "With the LiveUpdate rollout strategy, QEMU starts with room for {hotplug_sockets} sockets x {vcpus_per_socket} vCPUs = {ceiling} vCPUs ({why}), more than the host's {online} online CPUs: past KVM's recommended count QEMU warns, past its maximum the VM fails to start. For vNUMA VMs set maxSockets to sockets ({sockets}), or the cluster's maxHotplugRatio to 1.0.{plain_count_note}",
        hotplug_sockets = vm.hotplug_sockets(),
        vcpus_per_socket = vm.vcpus_per_socket(),
        ceiling = ceiling,
        why = why,
        online = online,
        sockets = sockets,
        plain_count_note = count_note
    ))
}
