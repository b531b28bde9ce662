//! The admission layer: will this VM's pod be admitted on this host, and
//! will QEMU start? Rules beyond the document, each with its source; a rule
//! the planner is not sure of gives a risk, never a definite answer. The
//! rules (C1-C10) are explained with their sources in `docs/rules.md`.

use super::codes::{CheckCode, CheckResult, MemoryManager, Policy, Verdict};
use super::host::Host;
use super::memory_hint::joint_hint;
use super::number::largest_first;
use super::source::Source;
use super::vm::Vm;
use crate::i18n::tr;
use crate::trf;

/// One rule the pod meets or breaks under one policy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Check {
    pub code: CheckCode,
    pub result: CheckResult,
    /// What happens to the VM when the check fails (or, for a risk, may).
    pub fails_as: Verdict,
    pub message: String,
    pub source: &'static Source,
}

impl Check {
    pub(super) fn new(
        code: CheckCode,
        result: CheckResult,
        fails_as: Verdict,
        message: String,
        source: &'static Source,
    ) -> Check {
        Check {
            code,
            result,
            fails_as,
            message,
            source,
        }
    }

    fn pass(code: CheckCode, message: String, source: &'static Source) -> Check {
        Check::new(code, CheckResult::Pass, Verdict::Works, message, source)
    }

    /// The verdict this check allows at best.
    pub fn verdict(&self) -> Verdict {
        match self.result {
            CheckResult::Pass => Verdict::Works,
            CheckResult::Fail => self.fails_as,
            CheckResult::Risk => Verdict::AtRisk,
        }
    }
}

/// The checks of the VM's pod under `policy`, in the order the kubelet and
/// KubeVirt meet them. A VM on shared CPUs has none but the API's.
pub fn checks(host: &Host, vm: &Vm, policy: Policy) -> Vec<Check> {
    if !vm.dedicated_cpus() {
        return if vm.numa_passthrough() {
            vec![Check::new(
                CheckCode::DedicatedCpus,
                CheckResult::Fail,
                Verdict::Rejected,
                tr("The VM asks for a guest NUMA topology (guestMappingPassthrough) without dedicatedCpuPlacement: KubeVirt's API refuses to create it.").to_string(),
                &Source::KUBEVIRT_VMI_ADMITTER,
            )]
        } else {
            Vec::new()
        };
    }
    let mut out = vec![reserved(host), pod_cpus(vm), allocatable(host, vm)];
    out.extend(pod_overhead(host, vm));
    let smt = smt_alignment(host, vm);
    let aligned = smt.as_ref().is_some_and(|c| c.result == CheckResult::Pass);
    out.extend(smt);
    if aligned {
        out.extend(physical_cpus(host, vm));
    }
    if policy != Policy::None {
        out.extend(node_limit(host));
    }
    match policy {
        Policy::SingleNumaNode => out.push(single_node_fit(host, vm)),
        Policy::Restricted => {
            let fit = restricted_fit(host, vm);
            let rejected = fit.as_ref().is_some_and(|c| c.result == CheckResult::Fail);
            out.extend(fit);
            // A pod the kubelet rejects outright is no longer at risk.
            if !rejected {
                out.extend(spills_past_node(host, vm, policy));
            }
        }
        Policy::None => out.extend(spills_past_node(host, vm, policy)),
        Policy::BestEffort => {}
    }
    out
}

fn reserved(host: &Host) -> Check {
    let list = host.reserved_cpus();
    let total: u32 = list.iter().sum();
    let how = if host.reserved_assumed() {
        tr("assumed: no input said which, and the kubelet's static CPU manager always keeps at least one")
    } else {
        tr("as given")
    };
    Check::pass(
        CheckCode::ReservedCpus,
        trf!(
            "The kubelet keeps {total} CPU(s) for itself ({per_node}; {how_known}); pods get the rest.",
            total = total,
            per_node = per_node(&list),
            how_known = how
        ),
        &Source::KUBERNETES_RESERVED_CPUS,
    )
}

