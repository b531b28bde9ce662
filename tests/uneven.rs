//! Hosts whose NUMA nodes differ in size (issue 20, item 6): Intel SNC3 on
//! 128 cores as bought, and nodes typed one by one as imported hosts give
//! them.

use proptest::prelude::*;
use vnuma_planner::domain::{
    AdvisoryCode, CheckCode, CheckResult, Classification, Field, FieldError, Host, HostMode,
    NodeShare, Policy, Report, ScenarioInput, SizeBoundaries, SizeClass, TableSize,
};

use Policy::{Restricted, SingleNumaNode};

/// 2 sockets x 128 cores x 2 threads at SNC3, and a VM of `vcpus`.
fn snc3(vcpus: &str) -> ScenarioInput {
    let mut input = ScenarioInput::default().with_vcpus(vcpus);
    input.host.set_mode(HostMode::AsBought);
    input
        .with(Field::HostSockets, "2")
        .with(Field::CoresPerSocket, "128")
        .with(Field::NodesPerSocket, "3")
        .with(Field::ThreadsPerCore, "2")
}

/// A host given node by node, and a VM of `vcpus`.
fn nodes(each: &str, largest: &str, vcpus: &str) -> ScenarioInput {
    let count = each.split(',').count().to_string();
    ScenarioInput::default()
        .with_vcpus(vcpus)
        .with(Field::NumaNodes, count)
        .with(Field::CpusPerNode, largest)
        .with(Field::NodeCpus, each)
}

fn report(input: ScenarioInput) -> Report {
    Report::new(input.parse().unwrap())
}

fn error(input: ScenarioInput) -> FieldError {
    let errors = input.parse().unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:?}");
    errors[0].clone()
}

fn check(r: &Report, policy: Policy, code: CheckCode) -> (CheckResult, String) {
    let c = r.verdicts[policy]
        .checks
        .iter()
        .find(|c| c.code == code)
        .unwrap_or_else(|| panic!("no {code} under {policy}"));
    (c.result, c.message.clone())
}

#[test]
fn snc3_on_128_cores_is_nodes_of_86_86_and_84_cpus() {
    let host = snc3("8").parse().unwrap().host;
    assert_eq!(host.node_cpus(), [86, 86, 84, 86, 86, 84]);
    assert_eq!(
        (host.numa_nodes(), host.cpus_per_node(), host.total_cpus()),
        (6, 86, 512)
    );
    // The default reserved CPU sits on node 0.
    assert_eq!(host.allocatable_cpus(), [85, 86, 84, 86, 86, 84]);
    assert_eq!(host.largest_free(), (1, 86));
    let r = report(snc3("8"));
    assert_eq!(r.boundaries.host_cpus, 512);
    assert_eq!(r.boundaries.extra_large, Some((87, 512)));
}

#[test]
fn reserved_cpus_are_bounded_by_their_own_nodes_cpus() {
    let e = error(snc3("8").with(Field::ReservedCpus, "0,0,85"));
    assert_eq!(
        (e.field, e.message.as_str()),
        (
            Field::ReservedCpus,
            "Reserved CPUs: node 2 cannot reserve 85 of its 84 CPUs"
        )
    );
    // 85 fits the 86 of node 1.
    let host = snc3("8")
        .with(Field::ReservedCpus, "0,85")
        .parse()
        .unwrap()
        .host;
    assert_eq!(host.allocatable_cpus(), [86, 1, 84, 86, 86, 84]);
    // Node 2's 84 CPUs are 42 cores: 43 cannot hold its reserved CPUs.
    let e = error(
        snc3("8")
            .with(Field::ReservedCpus, "0,0,84")
            .with(Field::ReservedCores, "0,0,43"),
    );
    assert_eq!(e.field, Field::ReservedCores);
    assert!(e.message.contains("sit on 42 to 42 cores"), "{}", e.message);
}

