//! The admission layer: checks of the VM's pod on this host, and the verdict
//! per policy, the worse of the document's status and the checks.

use proptest::prelude::*;
use vnuma_planner::domain::{
    ranges_text, works_for_vcpus, AdvisoryCode, CellOutcome, Check, CheckCode, CheckResult, Field,
    HugepageSize, MemoryManager, NodeTuning, Policy, PolicyVerdict, Report, Scenario,
    ScenarioInput, SizeClass, Status, Verdict,
};

use Policy::{BestEffort, None as NoPolicy, Restricted, SingleNumaNode};

/// A 2 x 32 host and a VM of `vcpus`, with `more` applied.
fn report(vcpus: &str, more: impl FnOnce(&mut ScenarioInput)) -> Report {
    let mut input = ScenarioInput::default().with_vcpus(vcpus);
    more(&mut input);
    Report::new(input.parse().unwrap())
}

fn verdicts(r: &Report) -> Vec<(Policy, Verdict, Status)> {
    Policy::ALL
        .iter()
        .map(|&p| (p, r.verdicts[p].verdict, r.outcomes[p].status))
        .collect()
}

/// Asserts the check with this code under `policy`: its result, and that
/// its message says each of `says`.
fn check_says(r: &Report, policy: Policy, code: CheckCode, result: CheckResult, says: &[&str]) {
    let check: &Check = r.verdicts[policy]
        .checks
        .iter()
        .find(|c| c.code == code)
        .unwrap();
    assert_eq!(check.result, result, "{code}");
    for words in says {
        assert!(check.message.contains(words), "{}", check.message);
    }
}

fn failing(r: &Report, policy: Policy) -> Vec<CheckCode> {
    r.verdicts[policy].problems().map(|c| c.code).collect()
}

#[test]
fn a_vm_as_large_as_the_host_cannot_be_scheduled_whatever_the_table_says() {
    let r = report("64", |_| {});
    assert_eq!(
        verdicts(&r),
        [
            (NoPolicy, Verdict::Unschedulable, Status::Works),
            (SingleNumaNode, Verdict::Unschedulable, Status::FailsToStart),
            (BestEffort, Verdict::Unschedulable, Status::Works),
            (Restricted, Verdict::Unschedulable, Status::VmDoesNotWork),
        ]
    );
    check_says(
        &r,
        BestEffort,
        CheckCode::HostAllocatable,
        CheckResult::Fail,
        &["63 allocatable"],
    );
}

#[test]
fn a_pod_that_takes_every_allocatable_cpu_leaves_no_room_for_the_launcher() {
    // 2 x 32 with the default reserved CPU: 63 allocatable. 63 vCPUs are
    // the top of every range the planner printed before P5.
    let full = report("63", |_| {});
    for (p, verdict, _) in verdicts(&full) {
        assert_eq!(verdict, Verdict::Unschedulable, "{p}");
    }
    check_says(
        &full,
        BestEffort,
        CheckCode::PodOverhead,
        CheckResult::Fail,
        &["15m", "guest-console-log"],
    );
    assert_eq!(failing(&full, BestEffort), [CheckCode::PodOverhead]);
    assert_eq!(full.verdicts[BestEffort].placement, None);
    // One CPU left: the console log fits; the DaemonSets are unknown, so
    // they never make a definite answer.
    let room = report("62", |_| {});
    assert_eq!(room.verdicts[BestEffort].verdict, Verdict::Works);
    check_says(
        &room,
        BestEffort,
        CheckCode::PodOverhead,
        CheckResult::Pass,
        &["985m"],
    );
    // The emulator thread counts: 62 vCPUs + 1 take all 63.
    let emulator = report("62", |i| i.vm.isolate_emulator_thread = true);
    assert_eq!(
        emulator.verdicts[BestEffort].verdict,
        Verdict::Unschedulable
    );
    // Past the allocatable CPUs host-allocatable says it; pod-overhead is
    // not repeated.
    let over = report("64", |_| {});
    assert_eq!(failing(&over, BestEffort), [CheckCode::HostAllocatable]);
}

#[test]
fn an_odd_pod_on_full_pcpus_only_smt_fails_to_start_under_every_policy() {
    let r = report("24", |i| {
        i.vm.isolate_emulator_thread = true;
        i.set_text(Field::ThreadsPerCore, "2".into());
        i.cluster.full_pcpus_only = Some(true);
    });
    for (p, verdict, _) in verdicts(&r) {
        assert_eq!(verdict, Verdict::FailsToStart, "{p}");
        assert!(failing(&r, p).contains(&CheckCode::SmtAlignment), "{p}");
    }
    // An odd vCPU count makes the pod even again.
    let odd = report("23", |i| {
        i.vm.isolate_emulator_thread = true;
        i.set_text(Field::ThreadsPerCore, "2".into());
        i.cluster.full_pcpus_only = Some(true);
    });
    assert_eq!(odd.verdicts[SingleNumaNode].verdict, Verdict::Works);
}

#[test]
fn under_full_pcpus_only_the_emulator_thread_can_complete_a_core() {
    let full = |emulator: bool| {
        report("23", move |i| {
            i.set_text(Field::ThreadsPerCore, "2".into());
            i.cluster.full_pcpus_only = Some(true);
            i.vm.isolate_emulator_thread = emulator;
        })
    };
    assert_eq!(
        full(false).verdicts[BestEffort].verdict,
        Verdict::FailsToStart
    );
    assert_eq!(full(true).verdicts[BestEffort].verdict, Verdict::Works);
}

