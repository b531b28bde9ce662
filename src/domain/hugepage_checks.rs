//! The memory side of admission: huge pages per NUMA node (rules M1-M6,
//! explained with their sources in `docs/rules.md`). KubeVirt binds each
//! guest NUMA cell to the host node its vCPUs run on and preallocates its
//! pages there at start.

use super::admission::Check;
use super::api_checks::hugepage_multiple;
use super::codes::{CheckCode, CheckResult, MemoryManager, Policy, Verdict};
use super::host::Host;
use super::memory_hint::{joint_hint, JointHint, MOST_NODES};
use super::placement::Placement;
use super::source::Source;
use super::vm::Vm;
use crate::i18n::tr;
use crate::trf;

/// The memory checks under `policy`, given where the CPUs land. None when
/// the VM's memory or page size is unknown.
pub(super) fn hugepage_checks(
    host: &Host,
    vm: &Vm,
    policy: Policy,
    placement: Option<&Placement>,
) -> Vec<Check> {
    let (Some(memory), Some(size)) = (vm.memory_bytes(), vm.hugepage_size()) else {
        return Vec::new();
    };
    let page = size.bytes();
    let multiple = hugepage_multiple(vm, memory, size);
    let whole = multiple.result == CheckResult::Pass;
    let mut out = vec![multiple];
    if !whole {
        return out;
    }
    let pages = memory / page;
    let free = host.free_hugepages();
    let static_mm = host.memory_manager() == MemoryManager::Static;
    if let (true, Policy::SingleNumaNode, Some(free)) = (static_mm, policy, &free) {
        // The Memory Manager decides the node, or refuses the pod: the
        // planner's placement follows from this check, not the other way.
        out.extend(host_pages(pages, free, size.code()));
        out.push(memory_manager_node(host, vm, pages, free, size.code()));
        return out;
    }
    let Some(placement) = placement else {
        return out;
    };
    let cells = placement.cells().count() as u64;
    if pages < cells {
        out.push(fail(
            CheckCode::PagesPerCell,
            Verdict::FailsToStart,
            trf!(
                "The VM's vCPUs span {cells} host nodes, so it gets {cells} guest NUMA cells, but its {pages} page(s) of {size} cannot give each cell one: the VM fails to start.",
                cells = cells,
                pages = pages,
                size = size
            ),
            &Source::KUBEVIRT_NUMA,
        ));
        return out;
    }
    let Some(free) = free else {
        return out;
    };
    if let Some(short) = host_pages(pages, &free, size.code()) {
        out.push(short);
        return out;
    }
    if static_mm && matches!(policy, Policy::Restricted | Policy::BestEffort) {
        let merge = memory_manager_merge(host, vm, policy, pages, &free, size.code());
        let rejected = merge
            .as_ref()
            .is_some_and(|c| c.result == CheckResult::Fail);
        out.extend(merge);
        if rejected {
            return out;
        }
    }
    out.push(node_pages(placement, &free, pages, size.code()));
    out
}

