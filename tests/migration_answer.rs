//! A migration as people read it: the Markdown answer's "Migrating to"
//! sections (verdict, reason, what to do, the counts that migrate) and the
//! guest cells mapped onto the target's nodes (the page's picture and its
//! text). Issue 21's NPS1/NPS4 example.

use vnuma_planner::domain::{
    CheckCode, Field, Migration, MigrationVerdict, Policy, Report, ScenarioInput,
};
use vnuma_planner::share::{answer, migration_answer};

fn host(nodes: &str, cpus: &str, vcpus: &str, policy: Option<&str>) -> Report {
    let mut input = ScenarioInput::default()
        .with(Field::NumaNodes, nodes)
        .with(Field::CpusPerNode, cpus)
        .with_vcpus(vcpus);
    input.cluster.policy = policy.map(|p| p.parse().unwrap());
    Report::new(input.parse().unwrap())
}

#[test]
fn the_answer_says_where_the_migration_fails_and_what_to_do() {
    let nps1 = host("2", "64", "24", Some("best-effort"));
    let nps4 = host("8", "16", "24", Some("best-effort"));
    let text = migration_answer(&nps1, &nps4, None);
    let there = text.split("**Migrating back").next().unwrap();
    assert!(there.starts_with(
        "**Migrating to the second host** (8 NUMA nodes x 16 logical CPUs = 128 CPUs), the guest keeping its NUMA cells:\n- Under best-effort: **Fails**. The guest has 1 NUMA cell(s) from the source"
    ), "{there}");
    assert!(there.contains("What to do: Choose a target with room for the VM on as few nodes as the guest has cells"), "{there}");
    assert!(there.contains("vCPU counts that migrate: 1-16."), "{there}");
    let back = text
        .split("**Migrating back to the first host**")
        .nth(1)
        .unwrap();
    assert!(back.contains("- Under best-effort: **At risk**."), "{back}");
    // In the whole answer, after the second host's own verdicts.
    let whole = answer(&nps1, Some(&nps4), &text, None);
    let compared = whole.find("**Compared with a second host:**").unwrap();
    let migrating = whole.find("**Migrating to the second host**").unwrap();
    assert!(compared < migrating);
}

#[test]
fn the_answer_names_both_policies_when_the_target_has_its_own() {
    let a = host("2", "32", "24", None);
    let b = host("2", "32", "24", None);
    let text = migration_answer(&a, &b, Some(Policy::None));
    // Four policies asked, each from its own to the target's none.
    assert!(text.contains("- From best-effort to none: "), "{text}");
    assert!(text.contains("- Under none: "), "{text}");
    assert_eq!(
        text.matches("\n- ").count() + usize::from(text.starts_with("- ")),
        8
    );
}

#[test]
fn a_migration_that_migrates_has_nothing_to_do() {
    let a = host("2", "32", "8", Some("single-numa-node"));
    let m = Migration::new(&a, Policy::SingleNumaNode, &a, Policy::SingleNumaNode);
    assert_eq!(m.verdict, MigrationVerdict::Migrates);
    assert_eq!(m.deciding(), None);
    assert_eq!(m.what_to_do(Policy::SingleNumaNode), None);
    assert!(m.reason().starts_with("The target admits the pod"));
}

/// Each guest cell with the target node that takes it; the picture's text.
#[test]
fn the_guest_cells_land_on_the_target_nodes() {
    let nps1 = host("2", "64", "24", None);
    let nps4 = host("8", "16", "24", None);
    let there = Migration::new(&nps1, Policy::BestEffort, &nps4, Policy::BestEffort);
    assert_eq!(
        there.deciding().map(|c| c.code),
        Some(CheckCode::GuestCells)
    );
    let landings = there.landings();
    assert_eq!(landings.len(), 2);
    assert_eq!(landings[0].cell.map(|(i, c)| (i, c.vcpus)), Some((0, 24)));
    assert!(landings[0].target.is_some());
    // The second target node holds vCPUs the one-cell guest has no cell for.
    assert_eq!(landings[1].cell, None);
    let lines = there.landing_lines();
    assert!(
        lines[0].starts_with("Guest cell 0 (24 vCPUs, on source node 0) goes to target node"),
        "{lines:?}"
    );
    assert!(
        lines[1].ends_with("but no guest cell: the guest has none left for it."),
        "{lines:?}"
    );

    // Back: two cells onto one node, the second without a node of its own.
    let back = Migration::new(&nps4, Policy::BestEffort, &nps1, Policy::BestEffort);
    let lines = back.landing_lines();
    assert_eq!(lines.len(), 2);
    assert!(
        lines[1].ends_with("gets no target node of its own."),
        "{lines:?}"
    );
}
