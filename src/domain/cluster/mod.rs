//! A cluster in use: its worker nodes (each a `Host` with what is free
//! now, under its own policy) and the VMs running on them, and the
//! questions asked of it: where each VM can migrate now (`Judge::targets`),
//! whether a node can be drained (`Judge::drain`), how many more VMs of a
//! shape fit (`Cluster::capacity`), per instance type and pool
//! (`Cluster::instancetype_fits`). Each answer reuses the single-host
//! verdict and the migration between two hosts (`Migration::between`).

mod capacity;
mod drain;
mod instancetypes;
mod judge;
mod judged;
mod node;
mod vm;

pub use capacity::{Capacity, NodeCapacity};
pub use drain::{Drain, Placed};
pub use instancetypes::{InstancetypeFit, PoolFit};
pub use judge::{Judge, Target};
pub use node::ClusterNode;
pub use vm::ClusterVm;

/// The nodes and VMs read, and what could not be matched.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cluster {
    pub nodes: Vec<ClusterNode>,
    pub vms: Vec<ClusterVm>,
    /// What was read but is not part of the model, one line each with why
    /// (a VMI on a node without topology, a file of another kind).
    pub unmatched: Vec<String>,
}

impl Cluster {
    /// The judgments every migration question reads, computed once.
    pub fn judge(&self) -> Judge<'_> {
        Judge::new(self)
    }

    /// The index of the node of this name.
    pub fn node_index(&self, name: &str) -> Option<usize> {
        self.nodes.iter().position(|n| n.name == name)
    }
}