/// P6: under restricted and best-effort the Memory Manager Static's page
/// hints are merged with the CPUs'; restricted admits only a hint both
/// prefer, best-effort admits any. Past the nodes the planner weighs, a
/// risk for a spread VM whose pages would fit one node.
fn memory_manager_merge(
    host: &Host,
    vm: &Vm,
    policy: Policy,
    pages: u64,
    free: &[u64],
    size: &str,
) -> Option<Check> {
    let p = vm.pod_cpus();
    let nodes = |set: &[u32]| {
        let names: Vec<String> = set.iter().map(|i| trf!("node {node}", node = i)).collect();
        names.join(tr(" and "))
    };
    let widths = |w: u32| {
        if w == 1 {
            tr("one node").to_string()
        } else {
            trf!("{width} nodes", width = w)
        }
    };
    let Some(joint) = joint_hint(host, p, pages, free) else {
        // Only a spread VM whose pages would fit one node can be narrowed.
        let spread = p > host.largest_free().1;
        let fits_one = free.iter().any(|&f| f >= pages);
        return (spread && fits_one).then(|| Check {
            code: CheckCode::MemoryManagerMerge,
            result: CheckResult::Risk,
            fails_as: Verdict::AtRisk,
            message: if policy == Policy::Restricted {
                trf!(
                    "With the Memory Manager Static the kubelet merges the CPU and page hints of every node set; the planner does not weigh them past {most} nodes, so the pod may be placed where a guest cell cannot bind its pages, or rejected.",
                    most = MOST_NODES
                )
            } else {
                trf!(
                    "With the Memory Manager Static the kubelet merges the CPU and page hints of every node set; the planner does not weigh them past {most} nodes, so the pod may be placed where a guest cell cannot bind its pages.",
                    most = MOST_NODES
                )
            },
            source: &Source::KUBERNETES_TOPOLOGY_MERGE,
        });
    };
    Some(match joint {
        JointHint::Preferred(set) => pass(
            CheckCode::MemoryManagerMerge,
            trf!(
                "The CPU manager and the Memory Manager Static both prefer {nodes} for the pod's {pod_cpus} CPUs and {pages} x {size}: the kubelet puts both there.",
                nodes = nodes(&set),
                pod_cpus = p,
                pages = pages,
                size = size
            ),
            &Source::KUBERNETES_TOPOLOGY_MERGE,
        ),
        JointHint::NonePreferred { cpu_width, memory_width } => {
            let why = if cpu_width == memory_width {
                trf!(
                    "both need {width}, but no such set has {pod_cpus} allocatable CPUs and {pages} free pages",
                    width = widths(cpu_width),
                    pod_cpus = p,
                    pages = pages
                )
            } else {
                trf!(
                    "the CPUs need {cpu_width} and the pages fit {memory_width}",
                    cpu_width = widths(cpu_width),
                    memory_width = widths(memory_width)
                )
            };
            if policy == Policy::Restricted {
                fail(
                    CheckCode::MemoryManagerMerge,
                    Verdict::FailsToStart,
                    trf!(
                        "With the Memory Manager Static, {why}: the CPU and memory hints never prefer the same nodes, so restricted rejects the pod with TopologyAffinityError (with the Memory Manager off it would be admitted).",
                        why = why
                    ),
                    &Source::KUBERNETES_TOPOLOGY_MERGE,
                )
            } else {
                Check {
                    code: CheckCode::MemoryManagerMerge,
                    result: CheckResult::Risk,
                    fails_as: Verdict::AtRisk,
                    message: trf!(
                        "With the Memory Manager Static, {why}: best-effort admits the pod on a hint neither prefers, which can keep a guest cell's pages off the node its vCPUs run on.",
                        why = why
                    ),
                    source: &Source::KUBERNETES_TOPOLOGY_MERGE,
                }
            }
        }
    })
}

/// M3: the host's free pages in all, only when they fall short.
fn host_pages(pages: u64, free: &[u64], size: &str) -> Option<Check> {
    let total: u64 = free.iter().sum();
    (total < pages).then(|| {
        fail(
            CheckCode::HostHugepages,
            Verdict::Unschedulable,
            trf!(
                "The VM needs {pages} pages of {size}; the host has {total} free in all: the pod stays Pending with \"Insufficient hugepages-{size}\".",
                pages = pages,
                size = size,
                total = total
            ),
            &Source::KUBEVIRT_NUMA,
        )
    })
}

fn pass(code: CheckCode, message: String, source: &'static Source) -> Check {
    Check {
        code,
        result: CheckResult::Pass,
        fails_as: Verdict::Works,
        message,
        source,
    }
}

fn fail(code: CheckCode, fails_as: Verdict, message: String, source: &'static Source) -> Check {
    Check {
        code,
        result: CheckResult::Fail,
        fails_as,
        message,
        source,
    }
}

/// M5: with the Memory Manager Static under single-numa-node, one node must
/// hold the pod's CPUs and all its pages; the kubelet then picks it.
fn memory_manager_node(host: &Host, vm: &Vm, pages: u64, free: &[u64], size: &str) -> Check {
    let p = vm.pod_cpus();
    let allocatable = host.free_cpus();
    let found = (0..free.len()).find(|&i| allocatable[i] >= p && free[i] >= pages);
    match found {
        Some(i) => pass(
            CheckCode::MemoryManagerNode,
            trf!(
                "The Memory Manager places the VM on node {node}: {allocatable} allocatable CPUs for {pod_cpus}, {free} free {size} pages for {pages}.",
                node = i,
                allocatable = allocatable[i],
                pod_cpus = p,
                free = free[i],
                size = size,
                pages = pages
            ),
            &Source::KUBERNETES_MEMORY_MANAGER,
        ),
        None => fail(
            CheckCode::MemoryManagerNode,
            Verdict::FailsToStart,
            trf!(
                "No node has both {pod_cpus} allocatable CPUs and {pages} free {size} pages: with the Memory Manager Static the kubelet rejects the pod with TopologyAffinityError.",
                pod_cpus = p,
                pages = pages,
                size = size
            ),
            &Source::KUBERNETES_MEMORY_MANAGER,
        ),
    }
}