/// "node 0: 1, node 1: 0", summarised past 8 nodes.
fn per_node(list: &[u32]) -> String {
    let shown: Vec<String> = list
        .iter()
        .take(8)
        .enumerate()
        .map(|(i, r)| trf!("node {node}: {reserved}", node = i, reserved = r))
        .collect();
    let more = list.len().saturating_sub(8);
    if more > 0 {
        trf!(
            "{first_nodes} and {more} more nodes",
            first_nodes = shown.join(", "),
            more = more
        )
    } else {
        shown.join(", ")
    }
}

fn pod_cpus(vm: &Vm) -> Check {
    let (v, e) = (vm.vcpus(), vm.emulator_cpus());
    let emulator = match (e, vm.emulator_parity()) {
        (0, _) => "",
        (2, _) => tr(" + 2 for the emulator thread (the parity option makes the total even)"),
        (_, true) => tr(" + 1 for the emulator thread (already even with the parity option)"),
        _ => tr(" + 1 for the isolated emulator thread"),
    };
    let io = match vm.io_threads() {
        0 => String::new(),
        n => trf!(
            " + {io_threads} for the supplemental IO thread pool",
            io_threads = n
        ),
    };
    Check::pass(
        CheckCode::PodCpus,
        trf!(
            "The pod asks for {pod_cpus} dedicated CPUs: {vcpus} vCPUs{plus_io_threads}{plus_emulator}.",
            pod_cpus = vm.pod_cpus(),
            vcpus = v,
            plus_io_threads = io,
            plus_emulator = emulator
        ),
        &Source::KUBEVIRT_EMULATOR_PARITY,
    )
}

fn allocatable(host: &Host, vm: &Vm) -> Check {
    let (p, a) = (vm.pod_cpus(), host.total_free());
    if p <= a {
        Check::pass(
            CheckCode::HostAllocatable,
            trf!(
                "The host has {cpus} {free_or_allocatable} CPUs for the pod's {pod_cpus}.",
                cpus = a,
                free_or_allocatable = host.free_word(),
                pod_cpus = p
            ),
            &Source::KUBERNETES_RESERVED_CPUS,
        )
    } else {
        let message = if host.in_use() {
            trf!(
                "The pod asks for {pod_cpus} CPUs but the host has {free} free ({allocatable} allocatable, other pods hold {held}): the pod stays Pending with \"Insufficient cpu\".",
                pod_cpus = p,
                free = a,
                allocatable = host.total_allocatable(),
                held = host.total_allocatable() - a
            )
        } else {
            trf!(
                "The pod asks for {pod_cpus} CPUs but the host has {allocatable} allocatable ({total} less {reserved} reserved): the pod stays Pending with \"Insufficient cpu\".",
                pod_cpus = p,
                allocatable = a,
                total = host.total_cpus(),
                reserved = host.total_cpus() - a
            )
        };
        Check::new(
            CheckCode::HostAllocatable,
            CheckResult::Fail,
            Verdict::Unschedulable,
            message,
            &Source::KUBERNETES_RESERVED_CPUS,
        )
    }
}

/// The CPU, in millicores, that the launcher pod requests besides the
/// compute container's dedicated CPUs for certain: its `guest-console-log`
/// container, on by default.
pub const CONSOLE_LOG_MILLICORES: u32 = 15;

