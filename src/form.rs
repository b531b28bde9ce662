//! The page's inputs as the user typed them: the scenario's parts (one host,
//! the VM, the cluster's settings) and a second host to compare. Plain Rust
//! so the page, the URL state, the command and native tests share it.

use crate::domain::fixes::Edit;
use crate::domain::{
    is_active, set_switch_in, switch_given, switch_of, ClusterSettings, Field, HostInput, Part,
    Policy, ScenarioInput, Switch, VcpuMode, VmInput, Way,
};

/// Which host a host field belongs to: the one the VM is planned on, or the
/// second one it is compared with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Main,
    Compare,
}

impl Side {
    pub const BOTH: [Side; 2] = [Side::Main, Side::Compare];

    /// What a compared host's link keys, flags and element ids start with.
    pub const fn prefix(self) -> &'static str {
        match self {
            Side::Main => "",
            Side::Compare => "b_",
        }
    }

    /// A field's link key on this side (`b_numa_nodes` for the compared
    /// host's; a VM field's key is the same on both).
    pub const fn key(self, field: Field) -> &'static str {
        match self {
            Side::Main => field.key(),
            Side::Compare => field.compared_key(),
        }
    }

    /// The fields this side has: every input on the main side, the host's
    /// on the compared host (the VM is the same on both).
    pub fn fields(self) -> impl Iterator<Item = Field> {
        Field::ALL
            .into_iter()
            .filter(move |f| self == Side::Main || f.part() == Part::Host)
    }

    /// A field's flag on this side (`--b-numa-nodes`).
    pub fn flag(self, field: Field) -> String {
        crate::domain::flag_of(self.key(field))
    }
}

/// Every input of the page: the scenario's parts, with a second host to
/// compare the same VM on.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FormState {
    pub host: HostInput,
    /// A second host to compare, with the same VM and cluster settings.
    pub compare: Option<HostInput>,
    /// The second host's own Topology Manager policy (nodes of another
    /// pool); none: the first host's.
    pub compare_policy: Option<Policy>,
    pub vm: VmInput,
    pub cluster: ClusterSettings,
}

impl FormState {
    /// Whether the field counts in the current host and vCPU modes (only
    /// one mode's fields do; the other keeps its text for switching back).
    pub fn is_active(&self, field: Field) -> bool {
        is_active(&self.host, &self.vm, field)
    }

    /// One side's host; the compared one only while there is one.
    pub fn host_on(&self, side: Side) -> Option<&HostInput> {
        match side {
            Side::Main => Some(&self.host),
            Side::Compare => self.compare.as_ref(),
        }
    }

    pub fn host_on_mut(&mut self, side: Side) -> Option<&mut HostInput> {
        match side {
            Side::Main => Some(&mut self.host),
            Side::Compare => self.compare.as_mut(),
        }
    }

    /// Starts comparing with a copy of this host (to be changed), or stops.
    pub fn set_comparing(&mut self, on: bool) {
        self.compare = on.then(|| self.compare.take().unwrap_or_else(|| self.host.copied()));
    }

    pub fn set_mode(&mut self, mode: VcpuMode) {
        self.vm.set_mode(mode);
    }

    /// Makes a fix's edits (`domain::fixes`): a vCPU field also chooses
    /// its way of giving the vCPUs.
    pub fn apply(&mut self, edits: &[Edit]) {
        for edit in edits {
            match edit {
                Edit::Text(field, text) => {
                    match field.way() {
                        Way::Count => self.set_mode(VcpuMode::Count),
                        Way::Topology => self.set_mode(VcpuMode::Topology),
                        _ => {}
                    }
                    self.set_text(*field, text.clone());
                }
                Edit::On(switch) => self.set_switch(*switch, true),
                Edit::Policy(policy) => self.cluster.policy = Some(*policy),
            }
        }
    }

    pub fn switch(&self, switch: Switch) -> bool {
        switch_of(&self.vm, &self.cluster, switch)
    }

    /// A switch as given (full-pcpus-only may be given off, or not given).
    pub fn switch_given(&self, switch: Switch) -> Option<bool> {
        switch_given(&self.vm, &self.cluster, switch)
    }

    pub fn set_switch(&mut self, switch: Switch, on: bool) {
        set_switch_in(&mut self.vm, &mut self.cluster, switch, on);
    }

    /// A field's text on the main host (a VM field is the VM's).
    pub fn text(&self, field: Field) -> &str {
        self.text_on(Side::Main, field)
    }

    pub fn set_text(&mut self, field: Field, text: String) {
        self.set_text_on(Side::Main, field, text);
    }

    /// A field's text as one side shows it: the VM's fields are shared, a
    /// host field is that side's (empty while nothing is compared).
    pub fn text_on(&self, side: Side, field: Field) -> &str {
        match field.part() {
            Part::Vm => self.vm.text(field),
            Part::Host => self.host_on(side).map_or("", |host| host.text(field)),
        }
    }

    /// Sets a field as one side shows it: a VM field on both, a host field
    /// on that side's host (none while nothing is compared).
    pub fn set_text_on(&mut self, side: Side, field: Field, text: String) {
        match field.part() {
            Part::Vm => self.vm.set_text(field, text),
            Part::Host => {
                if let Some(host) = self.host_on_mut(side) {
                    host.set_text(field, text);
                }
            }
        }
    }

    /// The scenario to classify: the VM on the main host.
    pub fn input(&self) -> ScenarioInput {
        ScenarioInput {
            host: self.host.clone(),
            vm: self.vm.clone(),
            cluster: self.cluster.clone(),
        }
    }

    /// The same VM on one side's host; none while nothing is compared.
    pub fn input_on(&self, side: Side) -> Option<ScenarioInput> {
        self.host_on(side).map(|host| {
            let mut cluster = self.cluster.clone();
            if side == Side::Compare {
                cluster.policy = self.compare_policy.or(cluster.policy);
            }
            ScenarioInput {
                host: host.clone(),
                vm: self.vm.clone(),
                cluster,
            }
        })
    }
}

/// The value after one keyboard step (ArrowUp/ArrowDown), clamped to the
/// field's bounds; text that is not a number steps from the lower bound.
pub fn step(field: Field, text: &str, delta: i64) -> String {
    let (min, max) = field.bounds();
    let current = text
        .trim()
        .parse::<i64>()
        .unwrap_or(i64::from(min) - delta.signum());
    current
        .saturating_add(delta)
        .clamp(i64::from(min), i64::from(max))
        .to_string()
}