#[test]
fn the_parity_option_makes_the_pod_even() {
    for (vcpus, pod) in [("24", 26), ("23", 24), ("1", 2), ("2", 4)] {
        let r = report(vcpus, |i| {
            i.vm.isolate_emulator_thread = true;
            i.cluster.emulator_parity = true;
        });
        assert_eq!(r.scenario.vm.pod_cpus(), pod, "{vcpus} vCPUs");
    }
    // Parity alone adds nothing: it only shapes the isolated emulator thread.
    assert_eq!(
        report("24", |i| i.cluster.emulator_parity = true)
            .scenario
            .vm
            .pod_cpus(),
        24
    );
}

#[test]
fn reserved_cpus_on_every_node_leave_no_node_for_a_full_node_vm() {
    let both = report("32", |i| i.set_text(Field::ReservedCpus, "2,2".into()));
    assert_eq!(
        both.outcomes[SingleNumaNode].status,
        Status::Works,
        "the document's cell"
    );
    assert_eq!(both.verdicts[SingleNumaNode].verdict, Verdict::FailsToStart);
    assert_eq!(failing(&both, SingleNumaNode), [CheckCode::SingleNodeFit]);
    assert_eq!(both.scenario.host.allocatable_cpus(), [30, 30]);
    // Restricted too: 32 CPUs fit one node of 32 counting the reserved
    // ones, so only a one-node hint is preferred, and no node has 32
    // allocatable (U3). This was "at risk" before the rule.
    assert_eq!(both.verdicts[Restricted].verdict, Verdict::FailsToStart);
    assert_eq!(failing(&both, Restricted), [CheckCode::RestrictedFit]);

    let node0 = report("32", |i| i.set_text(Field::ReservedCpus, "2".into()));
    assert_eq!(
        node0.verdicts[SingleNumaNode].verdict,
        Verdict::Works,
        "node 1 is whole"
    );
    assert_eq!(node0.scenario.host.allocatable_cpus(), [30, 32]);
}

#[test]
fn under_restricted_the_narrowest_nodes_must_hold_the_pod_with_their_allocatable_cpus() {
    // 32 vCPUs on 2 x 32 with 2 reserved on each node: a node's 32 CPUs
    // could hold the pod, its 30 allocatable cannot (U3).
    let r = report("32", |i| i.set_text(Field::ReservedCpus, "2,2".into()));
    check_says(
        &r,
        Restricted,
        CheckCode::RestrictedFit,
        CheckResult::Fail,
        &["TopologyAffinityError"],
    );
    // Best-effort takes the wider hint; none gives no hint.
    assert_eq!(r.verdicts[BestEffort].verdict, Verdict::Works);
    assert_eq!(r.verdicts[NoPolicy].verdict, Verdict::MigrationFails);
    // Wider pods too: 30 CPUs fit 2 nodes of 16, but 2 nodes have 28
    // allocatable, so restricted rejects what best-effort spreads over 3.
    let wide = report("30", |i| {
        i.set_text(Field::NumaNodes, "4".into());
        i.set_text(Field::CpusPerNode, "16".into());
        i.set_text(Field::ReservedCpus, "2,2,2,2".into());
    });
    assert_eq!(wide.verdicts[Restricted].verdict, Verdict::FailsToStart);
    assert_eq!(failing(&wide, Restricted), [CheckCode::RestrictedFit]);
    assert_eq!(wide.verdicts[BestEffort].verdict, Verdict::Works);
    // Node 1 whole: the one-node hint is there.
    let node0 = report("32", |i| i.set_text(Field::ReservedCpus, "2".into()));
    assert_eq!(node0.verdicts[Restricted].verdict, Verdict::Works);
}

/// P6: an emulator thread past the node's 32 CPUs makes two nodes the
/// narrowest CPU hint. With the Memory Manager off restricted admits the
/// pod; with it Static the page hints decide, definitely once the free
/// pages per node are known.
#[test]
fn the_memory_managers_hints_decide_a_pod_pushed_past_a_node() {
    let past = |memory_manager: MemoryManager, free: &str| {
        report("32", |i| {
            i.set_text(Field::ReservedCpus, "2,2".into());
            i.vm.isolate_emulator_thread = true;
            i.set_text(Field::Memory, "16Gi".into());
            i.vm.hugepage_size = Some(HugepageSize::OneGi);
            i.set_text(Field::FreeHugepages, free.into());
            i.cluster.memory_manager = Some(memory_manager);
        })
    };
    let off = past(MemoryManager::None, "16,16");
    assert_eq!(off.verdicts[Restricted].verdict, Verdict::Works);
    assert_eq!(failing(&off, Restricted), []);
    // The 16 pages fit one node while the CPUs need two: no hint is
    // preferred by both, and restricted rejects the pod.
    let fits_one = past(MemoryManager::Static, "16,16");
    assert_eq!(fits_one.verdicts[Restricted].verdict, Verdict::FailsToStart);
    assert_eq!(
        failing(&fits_one, Restricted),
        [CheckCode::MemoryManagerMerge]
    );
    // Best-effort admits it on a hint neither prefers: at risk.
    assert_eq!(fits_one.verdicts[BestEffort].verdict, Verdict::AtRisk);
    assert_eq!(
        failing(&fits_one, BestEffort),
        [CheckCode::MemoryManagerMerge]
    );
    // Pages that need both nodes agree with the CPUs: 8 per cell, admitted.
    let needs_two = past(MemoryManager::Static, "10,10");
    assert_eq!(needs_two.verdicts[Restricted].verdict, Verdict::Works);
    assert_eq!(needs_two.verdicts[BestEffort].verdict, Verdict::Works);
    // Without the pages per node the planner cannot tell.
    let unknown = report("32", |i| {
        i.set_text(Field::ReservedCpus, "2,2".into());
        i.vm.isolate_emulator_thread = true;
        i.cluster.memory_manager = Some(MemoryManager::Static);
    });
    assert_eq!(unknown.verdicts[Restricted].verdict, Verdict::AtRisk);
    assert_eq!(failing(&unknown, Restricted), [CheckCode::SpillsPastNode]);
}

