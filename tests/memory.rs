//! The memory side: huge pages per NUMA node and the Memory Manager, with
//! the worked examples of the planner's admission model.

use proptest::prelude::*;
use vnuma_planner::domain::{
    CheckCode, CheckResult, Field, HugepageSize, MemoryManager, Policy, Report, ScenarioInput,
    Verdict,
};

use Policy::{BestEffort, None as NoPolicy, Restricted, SingleNumaNode};

struct Case {
    nodes: &'static str,
    cpus: &'static str,
    vcpus: &'static str,
    memory: &'static str,
    size: HugepageSize,
    free: &'static str,
    manager: MemoryManager,
}

const GI: HugepageSize = HugepageSize::OneGi;
const MI2: HugepageSize = HugepageSize::TwoMi;

fn case(vcpus: &'static str, memory: &'static str, size: HugepageSize, free: &'static str) -> Case {
    Case {
        nodes: "2",
        cpus: "32",
        vcpus,
        memory,
        size,
        free,
        manager: MemoryManager::None,
    }
}

fn report(c: &Case) -> Report {
    let input = {
        let mut input = ScenarioInput::default()
            .with(Field::NumaNodes, c.nodes)
            .with(Field::CpusPerNode, c.cpus)
            .with_vcpus(c.vcpus)
            .with(Field::Memory, c.memory)
            .with(Field::FreeHugepages, c.free)
            .with(Field::ReservedCpus, "1");
        input.vm.hugepage_size = Some(c.size);
        input.cluster.memory_manager = Some(c.manager);
        input
    };
    Report::new(input.parse().unwrap())
}

fn verdict(r: &Report, p: Policy) -> Verdict {
    r.verdicts[p].verdict
}

fn check(r: &Report, p: Policy, code: CheckCode) -> (CheckResult, String) {
    let c = r.verdicts[p].checks.iter().find(|c| c.code == code);
    let c = c.unwrap_or_else(|| panic!("no {code} under {p}"));
    (c.result, c.message.clone())
}

#[test]
fn a_cell_larger_than_its_nodes_free_pages_fails_although_the_host_has_enough() {
    // 9 x 1Gi over two cells: 5 on node 0 (4 free), 4 on node 1 (10 free).
    let r = report(&case("40", "9Gi", GI, "4,10"));
    for p in [NoPolicy, BestEffort] {
        assert_eq!(verdict(&r, p), Verdict::FailsToStart, "{p}");
        let (result, message) = check(&r, p, CheckCode::NodeHugepages);
        assert_eq!(result, CheckResult::Fail);
        assert!(
            message.contains("cell 0 on node 0 needs 5 x 1Gi, node 0 has 4 free"),
            "{message}"
        );
    }
    let placement = r.verdicts[NoPolicy].placement.as_ref().unwrap();
    let pages: Vec<Option<u64>> = placement.nodes.iter().map(|n| n.pages).collect();
    assert_eq!(pages, [Some(5), Some(4)]);
    assert!(placement.certain);
}

#[test]
fn one_page_cannot_feed_two_cells() {
    let r = report(&case("40", "1Gi", GI, "16,16"));
    assert_eq!(verdict(&r, NoPolicy), Verdict::FailsToStart);
    assert_eq!(
        check(&r, NoPolicy, CheckCode::PagesPerCell).0,
        CheckResult::Fail
    );
}

#[test]
fn kubevirt_6981_is_at_risk_unless_the_memory_manager_steers_it() {
    // 1290 and 758 free 2Mi pages; a 2Gi VM (1024 pages) that fits one node.
    let r = report(&case("12", "2Gi", MI2, "1290,758"));
    assert_eq!(verdict(&r, NoPolicy), Verdict::AtRisk);
    let (result, message) = check(&r, NoPolicy, CheckCode::NodeHugepages);
    assert_eq!(result, CheckResult::Risk);
    assert!(
        message.contains("node 0 (1290 free)") && message.contains("node 1 (758 free)"),
        "{message}"
    );

    let steered = report(&Case {
        manager: MemoryManager::Static,
        ..case("12", "2Gi", MI2, "1290,758")
    });
    assert_eq!(verdict(&steered, SingleNumaNode), Verdict::Works);
    let (result, message) = check(&steered, SingleNumaNode, CheckCode::MemoryManagerNode);
    assert_eq!(result, CheckResult::Pass);
    assert!(message.contains("node 0"), "{message}");
    let placement = steered.verdicts[SingleNumaNode].placement.as_ref().unwrap();
    assert_eq!((placement.nodes[0].node, placement.certain), (0, true));
}