/// P5: the scheduler adds up every container's request, so a pod whose
/// dedicated CPUs take all the allocatable CPUs has no room for the
/// launcher's console log container. Only that part is certain: the node's
/// DaemonSets are unknown here, so a pod that leaves a whole CPU passes
/// (the message says what is left). `None` when the dedicated CPUs alone do
/// not fit (`host-allocatable` fails).
fn pod_overhead(host: &Host, vm: &Vm) -> Option<Check> {
    let (p, a) = (vm.pod_cpus(), host.total_free());
    let word = host.free_word();
    let m = CONSOLE_LOG_MILLICORES;
    if p > a {
        return None;
    }
    Some(if p < a {
        let left = (a - p) * 1000 - m;
        Check::pass(
            CheckCode::PodOverhead,
            trf!(
                "Besides its {pod_cpus} dedicated CPUs the launcher pod requests {millicores}m for its guest-console-log container; of the host's {cpus} {free_or_allocatable} CPUs that leaves {left}m for the node's DaemonSets and other pods, which the planner does not know.",
                pod_cpus = p,
                millicores = m,
                cpus = a,
                free_or_allocatable = word,
                left = left
            ),
            &Source::KUBEVIRT_CONSOLE_LOG,
        )
    } else {
        Check::new(
            CheckCode::PodOverhead,
            CheckResult::Fail,
            Verdict::Unschedulable,
            trf!(
                "The pod's {pod_cpus} dedicated CPUs take all of the host's {cpus} {free_or_allocatable} CPUs, and the launcher pod also requests {millicores}m for its guest-console-log container (on unless the VM or the cluster turns the serial console log off), and the node's DaemonSets request CPU too: the pod stays Pending with \"Insufficient cpu\". Leave at least one {free_or_allocatable} CPU free.",
                pod_cpus = p,
                cpus = a,
                free_or_allocatable = word,
                millicores = m
            ),
            &Source::KUBEVIRT_CONSOLE_LOG,
        )
    })
}

fn smt_alignment(host: &Host, vm: &Vm) -> Option<Check> {
    let threads = host.threads_per_core().filter(|_| host.full_pcpus_only())?;
    let p = vm.pod_cpus();
    Some(if p.is_multiple_of(threads) {
        Check::pass(
            CheckCode::SmtAlignment,
            trf!(
                "full-pcpus-only: the pod's {pod_cpus} CPUs are whole cores of {threads} threads.",
                pod_cpus = p,
                threads = threads
            ),
            &Source::KUBERNETES_CPU_MANAGER_OPTIONS,
        )
    } else {
        Check::new(
            CheckCode::SmtAlignment,
            CheckResult::Fail,
            Verdict::FailsToStart,
            trf!(
                "full-pcpus-only: the pod's {pod_cpus} CPUs are not a multiple of {threads} threads per core, so the kubelet rejects it with SMTAlignmentError. Make the total a multiple of {threads} (with an isolated emulator thread: an odd vCPU count, or the parity option).",
                pod_cpus = p,
                threads = threads
            ),
            &Source::KUBERNETES_CPU_MANAGER_OPTIONS,
        )
    })
}

/// P4: under full-pcpus-only the kubelet treats every core holding a
/// reserved thread as taken, siblings included, and rejects a pod asking
/// for more CPUs than the cores left hold. Runs on SMT hosts once the pod
/// fills whole cores (the kubelet checks that first) and fits the host's
/// allocatable CPUs (`host-allocatable` otherwise).
fn physical_cpus(host: &Host, vm: &Vm) -> Option<Check> {
    let t = host.threads_per_core().filter(|&t| t > 1)?;
    let (free, lost) = host.physical_cpus()?;
    let p = vm.pod_cpus();
    if p > host.total_free() {
        return None;
    }
    let how = if host.reserved_cores_given() {
        tr("as given")
    } else {
        tr("the reserved CPUs taken as whole cores")
    };
    Some(if p <= free {
        Check::pass(
            CheckCode::PhysicalCpus,
            trf!(
                "full-pcpus-only: {lost} core(s) hold reserved CPUs ({how_known}), leaving {free} CPUs on whole free cores for the pod's {pod_cpus}.",
                lost = lost,
                how_known = how,
                free = free,
                pod_cpus = p
            ),
            &Source::KUBERNETES_CPU_MANAGER_STATIC,
        )
    } else {
        Check::new(
            CheckCode::PhysicalCpus,
            CheckResult::Fail,
            Verdict::FailsToStart,
            trf!(
                "full-pcpus-only: {lost} core(s) hold reserved CPUs ({how_known}), and the kubelet keeps their other threads out of exclusive use too, so {free} of the host's {total} CPUs are on whole free cores, fewer than the pod's {pod_cpus}: it rejects the pod with SMTAlignmentError (not enough free physical CPUs, {threads} CPUs per core). Reserve whole cores (each CPU with its siblings), or ask for fewer vCPUs.",
                lost = lost,
                how_known = how,
                free = free,
                total = host.total_cpus(),
                pod_cpus = p,
                threads = t
            ),
            &Source::KUBERNETES_CPU_MANAGER_STATIC,
        )
    })
}

