//! A short Markdown answer a support engineer can paste into a case: the
//! verdict first, then why, what the customer will see and what to do.

use crate::domain::fixes::{fixes, reserve_hugepages, Fix};
use crate::domain::present::{
    host_line, implied_line, origin, placement_text, source_line, vm_line,
};
use crate::domain::{format_bytes, printable, CheckCode, CheckResult, Policy, Report, Verdict};
use crate::i18n::tr;
use crate::trf;
use std::fmt::Write as _;

/// Markdown's line break inside a paragraph.
const BREAK: &str = "  \n";

/// Text that can hold a file's words (a VM's name, a value it gave) as
/// Markdown shows it literally: every character that could start markup
/// (emphasis, a link or image, code, an HTML tag or entity, a table cell,
/// strike-through, a heading) behind a backslash, control characters shown
/// by `printable`, so it can neither link nor format nor break the line.
pub fn markdown_text(text: &str) -> String {
    let text = printable(text);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '!' | '&' | '#'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The verdict under the scenario's policy (or each of the four), the
/// document's cell beside it, the failing checks, what the customer sees and
/// does; then a second host's verdicts when one is compared, `migration`
/// (the migration sections, `migration_answer`, or nothing), the scenario,
/// the advisories, the source and the link.
pub fn answer(
    report: &Report,
    compared: Option<&Report>,
    migration: &str,
    link: Option<&str>,
) -> String {
    let scenario = &report.scenario;
    let mut out = String::new();
    if report.applies() {
        for policy in report.asked() {
            policy_section(&mut out, report, policy);
        }
    } else {
        shared_section(&mut out, report);
    }
    if let Some(second) = compared {
        compared_section(&mut out, report, second);
    }
    out.push_str(migration);
    let _ = writeln!(
        out,
        "{}{BREAK}{}{BREAK}{}",
        trf!("**VM:** {vm}", vm = vm_line(&scenario.vm)),
        trf!("**Host:** {host}", host = host_line(&scenario.host)),
        trf!(
            "**Size class:** {class} ({arithmetic}), counting logical CPUs per NUMA node.",
            class = report.size.class,
            arithmetic = report.size.arithmetic()
        )
    );
    if !report.advisories.is_empty() {
        let _ = writeln!(out, "\n{}", tr("**Also note:**"));
        for a in &report.advisories {
            let _ = writeln!(
                out,
                "- {} ({}: {})",
                markdown_text(&a.message),
                origin(a.source),
                a.source.url
            );
        }
    }
    let _ = write!(out, "\n{}", source_line());
    if let Some(link) = link {
        let _ = write!(out, "{BREAK}{}", trf!("Planner: {link}", link = link));
    }
    out.push('\n');
    out
}

/// The same VM on the second host: one line per policy asked, beside the
/// first host's verdict.
fn compared_section(out: &mut String, first: &Report, second: &Report) {
    let _ = writeln!(
        out,
        "{}",
        trf!(
            "**Compared with a second host:** {host}; size class {class} ({arithmetic}).",
            host = host_line(&second.scenario.host),
            class = second.size.class,
            arithmetic = second.size.arithmetic()
        )
    );
    for policy in first.asked() {
        let _ = writeln!(
            out,
            "- {}",
            trf!(
                "Under {policy}: {verdict} (first host: {first}); vCPU counts that work there: {counts}.",
                policy = policy,
                verdict = second.verdicts[policy].verdict.label(),
                first = first.verdicts[policy].verdict.label(),
                counts = second.works_for_text(policy)
            )
        );
    }
    out.push('\n');
}

/// A VM on shared CPUs: the table and the policy-bound checks do not apply,
/// so its verdict is the same under every policy and is said once.
fn shared_section(out: &mut String, report: &Report) {
    let policy = report.asked()[0];
    let (cell, verdict) = (&report.outcomes[policy], &report.verdicts[policy]);
    let _ = writeln!(
        out,
        "{}",
        trf!(
            "**Under every Topology Manager policy: {verdict}** (Red Hat's table does not apply: shared CPUs)",
            verdict = verdict.verdict.label()
        )
    );
    if verdict.verdict == Verdict::NotApplicable {
        let url = cell.decision.source().map_or("", |s| s.url);
        let _ = writeln!(out, "- {} ({url})", cell.reason());
    }
    for check in verdict.problems() {
        let _ = writeln!(out, "- {} ({})", check.message, check.source.url);
    }
    out.push('\n');
}

fn policy_section(out: &mut String, report: &Report, policy: Policy) {
    let (cell, verdict) = (&report.outcomes[policy], &report.verdicts[policy]);
    let table = match cell.rules.as_slice() {
        [] => tr("not in Red Hat's table").to_string(),
        [rule] => trf!(
            "Red Hat's table, row {row}: {status}",
            row = rule.row,
            status = cell.status.label()
        ),
        rules => trf!(
            "Red Hat's table, rows {rows}: {status}",
            rows = rules
                .iter()
                .map(|r| r.row.to_string())
                .collect::<Vec<_>>()
                .join(tr(" and ")),
            status = cell.status.label()
        ),
    };
    let _ = writeln!(
        out,
        "{}",
        trf!(
            "**Under the {policy} Topology Manager policy: {verdict}** ({table})",
            policy = policy,
            verdict = verdict.verdict.label(),
            table = table
        )
    );
    // The document's row leads while the checks leave its status as it is;
    // a check that makes it worse speaks instead.
    if verdict.verdict == Verdict::from(cell.status) {
        match cell.rules.as_slice() {
            [rule] => {
                let _ = writeln!(
                    out,
                    "- {}\n- {}\n- {}",
                    rule.summary(),
                    trf!("What you will see: {sees}", sees = rule.user_sees()),
                    trf!("What to do: {todo}", todo = rule.what_to_do())
                );
            }
            _ => {
                let _ = writeln!(out, "- {}", cell.reason());
            }
        }
    }
    for check in verdict.problems() {
        let _ = writeln!(out, "- {} ({})", check.message, check.source.url);
    }
    let fixes = fixes(report, policy);
    if !fixes.is_empty() {
        let _ = writeln!(
            out,
            "- {}",
            tr("What to do (each change checked by the planner: with it, the check passes):")
        );
        for fix in &fixes {
            out.push_str(&fix_markdown(fix));
        }
    }
    if let Some(r) = reserve_hugepages(&report.scenario, policy) {
        let nodes: Vec<String> = r
            .nodes
            .iter()
            .map(|n| trf!("node {node}: {pages}", node = n.node, pages = n.pages))
            .collect();
        let any = if r.any_of {
            tr(" (the pod fits one node and may land on any of these: each needs all the pages)")
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "- {}",
            trf!(
                "Huge pages of {size} to reserve per NUMA node: {nodes}{any}, with one page of headroom on each; the launcher also needs about {overhead} of regular memory (P10).",
                size = r.size,
                nodes = nodes.join(", "),
                any = any,
                overhead = format_bytes(r.overhead_bytes.div_ceil(1 << 20) << 20)
            )
        );
        // A fix above already shows the same snippet.
        if !fixes.iter().any(|f| f.yaml == r.yaml) {
            out.push_str(&indented_block(&r.yaml, "  "));
        }
    }
    if report.scenario.vm.memory_bytes().is_some() {
        // Where the guest's cells land, with the per-node page arithmetic.
        let _ = writeln!(out, "- {}", placement_text(report, policy));
        for check in verdict.checks.iter().filter(|c| {
            c.result == CheckResult::Pass
                && matches!(
                    c.code,
                    CheckCode::NodeHugepages | CheckCode::MemoryManagerNode
                )
        }) {
            let _ = writeln!(out, "- {}", check.message);
        }
    }
    if let Some(line) = implied_line(&report.scenario.host, policy) {
        let _ = writeln!(out, "- {line}");
    }
    let _ = writeln!(
        out,
        "- {}",
        trf!(
            "vCPU counts that work under {policy} on this host, the VM's other settings held: {counts}.",
            policy = policy,
            counts = report.works_for_text(policy)
        )
    );
    out.push('\n');
}

/// One checked fix as a nested list item: its summary, the planner's
/// flags that model it, and the change as a code block.
pub fn fix_markdown(fix: &Fix) -> String {
    let mut out = format!(
        "  - {} {}\n",
        fix.summary,
        trf!(
            "Planner flags: `{flags}`.",
            flags = fix.planner_args.join(" ")
        )
    );
    out.push_str(&indented_block(&fix.yaml, "    "));
    out
}

/// A code block inside a list item, indented as the item's text.
fn indented_block(text: &str, indent: &str) -> String {
    let mut out = format!("{indent}```yaml\n");
    for line in text.lines() {
        let _ = writeln!(out, "{indent}{line}");
    }
    let _ = writeln!(out, "{indent}```");
    out
}
