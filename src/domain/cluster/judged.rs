//! One VM shape judged on one node, as the single-host planner judges it.

use crate::domain::codes::{Policy, Status};
use crate::domain::host::Host;
use crate::domain::migration::Side;
use crate::domain::outcome::CellOutcome;
use crate::domain::scenario::Scenario;
use crate::domain::size::Classification;
use crate::domain::verdict::PolicyVerdict;
use crate::domain::vm::Vm;

/// A VM on a host under one policy: the scenario, the planner's verdict
/// and the document's status there, as `Report::new` gives them for that
/// policy (without the report's other parts, which a cluster does not need).
#[derive(Clone, Debug)]
pub struct Judged {
    pub scenario: Scenario,
    pub verdict: PolicyVerdict,
    pub status: Status,
    pub policy: Policy,
}

impl Judged {
    pub fn new(host: Host, vm: Vm, policy: Policy) -> Judged {
        let size = Classification::with_total(
            vm.vcpus(),
            host.cpus_per_node(),
            host.numa_nodes(),
            host.total_cpus().into(),
        );
        let status = CellOutcome::for_vm(&vm, size.class, policy).status;
        let scenario = Scenario {
            host,
            vm,
            policy: Some(policy),
        };
        let verdict = PolicyVerdict::new(&scenario, policy, status);
        Judged {
            scenario,
            verdict,
            status,
            policy,
        }
    }

    /// Whether the VM's pod is admitted and the VM runs (the threshold a
    /// migration's source must meet, `source-running`).
    pub fn runs(&self) -> bool {
        self.verdict.verdict >= crate::domain::codes::Verdict::MigrationFails
    }

    pub fn side(&self) -> Side<'_> {
        Side {
            scenario: &self.scenario,
            verdict: &self.verdict,
            status: self.status,
        }
    }
}
