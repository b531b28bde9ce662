//! Lists the page rewrites whenever the inputs change (advisories, failing
//! checks), written as markup for `inner_html`: a few format strings cost far
//! less wasm than typed, keyed views. Every piece of text is escaped.

use crate::domain::present::origin;
use crate::domain::{ranges_text, Advisory, CellOutcome, Check, Policy, Report, SizeClass};
use crate::share::escape_html;
use std::fmt::Write as _;

/// `<li>` items for advisories, each with its origin tag and source link.
pub fn advisory_items<'a>(advisories: impl Iterator<Item = &'a Advisory>) -> String {
    let mut out = String::new();
    for a in advisories {
        let _ = write!(
            out,
            "<li data-code=\"{}\"><p><span class=\"tag beyond\">{}</span> {}</p><p class=\"source\">Source: <a href=\"{}\" rel=\"noopener noreferrer\">{}</a></p></li>",
            a.code,
            origin(a.source),
            escape_html(&a.message),
            escape_html(a.source.url),
            escape_html(a.source.title)
        );
    }
    out
}

/// `<li>` items for checks, with their code and result.
pub fn check_items<'a>(checks: impl Iterator<Item = &'a Check>) -> String {
    let mut out = String::new();
    for c in checks {
        let _ = write!(
            out,
            "<li data-check=\"{}\" data-result=\"{}\">{}</li>",
            c.code,
            c.result,
            escape_html(&c.message)
        );
    }
    out
}

/// The size class, large, with the arithmetic that decided it and this
/// host's ranges.
pub fn size_head(r: &Report) -> String {
    format!(
        "<p class=\"badge\" data-size=\"{}\"><span class=\"badge-label\">{}</span></p><p class=\"arithmetic\">Decided by <code>{}</code> ({})</p><p class=\"ranges\">On this host: {}.</p>",
        r.size.class.code(),
        r.size.class.label(),
        r.size.arithmetic(),
        r.size.measure(),
        r.boundaries.describe()
    )
}

/// Below the ruler: the note for a VM larger than the host, then the VM's
/// outcome under each policy.
pub fn size_tail(r: &Report, chosen: Option<Policy>) -> String {
    let beyond = if r.size.class == SizeClass::ExceedsHost {
        "<p class=\"beyond\" role=\"note\">This VM has more vCPUs than the whole host. No policy can place it; the document does not cover this case.</p>"
    } else {
        ""
    };
    format!(
        "{beyond}<h3 class=\"verdicts-title\">Your VM on this host</h3><p class=\"hint\">vCPU counts that work: the same VM with another vCPU count, everything else held.</p><ul class=\"verdicts\">{}</ul>",
        verdict_items(r, chosen)
    )
}

/// `<li>` items for the VM's verdict under each policy: the verdict, the
/// document's cell beside it, the vCPU counts that work and the failing
/// checks; the cluster's policy, when chosen, is marked.
pub fn verdict_items(r: &Report, chosen: Option<Policy>) -> String {
    let mut out = String::new();
    for (policy, cell) in r.outcomes.iter() {
        let verdict = &r.verdicts[policy];
        let current = if chosen == Some(policy) {
            " class=\"chosen\" aria-current=\"true\""
        } else {
            ""
        };
        let _ = write!(
            out,
            "<li data-policy=\"{policy}\" data-status=\"{}\" data-verdict=\"{}\"{current}><span class=\"policy\">{policy}</span><span class=\"verdict\"><span aria-hidden=\"true\">{}</span> {}</span><span class=\"document\">Red Hat's table: <span class=\"status\">{}</span>, <span class=\"rows\">{}</span></span><span class=\"works-for\" data-works-for=\"\">vCPU counts that work: {}</span>",
            cell.status.code(),
            verdict.verdict.code(),
            verdict.verdict.icon(),
            verdict.verdict.label(),
            cell.status.label(),
            cell.rows_text(),
            ranges_text(&r.works_for[policy])
        );
        let problems = check_items(verdict.problems());
        if !problems.is_empty() {
            let _ = write!(out, "<ul class=\"checks\">{problems}</ul>");
        }
        out.push_str("</li>");
    }
    out
}

