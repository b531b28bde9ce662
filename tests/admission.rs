//! The admission layer: checks of the VM's pod on this host, and the verdict
//! per policy, the worse of the document's status and the checks.

use proptest::prelude::*;
use vnuma_planner::domain::{
    ranges_text, works_for_vcpus, CheckCode, CheckResult, Policy, Report, ScenarioInput, Status,
    VcpuInput, Verdict,
};

use Policy::{BestEffort, None as NoPolicy, Restricted, SingleNumaNode};

/// A 2 x 32 host and a VM of `vcpus`, with `more` applied.
fn report(vcpus: &str, more: impl FnOnce(&mut ScenarioInput)) -> Report {
    let mut input = ScenarioInput {
        vcpus: VcpuInput::Count(vcpus.into()),
        ..ScenarioInput::default()
    };
    more(&mut input);
    Report::new(input.parse().unwrap())
}

fn verdicts(r: &Report) -> Vec<(Policy, Verdict, Status)> {
    Policy::ALL
        .iter()
        .map(|&p| (p, r.verdicts[p].verdict, r.outcomes[p].status))
        .collect()
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
    let check = r.verdicts[BestEffort]
        .checks
        .iter()
        .find(|c| c.code == CheckCode::HostAllocatable)
        .unwrap();
    assert_eq!(check.result, CheckResult::Fail);
    assert!(
        check.message.contains("63 allocatable"),
        "{}",
        check.message
    );
}

#[test]
fn an_odd_pod_on_full_pcpus_only_smt_fails_to_start_under_every_policy() {
    let r = report("24", |i| {
        i.isolate_emulator_thread = true;
        i.threads_per_core = "2".into();
        i.full_pcpus_only = true;
    });
    for (p, verdict, _) in verdicts(&r) {
        assert_eq!(verdict, Verdict::FailsToStart, "{p}");
        assert!(failing(&r, p).contains(&CheckCode::SmtAlignment), "{p}");
    }
    // An odd vCPU count makes the pod even again.
    let odd = report("23", |i| {
        i.isolate_emulator_thread = true;
        i.threads_per_core = "2".into();
        i.full_pcpus_only = true;
    });
    assert_eq!(odd.verdicts[SingleNumaNode].verdict, Verdict::Works);
}

#[test]
fn under_full_pcpus_only_the_emulator_thread_can_complete_a_core() {
    let full = |emulator: bool| {
        report("23", move |i| {
            i.threads_per_core = "2".into();
            i.full_pcpus_only = true;
            i.isolate_emulator_thread = emulator;
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
            i.isolate_emulator_thread = true;
            i.emulator_parity = true;
        });
        assert_eq!(r.scenario.vm.pod_cpus(), pod, "{vcpus} vCPUs");
    }
    // Parity alone adds nothing: it only shapes the isolated emulator thread.
    assert_eq!(
        report("24", |i| i.emulator_parity = true)
            .scenario
            .vm
            .pod_cpus(),
        24
    );
}

#[test]
fn reserved_cpus_on_every_node_leave_no_node_for_a_full_node_vm() {
    let both = report("32", |i| i.reserved_cpus = "2,2".into());
    assert_eq!(
        both.outcomes[SingleNumaNode].status,
        Status::Works,
        "the document's cell"
    );
    assert_eq!(both.verdicts[SingleNumaNode].verdict, Verdict::FailsToStart);
    assert_eq!(failing(&both, SingleNumaNode), [CheckCode::SingleNodeFit]);
    assert_eq!(both.scenario.host.allocatable_cpus(), [30, 30]);
    // Restricted may spread it over two nodes: at risk, not a definite answer.
    assert_eq!(both.verdicts[Restricted].verdict, Verdict::AtRisk);

    let node0 = report("32", |i| i.reserved_cpus = "2".into());
    assert_eq!(
        node0.verdicts[SingleNumaNode].verdict,
        Verdict::Works,
        "node 1 is whole"
    );
    assert_eq!(node0.scenario.host.allocatable_cpus(), [30, 32]);
}

