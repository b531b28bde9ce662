//! How the planner phrases its facts. The command's text and JSON, the
//! copyable answer and the page all take their sentences from here and only
//! arrange them.

use super::host::Host;
use super::rules::{Rule, DOCUMENT};
use super::source::Source;
use super::vm::{VcpuSpec, Vm};

/// "2 NUMA nodes x 32 logical CPUs (16 cores x 2 threads) = 64 CPUs"
pub fn host_line(host: &Host) -> String {
    let smt = match (host.threads_per_core(), host.physical_cores_per_node()) {
        (Some(t), Some(p)) => format!(" ({p} cores x {t} threads)"),
        _ => String::new(),
    };
    format!(
        "{} NUMA nodes x {} logical CPUs{smt} = {} CPUs",
        host.numa_nodes(),
        host.cpus_per_node(),
        host.total_cpus()
    )
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
        } => format!(" = {sockets} sockets x {cores} cores x {threads} threads"),
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
    let kind = if vm.dedicated_cpus() {
        "dedicated"
    } else {
        "shared (no dedicatedCpuPlacement)"
    };
    format!(
        "{} vCPUs{shape}; the pod requests {} {kind} CPUs{emulator}{max_sockets}",
        vm.vcpus(),
        vm.pod_cpus()
    )
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
    format!("Source: {}: {}", citation(), DOCUMENT.url)
}

/// One row of the document, cited: "row 7 (large size, single-numa-node) of …".
pub fn row_citation(rule: &Rule) -> String {
    format!(
        "row {} ({} size, {}) of {}",
        rule.row,
        rule.size,
        rule.policy,
        citation()
    )
}

/// Whether a statement comes from the document or is the planner's addition.
pub fn origin(source: &Source) -> &'static str {
    if source.from_document {
        "From the document"
    } else {
        "Beyond the document"
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
            "24 vCPUs; the pod requests 24 shared (no dedicatedCpuPlacement) CPUs"
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
