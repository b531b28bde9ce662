//! Live migration from one host to another (X1-X7): directional, judged
//! on the target as its kubelet admits the target pod, with the guest's
//! cells from the source. The numbers are issue 21's worked examples.

use proptest::prelude::*;
use vnuma_planner::domain::{
    migrates_for_vcpus, CellsFrom, CheckCode, CheckResult, Field, HugepageSize, Migration,
    MigrationVerdict, Policy, Report, ScenarioInput, Verdict,
};

use MigrationVerdict::{Blocked, Fails, Migrates};
use Policy::{BestEffort, None as NoPolicy, Restricted, SingleNumaNode};

/// A host of `nodes` x `cpus` with `more` fields, and a VM of `vcpus`.
fn host(nodes: &str, cpus: &str, vcpus: &str, more: &[(Field, &str)]) -> Report {
    let mut input = ScenarioInput::default()
        .with(Field::NumaNodes, nodes)
        .with(Field::CpusPerNode, cpus)
        .with_vcpus(vcpus);
    for &(field, text) in more {
        input = input.with(field, text);
    }
    Report::new(input.parse_running().unwrap())
}

fn migrate(from: &Report, to: &Report, policy: Policy) -> Migration {
    Migration::new(from, policy, to, policy)
}

fn failing(m: &Migration) -> Vec<CheckCode> {
    m.checks
        .iter()
        .filter(|c| c.verdict() < Migrates)
        .map(|c| c.code)
        .collect()
}

#[test]
fn nps1_to_nps4_fails_and_back_does_not_fail_on_cpus() {
    let nps1 = host("2", "64", "24", &[]);
    let nps4 = host("8", "16", "24", &[]);
    // One guest cell on NPS1; the target spreads the pod over 2 nodes.
    let there = migrate(&nps1, &nps4, BestEffort);
    assert_eq!(there.verdict, Fails);
    assert_eq!(failing(&there), [CheckCode::GuestCells]);
    assert_eq!(there.source_cells.len(), 1);
    assert_eq!(there.target_nodes.len(), 2);
    // Two cells on NPS4 onto one NPS1 node: not a failure of the CPUs.
    let back = migrate(&nps4, &nps1, BestEffort);
    assert!(back.verdict > Fails, "{:?}", back.verdict);
    assert!(!failing(&back).is_empty(), "the cells' fallback is a risk");
}

#[test]
fn the_same_shape_migrates_except_where_the_document_says_it_fails() {
    let a = host("2", "32", "24", &[]);
    let b = host("2", "32", "24", &[]);
    for policy in [SingleNumaNode, BestEffort] {
        assert_eq!(migrate(&a, &b, policy).verdict, Migrates, "{policy}");
    }
    // A large VM under none: the document's migration failure.
    let none = migrate(&a, &b, NoPolicy);
    assert_eq!(none.verdict, Fails);
    assert!(failing(&none).contains(&CheckCode::DocumentStatus));
}

#[test]
fn a_busy_target_blocks_or_splits_the_vm() {
    let a = host("2", "32", "24", &[]);
    let busy = host("2", "32", "24", &[(Field::FreeCpus, "20,20")]);
    for policy in [SingleNumaNode, Restricted] {
        let m = migrate(&a, &busy, policy);
        assert_eq!(m.verdict, Blocked, "{policy}");
        assert_eq!(failing(&m), [CheckCode::TargetAdmission], "{policy}");
    }
    // Best-effort admits it over two nodes: more nodes than guest cells.
    let spread = migrate(&a, &busy, BestEffort);
    assert_eq!(spread.verdict, Fails);
    assert_eq!(failing(&spread), [CheckCode::GuestCells]);
    // 8 vCPUs to a target with 4 free CPUs on node 0 and 32 on node 1:
    // best-effort's hint is node 1; none's packing splits the pod.
    let small = host("2", "32", "8", &[]);
    let lopsided = host("2", "32", "8", &[(Field::FreeCpus, "4,32")]);
    assert_eq!(migrate(&small, &lopsided, BestEffort).verdict, Migrates);
    let none = migrate(&small, &lopsided, NoPolicy);
    assert_eq!(none.verdict, Fails);
    assert!(failing(&none).contains(&CheckCode::GuestCells));
}