/// P6: under restricted and best-effort the Memory Manager Static steers a
/// one-node pod to the node that holds its pages, as under single-numa-node.
#[test]
fn the_memory_manager_steers_a_one_node_pod_to_its_pages() {
    let r = |memory_manager: MemoryManager| {
        report("16", |i| {
            i.set_text(Field::Memory, "16Gi".into());
            i.vm.hugepage_size = Some(HugepageSize::OneGi);
            i.set_text(Field::FreeHugepages, "4,16".into());
            i.cluster.memory_manager = Some(memory_manager);
        })
    };
    let steered = r(MemoryManager::Static);
    for policy in [Restricted, BestEffort] {
        let v = &steered.verdicts[policy];
        assert_eq!(v.verdict, Verdict::Works, "{policy}");
        let nodes: Vec<u32> = v
            .placement
            .as_ref()
            .unwrap()
            .nodes
            .iter()
            .map(|n| n.node)
            .collect();
        assert_eq!(nodes, [1], "{policy}");
    }
    // Off, nothing steers: node 0 or 1, and node 0 lacks the pages.
    assert_eq!(
        r(MemoryManager::None).verdicts[Restricted].verdict,
        Verdict::AtRisk
    );
}

/// 2 nodes of 16 cores x 2 threads, full-pcpus-only, `vcpus` vCPUs, 4 CPUs
/// reserved on node 0, on `cores` cores when given.
fn smt_host(vcpus: &str, cores: &str) -> Report {
    report(vcpus, |i| {
        i.set_text(Field::ThreadsPerCore, "2".into());
        i.set_text(Field::ReservedCpus, "4".into());
        i.set_text(Field::ReservedCores, cores.into());
        i.cluster.full_pcpus_only = Some(true);
    })
}

#[test]
fn under_full_pcpus_only_cores_holding_a_reserved_thread_are_lost() {
    // Reserved 0-3 whose siblings are 32-35: 4 CPUs on 4 cores, so 8 CPUs
    // are lost and 56 are left (P4).
    let separate = smt_host("58", "4");
    for p in [NoPolicy, BestEffort] {
        assert_eq!(separate.verdicts[p].verdict, Verdict::FailsToStart, "{p}");
        assert_eq!(failing(&separate, p)[0], CheckCode::PhysicalCpus, "{p}");
    }
    assert_eq!(failing(&separate, BestEffort), [CheckCode::PhysicalCpus]);
    check_says(
        &separate,
        BestEffort,
        CheckCode::PhysicalCpus,
        CheckResult::Fail,
        &["56 of the host's 64", "SMTAlignmentError"],
    );
    assert_eq!(
        smt_host("56", "4").verdicts[BestEffort].verdict,
        Verdict::Works
    );
    assert_eq!(
        smt_host("56", "4").scenario.host.physical_cpus(),
        Some((56, 4))
    );
    assert!(works_for_vcpus(&separate.scenario, BestEffort)
        .iter()
        .all(|&(_, hi)| hi <= 56));
    // The same 4 CPUs as 2 whole cores (the planner's assumption without
    // the cores): 60 left, 58 fits, and the advisory says what was assumed.
    let whole = smt_host("58", "");
    assert_eq!(whole.scenario.host.physical_cpus(), Some((60, 2)));
    assert_eq!(whole.verdicts[BestEffort].verdict, Verdict::Works);
    assert!(whole
        .advisories
        .iter()
        .any(|a| a.code == AdvisoryCode::ReservedCoresAssumed));
    assert!(!separate
        .advisories
        .iter()
        .any(|a| a.code == AdvisoryCode::ReservedCoresAssumed));
    // A count that does not fill its last core loses the core: 3 reserved
    // CPUs take 2 cores at least.
    let odd = report("58", |i| {
        i.set_text(Field::ThreadsPerCore, "2".into());
        i.set_text(Field::ReservedCpus, "3".into());
        i.cluster.full_pcpus_only = Some(true);
    });
    assert_eq!(odd.scenario.host.physical_cpus(), Some((60, 2)));
    // Without full-pcpus-only nothing is lost.
    let off = report("58", |i| {
        i.set_text(Field::ThreadsPerCore, "2".into());
        i.set_text(Field::ReservedCpus, "4".into());
        i.set_text(Field::ReservedCores, "4".into());
    });
    assert_eq!(off.verdicts[BestEffort].verdict, Verdict::Works);
}