#[test]
fn memory_that_fits_no_node_fails_where_the_vm_fits_one() {
    // 24 x 1Gi with 16 free on each node; 8 vCPUs fit one node.
    let r = report(&case("8", "24Gi", GI, "16,16"));
    for p in [NoPolicy, BestEffort, SingleNumaNode] {
        assert_eq!(verdict(&r, p), Verdict::FailsToStart, "{p}");
    }
    let steered = report(&Case {
        manager: MemoryManager::Static,
        ..case("8", "24Gi", GI, "16,16")
    });
    let (result, message) = check(&steered, SingleNumaNode, CheckCode::MemoryManagerNode);
    assert_eq!(result, CheckResult::Fail);
    assert!(message.contains("TopologyAffinityError"), "{message}");
}

#[test]
fn more_cells_make_smaller_cells() {
    // 4 nodes of 16 CPUs and 2048 free 2Mi pages each; 12Gi = 6144 pages.
    let on = |vcpus| Case {
        nodes: "4",
        cpus: "16",
        ..case(vcpus, "12Gi", MI2, "2048,2048,2048,2048")
    };
    // 20 vCPUs span 2 nodes: two cells of 3072 pages, more than any node has.
    assert_eq!(
        verdict(&report(&on("20")), BestEffort),
        Verdict::FailsToStart
    );
    // 40 vCPUs span 3 nodes: three cells of 2048 pages fit.
    assert_eq!(verdict(&report(&on("40")), BestEffort), Verdict::Works);
}

#[test]
fn memory_must_be_whole_pages_and_fit_the_host() {
    let odd = report(&case("8", "1536Mi", GI, "10,10"));
    for p in Policy::ALL {
        assert_eq!(verdict(&odd, p), Verdict::Rejected, "{p}");
    }
    let big = report(&case("8", "32Gi", GI, "10,10"));
    for p in Policy::ALL {
        assert_eq!(verdict(&big, p), Verdict::Unschedulable, "{p}");
    }
    assert_eq!(
        check(&big, Restricted, CheckCode::HostHugepages).0,
        CheckResult::Fail
    );
}

#[test]
fn without_free_pages_or_a_page_size_the_checks_say_they_cannot_run() {
    let input = ScenarioInput::default().with(Field::Memory, "16Gi");
    let r = Report::new(input.parse().unwrap());
    assert!(r
        .advisories
        .iter()
        .any(|a| a.code.code() == "hugepage-size-unknown"));
    assert_eq!(verdict(&r, SingleNumaNode), Verdict::Works);
    let input = {
        let mut input = ScenarioInput::default().with(Field::Memory, "16Gi");
        input.vm.hugepage_size = Some(GI);
        input
    };
    let r = Report::new(input.parse().unwrap());
    assert!(r
        .advisories
        .iter()
        .any(|a| a.code.code() == "free-hugepages-unknown"));
    // Free pages need the memory and the page size they count.
    let orphan = ScenarioInput::default().with(Field::FreeHugepages, "4,4");
    let errors = orphan.parse().unwrap_err();
    assert!(errors[0]
        .message
        .contains("give the guest memory and the huge page size"));
}

fn any_case() -> impl Strategy<Value = (ScenarioInput, Vec<u32>)> {
    (
        1u32..=6,
        1u32..=64,
        1u32..=256,
        1u64..=64,
        prop::bool::ANY,
        prop::collection::vec(0u32..=64, 6),
        prop::bool::ANY,
    )
        .prop_map(|(n, c, v, gib, two_mi, free, manager)| {
            let size = if two_mi { MI2 } else { GI };
            let per_gib = if two_mi { 512 } else { 1 };
            let free: Vec<u32> = free[..n as usize].iter().map(|f| f * per_gib).collect();
            let input = {
                let mut input = ScenarioInput::default()
                    .with(Field::NumaNodes, n.to_string())
                    .with(Field::CpusPerNode, c.to_string())
                    .with_vcpus(v.to_string())
                    .with(Field::Memory, format!("{gib}Gi"));
                input.vm.hugepage_size = Some(size);
                input.cluster.memory_manager = Some(if manager {
                    MemoryManager::Static
                } else {
                    MemoryManager::None
                });
                input
            };
            (input, free)
        })
}

fn with_free(input: &ScenarioInput, free: &[u32]) -> ScenarioInput {
    let free: Vec<String> = free.iter().map(u32::to_string).collect();
    input.clone().with(Field::FreeHugepages, free.join(","))
}