/// The grid's row for exactly half a node, when this host has one: the
/// document has no row for it, so each cell reads the small and large rows
/// and agrees with both where they agree (undefined under none). Marked
/// when it is the VM's size; its cells explain nothing more, so they are
/// not buttons.
pub fn half_row(r: &Report, chosen: Option<Policy>) -> String {
    let Some(half) = r.boundaries.half else {
        return String::new();
    };
    let current = r.size.class == SizeClass::HalfBoundary;
    let mut out = format!(
        "<tr data-size=\"half-boundary\"{}><th scope=\"row\"><span class=\"size-name\">Exactly half</span><span class=\"size-range\">{half} vCPUs</span>{}</th>",
        if current { " class=\"current\" aria-current=\"true\"" } else { "" },
        if current { "<span class=\"you\">your VM</span>" } else { "" }
    );
    for policy in Policy::ALL {
        let cell = CellOutcome::new(SizeClass::HalfBoundary, policy);
        let _ = write!(
            out,
            "<td data-size=\"half-boundary\" data-policy=\"{policy}\" data-status=\"{}\"{}><span class=\"cell half-cell\"><span class=\"cell-icon\" aria-hidden=\"true\">{}</span><span class=\"cell-label\">{}</span> <span class=\"cell-row\">{}</span></span></td>",
            cell.status.code(),
            if chosen == Some(policy) { " class=\"chosen\"" } else { "" },
            cell.status.icon(),
            cell.status.label(),
            cell.rows_text()
        );
    }
    out.push_str("</tr>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Field, Report, ScenarioInput};

    #[test]
    fn items_carry_their_codes_and_escaped_text() {
        let r = Report::new(ScenarioInput::default().with_vcpus("64").parse().unwrap());
        let checks = check_items(r.verdicts[crate::domain::Policy::None].problems());
        assert!(checks.starts_with("<li data-check=\"host-allocatable\" data-result=\"fail\">"));
        assert!(checks.contains("&quot;Insufficient cpu&quot;"), "{checks}");
        let advisories = advisory_items(r.advisories.iter());
        assert_eq!(advisories.matches("<li ").count(), r.advisories.len());
        assert!(advisories.contains("rel=\"noopener noreferrer\""));
    }

    #[test]
    fn the_half_row_agrees_where_small_and_large_agree() {
        let at = |cpus: &str, vcpus: &str| {
            Report::new(
                ScenarioInput::default()
                    .with(Field::CpusPerNode, cpus)
                    .with_vcpus(vcpus)
                    .parse()
                    .unwrap(),
            )
        };
        let row = half_row(&at("32", "16"), Some(crate::domain::Policy::BestEffort));
        assert!(
            row.starts_with(
                "<tr data-size=\"half-boundary\" class=\"current\" aria-current=\"true\">"
            ),
            "{row}"
        );
        assert!(row.contains("16 vCPUs"), "{row}");
        assert!(
            row.contains("data-policy=\"none\" data-status=\"ambiguous\">"),
            "{row}"
        );
        assert!(
            row.contains("data-policy=\"single-numa-node\" data-status=\"works\">"),
            "{row}"
        );
        assert!(
            row.contains("data-policy=\"best-effort\" data-status=\"works\" class=\"chosen\">"),
            "{row}"
        );
        // Not the VM's size: not marked; an odd node has no half.
        assert!(half_row(&at("32", "8"), None).starts_with("<tr data-size=\"half-boundary\"><th"));
        assert_eq!(half_row(&at("31", "8"), None), "");
    }

    #[test]
    fn verdict_items_give_the_counts_that_work() {
        let r = Report::default();
        let items = verdict_items(&r, Some(crate::domain::Policy::None));
        assert!(items.starts_with("<li data-policy=\"none\" data-status=\"migration-fails\" data-verdict=\"migration-fails\" class=\"chosen\" aria-current=\"true\">"), "{items}");
        assert!(
            items.contains("vCPU counts that work: 1-15, 33-63</span>"),
            "{items}"
        );
        assert_eq!(items.matches("<li data-policy=").count(), 4);
    }
}