#[test]
fn the_cores_holding_reserved_cpus_must_be_possible() {
    let parse = |reserved: &str, cores: &str, threads: &str| {
        ScenarioInput::default()
            .with(Field::ThreadsPerCore, threads)
            .with(Field::ReservedCpus, reserved)
            .with(Field::ReservedCores, cores)
            .parse()
    };
    assert!(parse("4", "4", "2").is_ok());
    assert!(parse("4", "2", "2").is_ok());
    for (reserved, cores, threads) in [
        ("4", "1", "2"),
        ("4", "5", "2"),
        ("4", "4", ""),
        ("4", "4,1", "2"),
    ] {
        let errors = parse(reserved, cores, threads).unwrap_err();
        assert_eq!(
            errors[0].field,
            Field::ReservedCores,
            "{reserved} on {cores}"
        );
    }
}

#[test]
fn guest_numa_without_dedicated_cpus_is_rejected_by_the_api() {
    let r = report("24", |i| i.vm.dedicated_cpus = false);
    for (p, verdict, _) in verdicts(&r) {
        assert_eq!(verdict, Verdict::Rejected, "{p}");
    }
    // Shared CPUs without guest NUMA: the CPU checks do not apply.
    let shared = report("24", |i| {
        i.vm.dedicated_cpus = false;
        i.vm.numa_passthrough = false;
    });
    assert!(shared.verdicts[NoPolicy].checks.is_empty());
}

#[test]
fn more_than_eight_nodes_stop_the_kubelet_unless_the_limit_is_raised() {
    let nine = report("8", |i| i.set_text(Field::NumaNodes, "9".into()));
    assert_eq!(
        failing(&nine, NoPolicy),
        [CheckCode::NonePolicyMigration],
        "none has no limit"
    );
    assert_eq!(nine.verdicts[BestEffort].verdict, Verdict::Unschedulable);
    let raised = report("8", |i| {
        i.set_text(Field::NumaNodes, "9".into());
        i.cluster.node_limit = Some(16);
    });
    assert_eq!(raised.verdicts[BestEffort].verdict, Verdict::Works);
}

#[test]
fn verdict_codes_are_the_public_ones_worst_first() {
    let codes: Vec<&str> = Verdict::ALL.iter().map(|v| v.code()).collect();
    assert_eq!(
        codes,
        [
            "rejected",
            "unschedulable",
            "fails-to-start",
            "vm-does-not-work",
            "migration-fails",
            "ambiguous",
            "at-risk",
            "not-applicable",
            "works"
        ]
    );
    let checks: Vec<&str> = CheckCode::ALL.iter().map(|c| c.code()).collect();
    assert_eq!(
        checks,
        [
            "reserved-cpus",
            "pod-cpus",
            "host-allocatable",
            "single-numa-node-fit",
            "smt-alignment",
            "spills-past-node",
            "numa-node-limit",
            "dedicated-cpus",
            "cpu-requests-equal-limits",
            "dedicated-threads",
            "instancetype-conflict",
            "hugepage-multiple",
            "pages-per-cell",
            "host-hugepages",
            "node-hugepages",
            "memory-manager-node",
            "memory-manager-merge",
            "pod-overhead",
            "restricted-fit",
            "physical-cpus",
            "none-policy-migration",
            "source-running",
            "target-admission",
            "document-status",
            "guest-cells",
            "target-pages",
            "target-packing"
        ]
    );
}

fn scenario() -> impl Strategy<Value = ScenarioInput> {
    (
        1u32..=16,
        1u32..=128,
        1u32..=2048,
        any::<bool>(),
        prop::option::of(1u32..=4),
        any::<bool>(),
    )
        .prop_map(|(n, c, v, emulator, smt, full)| {
            let mut input = ScenarioInput::default()
                .with(Field::NumaNodes, n.to_string())
                .with(
                    Field::CpusPerNode,
                    (c * smt.unwrap_or(1)).min(4096).to_string(),
                )
                .with(
                    Field::ThreadsPerCore,
                    smt.map(|t| t.to_string()).unwrap_or_default(),
                )
                .with_vcpus(v.to_string());
            input.vm.isolate_emulator_thread = emulator;
            input.cluster.full_pcpus_only = Some(full);
            input
        })
}

proptest! {
    #[test]
    fn the_verdict_is_never_better_than_the_documents_status(input in scenario()) {
        let r = Report::new(input.parse().unwrap());
        for p in Policy::ALL {
            prop_assert!(r.verdicts[p].verdict <= Verdict::from(r.outcomes[p].status));
        }
    }

    #[test]
    fn reserving_cpus_or_isolating_the_emulator_never_helps(input in scenario(), node in 0usize..16, extra in 1u32..8) {
        let base = Report::new(input.parse().unwrap());
        let n: usize = input.text(Field::NumaNodes).parse().unwrap();
        let c: u32 = input.text(Field::CpusPerNode).parse().unwrap();
        let mut reserved = vec![0u32; n];
        reserved[0] = 1;
        reserved[node % n] += extra;
        let more_reserved = input.clone()
            .with(Field::ReservedCpus, reserved.iter().map(|r| r.min(&c).to_string()).collect::<Vec<_>>().join(","));
        // One exception, and the kubelet's: under full-pcpus-only the
        // emulator's CPU can round an odd pod up to whole cores.
        let with_emulator = {
            let mut input = input.clone();
            input.vm.isolate_emulator_thread = true;
            input
        };
        // A second, the kubelet's too: under restricted one CPU more can
        // need one node more counting all their CPUs, which widens the
        // preferred hint (U3), so the emulator thread is not compared there.
        let worse = if input.cluster.full_pcpus_only == Some(true) { vec![(more_reserved, true)] } else { vec![(more_reserved, true), (with_emulator, false)] };
        for (worse, restricted_too) in worse {
            let Ok(scenario) = worse.parse() else { continue };
            let r = Report::new(scenario);
            for p in Policy::ALL {
                if p == Restricted && !restricted_too {
                    continue;
                }
                prop_assert!(r.verdicts[p].verdict <= base.verdicts[p].verdict, "{p}");
            }
        }
    }
}

