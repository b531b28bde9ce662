//! A cluster from the files support already has: NodeResourceTopology
//! objects (one per worker, or a `List`), Nodes (their labels),
//! KubeletConfigs and PerformanceProfiles with the pools they select,
//! MachineConfigPools, VirtualMachineInstances (each on its
//! `status.nodeName`), VirtualMachines and instance types, found by kind
//! in any file. Each node and VM is read by the single-host readers. What
//! cannot be matched is listed in `Cluster::unmatched`, never dropped.

use super::error::token;
use super::host::import_host_docs;
use super::quantity::whole_cpus;
use super::vm::import_vm_docs;
use super::yaml::{objects, string, Place};
use super::ImportError;
use crate::domain::cluster::{Cluster, ClusterNode, ClusterVm};
use crate::domain::VmInput;
use crate::domain::{printable, Field, Policy, Vm};
use crate::form::FormState;
use crate::share::{to_pairs, ViewState};
use yaml_rust2::Yaml;

/// A cluster read from files, and the instance types they held.
#[derive(Clone, Debug, Default)]
pub struct ClusterImport {
    pub cluster: Cluster,
    /// Instance types by name, in the files' order.
    pub instancetypes: Vec<(String, Vm)>,
    /// "what was read", one line each.
    pub read: Vec<String>,
    /// Each node's inputs as its files filled the planner's form (its
    /// host and kubelet settings), in `cluster.nodes`' order: a VM -> node
    /// pair opens in the planner from them (`planner_pairs`).
    pub node_forms: Vec<FormState>,
    /// Each VM's inputs as its file filled the form, in `cluster.vms`' order.
    pub vm_forms: Vec<VmInput>,
}

impl ClusterImport {
    /// The planner's link pairs for VM `vm` moving to node `target`: the
    /// first host is the VM's node as the cluster judges a source (as if
    /// empty: the VM already holds its CPUs and pages there, so its free
    /// CPUs and pages are left out), the second host the target as it is
    /// now (`b_` keys, with its free CPUs and the free huge pages of the
    /// VM's page size), `b_policy` when the target's policy differs. The
    /// kubelet settings are the VM's node's (the planner holds them for
    /// both hosts). None when either index is out of range.
    pub fn planner_pairs(&self, vm: usize, target: usize) -> Option<Vec<(&'static str, String)>> {
        let nodes = &self.cluster.nodes;
        let (v, to) = (self.cluster.vms.get(vm)?, nodes.get(target)?);
        let from = nodes.get(v.node)?;
        let mut form = self.node_forms.get(v.node)?.clone();
        form.vm = self.vm_forms.get(vm)?.clone();
        form.host.set_text(Field::FreeCpus, String::new());
        form.host.set_text(Field::FreeHugepages, String::new());
        form.cluster.policy = Some(from.policy);
        let mut compare = self.node_forms.get(target)?.host.clone();
        let pages =
            v.vm.hugepage_size()
                .filter(|_| v.vm.memory_bytes().is_some())
                .and_then(|size| to.hugepages.iter().find(|(s, _)| *s == size))
                .map(|(_, pages)| {
                    pages
                        .iter()
                        .map(u32::to_string)
                        .collect::<Vec<_>>()
                        .join(",")
                });
        compare.set_text(Field::FreeHugepages, pages.unwrap_or_default());
        form.compare = Some(compare);
        form.compare_policy = (to.policy != from.policy).then_some(to.policy);
        Some(to_pairs(&form, &ViewState::default()))
    }
}

/// An object and the file it came from.
struct Found {
    file: String,
    doc: Yaml,
}

impl Found {
    fn name(&self) -> String {
        string(&self.doc["metadata"]["name"]).unwrap_or_default()
    }

    fn namespace(&self) -> String {
        string(&self.doc["metadata"]["namespace"]).unwrap_or_default()
    }

