//! Readable output for people at a terminal.

use crate::domain::fixes::{fixes, reserve_hugepages};
use crate::domain::present::{host_line, implied_line, origin, source_line, table_scope, vm_line};
use crate::domain::{
    printable, Cell, CellOutcome, CheckResult, Direction, Placement, Policy, Report, TableSize,
};
use crate::i18n::tr;
use crate::trf;
use std::fmt::Write as _;

/// The report; `read` holds what was read from files. Text that can hold
/// a file's words (the read lines, advisories, checks) goes through
/// `printable`: its control characters are shown, never sent to the terminal.
/// Both directions of a live migration between the two hosts, a line per
/// policy with what fails or is at risk.
pub fn migrations(a: &Report, b: &Report, b_policy: Option<Policy>) -> String {
    let mut out = String::new();
    for a_to_b in [true, false] {
        let ways = Policy::ALL.map(|policy| {
            let [there, back] = Direction::both(a, b, policy, b_policy);
            if a_to_b { there } else { back }.migration()
        });
        let from = ways[0].source_cells_from.phrase();
        let heading = if a_to_b {
            trf!(
                "Live migration first -> second host (the guest keeps its NUMA cells, {from}):",
                from = from
            )
        } else {
            trf!(
                "Live migration second -> first host (the guest keeps its NUMA cells, {from}):",
                from = from
            )
        };
        let _ = writeln!(out, "{heading}");
        for (policy, m) in Policy::ALL.into_iter().zip(ways) {
            let _ = writeln!(out, "  {:<17} {}", policy.code(), m.verdict.code());
            for c in m.checks.iter().filter(|c| c.result != CheckResult::Pass) {
                let _ = writeln!(out, "      {} [{}] {}", c.result.code(), c.code, c.message);
            }
        }
    }
    out
}

pub fn report(r: &Report, read: &[String]) -> String {
    let mut out = String::new();
    if !read.is_empty() {
        let _ = writeln!(out, "{}", tr("Read from files:"));
        for line in read {
            let _ = writeln!(out, "  {}", printable(line));
        }
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "{}",
        trf!("Host: {host}", host = host_line(&r.scenario.host))
    );
    if let Some(shape) = r.scenario.host.shape() {
        let _ = writeln!(
            out,
            "      {}",
            trf!("as bought: {shape}", shape = shape.working())
        );
    }
    let _ = writeln!(out, "{}", trf!("VM:   {vm}", vm = vm_line(&r.scenario.vm)));
    let _ = writeln!(
        out,
        "{}",
        trf!(
            "Size: {class} ({arithmetic})",
            class = r.size.class,
            arithmetic = r.size.arithmetic()
        )
    );
    let _ = writeln!(
        out,
        "      {}",
        trf!("on this host: {sizes}", sizes = r.boundaries.describe())
    );
    let _ = writeln!(
        out,
        "\n  {:<17} {:<17} {:<17} {:<17} {}",
        tr("policy"),
        tr("verdict"),
        tr("document"),
        tr("rows"),
        tr("why")
    );
    for (policy, c) in r.outcomes.iter() {
        let mark = if r.scenario.policy == Some(policy) {
            '>'
        } else {
            ' '
        };
        let verdict = &r.verdicts[policy];
        let _ = writeln!(
            out,
            "{mark} {:<17} {:<17} {:<17} {:<17} {}",
            policy.code(),
            verdict.verdict.code(),
            c.status.code(),
            c.rows_text(),
            // Said once below the table: the same for every policy.
            if c.applies() {
                c.reason()
            } else {
                tr("Shared CPUs: the table does not apply (below).")
            }
        );
        let fixes = fixes(r, policy);
        for check in verdict.problems() {
            let _ = writeln!(
                out,
                "      {} [{}] {}",
                check.result,
                check.code,
                printable(&check.message)
            );
            for fix in fixes.iter().filter(|f| f.check == check.code) {
                let _ = writeln!(
                    out,
                    "        {}",
                    trf!(
                        "fix: {summary} (checked with {flags})",
                        summary = fix.summary,
                        flags = fix.planner_args.join(" ")
                    )
                );
            }
        }
        if let Some(p) = &verdict.placement {
            let _ = writeln!(
                out,
                "      {}",
                trf!("placement: {placement}", placement = placement_line(p))
            );
        }
        if let Some(res) = reserve_hugepages(&r.scenario, policy) {
            let nodes: Vec<String> = res
                .nodes
                .iter()
                .map(|n| trf!("node {node} {pages}", node = n.node, pages = n.pages))
                .collect();
            let _ = writeln!(
                out,
                "      {}",
                trf!(
                    "huge pages of {size} to reserve: {nodes}{each} (one page of headroom each; PerformanceProfile hugepages.pages[] with node)",
                    size = res.size,
                    nodes = nodes.join(", "),
                    each = if res.any_of {
                        tr(", each (any of them)")
                    } else {
                        ""
                    }
                )
            );
        }
        if let Some(line) = implied_line(&r.scenario.host, policy) {
            let _ = writeln!(out, "      {line}");
        }
    }
    if !r.applies() {
        let c = &r.outcomes[Policy::None];
        let _ = writeln!(out, "\n  {}", c.reason());
        if let Some(s) = c.decision.source() {
            let _ = writeln!(out, "      {}: {} {}", origin(s), s.title, s.url);
        }
    }
    let _ = writeln!(
        out,
        "\n{}",
        tr("vCPU counts that work on this host (other settings held):")
    );
    for policy in Policy::ALL {
        let _ = writeln!(out, "  {:<17} {}", policy.code(), r.works_for_text(policy));
    }
    for (heading, bears) in [
        (tr("Advisories:"), true),
        (tr("Also worth knowing:"), false),
    ] {
        let mut group = r
            .advisories
            .iter()
            .filter(|a| a.code.bears_on_outcome() == bears)
            .peekable();
        if group.peek().is_some() {
            let _ = writeln!(out, "\n{heading}");
        }
        for a in group {
            let _ = writeln!(out, "  [{}] {}", a.code, printable(&a.message));
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

/// "node 0 (24 CPUs, 5 pages), node 1 (16 CPUs, 4 pages); certain"
fn placement_line(p: &Placement) -> String {
    let nodes: Vec<String> = p
        .nodes
        .iter()
        .map(|n| match n.pages {
            _ if n.vcpus == 0 => trf!(
                "node {node} ({cpus} CPUs for the emulator or IO threads, no guest cell)",
                node = n.node,
                cpus = n.cpus
            ),
            Some(pages) => trf!(
                "node {node} ({cpus} CPUs, {pages} pages)",
                node = n.node,
                cpus = n.cpus,
                pages = pages
            ),
            None => trf!("node {node} ({cpus} CPUs)", node = n.node, cpus = n.cpus),
        })
        .collect();
    let how = if p.certain {
        tr("certain on an empty host").to_string()
    } else if p.candidates.len() > 1 {
        trf!("or any of nodes {nodes}", nodes = join(&p.candidates))
    } else {
        tr("one choice of several").to_string()
    };
    format!("{}; {how}", nodes.join(", "))
}

fn join(ids: &[u32]) -> String {
    ids.iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn table() -> String {
    let mut out = String::new();
    let _ = write!(out, "{:<13}", tr("size"));
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
    let _ = writeln!(out, "\n{}\n{}", table_scope(), source_line());
    out
}
