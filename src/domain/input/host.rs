use super::texts::Texts;
use crate::domain::field::{Field, Part, Section, Way};
use crate::domain::host_shape::{HostShape, HostShapeInput};
use crate::domain::number::parse_per_node;

/// How the host is given: its NUMA nodes directly, or as bought.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum HostMode {
    #[default]
    Nodes,
    AsBought,
}

/// One host's inputs as typed: its NUMA shape (either way), SMT, and what
/// sits on its nodes. The kubelet's options and the policy are the
/// cluster's (`ClusterSettings`), shared by every host.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostInput {
    pub mode: HostMode,
    texts: Texts,
}

impl Default for HostInput {
    /// Two NUMA nodes of 32 CPUs; as bought, the same host: two sockets of
    /// 32 single-thread cores.
    fn default() -> Self {
        HostInput {
            mode: HostMode::Nodes,
            texts: Texts::defaults(Part::Host),
        }
    }
}

impl HostInput {
    /// A host field's text; a VM field has none here.
    pub fn text(&self, field: Field) -> &str {
        self.texts.get(field)
    }

    /// Sets a host field's text (a VM field is left alone); as bought, the
    /// NUMA node fields follow the shape.
    pub fn set_text(&mut self, field: Field, text: String) {
        if self.texts.set(field, text) && shapes_the_host(field) {
            self.fill_nodes_from_shape();
        }
    }

    /// A copy for another host of the same shape: without the cells the VM
    /// runs with here, which describe this host only.
    pub fn copied(&self) -> HostInput {
        let mut copy = self.clone();
        copy.texts.set(Field::GuestCells, String::new());
        copy
    }

    /// Switches how the host is given, keeping the host: as bought, nodes
    /// become sockets of one node each (unless the shape already gives these
    /// nodes); back, the nodes the shape gives. Text that is not a count is
    /// left as it is.
    pub fn set_mode(&mut self, mode: HostMode) {
        if mode == HostMode::AsBought && self.mode == HostMode::Nodes {
            let count = |field: Field| self.text(field).trim().parse::<u32>().ok();
            let threads = count(Field::ThreadsPerCore).unwrap_or(1);
            let same = self.as_bought_nodes()
                == Some(
                    [Field::NumaNodes, Field::CpusPerNode, Field::NodeCpus]
                        .map(|f| self.text(f).trim().to_string()),
                );
            let each = parse_per_node(Field::NodeCpus, self.text(Field::NodeCpus)).ok();
            let bought = each
                .filter(|e| !e.is_empty())
                .and_then(|e| shape_of(&e, threads));
            if let (false, Some(shape)) = (same, bought) {
                self.texts
                    .set(Field::HostSockets, shape.sockets.to_string());
                self.texts
                    .set(Field::CoresPerSocket, shape.cores_per_socket.to_string());
                self.texts
                    .set(Field::NodesPerSocket, shape.nodes_per_socket.to_string());
            } else if let (false, Some(nodes), Some(cpus)) =
                (same, count(Field::NumaNodes), count(Field::CpusPerNode))
            {
                if cpus.is_multiple_of(threads) {
                    self.texts.set(Field::HostSockets, nodes.to_string());
                    self.texts
                        .set(Field::CoresPerSocket, (cpus / threads).to_string());
                    self.texts.set(Field::NodesPerSocket, "1".into());
                }
            }
        }
        self.mode = mode;
        self.fill_nodes_from_shape();
    }

    /// The host is given as bought from here on, part by part (a link's
    /// keys, the command's flags): a part never given is 1, as the fields'
    /// hints say, not the default host's.
    pub fn take_as_bought(&mut self) {
        if self.mode != HostMode::AsBought {
            self.mode = HostMode::AsBought;
            for field in Field::in_section(Section::HostAsBought) {
                if field.is_optional() {
                    self.texts.set(field, String::new());
                }
            }
        }
    }

    /// The host as bought, as typed; `None` while it is given as nodes.
    pub fn shape_input(&self) -> Option<HostShapeInput> {
        (self.mode == HostMode::AsBought).then(|| self.shape_texts())
    }

    fn shape_texts(&self) -> HostShapeInput {
        HostShapeInput {
            sockets: self.text(Field::HostSockets).to_string(),
            cores_per_socket: self.text(Field::CoresPerSocket).to_string(),
            nodes_per_socket: self.text(Field::NodesPerSocket).to_string(),
        }
    }

    /// As bought, the NUMA node fields hold what the shape gives, so they are
    /// filled when the user switches back.
    fn fill_nodes_from_shape(&mut self) {
        if self.mode != HostMode::AsBought {
            return;
        }
        if let Some([nodes, cpus, each]) = self.as_bought_nodes() {
            self.texts.set(Field::NumaNodes, nodes);
            self.texts.set(Field::CpusPerNode, cpus);
            self.texts.set(Field::NodeCpus, each);
        }
    }

    /// The NUMA nodes, CPUs per node and, when they differ, the CPUs of
    /// each node the as-bought fields give, when valid.
    fn as_bought_nodes(&self) -> Option<[String; 3]> {
        let threads = self.text(Field::ThreadsPerCore).trim().parse::<u32>().ok();
        let shape = self.shape_texts().parse(threads).ok()?;
        let each = shape.node_cpus();
        let uneven = each.iter().any(|&c| u64::from(c) != shape.cpus_per_node());
        let list: Vec<String> = each.iter().map(u32::to_string).collect();
        Some([
            shape.numa_nodes().to_string(),
            shape.cpus_per_node().to_string(),
            if uneven {
                list.join(",")
            } else {
                String::new()
            },
        ])
    }
}

/// The host as bought whose nodes are these CPUs of `threads`, when one is:
/// the fewest nodes per socket whose sockets, each split as the planner
/// splits them, give the nodes in order (SNC3's 86, 86, 84, 86, 86, 84 is 2
/// sockets of 128 cores at 3 nodes each).
fn shape_of(each: &[u32], threads: u32) -> Option<HostShape> {
    let n = each.len();
    (1..=n).filter(|k| n.is_multiple_of(*k)).find_map(|k| {
        let cpus: u32 = each[..k].iter().sum();
        let shape = HostShape {
            sockets: (n / k) as u32,
            cores_per_socket: cpus / threads.max(1),
            threads_per_core: threads,
            nodes_per_socket: k as u32,
        };
        (cpus.is_multiple_of(threads.max(1)) && shape.node_cpus() == each).then_some(shape)
    })
}

/// The fields a host as bought reads its NUMA nodes from.
fn shapes_the_host(field: Field) -> bool {
    field.way() == Way::AsBought || field == Field::ThreadsPerCore
}