    /// "Kind name in file", bounded, as lines name it.
    fn described(&self) -> String {
        let kind = string(&self.doc["kind"]).unwrap_or_else(|| "an object without a kind".into());
        let name = self.name();
        let mut text = token(&kind);
        if !name.is_empty() {
            text.push(' ');
            text.push_str(&token(&name));
        }
        if !self.file.is_empty() {
            text.push_str(" in ");
            text.push_str(&printable(&self.file));
        }
        text
    }
}

/// The objects of the cluster by kind.
#[derive(Default)]
struct Sorted {
    topologies: Vec<Found>,
    nodes: Vec<Found>,
    kubelets: Vec<Found>,
    pools: Vec<Found>,
    vmis: Vec<Found>,
    vms: Vec<Found>,
    instancetypes: Vec<Found>,
}

/// Reads a cluster from texts, each with its file name. Never fails: a
/// file that is not YAML or JSON, an object of another kind, a node or VM
/// the single-host readers refuse, each becomes a line of `unmatched`.
pub fn import_cluster(texts: &[(&str, &str)]) -> ClusterImport {
    let mut sorted = Sorted::default();
    let mut unmatched = Vec::new();
    for &(file, text) in texts {
        let docs = match objects(text) {
            Ok(docs) => docs,
            Err(e) => {
                unmatched.push(format!("{}: not read: {e}", named(file)));
                continue;
            }
        };
        for doc in docs {
            if matches!(doc, Yaml::Null | Yaml::BadValue) {
                continue;
            }
            let kind = string(&doc["kind"]).unwrap_or_default();
            let found = Found {
                file: file.to_string(),
                doc,
            };
            let list = match kind.as_str() {
                "NodeResourceTopology" => &mut sorted.topologies,
                "Node" => &mut sorted.nodes,
                "KubeletConfig" | "KubeletConfiguration" | "PerformanceProfile" => {
                    &mut sorted.kubelets
                }
                "MachineConfigPool" => &mut sorted.pools,
                "VirtualMachineInstance" => &mut sorted.vmis,
                "VirtualMachine" => &mut sorted.vms,
                "VirtualMachineInstancetype" | "VirtualMachineClusterInstancetype" => {
                    &mut sorted.instancetypes
                }
                _ => {
                    unmatched.push(format!(
                        "{}: not a kind the cluster reads",
                        found.described()
                    ));
                    continue;
                }
            };
            list.push(found);
        }
    }
    let mut out = ClusterImport::default();
    read_nodes(&sorted, &mut out, &mut unmatched);
    read_vms(&sorted, &mut out, &mut unmatched);
    for it in &sorted.instancetypes {
        match vm_of(it) {
            Ok((vm, _)) => out.instancetypes.push((it.name(), vm)),
            Err(e) => unmatched.push(format!("{}: {e}", it.described())),
        }
    }
    out.cluster.unmatched = unmatched;
    out
}

/// "file", or "stdin"-less texts as "a text".
fn named(file: &str) -> String {
    if file.is_empty() {
        "a text".into()
    } else {
        printable(file).into_owned()
    }
}

/// The labels of a Node object, or the `matchLabels` of a selector.
fn labels(map: &Yaml) -> Vec<(String, String)> {
    let map = match &map["matchLabels"] {
        Yaml::Hash(_) => &map["matchLabels"],
        _ => map,
    };
    let Yaml::Hash(hash) = map else {
        return Vec::new();
    };
    hash.iter()
        .filter_map(|(k, v)| Some((string(k)?, string(v).unwrap_or_default())))
        .collect()
}

/// Whether every label of `selector` is among `labels`; an empty selector
/// selects nothing (a file that names no nodes is not applied to all).
fn selects(selector: &[(String, String)], labels: &[(String, String)]) -> bool {
    !selector.is_empty() && selector.iter().all(|s| labels.contains(s))
}

