use super::codes::{AdvisoryCode, Policy, SizeClass};
use super::outcome::{CellOutcome, Decision};
use super::scenario::Scenario;
use super::size::Classification;
use super::source::Source;
use super::vm::VcpuSpec;

/// The kubelet runs the Topology Manager on at most this many NUMA nodes by default.
const TOPOLOGY_MANAGER_NODE_LIMIT: u32 = 8;

/// Something true of this scenario that the outcome table alone does not
/// show: from the numbers, or from what an imported file says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Advisory {
    pub code: AdvisoryCode,
    pub message: String,
    pub source: &'static Source,
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

    if size.class == SizeClass::HalfBoundary {
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

    if vm.isolate_emulator_thread() && v <= c && c < v + 1 {
        add(
            AdvisoryCode::EmulatorThreadExceedsNode,
            format!(
                "With isolateEmulatorThread the pod asks for {v} + 1 = {} dedicated CPUs, one more than a NUMA node's {c}. Under single-numa-node admission fails with a TopologyAffinityError, although the table's row for this size says it works.",
                vm.pod_cpus()
            ),
            &Source::KUBEVIRT_DEDICATED_CPUS,
        );
    }

    if vm.isolate_emulator_thread() && v <= t && t < v + 1 {
        add(
            AdvisoryCode::EmulatorThreadExceedsHost,
            format!(
                "With isolateEmulatorThread the pod asks for {v} + 1 = {} dedicated CPUs, more than the host's {t}: it cannot be scheduled on this host under any policy, although the vCPUs alone fit.",
                vm.pod_cpus()
            ),
            &Source::KUBEVIRT_DEDICATED_CPUS,
        );
    }

    if let (Some(threads), Some(cores)) = (host.threads_per_core(), host.physical_cores_per_node())
    {
        let physical = Classification::new(v, cores, n);
        if physical.class != size.class {
            add(
                AdvisoryCode::SmtReadingDiffers,
                format!(
                    "Counting physical cores instead of logical CPUs ({c} CPUs / {threads} threads = {cores} cores per node) makes this VM {} ({}) rather than {}. The planner counts logical CPUs, as the kubelet's CPU manager hands them out; the document does not say which it means.",
                    physical.class,
                    physical.arithmetic(),
                    size.class
                ),
                &Source::KUBERNETES_CPU_MANAGER,
            );
        }
    }

    let hotplug = vm.hotplug_max_vcpus();
    if hotplug > u64::from(t) {
        let sockets = vm.sockets();
        let why = match vm.max_sockets() {
            Some(m) => format!("maxSockets {m}"),
            None => format!("KubeVirt's default of 4 x {sockets} sockets when maxSockets is unset"),
        };
        let count_note = match vm.spec() {
            VcpuSpec::Count(_) => {
                " A plain vCPU count is read as one socket per vCPU, KubeVirt's default topology."
            }
            VcpuSpec::Topology { .. } => "",
        };
        add(
            AdvisoryCode::HotplugExceedsHost,
            format!(
                "CPU hot plug makes room for {} sockets x {} vCPUs = {hotplug} vCPUs ({why}), more than the host's {t} logical CPUs; the VM can fail to deploy. For NUMA VMs set maxSockets equal to sockets ({sockets}), or maxHotplugRatio to 1.0 for the cluster.{count_note}",
                vm.hotplug_sockets(),
                vm.vcpus_per_socket()
            ),
            &Source::KUBEVIRT_CPU_HOTPLUG,
        );
    }

    if n > TOPOLOGY_MANAGER_NODE_LIMIT {
        add(
            AdvisoryCode::TopologyManagerNodeLimit,
            format!(
                "The host has {n} NUMA nodes. With a Topology Manager policy other than none, the kubelet refuses to run on more than {TOPOLOGY_MANAGER_NODE_LIMIT} NUMA nodes unless the max-allowable-numa-nodes policy option raises the limit."
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

    out
}