fn node_limit(host: &Host) -> Option<Check> {
    let (n, limit) = (host.numa_nodes(), host.node_limit());
    (n > limit).then(|| {
        Check::new(
            CheckCode::NumaNodeLimit,
            CheckResult::Fail,
            Verdict::Unschedulable,
            trf!(
                "The host has {nodes} NUMA nodes (memory-only nodes count too) and the Topology Manager handles at most {limit}: the kubelet does not start with this policy unless max-allowable-numa-nodes raises the limit.",
                nodes = n,
                limit = limit
            ),
            &Source::KUBERNETES_TOPOLOGY_MANAGER,
        )
    })
}

fn single_node_fit(host: &Host, vm: &Vm) -> Check {
    let p = vm.pod_cpus();
    let (node, most) = host.largest_free();
    if p <= most {
        Check::pass(
            CheckCode::SingleNodeFit,
            if host.in_use() {
                trf!(
                    "Node {node} has {most} free CPUs, enough for all {pod_cpus} of the pod's.",
                    node = node,
                    most = most,
                    pod_cpus = p
                )
            } else {
                trf!(
                    "Node {node} has {most} allocatable CPUs, enough for all {pod_cpus} of the pod's on an empty host.",
                    node = node,
                    most = most,
                    pod_cpus = p
                )
            },
            &Source::KUBERNETES_TOPOLOGY_MANAGER,
        )
    } else {
        Check::new(
            CheckCode::SingleNodeFit,
            CheckResult::Fail,
            Verdict::FailsToStart,
            trf!(
                "No NUMA node has {pod_cpus} {free_or_allocatable} CPUs (the most is {most}, on node {node}): the kubelet rejects the pod with TopologyAffinityError and the VM never starts.",
                pod_cpus = p,
                free_or_allocatable = host.free_word(),
                most = most,
                node = node
            ),
            &Source::KUBERNETES_TOPOLOGY_MANAGER,
        )
    }
}