/// The node selector a kubelet object's pool stands for: a
/// PerformanceProfile's `spec.nodeSelector`; a KubeletConfig's
/// `machineConfigPoolSelector` through the MachineConfigPools it selects
/// (their `nodeSelector`), or without them OpenShift's convention that
/// pool X (`pools.operator.machineconfiguration.openshift.io/X`) holds the
/// nodes of role X (`node-role.kubernetes.io/X`). Also the pool's name.
fn node_selector(object: &Found, pools: &[Found]) -> (Vec<(String, String)>, Option<String>) {
    let spec = &object.doc["spec"];
    if string(&object.doc["kind"]).as_deref() == Some("PerformanceProfile") {
        return (labels(&spec["nodeSelector"]), None);
    }
    let pool_selector = labels(&spec["machineConfigPoolSelector"]);
    if let Some(pool) = pools
        .iter()
        .find(|p| selects(&pool_selector, &labels(&p.doc["metadata"]["labels"])))
    {
        return (labels(&pool.doc["spec"]["nodeSelector"]), Some(pool.name()));
    }
    let prefix = "pools.operator.machineconfiguration.openshift.io/";
    match pool_selector
        .iter()
        .find_map(|(k, _)| k.strip_prefix(prefix))
    {
        Some(role) => (
            vec![(format!("node-role.kubernetes.io/{role}"), String::new())],
            Some(role.to_string()),
        ),
        None => (Vec::new(), None),
    }
}

/// A node's pool from its role labels: a role other than worker (and the
/// control plane's), else worker.
fn role_pool(labels: &[(String, String)]) -> Option<String> {
    let roles: Vec<&str> = labels
        .iter()
        .filter_map(|(k, _)| k.strip_prefix("node-role.kubernetes.io/"))
        .collect();
    roles
        .iter()
        .find(|r| !matches!(**r, "worker" | "master" | "control-plane"))
        .or_else(|| roles.first())
        .map(|r| r.to_string())
}

fn read_nodes(sorted: &Sorted, out: &mut ClusterImport, unmatched: &mut Vec<String>) {
    let selectors: Vec<_> = sorted
        .kubelets
        .iter()
        .map(|k| node_selector(k, &sorted.pools))
        .collect();
    let mut used = vec![false; sorted.kubelets.len()];
    for nrt in &sorted.topologies {
        let name = nrt.name();
        if out.cluster.node_index(&name).is_some() {
            unmatched.push(format!(
                "{}: a second NodeResourceTopology for the node; the first is used",
                nrt.described()
            ));
            continue;
        }
        let node_object = sorted.nodes.iter().find(|n| n.name() == name);
        let node_labels = node_object.map(|n| labels(&n.doc["metadata"]["labels"]));
        let mut docs: Vec<(&str, &Yaml)> = Vec::new();
        let mut pool = node_labels.as_deref().and_then(role_pool);
        for (i, (selector, pool_name)) in selectors.iter().enumerate() {
            if node_labels.as_ref().is_some_and(|l| selects(selector, l)) {
                used[i] = true;
                docs.push((&sorted.kubelets[i].file, &sorted.kubelets[i].doc));
                pool = pool_name.clone().or(pool);
            }
        }
        docs.push((&nrt.file, &nrt.doc));
        match node_of(&name, &docs) {
            Ok((mut node, form)) => {
                node.pool = pool;
                out.read.push(format!(
                    "node {}: {} NUMA nodes, {} ({})",
                    token(&name),
                    node.host.numa_nodes(),
                    node.policy,
                    node.policy_from
                ));
                if let Some(line) = node_object.and_then(|n| allocatable_differs(n, &node)) {
                    out.read.push(line);
                }
                out.cluster.nodes.push(node);
                out.node_forms.push(form);
            }
            Err(e) => unmatched.push(format!("{}: {e}", nrt.described())),
        }
    }
    for node in &sorted.nodes {
        if out.cluster.node_index(&node.name()).is_none() {
            unmatched.push(format!(
                "{}: no NodeResourceTopology for this node, so its NUMA nodes are not known",
                node.described()
            ));
        }
    }
    for (i, k) in sorted.kubelets.iter().enumerate() {
        if !used[i] {
            unmatched.push(format!(
                "{}: selects none of the nodes read (matched by the labels of their Node objects)",
                k.described()
            ));
        }
    }
}

