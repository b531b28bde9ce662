//! A scenario as text, the way the page's form, links and command flags
//! carry it, in three parts: one host, the VM, and the cluster's settings.
//! A half-typed value is never lost: every input keeps its text, and both
//! ways of giving the host and the vCPUs keep theirs while the other is used.

mod cluster;
mod host;
mod texts;
mod vm;

pub use cluster::ClusterSettings;
pub use host::{HostInput, HostMode};
pub use vm::{VcpuMode, VmInput};

use super::codes::Switch;
use super::field::{Field, Part, Way};

/// A whole scenario as text. The default is the planner's opening question:
/// a 24 vCPU VM on a 2 x 32 CPU host.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ScenarioInput {
    pub host: HostInput,
    pub vm: VmInput,
    pub cluster: ClusterSettings,
}

impl ScenarioInput {
    /// A field's text, from the part it belongs to.
    pub fn text(&self, field: Field) -> &str {
        match field.part() {
            Part::Host => self.host.text(field),
            Part::Vm => self.vm.text(field),
        }
    }

    pub fn set_text(&mut self, field: Field, text: String) {
        match field.part() {
            Part::Host => self.host.set_text(field, text),
            Part::Vm => self.vm.set_text(field, text),
        }
    }

    /// The same scenario with one field's text replaced.
    pub fn with(mut self, field: Field, text: impl Into<String>) -> Self {
        self.set_text(field, text.into());
        self
    }

    /// The same scenario with the VM's vCPUs given as a count.
    pub fn with_vcpus(mut self, text: impl Into<String>) -> Self {
        self.vm = self.vm.with_vcpus(text);
        self
    }

    /// The same scenario with the VM's vCPUs given as KubeVirt's topology.
    pub fn with_topology(mut self, sockets: &str, cores: &str, threads: &str) -> Self {
        self.vm = self.vm.with_topology(sockets, cores, threads);
        self
    }

    /// The same scenario with another VM.
    pub fn with_vm(mut self, vm: VmInput) -> Self {
        self.vm = vm;
        self
    }

    /// Whether the field counts under the chosen ways of giving the host
    /// and the vCPUs.
    pub fn is_active(&self, field: Field) -> bool {
        is_active(&self.host, &self.vm, field)
    }

    pub fn switch(&self, switch: Switch) -> bool {
        switch_of(&self.vm, &self.cluster, switch)
    }

    pub fn set_switch(&mut self, switch: Switch, on: bool) {
        set_switch_in(&mut self.vm, &mut self.cluster, switch, on);
    }
}

/// A switch's state: the emulator thread is the VM's, the rest the
/// cluster's. full-pcpus-only counts as on only when given on.
pub fn switch_of(vm: &VmInput, cluster: &ClusterSettings, switch: Switch) -> bool {
    switch_given(vm, cluster, switch) == Some(true)
}

/// A switch as given: full-pcpus-only may be given off, or not given (the
/// node tuning then decides); the others are on or not given.
pub fn switch_given(vm: &VmInput, cluster: &ClusterSettings, switch: Switch) -> Option<bool> {
    match switch {
        Switch::EmulatorThread => vm.isolate_emulator_thread.then_some(true),
        Switch::EmulatorParity => cluster.emulator_parity.then_some(true),
        Switch::FullPcpusOnly => cluster.full_pcpus_only,
    }
}

/// Gives a switch: on, or off (full-pcpus-only given off wins over what
/// the node tuning implies).
pub fn set_switch_in(vm: &mut VmInput, cluster: &mut ClusterSettings, switch: Switch, on: bool) {
    match switch {
        Switch::EmulatorThread => vm.isolate_emulator_thread = on,
        Switch::EmulatorParity => cluster.emulator_parity = on,
        Switch::FullPcpusOnly => cluster.full_pcpus_only = Some(on),
    }
}

/// Whether `field` counts with this host and VM: an input of one way of
/// giving the host or the vCPUs only while that way is chosen.
pub fn is_active(host: &HostInput, vm: &VmInput, field: Field) -> bool {
    match field.way() {
        Way::Always => true,
        Way::Nodes => host.mode == HostMode::Nodes,
        Way::AsBought => host.mode == HostMode::AsBought,
        Way::Count => vm.mode == VcpuMode::Count,
        Way::Topology => vm.mode == VcpuMode::Topology,
    }
}