#[test]
fn the_cells_pages_must_be_free_on_the_target() {
    let with_pages = |free: &str| {
        let mut input = ScenarioInput::default()
            .with_vcpus("16")
            .with(Field::Memory, "16Gi")
            .with(Field::FreeHugepages, free);
        input.vm.hugepage_size = Some(HugepageSize::OneGi);
        Report::new(input.parse_running().unwrap())
    };
    let source = with_pages("16,16");
    // One cell of 16 pages; no target node has 16 free.
    let short = migrate(&source, &with_pages("10,10"), BestEffort);
    assert_eq!(short.verdict, Fails);
    assert_eq!(failing(&short), [CheckCode::TargetPages]);
    assert_eq!(
        migrate(&source, &with_pages("16,10"), BestEffort).verdict,
        MigrationVerdict::AtRisk,
        "the kubelet may pick either node"
    );
    assert_eq!(
        migrate(&source, &with_pages("16,16"), BestEffort).verdict,
        Migrates
    );
}

#[test]
fn a_vm_that_does_not_run_on_the_source_is_not_migrated() {
    let a = host("2", "32", "40", &[]);
    let b = host("2", "64", "40", &[]);
    // 40 vCPUs are extra large on nodes of 32: single-numa-node rejects it.
    assert_eq!(a.verdicts[SingleNumaNode].verdict, Verdict::FailsToStart);
    let m = migrate(&a, &b, SingleNumaNode);
    assert_eq!(m.verdict, MigrationVerdict::NotRunning);
    assert!(m.source_cells.is_empty());
}

#[test]
fn the_vcpu_counts_that_migrate_from_nps1_to_nps4() {
    let nps1 = host("2", "64", "24", &[]);
    let nps4 = host("8", "16", "24", &[]);
    // Up to a whole NPS4 node (node 0 keeps a reserved CPU; nodes 1-7
    // have 16 free), and back every count NPS1 admits.
    assert_eq!(
        migrates_for_vcpus(&nps1.scenario, BestEffort, &nps4.scenario, BestEffort),
        Some(vec![(1, 16)])
    );
}

/// With the running domain's cells (`guest_cells`) the source has two
/// cells where the planner would place one: NPS1 -> NPS4 no longer fails
/// on k_T 2 > k_S 1.
#[test]
fn the_running_domain_gives_the_source_cells() {
    let nps1 = host("2", "64", "24", &[]);
    let running = host("2", "64", "24", &[(Field::GuestCells, "0:12:8Gi,1:12:8Gi")]);
    let nps4 = host("8", "16", "24", &[]);
    let placed = migrate(&nps1, &nps4, BestEffort);
    assert_eq!(placed.verdict, Fails);
    assert_eq!(placed.source_cells_from, CellsFrom::Placement);
    let m = migrate(&running, &nps4, BestEffort);
    assert!(m.verdict > Fails, "{:?}", m.checks);
    let cells_check = |m: &Migration| {
        m.checks
            .iter()
            .find(|c| c.code == CheckCode::GuestCells)
            .unwrap()
            .clone()
    };
    assert_ne!(cells_check(&m).result, CheckResult::Fail);
    assert_eq!(m.source_cells_from, CellsFrom::RunningDomain);
    let cells: Vec<(u32, u32)> = m.source_cells.iter().map(|c| (c.node, c.vcpus)).collect();
    assert_eq!(cells, [(0, 12), (1, 12)]);
    let said = &m
        .checks
        .iter()
        .find(|c| c.code == CheckCode::GuestCells)
        .unwrap()
        .message;
    assert!(said.contains("as the running domain gives them"), "{said}");
    // The admission layer of the host it runs on does not change.
    assert_eq!(running.verdicts, nps1.verdicts);
    // Other vCPU counts are other VMs: the planner's placement (24 itself
    // is at risk: which two NPS4 nodes the kubelet picks is not certain).
    assert_eq!(m.verdict, MigrationVerdict::AtRisk);
    assert_eq!(
        migrates_for_vcpus(&running.scenario, BestEffort, &nps4.scenario, BestEffort),
        Some(vec![(1, 16)])
    );
}

