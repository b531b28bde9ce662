//! Live migration of a vNUMA VM under the Topology Manager policy none,
//! whatever its size: what the table's rows for none leave out (L1).

use super::admission::Check;
use super::codes::{CheckCode, CheckResult, Policy, Verdict};
use super::source::Source;
use super::vm::Vm;
use crate::i18n::tr;

/// Under none, the 4.20 release notes list a known issue (CNV-70330) for
/// every vNUMA VM, and on a busy target the CPU manager takes CPUs from the
/// fullest node first, so the target pod may span more nodes than the guest
/// has cells. The table keeps "migrates" for small and extra-large VMs, so
/// this is a risk beside it, never a definite failure; the document's status
/// is left as it is.
pub fn none_policy_migration(vm: &Vm, policy: Policy) -> Option<Check> {
    let vnuma = vm.dedicated_cpus() && vm.numa_passthrough();
    (policy == Policy::None && vnuma).then(|| {
        Check::new(
            CheckCode::NonePolicyMigration,
            CheckResult::Risk,
            Verdict::AtRisk,
            tr("Under none, any vNUMA VM may fail to live-migrate: the 4.20 release notes list it as a known issue (CNV-70330), and on a busy target the CPU manager fills the fullest NUMA node first, so the target pod can span more nodes than the VM has guest cells. best-effort or single-numa-node avoid it.").to_string(),
            &Source::OPENSHIFT_420_RELEASE_NOTES,
        )
    })
}
