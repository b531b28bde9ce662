//! A cluster: where each VM can migrate now, which nodes drain, how many
//! more VMs fit, read from the files support has.

#[path = "support/synthetic.rs"]
mod synthetic;

use proptest::prelude::*;
use vnuma_planner::domain::cluster::{Cluster, ClusterNode, ClusterVm};
use vnuma_planner::domain::{Host, Migration, MigrationVerdict, Policy, Report, Scenario};
use vnuma_planner::import::import_cluster;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("tests/fixtures/cluster/three-workers/{name}")).unwrap()
}

/// The three-worker example: three NodeResourceTopology objects (2 NUMA
/// nodes of 32 CPUs, 2 reserved on node 0, single-numa-node) and five
/// running VMIs with dedicated CPUs.
fn three_workers() -> Cluster {
    let (nrt, vmis) = (fixture("noderesourcetopologies.yaml"), fixture("vmis.yaml"));
    let read = import_cluster(&[("nrt.yaml", &nrt), ("vmis.yaml", &vmis)]);
    assert_eq!(read.cluster.unmatched, Vec::<String>::new());
    read.cluster
}

fn names(cluster: &Cluster, vms: &[usize]) -> Vec<String> {
    vms.iter().map(|&i| cluster.vms[i].name.clone()).collect()
}

/// A drain as the test states it: ok, (VM, node) moves, unplaced VMs.
type Drained = (bool, Vec<(String, String)>, Vec<String>);

// By hand, from the free CPUs per zone (`available`):
//   worker-1 [6, 20]   runs vm-a (24 vCPUs) and vm-b (12)
//   worker-2 [10, 16]  runs vm-c (20) and vm-d (16)
//   worker-3 [30, 4]   runs vm-e (28)
// Under single-numa-node a target admits a pod of p CPUs when one zone
// has p free (and the node more than p in all, for the launcher's other
// containers); each VM has one guest cell, as does its target pod.
//   vm-a 24: worker-2 (most 16) blocked; worker-3 (30) migrates
//   vm-b 12: worker-2 (16) and worker-3 (30) migrate
//   vm-c 20: worker-1 (20, 26 in all) and worker-3 (30) migrate
//   vm-d 16: worker-1 (20) and worker-3 (30) migrate
//   vm-e 28: worker-1 (most 20) and worker-2 (most 16) blocked
// Drains, largest VM first, each to the first node (by name) it migrates to:
//   worker-1: vm-a -> worker-3 (now [6, 4]); vm-b -> worker-2 (now [10, 4]): ok
//   worker-2: vm-c -> worker-1 (now [6, 0]); vm-d: worker-1 has 6, so
//             worker-3: ok
//   worker-3: vm-e finds no zone of 28 free: not ok, vm-e unplaced
// Capacity for a 16-vCPU VM: worker-1 one (zone 1: 20 -> 4), worker-2 one
// (zone 1: 16 -> 0, 26 in all), worker-3 one (zone 0: 30 -> 14): 3 in all.
#[test]
fn the_three_worker_example_by_hand() {
    let cluster = three_workers();
    let node_names: Vec<&str> = cluster.nodes.iter().map(|n| n.name.as_str()).collect();
    assert_eq!(node_names, ["worker-1", "worker-2", "worker-3"]);
    for node in &cluster.nodes {
        assert_eq!(node.policy, Policy::SingleNumaNode, "{}", node.name);
    }
    let free: Vec<Vec<u32>> = cluster.nodes.iter().map(|n| n.free_cpus()).collect();
    assert_eq!(free, [vec![6, 20], vec![10, 16], vec![30, 4]]);

    let judge = cluster.judge();
    use MigrationVerdict::{Blocked, Migrates};
    let expected: [(&str, [(&str, MigrationVerdict); 2]); 5] = [
        ("vm-a", [("worker-2", Blocked), ("worker-3", Migrates)]),
        ("vm-b", [("worker-2", Migrates), ("worker-3", Migrates)]),
        ("vm-c", [("worker-1", Migrates), ("worker-3", Migrates)]),
        ("vm-d", [("worker-1", Migrates), ("worker-3", Migrates)]),
        ("vm-e", [("worker-1", Blocked), ("worker-2", Blocked)]),
    ];
    for (i, (vm, targets)) in expected.iter().enumerate() {
        assert_eq!(cluster.vms[i].name, *vm);
        let got: Vec<(&str, MigrationVerdict)> = judge
            .targets(i)
            .iter()
            .map(|t| (cluster.nodes[t.node].name.as_str(), t.verdict))
            .collect();
        assert_eq!(got, targets, "{vm}");
        for t in judge.targets(i) {
            let blocked = t.verdict == Blocked;
            assert_eq!(
                t.checks.iter().any(|c| c.code() == "target-admission"),
                blocked,
                "{vm} -> {}: {:?}",
                cluster.nodes[t.node].name,
                t.checks
            );
        }
    }

    let drains: Vec<Drained> = (0..3)
        .map(|n| {
            let d = judge.drain(n);
            let placed = d
                .placed
                .iter()
                .map(|p| {
                    (
                        cluster.vms[p.vm].name.clone(),
                        cluster.nodes[p.node].name.clone(),
                    )
                })
                .collect();
            (d.ok, placed, names(&cluster, &d.unplaced))
        })
        .collect();
    let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
    assert_eq!(
        drains,
        [
            (
                true,
                vec![pair("vm-a", "worker-3"), pair("vm-b", "worker-2")],
                vec![]
            ),
            (
                true,
                vec![pair("vm-c", "worker-1"), pair("vm-d", "worker-3")],
                vec![]
            ),
            (false, vec![], vec!["vm-e".to_string()]),
        ]
    );

    let sixteen = Scenario::default().vm.with_vcpus(16).unwrap();
    let capacity = cluster.capacity(&sixteen);
    let counts: Vec<u32> = capacity.per_node.iter().map(|c| c.count).collect();
    assert_eq!(counts, [1, 1, 1]);
    assert_eq!(capacity.total, 3);
}

