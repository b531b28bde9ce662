//! A VM running in a cluster.

use crate::domain::guest_cells::GuestCell;
use crate::domain::vm::Vm;

/// A running VM: where it runs and its shape.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClusterVm {
    pub name: String,
    pub namespace: String,
    /// Index of the node it runs on in `Cluster::nodes`.
    pub node: usize,
    /// Its CPUs, memory and placement options, as for one host.
    pub vm: Vm,
    /// Its guest NUMA cells as it runs, when known (its libvirt domain);
    /// otherwise the planner places it on its node as on an empty one.
    pub guest_cells: Vec<GuestCell>,
}

impl ClusterVm {
    /// "namespace/name", as lists name it.
    pub fn full_name(&self) -> String {
        if self.namespace.is_empty() {
            self.name.clone()
        } else {
            format!("{}/{}", self.namespace, self.name)
        }
    }
}