#[test]
fn guest_numa_without_dedicated_cpus_is_rejected_by_the_api() {
    let r = report("24", |i| i.dedicated_cpus = false);
    for (p, verdict, _) in verdicts(&r) {
        assert_eq!(verdict, Verdict::Rejected, "{p}");
    }
    // Shared CPUs without guest NUMA: the CPU checks do not apply.
    let shared = report("24", |i| {
        i.dedicated_cpus = false;
        i.numa_passthrough = false;
    });
    assert!(shared.verdicts[NoPolicy].checks.is_empty());
}

#[test]
fn more_than_eight_nodes_stop_the_kubelet_unless_the_limit_is_raised() {
    let nine = report("8", |i| i.numa_nodes = "9".into());
    assert_eq!(
        nine.verdicts[NoPolicy].verdict,
        Verdict::Works,
        "none has no limit"
    );
    assert_eq!(nine.verdicts[BestEffort].verdict, Verdict::Unschedulable);
    let raised = report("8", |i| {
        i.numa_nodes = "9".into();
        i.node_limit = Some(16);
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
            "hugepage-multiple",
            "pages-per-cell",
            "host-hugepages",
            "node-hugepages",
            "memory-manager-node",
            "memory-manager-merge"
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
        .prop_map(|(n, c, v, emulator, smt, full)| ScenarioInput {
            numa_nodes: n.to_string(),
            cpus_per_node: (c * smt.unwrap_or(1)).min(4096).to_string(),
            threads_per_core: smt.map(|t| t.to_string()).unwrap_or_default(),
            vcpus: VcpuInput::Count(v.to_string()),
            isolate_emulator_thread: emulator,
            full_pcpus_only: full,
            ..ScenarioInput::default()
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
        let n: usize = input.numa_nodes.parse().unwrap();
        let c: u32 = input.cpus_per_node.parse().unwrap();
        let mut reserved = vec![0u32; n];
        reserved[0] = 1;
        reserved[node % n] += extra;
        let more_reserved = ScenarioInput {
            reserved_cpus: reserved.iter().map(|r| r.min(&c).to_string()).collect::<Vec<_>>().join(","),
            ..input.clone()
        };
        // One exception, and the kubelet's: under full-pcpus-only the
        // emulator's CPU can round an odd pod up to whole cores.
        let with_emulator = ScenarioInput { isolate_emulator_thread: true, ..input.clone() };
        let worse = if input.full_pcpus_only { vec![more_reserved] } else { vec![more_reserved, with_emulator] };
        for worse in worse {
            let Ok(scenario) = worse.parse() else { continue };
            let r = Report::new(scenario);
            for p in Policy::ALL {
                prop_assert!(r.verdicts[p].verdict <= base.verdicts[p].verdict, "{p}");
            }
        }
    }
}

#[test]
fn the_vcpu_counts_that_work_per_policy() {
    let r = report("24", |_| {});
    let ranges = |p| works_for_vcpus(&r.scenario, p);
    // Small works, the half is undefined, large fails to migrate under none,
    // extra large works, the whole host cannot run (1 CPU is reserved).
    assert_eq!(ranges(NoPolicy), [(1, 15), (33, 63)]);
    assert_eq!(ranges(SingleNumaNode), [(1, 32)]);
    assert_eq!(ranges(BestEffort), [(1, 63)]);
    assert_eq!(ranges_text(&ranges(NoPolicy)), "1-15, 33-63");
    // The emulator thread shifts the limits by one.
    let emulator = report("24", |i| i.isolate_emulator_thread = true);
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
            let single = ScenarioInput {
                vcpus: VcpuInput::Count(probe.to_string()),
                max_sockets: String::new(),
                ..input.clone()
            };
            let verdict = Report::new(single.parse().unwrap()).verdicts[p].verdict;
            prop_assert_eq!(inside, verdict == Verdict::Works, "{} vCPUs under {}: {:?}", probe, p, ranges);
        }
    }
}
