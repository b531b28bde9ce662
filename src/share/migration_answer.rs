//! The Markdown answer's migration sections: "Migrating to" the second
//! host and back, under each policy asked about, with the verdict, the
//! reason in one sentence and what to do. Apart from `answer` so the page's
//! own wasm does not hold the migration rules: the page's migration view,
//! loaded on demand, writes this part.

use crate::domain::present::host_line;
use crate::domain::{ranges_text, Direction, Policy, Report};
use std::fmt::Write as _;

/// Both directions between `a` and `b` (`b_policy`: the second host's own
/// policy, if it has one), as the answer's sections.
pub fn migration_answer(a: &Report, b: &Report, b_policy: Option<Policy>) -> String {
    let mut out = String::new();
    for (a_to_b, title, host) in [
        (true, "Migrating to the second host", &b.scenario.host),
        (false, "Migrating back to the first host", &a.scenario.host),
    ] {
        let _ = writeln!(
            out,
            "**{title}** ({}), the guest keeping its NUMA cells:",
            host_line(host)
        );
        for policy in a.asked() {
            let [there, back] = Direction::both(a, b, policy, b_policy);
            let way = if a_to_b { there } else { back };
            let m = way.migration();
            let policies = if way.from_policy == way.to_policy {
                format!("Under {}", way.from_policy)
            } else {
                format!("From {} to {}", way.from_policy, way.to_policy)
            };
            let _ = write!(
                out,
                "- {policies}: **{}**. {}",
                m.verdict.label(),
                m.reason()
            );
            if let Some(todo) = m.what_to_do(way.to_policy) {
                let _ = write!(out, " What to do: {todo}");
            }
            if let Some(ranges) = way.migrates_for_vcpus() {
                let _ = write!(out, " vCPU counts that migrate: {}.", ranges_text(&ranges));
            }
            out.push('\n');
        }
        out.push('\n');
    }
    out
}
