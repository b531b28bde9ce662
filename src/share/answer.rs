//! A short Markdown answer a support engineer can paste into a case.

use crate::domain::{Policy, Report, VcpuSpec, DOCUMENT};
use std::fmt::Write as _;

/// The scenario, the class with its arithmetic, the outcome under `policy`
/// (or all four), the advisories, the source, and the link when there is one.
pub fn answer(report: &Report, policy: Option<Policy>, link: Option<&str>) -> String {
    let (host, vm) = (&report.scenario.host, &report.scenario.vm);
    let mut out = String::new();
    let shape = match vm.spec() {
        VcpuSpec::Count(v) => format!("{v} vCPUs"),
        VcpuSpec::Topology {
            sockets,
            cores,
            threads,
        } => format!(
            "{} vCPUs ({sockets} sockets x {cores} cores x {threads} threads)",
            vm.vcpus()
        ),
    };
    let mut extras = Vec::new();
    if vm.isolate_emulator_thread() {
        extras.push(format!(
            "isolateEmulatorThread: the pod requests {} CPUs",
            vm.pod_cpus()
        ));
    }
    if let Some(m) = vm.max_sockets() {
        extras.push(format!("maxSockets {m}"));
    }
    let extras = if extras.is_empty() {
        String::new()
    } else {
        format!(", {}", extras.join(", "))
    };
    let smt = host
        .threads_per_core()
        .map(|t| format!(", {t} threads per core"))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "**VM:** {shape}{extras}  \n**Host:** {} NUMA nodes x {} logical CPUs = {} CPUs{smt}",
        host.numa_nodes(),
        host.cpus_per_node(),
        host.total_cpus(),
    );
    let _ = writeln!(
        out,
        "**Size class:** {} ({}), counting logical CPUs per NUMA node.",
        report.size.class.code(),
        report.size.arithmetic()
    );
    out.push('\n');
    let cells: Vec<_> = match policy {
        Some(p) => vec![report.outcome(p)],
        None => report.outcomes.iter().collect(),
    };
    let heading = match policy {
        Some(p) => format!("**Outcome under the {p} Topology Manager policy:**"),
        None => "**Outcome under each Topology Manager policy:**".to_string(),
    };
    let _ = writeln!(out, "{heading}");
    for cell in cells {
        let why = match cell.rules.as_slice() {
            [rule] => rule.summary.to_string(),
            _ => cell.decision.explain().to_string(),
        };
        let _ = writeln!(
            out,
            "- {}: **{}**. {why} (document {})",
            cell.policy,
            cell.status.label(),
            cell.rows_text()
        );
    }
    if !report.advisories.is_empty() {
        let _ = writeln!(out, "\n**Also note:**");
        for a in &report.advisories {
            let _ = writeln!(out, "- {} (source: {})", a.message, a.source.url);
        }
    }
    let _ = writeln!(
        out,
        "\nSource: \"{}\", OpenShift Virtualization {}: {}",
        DOCUMENT.title,
        DOCUMENT.version_range(),
        DOCUMENT.url
    );
    if let Some(link) = link {
        let _ = writeln!(out, "Planner: {link}");
    }
    out
}
