//! A short Markdown answer a support engineer can paste into a case.

use crate::domain::present::{host_line, origin, source_line, vm_line};
use crate::domain::Report;
use std::fmt::Write as _;

/// The scenario, the class with its arithmetic, the outcome under the
/// scenario's policy (or all four), the advisories, the source, and the link
/// when there is one.
pub fn answer(report: &Report, link: Option<&str>) -> String {
    let scenario = &report.scenario;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "**VM:** {}  \n**Host:** {}",
        vm_line(&scenario.vm),
        host_line(&scenario.host)
    );
    let _ = writeln!(
        out,
        "**Size class:** {} ({}), counting logical CPUs per NUMA node.",
        report.size.class,
        report.size.arithmetic()
    );
    let heading = match scenario.policy {
        Some(p) => format!("**Outcome under the {p} Topology Manager policy:**"),
        None => "**Outcome under each Topology Manager policy:**".to_string(),
    };
    let _ = writeln!(out, "\n{heading}");
    for cell in report.asked() {
        let _ = writeln!(
            out,
            "- {}: **{}**. {} (document {})",
            cell.policy,
            cell.status.label(),
            cell.reason(),
            cell.rows_text()
        );
    }
    if !report.advisories.is_empty() {
        let _ = writeln!(out, "\n**Also note:**");
        for a in &report.advisories {
            let _ = writeln!(
                out,
                "- {} ({}: {})",
                a.message,
                origin(a.source),
                a.source.url
            );
        }
    }
    let _ = writeln!(out, "\n{}", source_line());
    if let Some(link) = link {
        let _ = writeln!(out, "Planner: {link}");
    }
    out
}
