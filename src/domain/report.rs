use super::advisory::{advisories, Advisory};
use super::codes::Policy;
use super::outcome::CellOutcome;
use super::policy::ByPolicy;
use super::ranges::{ranges_text, works_for_vcpus};
use super::scenario::Scenario;
use super::size::{Classification, SizeBoundaries};
use super::verdict::PolicyVerdict;
use crate::i18n::tr;

/// Everything the planner says about one scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    pub scenario: Scenario,
    pub size: Classification,
    pub boundaries: SizeBoundaries,
    /// The document's layer: its status and rows per policy.
    pub outcomes: ByPolicy<CellOutcome>,
    /// The admission layer: the verdict per policy and the checks behind it.
    pub verdicts: ByPolicy<PolicyVerdict>,
    /// Per policy, the vCPU counts that would work on this host with the
    /// VM's other settings held, as inclusive ranges.
    pub works_for: ByPolicy<Vec<(u32, u32)>>,
    /// From the numbers first, then from imported files.
    pub advisories: Vec<Advisory>,
}

impl Default for Report {
    fn default() -> Self {
        Report::new(Scenario::default())
    }
}

impl Report {
    pub fn new(scenario: Scenario) -> Report {
        let (host, vm) = (&scenario.host, &scenario.vm);
        // The largest node: the one a pod that fits one node can get.
        let size = Classification::with_total(
            vm.vcpus(),
            host.cpus_per_node(),
            host.numa_nodes(),
            host.total_cpus().into(),
        );
        let outcomes = ByPolicy::from_fn(|p| CellOutcome::for_vm(vm, size.class, p));
        Report {
            boundaries: SizeBoundaries::with_total(host.cpus_per_node(), host.total_cpus()),
            verdicts: ByPolicy::from_fn(|p| PolicyVerdict::new(&scenario, p, outcomes[p].status)),
            works_for: ByPolicy::from_fn(|p| works_for_vcpus(&scenario, p)),
            outcomes,
            advisories: advisories(&scenario, &size),
            scenario,
            size,
        }
    }

    /// The report with what imported files add (missing prerequisites,
    /// uneven NUMA nodes) after the planner's own advisories.
    pub fn with_advisories(mut self, more: impl IntoIterator<Item = Advisory>) -> Report {
        self.advisories.extend(more);
        self
    }

    /// Whether the document's table speaks of this VM: not when it runs on
    /// shared CPUs (its verdicts are then `not-applicable`, or `rejected`).
    pub fn applies(&self) -> bool {
        self.scenario.vm.dedicated_cpus()
    }

    /// The vCPU counts that work under `policy`, as people write them:
    /// "1-15, 33-62", "none", or, on shared CPUs, that the question does
    /// not apply (an empty list there is not "none work").
    pub fn works_for_text(&self, policy: Policy) -> String {
        if self.applies() {
            ranges_text(&self.works_for[policy])
        } else {
            tr("does not apply (shared CPUs)").to_string()
        }
    }

    /// The policies asked about: the chosen one, or all four.
    pub fn asked(&self) -> Vec<Policy> {
        match self.scenario.policy {
            Some(p) => vec![p],
            None => Policy::ALL.to_vec(),
        }
    }
}