/// A note when the Node's allocatable CPUs (what the scheduler counts)
/// differ from the allocatable CPUs of its zones (what the planner counts).
fn allocatable_differs(object: &Found, node: &ClusterNode) -> Option<String> {
    let place = Place::root(&object.doc).at("status.allocatable.cpu");
    let given = whole_cpus(&place, Field::CpusPerNode).ok().flatten()?;
    let zones = node.host.total_allocatable();
    (given != zones).then(|| {
        format!(
            "node {}: the Node's allocatable cpu is {given}, its NodeResourceTopology zones' {zones}; the zones are used",
            token(&node.name)
        )
    })
}

/// The problems of what a file gave, as one error.
fn fields_refused(errors: Vec<crate::domain::FieldError>) -> ImportError {
    let messages: Vec<String> = errors.into_iter().map(|e| e.message).collect();
    ImportError::whole(messages.join("; "))
}

/// One node from its NodeResourceTopology and the kubelet objects that
/// select it, read as the planner reads one host.
fn node_of(name: &str, docs: &[(&str, &Yaml)]) -> Result<(ClusterNode, FormState), ImportError> {
    let import = import_host_docs(docs)?;
    let mut form = FormState::default();
    import.apply(&mut form);
    let scenario = form.input().parse().map_err(fields_refused)?;
    let (policy, policy_from) = match import.policy {
        Some(p) => (
            p,
            crate::import::origin_of(&import.origins, crate::share::POLICY)
                .map_or_else(|| "read".into(), |o| o.mark()),
        ),
        None => (
            Policy::None,
            "no policy given: the kubelet's default, none".to_string(),
        ),
    };
    let mut node = ClusterNode::new(name, scenario.host, policy);
    node.policy_from = policy_from;
    node.hugepages = import
        .hugepages
        .iter()
        .map(|(size, pages)| {
            let pages = pages
                .iter()
                .map(|&p| u32::try_from(p).unwrap_or(u32::MAX))
                .collect();
            (*size, pages)
        })
        .collect();
    Ok((node, form))
}

/// The VM shape of a VMI or instance type, as the planner reads one, and
/// the VM's inputs that gave it.
fn vm_of(found: &Found) -> Result<(Vm, VmInput), ImportError> {
    let import = import_vm_docs(&[(found.file.as_str(), found.doc.clone())], None)?;
    let mut form = FormState::default();
    import.apply(&mut form);
    form.input()
        .parse()
        .map(|s| (s.vm, form.vm.clone()))
        .map_err(fields_refused)
}

fn read_vms(sorted: &Sorted, out: &mut ClusterImport, unmatched: &mut Vec<String>) {
    for vmi in &sorted.vmis {
        let Some(node_name) = string(&vmi.doc["status"]["nodeName"]) else {
            unmatched.push(format!(
                "{}: no status.nodeName, so it does not run on a node",
                vmi.described()
            ));
            continue;
        };
        let Some(node) = out.cluster.node_index(&node_name) else {
            unmatched.push(format!(
                "{}: runs on node {}, which has no NodeResourceTopology",
                vmi.described(),
                token(&node_name)
            ));
            continue;
        };
        match vm_of(vmi) {
            Ok((vm, input)) => {
                out.cluster.vms.push(ClusterVm {
                    name: vmi.name(),
                    namespace: vmi.namespace(),
                    node,
                    vm,
                    guest_cells: Vec::new(),
                });
                out.vm_forms.push(input);
            }
            Err(e) => unmatched.push(format!("{}: {e}", vmi.described())),
        }
    }
    for vm in &sorted.vms {
        let running = out
            .cluster
            .vms
            .iter()
            .any(|v| v.name == vm.name() && v.namespace == vm.namespace());
        if !running {
            unmatched.push(format!(
                "{}: no running VirtualMachineInstance of that name, so it is on no node",
                vm.described()
            ));
        }
    }
}