/// A small cluster of mixed nodes and VMs (policies, uneven free CPUs,
/// huge pages), for the cached answers against the single-host ones.
fn mixed(free: &[[u32; 2]], shapes: &[(u32, u32)]) -> Cluster {
    let policies = Policy::ALL;
    let mut nodes = Vec::new();
    for (i, f) in free.iter().enumerate() {
        let host = Host::new(2, 32, None)
            .unwrap()
            .with_reserved(vec![2])
            .unwrap();
        let f = [f[0].min(30), f[1].min(32)];
        let host = host.with_free_cpus(f.to_vec()).unwrap();
        let mut node = ClusterNode::new(format!("n{i}"), host, policies[i % 4]);
        node.hugepages = vec![(
            vnuma_planner::domain::HugepageSize::TwoMi,
            vec![(i as u32 * 700) % 4096, 2048],
        )];
        nodes.push(node);
    }
    let vms = shapes
        .iter()
        .enumerate()
        .map(|(i, &(vcpus, on))| {
            let mut vm = Scenario::default().vm.with_vcpus(vcpus).unwrap();
            if i % 2 == 0 {
                vm = vm.with_memory(
                    Some(u64::from(vcpus) * 512 * 1024 * 1024),
                    Some(vnuma_planner::domain::HugepageSize::TwoMi),
                );
            }
            ClusterVm {
                name: format!("vm{i}"),
                namespace: "ns".into(),
                node: on as usize % free.len(),
                vm,
                guest_cells: Vec::new(),
            }
        })
        .collect();
    Cluster {
        nodes,
        vms,
        unmatched: Vec::new(),
    }
}