/// U3: under restricted the kubelet admits only a preferred hint, one as
/// narrow as the fewest nodes whose CPUs (reserved ones included) could hold
/// the pod; hints are made from allocatable CPUs only. A pod that those
/// nodes cannot hold with their allocatable CPUs gets only wider hints and
/// is rejected, on an empty host too. `None` when the pod does not fit the
/// host at all (`host-allocatable` says so).
fn restricted_fit(host: &Host, vm: &Vm) -> Option<Check> {
    let p = vm.pod_cpus();
    if p > host.total_free() {
        return None;
    }
    let width = host.narrowest_width(p);
    // On uneven nodes the largest ones set the width.
    let node_size = if host.is_uneven() {
        let mut sizes = host.node_cpus().to_vec();
        largest_first(&mut sizes);
        let held: u32 = sizes.iter().take(width as usize).sum();
        trf!("with the most CPUs ({held} in all)", held = held)
    } else {
        trf!("of {cpus} CPUs", cpus = host.cpus_per_node())
    };
    let word = host.free_word();
    Some(if host.narrowest_nodes_hold(p) {
        let message = match (width == 1, host.in_use()) {
            (true, true) => trf!(
                "The pod's {pod_cpus} CPUs fit one node {node_size}, and a node has {pod_cpus} free CPUs: so the kubelet has the preferred hint that restricted requires.",
                pod_cpus = p,
                node_size = node_size
            ),
            (true, false) => trf!(
                "The pod's {pod_cpus} CPUs fit one node {node_size}, and a node has {pod_cpus} allocatable CPUs: on an empty host the kubelet has the preferred hint that restricted requires.",
                pod_cpus = p,
                node_size = node_size
            ),
            (false, true) => trf!(
                "The pod's {pod_cpus} CPUs fit {width} nodes {node_size}, and as many nodes have {pod_cpus} free CPUs: so the kubelet has the preferred hint that restricted requires.",
                pod_cpus = p,
                width = width,
                node_size = node_size
            ),
            (false, false) => trf!(
                "The pod's {pod_cpus} CPUs fit {width} nodes {node_size}, and as many nodes have {pod_cpus} allocatable CPUs: on an empty host the kubelet has the preferred hint that restricted requires.",
                pod_cpus = p,
                width = width,
                node_size = node_size
            ),
        };
        Check::pass(
            CheckCode::RestrictedFit,
            message,
            &Source::KUBERNETES_CPU_MANAGER_HINTS,
        )
    } else {
        let message = if width == 1 {
            trf!(
                "The pod's {pod_cpus} CPUs fit one node {node_size} counting the reserved ones, but no node has {pod_cpus} {free_or_allocatable} CPUs: the kubelet sizes its preferred hint from all of a node's CPUs and makes hints from the free ones only, so every hint is wider than preferred, and restricted rejects the pod with TopologyAffinityError.",
                pod_cpus = p,
                node_size = node_size,
                free_or_allocatable = word
            )
        } else {
            trf!(
                "The pod's {pod_cpus} CPUs fit {width} nodes {node_size} counting the reserved ones, but no {width} nodes have {pod_cpus} {free_or_allocatable} CPUs: the kubelet sizes its preferred hint from all of a node's CPUs and makes hints from the free ones only, so every hint is wider than preferred, and restricted rejects the pod with TopologyAffinityError.",
                pod_cpus = p,
                width = width,
                node_size = node_size,
                free_or_allocatable = word
            )
        };
        Check::new(
            CheckCode::RestrictedFit,
            CheckResult::Fail,
            Verdict::FailsToStart,
            message,
            &Source::KUBERNETES_CPU_MANAGER_HINTS,
        )
    })
}

fn spills_past_node(host: &Host, vm: &Vm, policy: Policy) -> Option<Check> {
    let (p, v) = (vm.pod_cpus(), vm.vcpus());
    let (_, most) = host.largest_free();
    if v > host.cpus_per_node() || p <= most {
        return None;
    }
    let what = match policy {
        // P6: with the Memory Manager off restricted admits the wider pod;
        // with it Static and the pages per node known, `memory-manager-merge`
        // gives the definite answer.
        Policy::Restricted => {
            let weighed = vm
                .hugepages()
                .zip(host.free_hugepages())
                .is_some_and(|(pages, free)| joint_hint(host, p, pages, &free).is_some());
            if host.memory_manager() != MemoryManager::Static || weighed {
                return None;
            }
            tr("under restricted with the Memory Manager Static, the CPU and memory hints may never agree and the pod can be rejected (the free huge pages per node would tell)")
        }
        _ => tr("its placement no longer matches the document's large VM under none"),
    };
    Some(Check::new(
        CheckCode::SpillsPastNode,
        CheckResult::Risk,
        Verdict::AtRisk,
        trf!(
            "The VM's {vcpus} vCPUs fit one node, but the pod's {pod_cpus} CPUs do not (the most one node has {free_or_allocatable} is {most}): its CPUs span two nodes like an extra-large VM's, and {consequence}.",
            vcpus = v,
            pod_cpus = p,
            free_or_allocatable = host.free_word(),
            most = most,
            consequence = what
        ),
        &Source::KUBERNETES_TOPOLOGY_MERGE,
    ))
}
