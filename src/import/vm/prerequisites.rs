//! The vNUMA prerequisites a VM's manifest can miss.

use crate::domain::{Advisory, AdvisoryCode, Source};
use crate::import::yaml::Place;

/// What the manifest says about the three prerequisites.
pub struct Prerequisites<'a> {
    /// The dedicated-CPU flag's place, and whether it is true.
    pub dedicated: (&'a Place<'a>, bool),
    /// `numa.guestMappingPassthrough`'s place, and whether it is set.
    pub passthrough: (&'a Place<'a>, bool),
    /// The memory settings' place, and whether huge pages are set.
    pub hugepages: (&'a Place<'a>, bool),
}

impl Prerequisites<'_> {
    /// One advisory for each prerequisite that is missing.
    pub fn notes(&self) -> Vec<Advisory> {
        let missing = [
            (
                self.dedicated,
                AdvisoryCode::MissingDedicatedCpus,
                "is not true: without dedicated CPUs the Topology Manager does not align the VM's CPUs, so the table does not apply; with numa.guestMappingPassthrough set, KubeVirt's API refuses the VM.",
            ),
            (
                self.passthrough,
                AdvisoryCode::MissingGuestMappingPassthrough,
                "is not set: the guest sees no NUMA topology matching the host's.",
            ),
            (
                self.hugepages,
                AdvisoryCode::MissingHugepages,
                "is not set: vNUMA needs the VM's memory backed by huge pages; with numa.guestMappingPassthrough set, KubeVirt's API refuses the VM without them.",
            ),
        ];
        missing
            .into_iter()
            .filter(|((_, set), _, _)| !set)
            .map(|((place, _), code, why)| Advisory {
                code,
                message: format!("{} {why}", place.path),
                source: &Source::VNUMA_PREREQUISITES,
            })
            .collect()
    }
}
