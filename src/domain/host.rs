use super::field::{Field, FieldError};

/// A worker node's NUMA shape, uniform across nodes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Host {
    numa_nodes: u32,
    cpus_per_node: u32,
    threads_per_core: Option<u32>,
}

impl Default for Host {
    /// The planner's opening host: 2 NUMA nodes of 32 logical CPUs.
    fn default() -> Self {
        Host {
            numa_nodes: 2,
            cpus_per_node: 32,
            threads_per_core: None,
        }
    }
}

impl Host {
    /// Checks bounds and that SMT threads divide the node's logical CPUs evenly.
    pub fn new(
        numa_nodes: u32,
        cpus_per_node: u32,
        threads_per_core: Option<u32>,
    ) -> Result<Host, Vec<FieldError>> {
        let mut errors = Vec::new();
        for (field, value) in [
            (Field::NumaNodes, Some(numa_nodes)),
            (Field::CpusPerNode, Some(cpus_per_node)),
            (Field::ThreadsPerCore, threads_per_core),
        ] {
            if let Some(Err(e)) = value.map(|v| field.check(v.into())) {
                errors.push(e);
            }
        }
        if let Some(t) = threads_per_core {
            if errors.is_empty() && !cpus_per_node.is_multiple_of(t) {
                errors.push(FieldError::new(
                    Field::ThreadsPerCore,
                    format!(
                        "{} must divide the {cpus_per_node} CPUs per NUMA node evenly; {t} does not",
                        Field::ThreadsPerCore
                    ),
                ));
            }
        }
        if errors.is_empty() {
            Ok(Host {
                numa_nodes,
                cpus_per_node,
                threads_per_core,
            })
        } else {
            Err(errors)
        }
    }

    pub fn numa_nodes(&self) -> u32 {
        self.numa_nodes
    }

    /// Logical CPUs (hardware threads) per NUMA node: the document's "cores" as
    /// the kubelet's CPU manager counts them.
    pub fn cpus_per_node(&self) -> u32 {
        self.cpus_per_node
    }

    pub fn threads_per_core(&self) -> Option<u32> {
        self.threads_per_core
    }

    /// All logical CPUs of the host (at most 1024 x 4096, so no overflow).
    pub fn total_cpus(&self) -> u32 {
        self.numa_nodes * self.cpus_per_node
    }

    /// Physical cores per node, known only when threads per core is given.
    pub fn physical_cores_per_node(&self) -> Option<u32> {
        self.threads_per_core.map(|t| self.cpus_per_node / t)
    }
}