/// M4: every guest cell's pages on its own node.
fn node_pages(placement: &Placement, free: &[u64], pages: u64, size: &str) -> Check {
    let need = |share: &super::placement::NodeShare| share.pages.unwrap_or(0);
    let line = |node: u32, cell: usize, want: u64| {
        trf!(
            "cell {cell} on node {node} needs {want} x {size}, node {node} has {free} free",
            cell = cell,
            node = node,
            want = want,
            size = size,
            free = free[node as usize]
        )
    };
    let (result, detail) = if placement.nodes.len() == 1 && !placement.certain {
        // One cell on a node the kubelet chooses among the candidates.
        let (ok, short): (Vec<u32>, Vec<u32>) = placement
            .candidates
            .iter()
            .partition(|&&i| free[i as usize] >= pages);
        let names = |nodes: &[u32]| {
            nodes
                .iter()
                .map(|&i| {
                    trf!(
                        "node {node} ({free} free)",
                        node = i,
                        free = free[i as usize]
                    )
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        let result = match (ok.is_empty(), short.is_empty()) {
            (true, _) => CheckResult::Fail,
            (false, true) => CheckResult::Pass,
            (false, false) => CheckResult::Risk,
        };
        let detail = match result {
            CheckResult::Pass => trf!(
                "every node the kubelet may choose has {pages} free {size} pages",
                pages = pages,
                size = size
            ),
            CheckResult::Fail => trf!(
                "no node the kubelet may choose has {pages} free {size} pages: {short_nodes}",
                pages = pages,
                size = size,
                short_nodes = names(&short)
            ),
            CheckResult::Risk => trf!(
                "of the nodes the kubelet may choose, {enough_nodes} hold(s) the {pages} pages and {short_nodes} do(es) not, and nothing steers the kubelet's choice toward the pages (the Memory Manager Static does, under every policy but none)",
                enough_nodes = names(&ok),
                pages = pages,
                short_nodes = names(&short)
            ),
        };
        (result, detail)
    } else if placement.certain {
        let lines: Vec<String> = placement
            .cells()
            .enumerate()
            .map(|(j, share)| line(share.node, j, need(share)))
            .collect();
        let short = placement.cells().any(|s| free[s.node as usize] < need(s));
        (
            if short {
                CheckResult::Fail
            } else {
                CheckResult::Pass
            },
            lines.join("; "),
        )
    } else {
        // Several cells on nodes the kubelet chooses: judge by cell size.
        let k = placement.cells().count() as u64;
        let (big, small) = (pages.div_ceil(k), pages / k);
        let enough_small = free.iter().filter(|&&f| f >= small).count() as u64;
        let result = if enough_small < k {
            CheckResult::Fail
        } else if free.iter().all(|&f| f >= big) {
            CheckResult::Pass
        } else {
            CheckResult::Risk
        };
        (
            result,
            trf!(
                "{cells} cells of {small} to {big} x {size} on {cells} of the host's nodes; {enough} node(s) have at least {small} free",
                cells = k,
                small = small,
                big = big,
                size = size,
                enough = enough_small
            ),
        )
    };
    let message = match result {
        CheckResult::Pass => trf!("Huge pages per node: {detail}.", detail = detail),
        CheckResult::Fail => trf!(
            "Huge pages per node: {detail}. QEMU fails to start with \"os_mem_prealloc: Insufficient free host memory pages\", although the host has enough in all.",
            detail = detail
        ),
        CheckResult::Risk => trf!(
            "Huge pages per node: {detail}; on a node with too few, QEMU fails to start.",
            detail = detail
        ),
    };
    Check {
        code: CheckCode::NodeHugepages,
        result,
        fails_as: Verdict::FailsToStart,
        message,
        source: &Source::KUBEVIRT_NUMA,
    }
}
