//! Lists the page rewrites whenever the inputs change (advisories, failing
//! checks), written as markup for `inner_html`: a few format strings cost far
//! less wasm than typed, keyed views. Every piece of text is escaped.

use crate::domain::present::origin;
use crate::domain::{Advisory, Check};
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Report, ScenarioInput, VcpuInput};

    #[test]
    fn items_carry_their_codes_and_escaped_text() {
        let r = Report::new(
            ScenarioInput {
                vcpus: VcpuInput::Count("64".into()),
                ..ScenarioInput::default()
            }
            .parse()
            .unwrap(),
        );
        let checks = check_items(r.verdicts[crate::domain::Policy::None].problems());
        assert!(checks.starts_with("<li data-check=\"host-allocatable\" data-result=\"fail\">"));
        assert!(checks.contains("&quot;Insufficient cpu&quot;"), "{checks}");
        let advisories = advisory_items(r.advisories.iter());
        assert_eq!(advisories.matches("<li ").count(), r.advisories.len());
        assert!(advisories.contains("rel=\"noopener noreferrer\""));
    }
}