/// The slow path: every migration judged from two whole reports, as the
/// planner judges one VM between two hosts.
fn slow_targets(cluster: &Cluster, i: usize) -> Vec<(usize, MigrationVerdict)> {
    let v = &cluster.vms[i];
    let home = &cluster.nodes[v.node];
    let source = Report::new(Scenario {
        host: home.host.without_use(),
        vm: v.vm,
        policy: Some(home.policy),
    });
    (0..cluster.nodes.len())
        .filter(|&t| t != v.node)
        .map(|t| {
            let node = &cluster.nodes[t];
            let target = Report::new(Scenario {
                host: node.host_for(&v.vm),
                vm: v.vm,
                policy: Some(node.policy),
            });
            let m = Migration::new(&source, home.policy, &target, node.policy);
            (t, m.verdict)
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// The cached targets equal the single-host planner's migrations.
    #[test]
    fn cached_targets_equal_the_slow_path(
        free in prop::collection::vec([0u32..=32, 0u32..=32], 2..5),
        shapes in prop::collection::vec((1u32..=40, 0u32..5), 1..6),
    ) {
        let cluster = mixed(&free, &shapes);
        let judge = cluster.judge();
        for i in 0..cluster.vms.len() {
            let fast: Vec<(usize, MigrationVerdict)> =
                judge.targets(i).iter().map(|t| (t.node, t.verdict)).collect();
            prop_assert_eq!(&fast, &slow_targets(&cluster, i));
            // The page's worker asks one VM at a time.
            let alone: Vec<(usize, MigrationVerdict)> =
                cluster.targets_of(i).iter().map(|t| (t.node, t.verdict)).collect();
            prop_assert_eq!(alone, fast);
        }
    }

    /// Neither a drain nor the capacity places more CPUs on a NUMA node
    /// than it had free.
    #[test]
    fn placements_stay_within_the_free_cpus(
        free in prop::collection::vec([0u32..=32, 0u32..=32], 2..5),
        shapes in prop::collection::vec((1u32..=40, 0u32..5), 1..8),
        vcpus in 1u32..=40,
    ) {
        let cluster = mixed(&free, &shapes);
        let judge = cluster.judge();
        for n in 0..cluster.nodes.len() {
            let drain = judge.drain(n);
            let mut taken = vec![vec![0u32; 2]; cluster.nodes.len()];
            for p in &drain.placed {
                prop_assert!(p.node != n);
                for s in &p.shares {
                    taken[p.node][s.node as usize] += s.cpus;
                }
            }
            for (t, node) in cluster.nodes.iter().enumerate() {
                for (z, &f) in node.free_cpus().iter().enumerate() {
                    prop_assert!(taken[t][z] <= f, "drain of n{n}: node n{t} zone {z}");
                }
            }
        }
        let vm = Scenario::default().vm.with_vcpus(vcpus).unwrap();
        let capacity = cluster.capacity(&vm);
        for c in &capacity.per_node {
            let free = cluster.nodes[c.node].free_cpus();
            for (z, &t) in c.taken_cpus.iter().enumerate() {
                prop_assert!(t <= free[z]);
            }
            prop_assert_eq!(c.taken_cpus.iter().sum::<u32>(), c.count * vm.pod_cpus());
        }
    }
}

/// A synthetic cluster read from files (the benchmark's, smaller): the
/// cached targets equal the slow path for every VM.
#[test]
fn a_synthetic_cluster_read_from_files_matches_the_slow_path() {
    let files = synthetic::cluster_files(12, 60);
    let texts: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let cluster = import_cluster(&texts).cluster;
    assert_eq!((cluster.nodes.len(), cluster.vms.len()), (12, 60));
    assert_eq!(cluster.unmatched, Vec::<String>::new());
    let judge = cluster.judge();
    let mut verdicts = std::collections::BTreeSet::new();
    for i in 0..cluster.vms.len() {
        let fast: Vec<(usize, MigrationVerdict)> = judge
            .targets(i)
            .iter()
            .map(|t| (t.node, t.verdict))
            .collect();
        verdicts.extend(fast.iter().map(|(_, v)| *v));
        assert_eq!(fast, slow_targets(&cluster, i), "{}", cluster.vms[i].name);
    }
    // The cluster is varied enough to say more than one thing.
    assert!(verdicts.len() >= 3, "{verdicts:?}");
}

/// Kubelet objects reach the nodes their pools select (matched by the Node
/// objects' labels); the rest is listed, as is a Node whose allocatable
/// CPUs differ from its zones'.
#[test]
fn kubelet_objects_are_matched_to_nodes_by_labels() {
    let nrt = fixture("noderesourcetopologies.yaml");
    let node = |name: &str, role: &str, cpu: u32| {
        format!("kind: Node\nmetadata:\n  name: {name}\n  labels:\n    node-role.kubernetes.io/{role}: \"\"\nstatus:\n  allocatable:\n    cpu: \"{cpu}\"\n")
    };
    let nodes = [
        node("worker-1", "worker-cnf", 60),
        node("worker-2", "worker-rt", 62),
        node("worker-3", "worker", 62),
    ]
    .join("---\n");
    let profile = "kind: PerformanceProfile\nmetadata:\n  name: rt\nspec:\n  nodeSelector:\n    node-role.kubernetes.io/worker-rt: \"\"\n  numa:\n    topologyPolicy: restricted\n";
    let pool = "kind: MachineConfigPool\nmetadata:\n  name: cnf-pool\n  labels:\n    pools/cnf: \"\"\nspec:\n  nodeSelector:\n    matchLabels:\n      node-role.kubernetes.io/worker-cnf: \"\"\n";
    let config = "kind: KubeletConfig\nmetadata:\n  name: cnf\nspec:\n  machineConfigPoolSelector:\n    matchLabels:\n      pools/cnf: \"\"\n  kubeletConfig:\n    topologyManagerPolicy: best-effort\n";
    let stray = "kind: KubeletConfig\nmetadata:\n  name: gpu\nspec:\n  machineConfigPoolSelector:\n    matchLabels:\n      pools.operator.machineconfiguration.openshift.io/worker-gpu: \"\"\n";
    let read = import_cluster(&[
        ("nrt.yaml", &nrt),
        ("nodes.yaml", &nodes),
        (
            "kubelet.yaml",
            &[profile, pool, config, stray].join("---\n"),
        ),
    ]);
    let pools: Vec<String> = read.cluster.nodes.iter().map(|n| n.pool_key()).collect();
    assert_eq!(pools, ["cnf-pool", "worker-rt", "worker"]);
    // The NodeResourceTopology's policy wins over the kubelet objects'.
    assert!(read
        .cluster
        .nodes
        .iter()
        .all(|n| n.policy == Policy::SingleNumaNode));
    assert_eq!(
        read.cluster.unmatched.len(),
        1,
        "{:?}",
        read.cluster.unmatched
    );
    assert!(
        read.cluster.unmatched[0].starts_with("KubeletConfig gpu in kubelet.yaml: selects none")
    );
    let notes: Vec<&String> = read
        .read
        .iter()
        .filter(|l| l.contains("allocatable"))
        .collect();
    assert_eq!(notes.len(), 1, "{:?}", read.read);
    assert!(notes[0].starts_with(
        "node worker-1: the Node's allocatable cpu is 60, its NodeResourceTopology zones' 62"
    ));
}