#[test]
fn the_cpus_of_each_node_are_checked_against_the_host() {
    for (each, largest, threads, says) in [
        (
            "86,86,84",
            "86",
            "",
            "CPUs of each node lists 3 nodes; the host has 2 NUMA nodes",
        ),
        (
            "90",
            "86",
            "",
            "CPUs of each node: node 0 cannot have 90 CPUs; each node has 1 to the 86 CPUs per NUMA node",
        ),
        (
            "84,84",
            "86",
            "",
            "CPUs of each node gives no node of 86 CPUs: CPUs per NUMA node is the largest node's",
        ),
        (
            "85",
            "86",
            "2",
            "CPUs of each node: node 0's 85 CPUs are not whole cores of 2 threads",
        ),
    ] {
        let input = ScenarioInput::default()
            .with(Field::NumaNodes, "2")
            .with(Field::CpusPerNode, largest)
            .with(Field::NodeCpus, each)
            .with(Field::ThreadsPerCore, threads);
        let e = error(input);
        assert_eq!((e.field, e.message.as_str()), (Field::NodeCpus, says));
    }
    // Nodes not listed have the CPUs per NUMA node.
    let host = nodes("84", "86", "8")
        .with(Field::NumaNodes, "3")
        .parse()
        .unwrap()
        .host;
    assert_eq!(host.node_cpus(), [84, 86, 86]);
}

/// A pod of 85 CPUs fits the 86-CPU node, not the 84-CPU one.
#[test]
fn a_pod_lands_on_the_node_large_enough_for_it() {
    // The kubelet's one reserved CPU on the small node: 83 and 86 left.
    let r = report(nodes("84,86", "86", "85").with(Field::ReservedCpus, "1"));
    let (result, says) = check(&r, SingleNumaNode, CheckCode::SingleNodeFit);
    assert_eq!(result, CheckResult::Pass);
    assert!(says.starts_with("Node 1 has 86 allocatable CPUs"), "{says}");
    let placement = r.verdicts[SingleNumaNode].placement.clone().unwrap();
    assert_eq!(
        placement.nodes,
        [NodeShare {
            node: 1,
            cpus: 85,
            vcpus: 85,
            pages: None
        }]
    );
    assert_eq!(placement.candidates, [1]);
    assert!(placement.certain, "only node 1 holds the pod");
    // 87 vCPUs: more than any node.
    let r = report(nodes("84,86", "86", "87").with(Field::ReservedCpus, "1"));
    let (result, says) = check(&r, SingleNumaNode, CheckCode::SingleNodeFit);
    assert_eq!(result, CheckResult::Fail);
    assert!(says.contains("(the most is 86, on node 1)"), "{says}");
    // Under best-effort the pod spreads over both nodes: the kubelet takes
    // node 1 whole (all free), then 1 CPU of node 0.
    let placement = r.verdicts[Policy::BestEffort].placement.clone().unwrap();
    let on: Vec<(u32, u32)> = placement.nodes.iter().map(|s| (s.node, s.cpus)).collect();
    assert_eq!(on, [(0, 1), (1, 86)]);
}

/// U3: the kubelet's narrowest hint is the fewest nodes whose CPUs hold the
/// pod; with nodes of 8, 4, 4, 4 a pod of 13 needs three (8 + 4 = 12 < 13),
/// and three nodes hold it with their allocatable CPUs (7 + 4 + 4).
#[test]
fn restricted_sizes_its_narrowest_hint_from_the_largest_nodes() {
    let r = report(nodes("8,4,4,4", "8", "13"));
    let (result, says) = check(&r, Restricted, CheckCode::RestrictedFit);
    assert_eq!(result, CheckResult::Pass, "{says}");
    assert!(
        says.contains("fit 3 nodes with the most CPUs (16 in all)"),
        "{says}"
    );
    // Reserved CPUs on the three nodes that would hold it leave 13 short.
    let r = report(nodes("8,4,4,4", "8", "13").with(Field::ReservedCpus, "2,1,1,1"));
    let (result, says) = check(&r, Restricted, CheckCode::RestrictedFit);
    assert_eq!(result, CheckResult::Fail, "{says}");
}

#[test]
fn the_size_class_is_the_largest_nodes_and_a_note_gives_the_smallest_nodes() {
    for (vcpus, class, other) in [
        ("40", SizeClass::Small, None),
        (
            "42",
            SizeClass::Small,
            Some("it would be half-boundary (42 = 84 / 2)"),
        ),
        (
            "43",
            SizeClass::HalfBoundary,
            Some("it would be large (43 > 84 / 2 = 42 and 43 <= 84)"),
        ),
        ("44", SizeClass::Large, None),
        (
            "85",
            SizeClass::Large,
            Some("it would be extra-large (85 > 84 and 85 <= the host's 512)"),
        ),
        ("87", SizeClass::ExtraLarge, None),
    ] {
        let r = report(snc3(vcpus));
        assert_eq!(r.size.class, class, "{vcpus}");
        let note = r
            .advisories
            .iter()
            .find(|a| a.code == AdvisoryCode::UnevenNodesReadingDiffers);
        match (note, other) {
            (None, None) => {}
            (Some(note), Some(says)) => {
                assert!(note.message.contains(says), "{}", note.message);
                assert!(
                    note.message.starts_with(
                        "The NUMA nodes differ (86, 86, 84, 86, 86, 84 CPUs). The planner weighs the vCPUs against the largest node, 86 CPUs"
                    ),
                    "{}",
                    note.message
                );
            }
            (note, _) => panic!("{vcpus}: {note:?}"),
        }
    }
    assert_eq!(
        report(snc3("87")).size.arithmetic(),
        "87 > 86 and 87 <= the host's 512"
    );
    assert_eq!(report(snc3("513")).size.class, SizeClass::ExceedsHost);
}

