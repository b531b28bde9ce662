//! The host as it is bought (sockets, cores, SMT, NUMA nodes per socket),
//! read into the NUMA nodes and CPUs per node the classifier weighs.

use super::field::{Field, FieldError};
use super::number::parse_count;
use crate::trf;

/// The host as bought, as typed. An empty socket or nodes-per-socket count
/// means 1; threads per core is the host's own field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostShapeInput {
    pub sockets: String,
    pub cores_per_socket: String,
    pub nodes_per_socket: String,
}

/// A host as bought. Each socket's cores are split between its NUMA nodes
/// (AMD's NPS setting, Intel's sub-NUMA clustering) as evenly as they go:
/// when they do not divide, the first nodes of each socket take one core
/// more (Intel SNC3 on 128 cores: 43, 43, 42).
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
    /// with more nodes than cores in a socket, or more nodes or CPUs per node
    /// than the planner takes, is an error at the field that makes it so.
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

    /// Logical CPUs (hardware threads) in the largest NUMA node.
    pub fn cpus_per_node(&self) -> u64 {
        u64::from(self.cores_per_socket.div_ceil(self.nodes_per_socket))
            * u64::from(self.threads_per_core)
    }

    /// Logical CPUs of one socket's nodes, in order: the first ones take the
    /// cores left over, one each.
    fn socket_node_cpus(&self) -> Vec<u64> {
        let (cores, nodes) = (self.cores_per_socket, self.nodes_per_socket.max(1));
        (0..nodes)
            .map(|i| {
                u64::from(cores / nodes + u32::from(i < cores % nodes))
                    * u64::from(self.threads_per_core)
            })
            .collect()
    }

    /// Logical CPUs of each NUMA node, socket by socket (a checked shape's
    /// counts are within the host's bounds, so they fit).
    pub fn node_cpus(&self) -> Vec<u32> {
        let socket = self.socket_node_cpus();
        (0..self.sockets)
            .flat_map(|_| socket.iter().map(|&c| c as u32))
            .collect()
    }

    /// The arithmetic, e.g. "2 sockets x 32 cores x 2 threads / 4 nodes per
    /// socket = 8 NUMA nodes x 16 CPUs"; nodes that differ are listed, "= 6
    /// NUMA nodes of 86, 86, 84 CPUs in each socket".
    pub fn working(&self) -> String {
        let numa_nodes = counted(
            self.numa_nodes(),
            |n| trf!("{n} NUMA node", n = n),
            |n| trf!("{n} NUMA nodes", n = n),
        );
        let nodes = if self.cores_per_socket.is_multiple_of(self.nodes_per_socket) {
            trf!(
                "{numa_nodes} x {cpus}",
                numa_nodes = numa_nodes,
                cpus = counted(
                    self.cpus_per_node(),
                    |n| trf!("{n} CPU", n = n),
                    |n| trf!("{n} CPUs", n = n)
                )
            )
        } else {
            let each: Vec<String> = self.socket_node_cpus().iter().map(u64::to_string).collect();
            trf!(
                "{numa_nodes} of {cpus_list} CPUs in each socket",
                numa_nodes = numa_nodes,
                cpus_list = each.join(", ")
            )
        };
        trf!(
            "{sockets} x {cores} x {threads} / {nodes} per socket = {result}",
            sockets = counted(
                self.sockets.into(),
                |n| trf!("{n} socket", n = n),
                |n| trf!("{n} sockets", n = n)
            ),
            cores = counted(
                self.cores_per_socket.into(),
                |n| trf!("{n} core", n = n),
                |n| trf!("{n} cores", n = n)
            ),
            threads = counted(
                self.threads_per_core.into(),
                |n| trf!("{n} thread", n = n),
                |n| trf!("{n} threads", n = n)
            ),
            nodes = counted(
                self.nodes_per_socket.into(),
                |n| trf!("{n} node", n = n),
                |n| trf!("{n} nodes", n = n)
            ),
            result = nodes,
        )
    }

    /// NUMA nodes split a socket's cores, never a core's threads: each node
    /// needs a core, and the result must be a host the planner takes.
    fn check(&self) -> Result<(), FieldError> {
        if self.nodes_per_socket > self.cores_per_socket {
            return Err(FieldError::new(
                Field::NodesPerSocket,
                trf!(
                    "{field} cannot be more than the {cores} cores of a socket; {nodes} is",
                    field = Field::NodesPerSocket,
                    cores = self.cores_per_socket,
                    nodes = self.nodes_per_socket
                ),
            ));
        }
        let beyond = |bound: Field, field: Field, value: u64| {
            bound.check(value).err().map(|_| {
                FieldError::new(
                    field,
                    trf!(
                        "{field} gives {value} {bound}; the planner takes at most {most}",
                        field = field,
                        value = value,
                        bound = bound,
                        most = bound.bounds().1
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

/// A count with its noun: `one`'s text for 1, `many`'s for more (each a
/// template of its own, as languages inflect differently).
fn counted(n: u64, one: impl FnOnce(u64) -> String, many: impl FnOnce(u64) -> String) -> String {
    if n == 1 {
        one(n)
    } else {
        many(n)
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
    fn snc3_on_128_cores_gives_the_first_nodes_of_each_socket_a_core_more() {
        let host = shape("2", "128", "3").parse(Some(2)).unwrap();
        assert_eq!(host.node_cpus(), [86, 86, 84, 86, 86, 84]);
        assert_eq!((host.numa_nodes(), host.cpus_per_node()), (6, 86));
        assert_eq!(
            host.working(),
            "2 sockets x 128 cores x 2 threads / 3 nodes per socket = 6 NUMA nodes of 86, 86, 84 CPUs in each socket"
        );
        let nps4 = shape("1", "30", "4").parse(None).unwrap();
        assert_eq!(nps4.node_cpus(), [8, 8, 7, 7]);
    }

    #[test]
    fn more_nodes_than_cores_is_an_error_naming_the_field() {
        let errors = shape("2", "3", "4").parse(Some(2)).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, Field::NodesPerSocket);
        assert_eq!(
            errors[0].message,
            "NUMA nodes per socket cannot be more than the 3 cores of a socket; 4 is"
        );
        assert!(shape("1", "4", "4").parse(Some(2)).is_ok());
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
