use super::advisory::{advisories, Advisory};
use super::outcome::{outcome_for, CellOutcome};
use super::policy::Policy;
use super::scenario::Scenario;
use super::size::{Classification, SizeBoundaries};

/// Everything the planner says about one scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    pub scenario: Scenario,
    pub size: Classification,
    pub boundaries: SizeBoundaries,
    /// One per policy, in `Policy::ALL` order.
    pub outcomes: Vec<CellOutcome>,
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
        let size = Classification::new(vm.vcpus(), host.cpus_per_node(), host.numa_nodes());
        Report {
            boundaries: SizeBoundaries::new(host.cpus_per_node(), host.numa_nodes()),
            outcomes: Policy::ALL
                .into_iter()
                .map(|p| outcome_for(size.class, p))
                .collect(),
            advisories: advisories(&scenario, &size),
            scenario,
            size,
        }
    }

    pub fn outcome(&self, policy: Policy) -> &CellOutcome {
        let index = Policy::ALL.iter().position(|&p| p == policy).unwrap_or(0);
        &self.outcomes[index]
    }
}
