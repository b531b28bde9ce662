use super::admission::{checks, Check};
use super::api_checks::api_checks;
use super::codes::{CheckResult, Policy, Status, Verdict};
use super::hugepage_checks::hugepage_checks;
use super::none_policy::none_policy_migration;
use super::placement::Placement;
use super::scenario::Scenario;
use crate::i18n::tr;

impl From<Status> for Verdict {
    /// The document's status as a verdict: the best the VM can get.
    fn from(status: Status) -> Verdict {
        match status {
            Status::Works => Verdict::Works,
            Status::MigrationFails => Verdict::MigrationFails,
            Status::FailsToStart => Verdict::FailsToStart,
            Status::VmDoesNotWork => Verdict::VmDoesNotWork,
            Status::Ambiguous => Verdict::Ambiguous,
            Status::Unschedulable => Verdict::Unschedulable,
            Status::NotApplicable => Verdict::NotApplicable,
        }
    }
}

impl Verdict {
    /// Short label, as for a grid cell.
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Rejected => tr("Rejected"),
            Verdict::Unschedulable => tr("Cannot run"),
            Verdict::FailsToStart => tr("Fails to start"),
            Verdict::VmDoesNotWork => tr("Does not work"),
            Verdict::MigrationFails => tr("Migration fails"),
            Verdict::Ambiguous => tr("Undefined"),
            Verdict::AtRisk => tr("At risk"),
            Verdict::NotApplicable => tr("Table does not apply"),
            Verdict::Works => tr("Migrates"),
        }
    }

    /// A symbol beside the label, so colour is never the only cue.
    pub const fn icon(self) -> &'static str {
        match self {
            Verdict::Works => "✓",
            Verdict::MigrationFails | Verdict::AtRisk => "⚠",
            Verdict::Rejected | Verdict::FailsToStart | Verdict::VmDoesNotWork => "✕",
            Verdict::Ambiguous => "?",
            Verdict::Unschedulable => "⊘",
            Verdict::NotApplicable => "–",
        }
    }
}

/// The planner's answer under one policy: the document's status made worse
/// by whatever the admission checks find, with the checks behind it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyVerdict {
    pub verdict: Verdict,
    pub checks: Vec<Check>,
    /// Where the pod lands on an empty host; `None` when it cannot be
    /// placed, or runs on shared CPUs.
    pub placement: Option<Placement>,
}

impl PolicyVerdict {
    pub fn new(scenario: &Scenario, policy: Policy, status: Status) -> PolicyVerdict {
        let host = &scenario.host.for_policy(policy);
        let vm = &scenario.vm;
        let placement = if vm.dedicated_cpus() {
            Placement::new(host, vm, policy)
        } else {
            None
        };
        // KubeVirt's API judges the VM before any pod exists.
        let mut checks = [api_checks(vm), checks(host, vm, policy)].concat();
        if vm.dedicated_cpus() {
            checks.extend(hugepage_checks(host, vm, policy, placement.as_ref()));
        }
        checks.extend(none_policy_migration(vm, policy));
        // Verdicts are declared worst first, so the worst is the smallest.
        let verdict = checks
            .iter()
            .map(Check::verdict)
            .fold(Verdict::from(status), Verdict::min);
        PolicyVerdict {
            verdict,
            checks,
            placement,
        }
    }

    /// The checks that fail or put the VM at risk.
    pub fn problems(&self) -> impl Iterator<Item = &Check> {
        self.checks.iter().filter(|c| c.result != CheckResult::Pass)
    }
}