proptest! {
    #[test]
    fn cells_share_the_pages_evenly(input in any_case()) {
        let (input, free) = input;
        let r = Report::new(with_free(&input, &free).parse().unwrap());
        let pages = r.scenario.vm.hugepages().unwrap();
        for (p, v) in r.verdicts.iter() {
            let Some(placement) = &v.placement else { continue };
            let cells: Vec<u64> = placement.nodes.iter().map(|n| n.pages.unwrap()).collect();
            prop_assert_eq!(cells.iter().sum::<u64>(), pages, "{}", p);
            let (lo, hi) = (cells.iter().min().unwrap(), cells.iter().max().unwrap());
            prop_assert!(hi - lo <= 1, "{}: {:?}", p, cells);
        }
    }

    /// P6: the Memory Manager Static's hints steer a pod to its pages or
    /// reject it; they never turn a VM that fails with the Memory Manager
    /// off into one that works.
    #[test]
    fn the_memory_manager_never_turns_a_failing_verdict_into_works(input in any_case()) {
        let (input, free) = input;
        let with = |manager: MemoryManager| {
            let mut i = with_free(&input, &free);
            i.cluster.memory_manager = Some(manager);
            Report::new(i.parse().unwrap())
        };
        let (off, on) = (with(MemoryManager::None), with(MemoryManager::Static));
        for p in Policy::ALL {
            if off.verdicts[p].verdict < Verdict::AtRisk {
                prop_assert!(on.verdicts[p].verdict < Verdict::Works, "{}", p);
            }
        }
    }

    #[test]
    fn more_free_pages_never_worsen_a_verdict(input in any_case(), node in 0usize..6, extra in 1u32..4096) {
        let (input, free) = input;
        let mut more = free.clone();
        let i = node % more.len();
        more[i] = more[i].saturating_add(extra);
        let before = Report::new(with_free(&input, &free).parse().unwrap());
        let after = Report::new(with_free(&input, &more).parse().unwrap());
        for p in Policy::ALL {
            // The kubelet's one exception: with the Memory Manager Static,
            // memory that now fits one node can narrow a spread VM's hint (M6).
            let merge = after.verdicts[p].checks.iter().any(|c| c.code == CheckCode::MemoryManagerMerge);
            if !merge {
                prop_assert!(after.verdicts[p].verdict >= before.verdicts[p].verdict, "{}", p);
            }
        }
    }
}

/// P7 and P8: 32 vCPUs and an isolated emulator thread on 2 nodes of 32
/// (1 reserved on node 0). The kubelet takes node 1 whole and 1 CPU of node
/// 0; KubeVirt pins whole guest cores node by node, so with 2 guest
/// threads per core node 0's lone CPU gets the emulator thread and all 16
/// pages belong to one cell on node 1, which has 10: QEMU fails. With one
/// thread per core node 0 holds vCPU 0 and a cell of its own: 8 pages each.
#[test]
fn guest_threads_decide_which_nodes_hold_guest_cells() {
    let run = |threads: &str| {
        let mut input = ScenarioInput::default()
            .with(Field::ThreadsPerCore, "2")
            .with(Field::Memory, "16Gi")
            .with(Field::FreeHugepages, "10,10");
        input.vm = input.vm.clone().with_topology(
            "1",
            &(32 / threads.parse::<u32>().unwrap()).to_string(),
            threads,
        );
        input.vm.hugepage_size = Some(GI);
        input.vm.isolate_emulator_thread = true;
        Report::new(input.parse().unwrap())
    };
    let two = run("2");
    for p in [BestEffort, NoPolicy] {
        let v = &two.verdicts[p];
        let placement = v.placement.as_ref().unwrap();
        let shares: Vec<(u32, u32, u32, Option<u64>)> = placement
            .nodes
            .iter()
            .map(|n| (n.node, n.cpus, n.vcpus, n.pages))
            .collect();
        assert_eq!(shares, [(0, 1, 0, Some(0)), (1, 32, 32, Some(16))], "{p}");
        assert!(placement.certain, "{p}");
        assert_eq!(v.verdict, Verdict::FailsToStart, "{p}");
        assert!(
            v.problems().any(|c| c.code == CheckCode::NodeHugepages),
            "{p}"
        );
    }
    let one = run("1");
    let shares: Vec<(u32, u32, Option<u64>)> = one.verdicts[BestEffort]
        .placement
        .as_ref()
        .unwrap()
        .nodes
        .iter()
        .map(|n| (n.node, n.vcpus, n.pages))
        .collect();
    assert_eq!(shares, [(0, 1, Some(8)), (1, 31, Some(8))]);
    assert_eq!(one.verdicts[BestEffort].verdict, Verdict::Works);
}
