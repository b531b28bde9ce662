use super::advisory::{advisories, Advisory};
use super::outcome::CellOutcome;
use super::policy::ByPolicy;
use super::scenario::Scenario;
use super::size::{Classification, SizeBoundaries};

/// Everything the planner says about one scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    pub scenario: Scenario,
    pub size: Classification,
    pub boundaries: SizeBoundaries,
    pub outcomes: ByPolicy<CellOutcome>,
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
        let size = Classification::new(vm.vcpus(), host.cpus_per_node(), host.numa_nodes());
        Report {
            boundaries: SizeBoundaries::new(host.cpus_per_node(), host.numa_nodes()),
            outcomes: ByPolicy::from_fn(|p| CellOutcome::new(size.class, p)),
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

    /// The outcomes asked about: the chosen policy's, or all four.
    pub fn asked(&self) -> Vec<&CellOutcome> {
        match self.scenario.policy {
            Some(p) => vec![&self.outcomes[p]],
            None => self.outcomes.values().collect(),
        }
    }
}
