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
        *switch_in(&mut self.vm, &mut self.cluster, switch) = on;
    }
}

/// A switch's state: the emulator thread is the VM's, the rest the cluster's.
pub fn switch_of(vm: &VmInput, cluster: &ClusterSettings, switch: Switch) -> bool {
    match switch {
        Switch::EmulatorThread => vm.isolate_emulator_thread,
        Switch::EmulatorParity => cluster.emulator_parity,
        Switch::FullPcpusOnly => cluster.full_pcpus_only,
    }
}

/// Where a switch's state is kept.
pub fn switch_in<'a>(
    vm: &'a mut VmInput,
    cluster: &'a mut ClusterSettings,
    switch: Switch,
) -> &'a mut bool {
    match switch {
        Switch::EmulatorThread => &mut vm.isolate_emulator_thread,
        Switch::EmulatorParity => &mut cluster.emulator_parity,
        Switch::FullPcpusOnly => &mut cluster.full_pcpus_only,
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
