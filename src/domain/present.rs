//! How the planner phrases its facts. The command's text and JSON, the
//! copyable answer and the page all take their sentences from here and only
//! arrange them.

use super::codes::Policy;
use super::host::Host;
use super::report::Report;
use super::rules::{Rule, DOCUMENT};
use super::source::Source;
use super::vm::{VcpuSpec, Vm};
use crate::i18n::tr;
use crate::trf;

/// "2 NUMA nodes x 32 logical CPUs (16 cores x 2 threads) = 64 CPUs"; on
/// uneven nodes "6 NUMA nodes of 86, 86, 84, 86, 86, 84 logical CPUs (2
/// threads per core) = 512 CPUs".
pub fn host_line(host: &Host) -> String {
    let (nodes, total) = (host.numa_nodes(), host.total_cpus());
    if host.is_uneven() {
        let each = node_cpus_text(host);
        return match host.threads_per_core() {
            Some(t) => trf!(
                "{nodes} NUMA nodes of {each} logical CPUs ({threads} threads per core) = {total} CPUs",
                nodes = nodes,
                each = each,
                threads = t,
                total = total
            ),
            None => trf!(
                "{nodes} NUMA nodes of {each} logical CPUs = {total} CPUs",
                nodes = nodes,
                each = each,
                total = total
            ),
        };
    }
    let cpus = host.cpus_per_node();
    match (host.threads_per_core(), host.physical_cores_per_node()) {
        (Some(t), Some(p)) => trf!(
            "{nodes} NUMA nodes x {cpus} logical CPUs ({cores} cores x {threads} threads) = {total} CPUs",
            nodes = nodes,
            cpus = cpus,
            cores = p,
            threads = t,
            total = total
        ),
        _ => trf!(
            "{nodes} NUMA nodes x {cpus} logical CPUs = {total} CPUs",
            nodes = nodes,
            cpus = cpus,
            total = total
        ),
    }
}

/// Each node's CPUs, "86, 86, 84"; past 16 nodes only the smallest and the
/// largest, "84 to 86", so a 1024-node host stays one line.
pub fn node_cpus_text(host: &Host) -> String {
    let each = host.node_cpus();
    if each.len() > 16 {
        return trf!(
            "{smallest} to {largest}",
            smallest = host.smallest_node_cpus(),
            largest = host.cpus_per_node()
        );
    }
    each.iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// "24 vCPUs = 2 sockets x 12 cores x 1 threads; the pod requests 25
/// dedicated CPUs (isolateEmulatorThread); maxSockets 2"
pub fn vm_line(vm: &Vm) -> String {
    let shape = match vm.spec() {
        VcpuSpec::Count(_) => String::new(),
        VcpuSpec::Topology {
            sockets,
            cores,
            threads,
        } => trf!(
            " = {sockets} sockets x {cores} cores x {threads} threads",
            sockets = sockets,
            cores = cores,
            threads = threads
        ),
    };
    let io = match vm.io_threads() {
        0 => String::new(),
        n => trf!(" ({n} IO pool threads)", n = n),
    };
    let emulator = if vm.isolate_emulator_thread() {
        " (isolateEmulatorThread)"
    } else {
        ""
    };
    let max_sockets = vm
        .max_sockets()
        .map(|m| format!("; maxSockets {m}"))
        .unwrap_or_default();
    if !vm.dedicated_cpus() {
        return trf!(
            "{vcpus} vCPUs{shape} on shared CPUs (no dedicatedCpuPlacement): the pod requests CPU time, not whole CPUs (100m per vCPU with KubeVirt's default cpuAllocationRatio of 10){max_sockets}",
            vcpus = vm.vcpus(),
            shape = shape,
            max_sockets = max_sockets
        );
    }
    trf!(
        "{vcpus} vCPUs{shape}; the pod requests {pod_cpus} dedicated CPUs{io_threads}{emulator}{max_sockets}",
        vcpus = vm.vcpus(),
        shape = shape,
        pod_cpus = vm.pod_cpus(),
        io_threads = io,
        emulator = emulator,
        max_sockets = max_sockets
    )
}

/// Most nodes a placement sentence names before it summarises.
const NODES_NAMED: usize = 8;

/// Where the VM lands under `policy`, in words: the picture's text
/// alternative and a line of the answer.
pub fn placement_text(report: &Report, policy: Policy) -> String {
    let (host, vm) = (&report.scenario.host, &report.scenario.vm);
    if !vm.dedicated_cpus() {
        return tr("The VM runs on shared CPUs: the kubelet does not place it on NUMA nodes.")
            .to_string();
    }
    let Some(placement) = &report.verdicts[policy].placement else {
        return trf!(
            "Under {policy} the pod's {pod_cpus} CPUs cannot be placed on this host.",
            policy = policy,
            pod_cpus = vm.pod_cpus()
        );
    };
    let allocatable = host.allocatable_cpus();
    let free = host.free_hugepages();
    let size = vm.hugepage_size().map_or("", |s| s.code());
    let mut cell_ids = 0..;
    let nodes: Vec<String> = placement
        .nodes
        .iter()
        .take(NODES_NAMED)
        .map(|share| {
            let n = share.node as usize;
            let (node, cpus, allocatable) = (share.node, share.cpus, allocatable[n]);
            if share.vcpus == 0 {
                return trf!(
                    "node {node}: {cpus} of {allocatable} allocatable CPUs, for the emulator or IO threads only (no guest cell)",
                    node = node,
                    cpus = cpus,
                    allocatable = allocatable
                );
            }
            let cell = cell_ids.next().unwrap_or(0);
            match (share.pages, &free) {
                (Some(pages), Some(free)) => trf!(
                    "node {node}: {cpus} of {allocatable} allocatable CPUs, guest cell {cell} needs {pages} x {size} pages, {free} free",
                    node = node,
                    cpus = cpus,
                    allocatable = allocatable,
                    cell = cell,
                    pages = pages,
                    size = size,
                    free = free[n]
                ),
                (Some(pages), None) => trf!(
                    "node {node}: {cpus} of {allocatable} allocatable CPUs, guest cell {cell} needs {pages} x {size} pages",
                    node = node,
                    cpus = cpus,
                    allocatable = allocatable,
                    cell = cell,
                    pages = pages,
                    size = size
                ),
                _ => trf!(
                    "node {node}: {cpus} of {allocatable} allocatable CPUs",
                    node = node,
                    cpus = cpus,
                    allocatable = allocatable
                ),
            }
        })
        .collect();
    let more = placement.nodes.len().saturating_sub(NODES_NAMED);
    let more = if more > 0 {
        trf!(" and {more} more nodes", more = more)
    } else {
        String::new()
    };
    let how = if placement.certain {
        tr("the only choice on an empty host").to_string()
    } else if placement.candidates.len() > 1 {
        let ids: Vec<String> = placement
            .candidates
            .iter()
            .take(NODES_NAMED)
            .map(u32::to_string)
            .collect();
        trf!(
            "the kubelet may pick any of nodes {nodes}",
            nodes = ids.join(", ")
        )
    } else {
        tr("one choice among several nodes").to_string()
    };
    trf!(
        "Under {policy} the pod's {pod_cpus} CPUs go on {nodes}{more} ({how}).",
        policy = policy,
        pod_cpus = vm.pod_cpus(),
        nodes = nodes.join("; "),
        more = more,
        how = how
    )
}

/// Whom the document's table speaks of, said under every copy of it: the
/// chapter's vNUMA VMs, so not a VM on shared CPUs (such as u1 instance types).
pub fn table_scope() -> &'static str {
    tr("The rows are for VMs with dedicated CPUs and guest NUMA passthrough (dedicatedCpuPlacement, guestMappingPassthrough); the table does not apply to VMs on shared CPUs.")
}

