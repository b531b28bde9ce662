//! Readable output for people at a terminal.

use crate::domain::{outcome_for, Policy, Report, Source, TableSize, VcpuSpec, DOCUMENT};
use crate::import::ImportNote;
use std::fmt::Write as _;

fn source_line() -> String {
    format!(
        "Source: {} (OpenShift {}), {}\n",
        DOCUMENT.title,
        DOCUMENT.version_range(),
        DOCUMENT.url
    )
}

pub fn report(r: &Report, policy: Option<Policy>, notes: &[ImportNote], read: &[String]) -> String {
    let (host, vm) = (&r.scenario.host, &r.scenario.vm);
    let mut out = String::new();
    if !read.is_empty() {
        let _ = writeln!(out, "Read from files:");
        for line in read {
            let _ = writeln!(out, "  {line}");
        }
        out.push('\n');
    }
    let smt = match (host.threads_per_core(), host.physical_cores_per_node()) {
        (Some(t), Some(p)) => format!(" ({p} cores x {t} threads)"),
        _ => String::new(),
    };
    let _ = writeln!(
        out,
        "Host: {} NUMA nodes x {} logical CPUs{smt} = {} CPUs",
        host.numa_nodes(),
        host.cpus_per_node(),
        host.total_cpus()
    );
    let shape = match vm.spec() {
        VcpuSpec::Count(_) => String::new(),
        VcpuSpec::Topology {
            sockets,
            cores,
            threads,
        } => format!(" = {sockets} sockets x {cores} cores x {threads} threads"),
    };
    let _ = writeln!(
        out,
        "VM:   {} vCPUs{shape}; the pod requests {} dedicated CPUs",
        vm.vcpus(),
        vm.pod_cpus()
    );
    let _ = writeln!(
        out,
        "Size: {} ({})",
        r.size.class.code(),
        r.size.arithmetic()
    );
    let _ = writeln!(out, "      on this host: {}", r.boundaries.describe());
    let _ = writeln!(out, "\nOutcome by Topology Manager policy:");
    for c in &r.outcomes {
        let summary = match c.rules.as_slice() {
            [r] => r.summary,
            _ => c.decision.explain(),
        };
        let mark = if policy == Some(c.policy) { '>' } else { ' ' };
        let _ = writeln!(
            out,
            "{mark} {:<17} {:<17} {:<30} {summary}",
            c.policy.code(),
            c.status.code(),
            c.rows_text()
        );
    }
    let advisories: Vec<(&str, &String, &Source)> = r
        .advisories
        .iter()
        .map(|a| (a.code.code(), &a.message, a.source))
        .chain(notes.iter().map(|n| (n.code, &n.message, n.source)))
        .collect();
    if !advisories.is_empty() {
        let _ = writeln!(out, "\nAdvisories:");
        for (code, message, source) in advisories {
            let origin = if source.from_document {
                "document"
            } else {
                "beyond the document"
            };
            let _ = writeln!(out, "  [{code}] {message}");
            let _ = writeln!(out, "      {origin}: {} {}", source.title, source.url);
        }
    }
    out.push('\n');
    out.push_str(&source_line());
    out
}

pub fn table() -> String {
    let mut out = String::new();
    let _ = write!(out, "{:<13}", "size");
    for p in Policy::ALL {
        let _ = write!(out, "{:<36}", p.code());
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    for size in TableSize::ALL {
        let _ = write!(out, "{:<13}", size.code());
        for p in Policy::ALL {
            let c = outcome_for(size.class(), p);
            let _ = write!(
                out,
                "{:<36}",
                format!("{} ({})", c.status.code(), c.rows_text())
            );
        }
        out.truncate(out.trim_end().len());
        out.push('\n');
    }
    out.push('\n');
    out.push_str(&source_line());
    out
}