/// Each cell's pages (its memory / the page size) must be free on the
/// target node that holds it: the running domain's split, not an even one.
#[test]
fn the_running_domains_pages_per_cell_are_checked_on_the_target() {
    let with = |cpus: &str, cells: &str, free: &str| {
        let mut input = ScenarioInput::default()
            .with(Field::CpusPerNode, cpus)
            .with_vcpus("16")
            .with(Field::Memory, "16Gi")
            .with(Field::FreeHugepages, free)
            .with(Field::GuestCells, cells);
        input.vm.hugepage_size = Some(HugepageSize::OneGi);
        Report::new(input.parse_running().unwrap())
    };
    let uneven = with("32", "0:8:12Gi,1:8:4Gi", "16,16");
    let even = with("32", "0:8:8Gi,1:8:8Gi", "16,16");
    // Nodes of 10 CPUs: the target pod spans both, a cell on each.
    let target = |free| with("10", "", free);
    let m = migrate(&uneven, &target("16,10"), BestEffort);
    let pages: Vec<Option<u64>> = m.source_cells.iter().map(|c| c.pages).collect();
    assert_eq!(pages, [Some(12), Some(4)]);
    assert!(
        !failing(&m).contains(&CheckCode::TargetPages),
        "{:?}",
        m.checks
    );
    let short = migrate(&uneven, &target("10,16"), BestEffort);
    assert_eq!(short.verdict, Fails);
    assert!(failing(&short).contains(&CheckCode::TargetPages));
    // The even split the planner's placement would give fits there.
    let fits = migrate(&even, &target("10,16"), BestEffort);
    assert!(
        !failing(&fits).contains(&CheckCode::TargetPages),
        "{:?}",
        fits.checks
    );
}

/// The cells' own rules, each an error at the field.
#[test]
fn guest_cells_that_do_not_fit_the_host_or_the_vm_are_refused() {
    for (cells, memory, expected) in [
        (
            "0:12:8Gi,2:12:8Gi",
            "",
            "cell 1 is bound to host node 2; the host has 2 NUMA nodes",
        ),
        (
            "0:12:8Gi,1:11:8Gi",
            "",
            "the cells have 23 vCPUs; the VM has 24",
        ),
        (
            "0:12:8Gi,1:12:8Gi",
            "8Gi",
            "the cells have 16Gi of memory; the VM has 8Gi",
        ),
        (
            "0:12:8Gi,1:12",
            "",
            "cell 1: \"1:12\" is not NODE:VCPUS:MEMORY",
        ),
        (
            "0:12:8Gi,x:12:8Gi",
            "",
            "cell 1: the host node \"x\" is not a whole number",
        ),
        (
            "0:0:8Gi,1:24:8Gi",
            "",
            "cell 0: its vCPUs must be at least 1",
        ),
        (
            "0:12:8Gi,1:12:lots",
            "",
            "cell 1: its memory must be a Kubernetes quantity",
        ),
        (
            &"0:1:1Gi,".repeat(1025),
            "",
            "has 1026 cells; the planner reads at most 1024",
        ),
    ] {
        let input = ScenarioInput::default()
            .with_vcpus("24")
            .with(Field::Memory, memory)
            .with(Field::GuestCells, cells);
        let errors = input.parse_running().unwrap_err();
        assert_eq!(errors.len(), 1, "{cells}: {errors:?}");
        assert_eq!(errors[0].field, Field::GuestCells);
        assert!(
            errors[0].message.contains(expected),
            "{cells}: {}",
            errors[0].message
        );
    }
    let mut input = ScenarioInput::default()
        .with_vcpus("24")
        .with(Field::GuestCells, "0:12:1536Mi,1:12:1Gi");
    input.vm.hugepage_size = Some(HugepageSize::OneGi);
    let e = input.parse_running().unwrap_err();
    assert!(
        e[0].message
            .contains("cell 0's 1536Mi is not a whole number of 1Gi pages"),
        "{e:?}"
    );
    // Links carry them as given: they are read where a migration uses them.
    assert_eq!(
        Field::GuestCells.normalize(" 0:12:8192Mi , 1:12:8Gi "),
        Ok("0:12:8192Mi , 1:12:8Gi".to_string())
    );
    let cells = ScenarioInput::default()
        .with_vcpus("24")
        .with(Field::GuestCells, "0:12:8192Mi , 1:12:8Gi")
        .parse_running()
        .unwrap()
        .host;
    assert_eq!(cells.guest_cells()[0].memory, 8 << 30);
}

