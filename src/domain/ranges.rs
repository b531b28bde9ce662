//! The vCPU counts that work on this host, per policy: what an architect
//! asks before any particular VM ("which sizes can we offer?").

use super::codes::{Policy, SizeClass, Verdict};
use super::field::Field;
use super::outcome::CellOutcome;
use super::scenario::Scenario;
use super::verdict::PolicyVerdict;

/// The vCPU counts whose verdict under `policy` would be `works` on this
/// host, the VM's other settings held (emulator thread, parity, placement,
/// memory), as inclusive ranges. Counts past the host's CPUs cannot run, so
/// the search stops there.
pub fn works_for_vcpus(scenario: &Scenario, policy: Policy) -> Vec<(u32, u32)> {
    let host = &scenario.host;
    let (_, most) = Field::Vcpus.bounds();
    let last = host.total_cpus().min(most);
    let mut trial = scenario.clone();
    let mut ranges: Vec<(u32, u32)> = Vec::new();
    for v in 1..=last {
        trial.vm = scenario.vm.with_vcpus(v);
        let class = SizeClass::classify(
            v.into(),
            host.cpus_per_node().into(),
            host.numa_nodes().into(),
        );
        let status = CellOutcome::new(class, policy).status;
        if PolicyVerdict::new(&trial, policy, status).verdict != Verdict::Works {
            continue;
        }
        match ranges.last_mut() {
            Some((_, end)) if *end + 1 == v => *end = v,
            _ => ranges.push((v, v)),
        }
    }
    ranges
}

/// Ranges as people write them: "1-15, 33-63", or "none".
pub fn ranges_text(ranges: &[(u32, u32)]) -> String {
    if ranges.is_empty() {
        return "none".to_string();
    }
    join_ranges(ranges, ", ")
}

/// Inclusive ranges as `lo-hi` (or `lo` alone), joined by `separator`:
/// Linux CPU lists use ",", sentences ", ".
pub fn join_ranges(ranges: &[(u32, u32)], separator: &str) -> String {
    ranges
        .iter()
        .map(|&(lo, hi)| {
            if lo == hi {
                lo.to_string()
            } else {
                format!("{lo}-{hi}")
            }
        })
        .collect::<Vec<_>>()
        .join(separator)
}