#[test]
fn the_vcpu_counts_that_work_per_policy() {
    let r = report("24", |_| {});
    let ranges = |p| works_for_vcpus(&r.scenario, p);
    // Under none every vNUMA VM's migration is at risk (CNV-70330), so no
    // count works there; the whole host cannot run (1 CPU is reserved), nor
    // can 63, which leaves no room for the launcher's console log (P5).
    assert_eq!(ranges(NoPolicy), []);
    assert_eq!(ranges(SingleNumaNode), [(1, 32)]);
    assert_eq!(ranges(BestEffort), [(1, 62)]);
    assert_eq!(ranges_text(&ranges(NoPolicy)), "none");
    assert_eq!(ranges_text(&ranges(BestEffort)), "1-62");
    // The emulator thread shifts the limits by one.
    let emulator = report("24", |i| i.vm.isolate_emulator_thread = true);
    assert_eq!(
        works_for_vcpus(&emulator.scenario, SingleNumaNode),
        [(1, 31)]
    );
    assert_eq!(ranges_text(&[]), "none");
}

proptest! {
    // Each case searches every vCPU count of its host: fewer cases.
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn every_range_agrees_with_single_classifications(input in scenario(), probe in 1u32..2048) {
        let base = Report::new(input.parse().unwrap());
        for p in Policy::ALL {
            let ranges = works_for_vcpus(&base.scenario, p);
            let inside = ranges.iter().any(|&(a, b)| (a..=b).contains(&probe));
            let single = input.clone()
                .with_vcpus(probe.to_string())
                .with(Field::MaxSockets, String::new());
            let verdict = Report::new(single.parse().unwrap()).verdicts[p].verdict;
            prop_assert_eq!(inside, verdict == Verdict::Works, "{} vCPUs under {}: {:?}", probe, p, ranges);
        }
    }
}

/// The oracle for `works_for_vcpus`: every count judged in full.
fn works_one_by_one(scenario: &Scenario, policy: Policy) -> Vec<(u32, u32)> {
    let host = &scenario.host;
    let last = host.total_cpus().min(Field::Vcpus.bounds().1);
    let mut trial = scenario.clone();
    let mut ranges: Vec<(u32, u32)> = Vec::new();
    for v in 1..=last {
        let Some(resized) = scenario.vm.with_vcpus(v) else {
            continue;
        };
        trial.vm = resized;
        let class = SizeClass::classify(
            v.into(),
            host.cpus_per_node().into(),
            host.numa_nodes().into(),
        );
        let status = CellOutcome::for_vm(&trial.vm, class, policy).status;
        if PolicyVerdict::new(&trial, policy, status).verdict != Verdict::Works {
            continue;
        }
        match ranges.last_mut() {
            Some((_, end)) if *end + 1 == v => *end = v,
            _ => ranges.push((v, v)),
        }
    }
    ranges
}

