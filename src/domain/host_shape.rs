//! The host as it is bought (sockets, cores, SMT, NUMA nodes per socket),
//! read into the NUMA nodes and CPUs per node the classifier weighs.

use super::field::{Field, FieldError};
use super::number::parse_count;

/// The host as bought, as typed. An empty socket or nodes-per-socket count
/// means 1; threads per core is the host's own field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostShapeInput {
    pub sockets: String,
    pub cores_per_socket: String,
    pub nodes_per_socket: String,
}

/// A host as bought. Each socket's cores are split evenly between its NUMA
/// nodes (AMD's NPS setting, Intel's sub-NUMA clustering).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HostShape {
    pub sockets: u32,
    pub cores_per_socket: u32,
    pub threads_per_core: u32,
    pub nodes_per_socket: u32,
}

impl HostShapeInput {
    /// Reads the shape with the host's threads per core (`None`: no SMT
    /// given, one thread). Every problem is reported at its field; a shape
    /// that does not split evenly, or gives more nodes or CPUs per node than
    /// the planner takes, is an error at the field that makes it so.
    pub fn parse(&self, threads_per_core: Option<u32>) -> Result<HostShape, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut read = |field: Field, text: &str, empty: Option<u32>| match (text.trim(), empty) {
            ("", Some(default)) => Some(default),
            _ => parse_count(field, text).map_err(|e| errors.push(e)).ok(),
        };
        let sockets = read(Field::HostSockets, &self.sockets, Some(1));
        let cores = read(Field::CoresPerSocket, &self.cores_per_socket, None);
        let nodes = read(Field::NodesPerSocket, &self.nodes_per_socket, Some(1));
        let (Some(sockets), Some(cores_per_socket), Some(nodes_per_socket)) =
            (sockets, cores, nodes)
        else {
            return Err(errors);
        };
        let shape = HostShape {
            sockets,
            cores_per_socket,
            threads_per_core: threads_per_core.unwrap_or(1),
            nodes_per_socket,
        };
        shape.check().map(|()| shape).map_err(|e| vec![e])
    }
}

impl HostShape {
    pub fn numa_nodes(&self) -> u64 {
        u64::from(self.sockets) * u64::from(self.nodes_per_socket)
    }

    /// Logical CPUs (hardware threads) in one NUMA node.
    pub fn cpus_per_node(&self) -> u64 {
        u64::from(self.cores_per_socket / self.nodes_per_socket) * u64::from(self.threads_per_core)
    }

    /// The arithmetic, e.g. "2 sockets x 32 cores x 2 threads / 4 nodes per
    /// socket = 8 NUMA nodes x 16 CPUs".
    pub fn working(&self) -> String {
        let plural = |n: u64, one: &str| format!("{n} {one}{}", if n == 1 { "" } else { "s" });
        format!(
            "{} x {} x {} / {} per socket = {} x {}",
            plural(self.sockets.into(), "socket"),
            plural(self.cores_per_socket.into(), "core"),
            plural(self.threads_per_core.into(), "thread"),
            plural(self.nodes_per_socket.into(), "node"),
            plural(self.numa_nodes(), "NUMA node"),
            plural(self.cpus_per_node(), "CPU")
        )
    }

    /// NUMA nodes split a socket's cores, never a core's threads: the cores
    /// must divide evenly, and the result must be a host the planner takes.
    fn check(&self) -> Result<(), FieldError> {
        if !self.cores_per_socket.is_multiple_of(self.nodes_per_socket) {
            return Err(FieldError::new(
                Field::NodesPerSocket,
                format!(
                    "{} must divide the {} cores of a socket evenly; {} does not",
                    Field::NodesPerSocket,
                    self.cores_per_socket,
                    self.nodes_per_socket
                ),
            ));
        }
        let beyond = |bound: Field, field: Field, value: u64| {
            bound.check(value).err().map(|_| {
                FieldError::new(
                    field,
                    format!(
                        "{field} gives {value} {bound}; the planner takes at most {}",
                        bound.bounds().1
                    ),
                )
            })
        };
        match beyond(Field::NumaNodes, Field::NodesPerSocket, self.numa_nodes()).or_else(|| {
            beyond(
                Field::CpusPerNode,
                Field::CoresPerSocket,
                self.cpus_per_node(),
            )
        }) {
            Some(error) => Err(error),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(sockets: &str, cores: &str, nodes: &str) -> HostShapeInput {
        HostShapeInput {
            sockets: sockets.into(),
            cores_per_socket: cores.into(),
            nodes_per_socket: nodes.into(),
        }
    }

    #[test]
    fn two_sockets_of_32_smt_cores_at_nps4_are_8_nodes_of_16_cpus() {
        let host = shape("2", "32", "4").parse(Some(2)).unwrap();
        assert_eq!((host.numa_nodes(), host.cpus_per_node()), (8, 16));
        assert_eq!(
            host.working(),
            "2 sockets x 32 cores x 2 threads / 4 nodes per socket = 8 NUMA nodes x 16 CPUs"
        );
    }

    #[test]
    fn empty_sockets_and_nodes_per_socket_mean_one() {
        let host = shape("", "16", " ").parse(None).unwrap();
        assert_eq!((host.numa_nodes(), host.cpus_per_node()), (1, 16));
        assert_eq!(
            host.working(),
            "1 socket x 16 cores x 1 thread / 1 node per socket = 1 NUMA node x 16 CPUs"
        );
    }

    #[test]
    fn shapes_that_do_not_divide_are_errors_naming_the_field() {
        let errors = shape("2", "30", "4").parse(Some(2)).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, Field::NodesPerSocket);
        assert_eq!(
            errors[0].message,
            "NUMA nodes per socket must divide the 30 cores of a socket evenly; 4 does not"
        );
    }

    #[test]
    fn each_bad_part_is_reported_at_its_field() {
        let errors = shape("0", "", "x").parse(None).unwrap_err();
        let fields: Vec<Field> = errors.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            [
                Field::HostSockets,
                Field::CoresPerSocket,
                Field::NodesPerSocket
            ]
        );
    }

    #[test]
    fn a_shape_beyond_the_planners_bounds_names_the_field_that_makes_it() {
        let nodes = shape("1024", "8", "2").parse(None).unwrap_err();
        assert_eq!(nodes[0].field, Field::NodesPerSocket);
        assert!(
            nodes[0].message.contains("gives 2048 NUMA nodes;"),
            "{}",
            nodes[0].message
        );
        let cpus = shape("1", "4096", "1").parse(Some(2)).unwrap_err();
        assert_eq!(cpus[0].field, Field::CoresPerSocket);
        assert!(
            cpus[0].message.contains("gives 8192 CPUs per NUMA node;"),
            "{}",
            cpus[0].message
        );
    }
}