/// Nodes typed one by one (or imported) switched to the host as bought: the
/// shape that splits its sockets into those nodes.
#[test]
fn nodes_that_a_shape_makes_switch_to_that_shape() {
    let mut input = nodes("86,86,84,86,86,84", "86", "8").with(Field::ThreadsPerCore, "2");
    let host = input.parse().unwrap().host;
    input.host.set_mode(HostMode::AsBought);
    assert_eq!(
        [
            Field::HostSockets,
            Field::CoresPerSocket,
            Field::NodesPerSocket
        ]
        .map(|f| input.text(f)),
        ["2", "128", "3"]
    );
    assert_eq!(input.parse().unwrap().host.node_cpus(), host.node_cpus());
}

/// On uneven nodes the boundaries and the classes come from the largest
/// node and the host's own total (SNC3: 86 and 512, not 6 x 86).
#[test]
fn the_ranges_of_each_class_on_uneven_nodes_are_its_classifications() {
    for (c, n, total) in [(86u32, 6u32, 512u32), (24, 3, 64), (3, 2, 5)] {
        let b = SizeBoundaries::with_total(c, total);
        assert_eq!(b.host_cpus, total);
        for v in 1..=total + 1 {
            let class = Classification::with_total(v, c, n, total.into()).class;
            let row = TableSize::ALL.into_iter().find(|&size| {
                b.range_of(size)
                    .is_some_and(|(lo, hi)| (lo..=hi).contains(&v))
            });
            match class {
                SizeClass::HalfBoundary => assert_eq!((row, b.half), (None, Some(v))),
                SizeClass::ExceedsHost => assert_eq!((row, v), (None, total + 1)),
                _ => assert_eq!(row.map(|r| r.class()), Some(class), "{v} on {c}/{total}"),
            }
        }
    }
}

/// Nodes of one size typed one by one are the host `Host::new` makes.
#[test]
fn equal_nodes_given_one_by_one_are_the_host_given_as_a_count() {
    assert_eq!(
        Host::from_node_cpus(vec![32; 2], Some(2)),
        Host::new(2, 32, Some(2))
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn equal_nodes_listed_answer_as_the_counts_do(
        n in 1u32..=8,
        cores in 1u32..=24,
        smt in prop::sample::select(vec![None, Some(2u32)]),
        listed in 0usize..=8,
        vcpus in 1u32..=400,
        reserved in prop::collection::vec(0u32..=3, 1..=8),
        emulator in any::<bool>(),
    ) {
        let c = cores * smt.unwrap_or(1);
        let reserved: Vec<String> = reserved
            .iter()
            .take(n as usize)
            .map(|r| r.min(&c).to_string())
            .collect();
        let mut counted = ScenarioInput::default()
            .with_vcpus(vcpus.to_string())
            .with(Field::NumaNodes, n.to_string())
            .with(Field::CpusPerNode, c.to_string())
            .with(Field::ThreadsPerCore, smt.map(|t| t.to_string()).unwrap_or_default())
            .with(Field::ReservedCpus, reserved.join(","));
        counted.vm.isolate_emulator_thread = emulator;
        let each = vec![c.to_string(); listed.clamp(1, n as usize)].join(",");
        let listed = counted.clone().with(Field::NodeCpus, each);
        match (counted.parse(), listed.parse()) {
            (Ok(a), Ok(b)) => prop_assert_eq!(Report::new(a), Report::new(b)),
            (Err(a), Err(b)) => prop_assert_eq!(a, b),
            (a, b) => prop_assert!(false, "{:?} against {:?}", a.is_ok(), b.is_ok()),
        }
    }
}
