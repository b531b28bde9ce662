//! The Markdown answer's migration sections: "Migrating to" the second
//! host and back, under each policy asked about, with the verdict, the
//! reason in one sentence and what to do. Apart from `answer` so the page's
//! own wasm does not hold the migration rules: the page's migration view,
//! loaded on demand, writes this part.

use crate::domain::present::host_line;
use crate::domain::{ranges_text, Direction, Policy, Report};
use crate::trf;
use std::fmt::Write as _;

/// Both directions between `a` and `b` (`b_policy`: the second host's own
/// policy, if it has one), as the answer's sections.
pub fn migration_answer(a: &Report, b: &Report, b_policy: Option<Policy>) -> String {
    let mut out = String::new();
    for (a_to_b, host) in [(true, &b.scenario.host), (false, &a.scenario.host)] {
        let host = host_line(host);
        let heading = if a_to_b {
            trf!(
                "**Migrating to the second host** ({host}), the guest keeping its NUMA cells:",
                host = host
            )
        } else {
            trf!(
                "**Migrating back to the first host** ({host}), the guest keeping its NUMA cells:",
                host = host
            )
        };
        let _ = writeln!(out, "{heading}");
        for policy in a.asked() {
            let [there, back] = Direction::both(a, b, policy, b_policy);
            let way = if a_to_b { there } else { back };
            let m = way.migration();
            let policies = if way.from_policy == way.to_policy {
                trf!("Under {policy}", policy = way.from_policy)
            } else {
                trf!(
                    "From {from} to {to}",
                    from = way.from_policy,
                    to = way.to_policy
                )
            };
            let _ = write!(
                out,
                "- {policies}: **{}**. {}",
                m.verdict.label(),
                m.reason()
            );
            if let Some(todo) = m.what_to_do(way.to_policy) {
                let _ = write!(out, " {}", trf!("What to do: {todo}", todo = todo));
            }
            if let Some(ranges) = way.migrates_for_vcpus() {
                let _ = write!(
                    out,
                    " {}",
                    trf!(
                        "vCPU counts that migrate: {counts}.",
                        counts = ranges_text(&ranges)
                    )
                );
            }
            out.push('\n');
        }
        out.push('\n');
    }
    out
}
