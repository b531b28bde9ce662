//! Readable output for people at a terminal.

use crate::domain::present::{host_line, origin, source_line, vm_line};
use crate::domain::{Cell, CellOutcome, Policy, Report, TableSize};
use std::fmt::Write as _;

pub fn report(r: &Report, read: &[String]) -> String {
    let mut out = String::new();
    if !read.is_empty() {
        let _ = writeln!(out, "Read from files:");
        for line in read {
            let _ = writeln!(out, "  {line}");
        }
        out.push('\n');
    }
    let _ = writeln!(out, "Host: {}", host_line(&r.scenario.host));
    let _ = writeln!(out, "VM:   {}", vm_line(&r.scenario.vm));
    let _ = writeln!(out, "Size: {} ({})", r.size.class, r.size.arithmetic());
    let _ = writeln!(out, "      on this host: {}", r.boundaries.describe());
    let _ = writeln!(out, "\nOutcome by Topology Manager policy:");
    for (policy, c) in r.outcomes.iter() {
        let mark = if r.scenario.policy == Some(policy) {
            '>'
        } else {
            ' '
        };
        let _ = writeln!(
            out,
            "{mark} {:<17} {:<17} {:<30} {}",
            policy.code(),
            c.status.code(),
            c.rows_text(),
            c.reason()
        );
    }
    if !r.advisories.is_empty() {
        let _ = writeln!(out, "\nAdvisories:");
        for a in &r.advisories {
            let _ = writeln!(out, "  [{}] {}", a.code, a.message);
            let _ = writeln!(
                out,
                "      {}: {} {}",
                origin(a.source),
                a.source.title,
                a.source.url
            );
        }
    }
    let _ = writeln!(out, "\n{}", source_line());
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
        for policy in Policy::ALL {
            let c = CellOutcome::of_cell(Cell::new(size, policy));
            let _ = write!(
                out,
                "{:<36}",
                format!("{} ({})", c.status.code(), c.rows_text())
            );
        }
        out.truncate(out.trim_end().len());
        out.push('\n');
    }
    let _ = writeln!(out, "\n{}", source_line());
    out
}