/// What the node tuning turns on under `policy` that no input gave
/// ("Implied by the PerformanceProfile under single-numa-node: full-pcpus-only
/// and the Memory Manager Static."), when it turns anything on; says when
/// the threads per core are unknown, so full-pcpus-only cannot be checked.
pub fn implied_line(host: &Host, policy: Policy) -> Option<String> {
    let tuning = host.tuning();
    let on = tuning.implied_on(policy);
    if on.is_empty() {
        return None;
    }
    let blind = if tuning.full_pcpus_only(policy).value && host.threads_per_core().is_none() {
        tr(" (threads per core are not known, so the planner cannot check that the pod fills whole cores)")
    } else {
        ""
    };
    Some(trf!(
        "Implied by the {tuning} under {policy}: {options}{blind}.",
        tuning = tuning.node_tuning.label(),
        policy = policy,
        options = on.join(tr(" and ")),
        blind = blind
    ))
}

/// The document as cited everywhere: "“Live migration outcomes using
/// vNUMA”, OpenShift Virtualization 4.20-4.22".
pub fn citation() -> String {
    format!(
        "\u{201c}{}\u{201d}, OpenShift Virtualization {}",
        DOCUMENT.title,
        DOCUMENT.version_range()
    )
}

/// The citation with the document's address, as the last line of a report.
pub fn source_line() -> String {
    trf!(
        "Source: {citation}: {url}",
        citation = citation(),
        url = DOCUMENT.url
    )
}

/// One row of the document, cited: "row 7 (large size, single-numa-node) of …".
pub fn row_citation(rule: &Rule) -> String {
    trf!(
        "row {row} ({size} size, {policy}) of {citation}",
        row = rule.row,
        size = rule.size,
        policy = rule.policy,
        citation = citation()
    )
}

/// Whether a statement comes from the document or is the planner's addition.
pub fn origin(source: &Source) -> &'static str {
    if source.from_document {
        tr("From the document")
    } else {
        tr("Beyond the document")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{resolve, Policy, TableSize};

    #[test]
    fn lines_name_every_number() {
        let host = Host::new(2, 32, Some(2)).unwrap();
        assert_eq!(
            host_line(&host),
            "2 NUMA nodes x 32 logical CPUs (16 cores x 2 threads) = 64 CPUs"
        );
        let vm = Vm::new(
            VcpuSpec::Topology {
                sockets: 2,
                cores: 12,
                threads: 1,
            },
            true,
            Some(2),
        )
        .unwrap();
        assert_eq!(
            vm_line(&vm),
            "24 vCPUs = 2 sockets x 12 cores x 1 threads; the pod requests 25 dedicated CPUs (isolateEmulatorThread); maxSockets 2"
        );
        assert_eq!(
            vm_line(&Vm::default()),
            "24 vCPUs; the pod requests 24 dedicated CPUs"
        );
        assert_eq!(
            vm_line(&Vm::default().with_placement(false, false)),
            "24 vCPUs on shared CPUs (no dedicatedCpuPlacement): the pod requests CPU time, not whole CPUs (100m per vCPU with KubeVirt's default cpuAllocationRatio of 10)"
        );
    }

    #[test]
    fn citations_name_the_document_its_versions_and_the_row() {
        assert_eq!(
            citation(),
            "“Live migration outcomes using vNUMA”, OpenShift Virtualization 4.20-4.22"
        );
        let rule = resolve(TableSize::ExtraLarge, Policy::SingleNumaNode);
        assert!(row_citation(rule).starts_with("row 1 (any size, single-numa-node) of “Live"));
        assert!(source_line().ends_with(DOCUMENT.url));
    }
}