/// Each count judged with whole reports, as the report does.
fn migrates_one_by_one(a: &ScenarioInput, b: &ScenarioInput, p: Policy) -> Vec<(u32, u32)> {
    let first = a.parse_running().unwrap();
    let last = first
        .host
        .total_cpus()
        .min(b.parse_running().unwrap().host.total_cpus());
    let mut ranges: Vec<(u32, u32)> = Vec::new();
    for v in 1..=last {
        let (ra, rb) = (
            Report::new(a.clone().with_vcpus(v.to_string()).parse_running().unwrap()),
            Report::new(b.clone().with_vcpus(v.to_string()).parse_running().unwrap()),
        );
        if Migration::new(&ra, p, &rb, p).verdict != Migrates {
            continue;
        }
        match ranges.last_mut() {
            Some((_, end)) if *end + 1 == v => *end = v,
            _ => ranges.push((v, v)),
        }
    }
    ranges
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]
    #[test]
    fn the_counts_that_migrate_are_those_judged_one_by_one(
        nodes in 1u32..=4, cpus in 2u32..=24, other in 1u32..=4, other_cpus in 2u32..=24,
        free in prop::option::of(prop::collection::vec(0u32..=24, 4)),
    ) {
        let a = ScenarioInput::default()
            .with(Field::NumaNodes, nodes.to_string())
            .with(Field::CpusPerNode, cpus.to_string());
        let free = free.map(|f| {
            f.iter().take(other as usize).map(|&x| x.min(other_cpus - 1).to_string()).collect::<Vec<_>>().join(",")
        }).unwrap_or_default();
        let b = ScenarioInput::default()
            .with(Field::NumaNodes, other.to_string())
            .with(Field::CpusPerNode, other_cpus.to_string())
            .with(Field::FreeCpus, free);
        let (sa, sb) = (a.parse_running().unwrap(), b.parse_running().unwrap());
        for p in Policy::ALL {
            prop_assert_eq!(
                migrates_for_vcpus(&sa, p, &sb, p),
                Some(migrates_one_by_one(&a, &b, p)),
                "{}", p
            );
        }
    }
}

proptest! {
    /// A migration is never better than the target's own verdict for the
    /// same VM: never "migrates" where the target is not "works", never
    /// at risk or better where the target fails.
    #[test]
    fn a_migration_is_never_better_than_the_targets_own_verdict(
        nodes in 1u32..=8, cpus in 4u32..=64, other in 1u32..=8, other_cpus in 4u32..=64,
        vcpus in 1u32..=128, free in prop::option::of(prop::collection::vec(0u32..=64, 8)),
    ) {
        let source = host(&nodes.to_string(), &cpus.to_string(), &vcpus.to_string(), &[]);
        let free = free.map(|f| {
            f.iter().take(other as usize).map(|&x| x.min(other_cpus - 1).to_string()).collect::<Vec<_>>().join(",")
        }).unwrap_or_default();
        let target = host(&other.to_string(), &other_cpus.to_string(), &vcpus.to_string(), &[(Field::FreeCpus, &free)]);
        for p in Policy::ALL {
            let m = migrate(&source, &target, p);
            let own = target.verdicts[p].verdict;
            if own < Verdict::Works {
                prop_assert!(m.verdict < Migrates, "{} {:?} {:?}", p, own, m.verdict);
            }
            // Ambiguous (the document's rows disagree) is no failure.
            if own <= Verdict::MigrationFails {
                prop_assert!(m.verdict < MigrationVerdict::AtRisk, "{} {:?} {:?}", p, own, m.verdict);
            }
        }
    }
}