/// Per-node lists as typed: "1,0,2".
fn per_node(list: &[u32]) -> String {
    list.iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

/// Hosts of 1-12 nodes of up to 64 CPUs, sometimes of different sizes,
/// with every setting the verdict reads, memory and huge pages included
/// (sometimes unknown).
fn any_host_and_vm() -> impl Strategy<Value = ScenarioInput> {
    let host = (
        1u32..=12,
        1u32..=64,
        prop::sample::select(vec![None, Some(1u32), Some(2), Some(4)]),
        prop::option::weighted(0.7, prop::collection::vec(0u32..=6, 1..=12)),
        any::<bool>(),
        prop::option::weighted(0.2, 1u32..=12),
        // The cores holding the reserved CPUs, when SMT and the reserved
        // CPUs are given: a choice per node between the possible counts.
        prop::option::weighted(0.5, prop::collection::vec(any::<u8>(), 12)),
        // Uneven nodes: cores each node has fewer than the largest.
        prop::option::weighted(0.3, prop::collection::vec(0u32..=3, 12)),
    );
    let vm = (
        any::<[bool; 4]>(),
        prop::bool::weighted(0.8),
        // Pages of the VM (any, a few per node of some count of nodes, or
        // up to three per node), page size, a remainder that is not a page.
        prop::option::weighted(
            0.8,
            (
                0u8..3,
                1u64..=48,
                1u64..=12,
                any::<bool>(),
                prop::bool::weighted(0.1),
            ),
        ),
        // Free pages per node (nodes past the list have none): mostly about
        // a cell's share when the VM spans some count of nodes.
        prop::option::weighted(
            0.7,
            (
                1u64..=12,
                any::<bool>(),
                prop::collection::vec(0u8..20, 6..=12),
            ),
        ),
        prop::bool::weighted(0.1),
        any::<bool>(),
        // KubeVirt's supplemental IO thread pool.
        prop::option::weighted(0.3, 0u32..=5),
        // The node tuning, whether full-pcpus-only and the Memory Manager
        // are given or left to it, and two guest threads per core.
        any::<u8>(),
    );
    (host, vm).prop_map(|(host, vm)| {
        let (n, c, smt, reserved, full, limit, cores, fewer) = host;
        let (
            [emulator, parity, passthrough, static_mm],
            dedicated,
            memory,
            free,
            no_size,
            twice,
            io_threads,
            tuning,
        ) = vm;
        // Whole cores; 64 is a multiple of every SMT width drawn.
        let t = smt.unwrap_or(1);
        let c = c.div_ceil(t) * t;
        let node_cpus: Vec<u32> = (0..n as usize)
            .map(|i| {
                fewer
                    .as_ref()
                    .map_or(c, |f| c.saturating_sub(f[i] * t).max(t))
            })
            .collect();
        let c = node_cpus.iter().copied().max().unwrap_or(c);
        let reserved = reserved.map(|mut r| {
            r.truncate(n as usize);
            r.iter_mut()
                .zip(&node_cpus)
                .for_each(|(x, &own)| *x = (*x).min(own));
            if r.iter().all(|&x| x == 0) {
                r[0] = 1;
            }
            r
        });
        let reserved_cores = match (&reserved, smt, cores) {
            (Some(r), Some(t), Some(choice)) => r
                .iter()
                .zip(choice)
                .zip(&node_cpus)
                .map(|((&r, k), &own)| {
                    let (least, most) = (r.div_ceil(t), r.min(own / t));
                    least + u32::from(k) % (most - least + 1)
                })
                .map(|k| k.to_string())
                .collect::<Vec<_>>()
                .join(","),
            _ => String::new(),
        };
        let pages = match memory {
            Some((0, a, ..)) => a * if twice { 2 } else { 1 },
            Some((1, a, b, ..)) => (1 + a % 3) * b.min(n.into()),
            Some((_, a, ..)) => 1 + a % (3 * u64::from(n)),
            None => 1,
        };
        let (memory, size) = match memory {
            Some((.., gi, odd)) => {
                let mi = if gi { 1024 } else { 2 } * pages;
                let size = if gi {
                    HugepageSize::OneGi
                } else {
                    HugepageSize::TwoMi
                };
                (
                    format!("{}Mi", mi + u64::from(odd)),
                    (!no_size).then_some(size),
                )
            }
            None => (String::new(), None),
        };
        let free = match (free, size) {
            (Some((k, up, list)), Some(_)) => list
                .iter()
                .take(n as usize)
                .map(|&choice| {
                    let k = k.min(n.into());
                    let share = if up { pages.div_ceil(k) } else { pages / k };
                    match choice {
                        0 => share + 1,
                        1 => share.saturating_sub(1),
                        2 => pages,
                        3 => 0,
                        _ => share,
                    }
                })
                .map(|f| f.to_string())
                .collect::<Vec<_>>()
                .join(","),
            _ => String::new(),
        };
        {
            let mut input = ScenarioInput::default()
                .with(Field::NumaNodes, n.to_string())
                .with(Field::CpusPerNode, c.to_string())
                .with(
                    Field::NodeCpus,
                    if fewer.is_some() {
                        per_node(&node_cpus)
                    } else {
                        String::new()
                    },
                )
                .with(
                    Field::IoThreads,
                    io_threads.map(|t| t.to_string()).unwrap_or_default(),
                )
                .with(
                    Field::ThreadsPerCore,
                    smt.map(|t| t.to_string()).unwrap_or_default(),
                )
                .with(
                    Field::ReservedCpus,
                    reserved.as_deref().map(per_node).unwrap_or_default(),
                )
                .with(Field::ReservedCores, reserved_cores)
                .with(Field::Memory, memory)
                .with(Field::FreeHugepages, free);
            input.vm.hugepage_size = size;
            let memory_manager = if static_mm {
                MemoryManager::Static
            } else {
                MemoryManager::None
            };
            input.cluster.memory_manager = (tuning & 1 == 0).then_some(memory_manager);
            input.cluster.full_pcpus_only = (tuning & 2 == 0).then_some(full);
            if tuning & 4 != 0 {
                input.cluster.node_tuning = NodeTuning::KubeletConfig;
            }
            if tuning & 8 != 0 {
                input.vm = input.vm.clone().with_topology("1", "12", "2");
            }
            input.vm.isolate_emulator_thread = emulator;
            input.cluster.emulator_parity = parity;
            input.vm.dedicated_cpus = dedicated;
            input.vm.numa_passthrough = passthrough;
            input.cluster.node_limit = limit;
            input
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    #[test]
    fn the_vcpu_counts_that_work_are_those_judged_one_by_one(input in any_host_and_vm()) {
        let scenario = input.parse().unwrap();
        for p in Policy::ALL {
            prop_assert_eq!(works_for_vcpus(&scenario, p), works_one_by_one(&scenario, p), "{}", p);
        }
    }
}

#[test]
fn the_vcpu_counts_that_work_on_a_big_host_are_those_judged_one_by_one() {
    let free: Vec<u32> = (0..64).map(|i| [48, 6, 2, 0, 17][i % 5]).collect();
    for (threads, emulator, memory_manager) in [
        ("", false, MemoryManager::None),
        ("2", true, MemoryManager::Static),
    ] {
        let input = {
            let mut input = ScenarioInput::default()
                .with(Field::NumaNodes, "64")
                .with(Field::CpusPerNode, "48")
                .with(Field::ThreadsPerCore, threads)
                .with(Field::ReservedCpus, "2,0,1,0,4,0,0,3")
                .with(Field::Memory, "48Gi")
                .with(Field::FreeHugepages, per_node(&free));
            input.vm.hugepage_size = Some(HugepageSize::OneGi);
            input.cluster.memory_manager = Some(memory_manager);
            input.vm.isolate_emulator_thread = emulator;
            input.cluster.emulator_parity = emulator;
            input.cluster.full_pcpus_only = Some(true);
            input
        };
        let scenario = input.parse().unwrap();
        for p in Policy::ALL {
            let fast = works_for_vcpus(&scenario, p);
            assert_eq!(fast, works_one_by_one(&scenario, p), "{p}");
        }
    }
}

#[test]
fn the_memory_split_decides_which_spread_vms_work() {
    // Cells of 2 + 1 + 1 + 1 pages on all 4 nodes hold (the first node has
    // 2), cells of 2 + 2 + 1 on 3 of them may not: only 13-14 vCPUs (all
    // nodes) work, although 9-12 (3 nodes) split the pages the same way
    // rounded down and up; 15 takes every allocatable CPU (pod-overhead).
    // 6 pages on 6 of 7 nodes are a page a cell, which every node has; on
    // 5, a cell needs 2, which no node has. (Under best-effort; under none
    // no vNUMA VM is free of the migration risk.)
    for (nodes, memory, free, works) in [
        ("4", "5Gi", "2,1,1,1", (13, 14)),
        ("7", "6Gi", "1,1,1,1,1,1,1", (21, 24)),
    ] {
        let input = {
            let mut input = ScenarioInput::default()
                .with(Field::NumaNodes, nodes)
                .with(Field::CpusPerNode, "4")
                .with(Field::Memory, memory)
                .with(Field::FreeHugepages, free);
            input.vm.hugepage_size = Some(HugepageSize::OneGi);
            input
        };
        let scenario = input.parse().unwrap();
        for p in Policy::ALL {
            let fast = works_for_vcpus(&scenario, p);
            assert_eq!(fast, works_one_by_one(&scenario, p), "{nodes} nodes, {p}");
            if p == BestEffort {
                assert_eq!(fast, [works], "{nodes} nodes");
            }
        }
    }
}

/// The checks of the kubelet's own rules added with P4, P5 and U3.
const KUBELET_RULES: [CheckCode; 3] = [
    CheckCode::PodOverhead,
    CheckCode::RestrictedFit,
    CheckCode::PhysicalCpus,
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    /// No rule of the kubelet's own turns a verdict better: the verdict is
    /// never better than the document's status and the other checks give
    /// without them; when one of them fails the verdict is no better than
    /// what it fails as; a pod left without a placement by pod-overhead
    /// cannot be scheduled; and the cores holding the reserved CPUs, when
    /// given (each at least the whole cores assumed without them), never
    /// make the verdict better than the assumption.
    #[test]
    fn the_kubelets_own_rules_never_make_a_verdict_better(input in any_host_and_vm()) {
        let scenario = input.parse().unwrap();
        let r = Report::new(scenario);
        let assumed = Report::new(input.clone().with(Field::ReservedCores, "").parse().unwrap());
        for p in Policy::ALL {
            let v = &r.verdicts[p];
            let without = v
                .checks
                .iter()
                .filter(|c| !KUBELET_RULES.contains(&c.code))
                .map(|c| c.verdict())
                .fold(Verdict::from(r.outcomes[p].status), Verdict::min);
            prop_assert!(v.verdict <= without, "{}", p);
            for c in v.checks.iter().filter(|c| KUBELET_RULES.contains(&c.code)) {
                prop_assert!(v.verdict <= c.verdict(), "{} {}", p, c.code);
            }
            let overhead_failed = v
                .checks
                .iter()
                .any(|c| c.code == CheckCode::PodOverhead && c.result == CheckResult::Fail);
            if overhead_failed {
                prop_assert!(v.verdict <= Verdict::Unschedulable, "{}", p);
            }
            prop_assert!(v.verdict <= assumed.verdicts[p].verdict, "{}", p);
        }
    }
}

#[test]
fn the_vcpu_counts_that_work_keep_the_guests_threads_per_core() {
    // Two guest threads per core: only whole cores, so even counts.
    let two = report("24", |i| {
        i.vm = i.vm.clone().with_topology("1", "12", "2");
    });
    let ranges = works_for_vcpus(&two.scenario, BestEffort);
    assert_eq!(ranges_text(&ranges), "even counts 2-62");
    assert_eq!(ranges, works_one_by_one(&two.scenario, BestEffort));
    // Three are refused by KubeVirt's API with dedicated CPUs: no count works.
    let three = report("24", |i| {
        i.vm = i.vm.clone().with_topology("1", "8", "3");
    });
    assert_eq!(three.verdicts[BestEffort].verdict, Verdict::Rejected);
    assert!(works_for_vcpus(&three.scenario, BestEffort).is_empty());
}

/// Issue 20, item 7: the ranges hold the IO threads, the node tuning (its
/// implied options where none is given) and memory given per vCPU, judged
/// against every count one by one.
#[test]
fn the_vcpu_counts_that_work_hold_io_threads_node_tuning_and_memory_per_vcpu() {
    for tuning in NodeTuning::ALL {
        for (io, per_vcpu, free) in [
            ("2", "", ""),
            ("1", "1Gi", "40,20"),
            ("", "1536Mi", "30,30"),
            ("3", "2Gi", "64,8"),
        ] {
            let mut input = ScenarioInput::default()
                .with(Field::CpusPerNode, "16")
                .with(Field::ThreadsPerCore, "2")
                .with(Field::IoThreads, io)
                .with(Field::MemoryPerVcpu, per_vcpu)
                .with(Field::FreeHugepages, free);
            input.vm.hugepage_size = (!per_vcpu.is_empty()).then_some(HugepageSize::OneGi);
            input.vm.isolate_emulator_thread = true;
            input.cluster.node_tuning = tuning;
            let scenario = input.parse().unwrap();
            for p in Policy::ALL {
                assert_eq!(
                    works_for_vcpus(&scenario, p),
                    works_one_by_one(&scenario, p),
                    "{tuning} io {io} per vCPU {per_vcpu}: {p}"
                );
            }
        }
    }
}

/// Issue 20, item 5: a cx1-like VM (dedicated CPUs, isolated emulator
/// thread) on an SMT host: under single-numa-node the PerformanceProfile's
/// full-pcpus-only rejects every even vCPU count (an odd pod), as an
/// OpenShift cluster does; with a KubeletConfig, or full-pcpus-only given
/// off, they work. The smallest (1 vCPU, a pod of 2) works either way.
#[test]
fn cx1_shapes_on_smt_fail_smt_alignment_under_the_profiles_single_numa_node() {
    use vnuma_planner::domain::NodeTuning;
    for (vcpus, by_profile) in [
        (1, Verdict::Works),
        (2, Verdict::FailsToStart),
        (4, Verdict::FailsToStart),
        (8, Verdict::FailsToStart),
        (16, Verdict::FailsToStart),
        (32, Verdict::FailsToStart),
    ] {
        let judge = |tuning: NodeTuning, full: Option<bool>| {
            let mut input = ScenarioInput::default()
                .with(Field::CpusPerNode, "64")
                .with(Field::ThreadsPerCore, "2")
                .with_vcpus(vcpus.to_string());
            input.vm.isolate_emulator_thread = true;
            input.cluster.node_tuning = tuning;
            input.cluster.full_pcpus_only = full;
            Report::new(input.parse().unwrap())
        };
        let profile = judge(NodeTuning::PerformanceProfile, None);
        let verdict = &profile.verdicts[SingleNumaNode];
        assert_eq!(verdict.verdict, by_profile, "{vcpus} vCPUs");
        let smt = verdict
            .checks
            .iter()
            .find(|c| c.code == CheckCode::SmtAlignment);
        assert_eq!(
            smt.map(|c| c.result),
            Some(if by_profile == Verdict::Works {
                CheckResult::Pass
            } else {
                CheckResult::Fail
            }),
            "{vcpus} vCPUs"
        );
        // Not under the other policies: the profile leaves full-pcpus-only off there.
        assert_eq!(
            profile.verdicts[BestEffort].verdict,
            Verdict::Works,
            "{vcpus}"
        );
        for (tuning, full) in [
            (NodeTuning::KubeletConfig, None),
            (NodeTuning::PerformanceProfile, Some(false)),
        ] {
            let r = judge(tuning, full);
            assert_eq!(
                r.verdicts[SingleNumaNode].verdict,
                Verdict::Works,
                "{vcpus} {tuning} {full:?}"
            );
        }
        // Given on, it holds under every policy, whatever the tuning.
        let on = judge(NodeTuning::KubeletConfig, Some(true));
        assert_eq!(on.verdicts[BestEffort].verdict, by_profile, "{vcpus} vCPUs");
    }
}

/// U1-U3 on a host in use: the free CPUs per node, not the allocatable
/// ones, decide every check and the placement.
#[test]
fn a_host_in_use_is_judged_by_its_free_cpus() {
    // 24 vCPUs, 20 free on each node of 32: no node holds the pod.
    let busy = report("24", |i| i.set_text(Field::FreeCpus, "20,20".into()));
    assert_eq!(busy.verdicts[SingleNumaNode].verdict, Verdict::FailsToStart);
    assert_eq!(failing(&busy, SingleNumaNode), [CheckCode::SingleNodeFit]);
    // One node's CPUs would hold it, its free ones do not: restricted rejects.
    assert_eq!(busy.verdicts[Restricted].verdict, Verdict::FailsToStart);
    assert_eq!(failing(&busy, Restricted), [CheckCode::RestrictedFit]);
    let spread = busy.verdicts[BestEffort].placement.as_ref().unwrap();
    assert_eq!(spread.nodes.len(), 2, "best-effort spreads it");
    // 8 vCPUs with 4 free on node 0 and 32 on node 1: best-effort's hint
    // is node 1; under none the CPU manager takes the fullest node first
    // and splits the pod (X6).
    let split = report("8", |i| i.set_text(Field::FreeCpus, "4,32".into()));
    let on = |p: Policy| -> Vec<(u32, u32)> {
        let placement = split.verdicts[p].placement.as_ref().unwrap();
        assert!(placement.certain, "{p}");
        placement.nodes.iter().map(|s| (s.node, s.cpus)).collect()
    };
    assert_eq!(on(BestEffort), [(1, 8)]);
    assert_eq!(on(NoPolicy), [(0, 4), (1, 4)]);
    // More free than the kubelet allocates is refused at the field.
    let errors = ScenarioInput::default()
        .with(Field::FreeCpus, "32")
        .parse()
        .unwrap_err();
    assert_eq!(errors[0].field, Field::FreeCpus);
    assert!(
        errors[0]
            .message
            .contains("node 0 has 31 allocatable CPUs; 32 cannot be free"),
        "{}",
        errors[0].message
    );
    // The whole host busy: the scheduler finds no room.
    let full = report("8", |i| i.set_text(Field::FreeCpus, "4,3".into()));
    assert_eq!(full.verdicts[BestEffort].verdict, Verdict::Unschedulable);
}
