//! The document's table, row by row, and how the planner fills the 3 x 4 grid from it.

use vnuma_planner::domain::{
    resolve, AdvisoryCode, Cell, CellOutcome, Decision, Policy, RuleSize, SizeClass, Status,
    TableSize, Theme, DOCUMENT, RULES,
};

use Policy::{BestEffort, None as NoPolicy, Restricted, SingleNumaNode};
use Status::{FailsToStart, MigrationFails, VmDoesNotWork, Works};

/// The reference file's table: row, VM size, policy, status.
const DOCUMENT_ROWS: [(u8, RuleSize, Policy, Status); 12] = [
    (1, RuleSize::Any, SingleNumaNode, FailsToStart),
    (2, RuleSize::Any, NoPolicy, MigrationFails),
    (3, RuleSize::Small, NoPolicy, Works),
    (4, RuleSize::Small, SingleNumaNode, Works),
    (5, RuleSize::Small, BestEffort, Works),
    (6, RuleSize::Small, Restricted, Works),
    (7, RuleSize::Large, SingleNumaNode, Works),
    (8, RuleSize::Large, BestEffort, Works),
    (9, RuleSize::Large, Restricted, Works),
    (10, RuleSize::ExtraLarge, NoPolicy, Works),
    (11, RuleSize::ExtraLarge, BestEffort, Works),
    (12, RuleSize::ExtraLarge, Restricted, VmDoesNotWork),
];

/// The resolved grid: size, policy, status, the row behind it.
const GRID: [(TableSize, Policy, Status, u8); 12] = [
    (TableSize::Small, NoPolicy, Works, 3),
    (TableSize::Small, SingleNumaNode, Works, 4),
    (TableSize::Small, BestEffort, Works, 5),
    (TableSize::Small, Restricted, Works, 6),
    (TableSize::Large, NoPolicy, MigrationFails, 2),
    (TableSize::Large, SingleNumaNode, Works, 7),
    (TableSize::Large, BestEffort, Works, 8),
    (TableSize::Large, Restricted, Works, 9),
    (TableSize::ExtraLarge, NoPolicy, Works, 10),
    (TableSize::ExtraLarge, SingleNumaNode, FailsToStart, 1),
    (TableSize::ExtraLarge, BestEffort, Works, 11),
    (TableSize::ExtraLarge, Restricted, VmDoesNotWork, 12),
];

#[test]
fn shipped_rows_are_the_documents_rows_in_its_order() {
    assert_eq!(RULES.len(), DOCUMENT_ROWS.len());
    for (rule, (row, size, policy, status)) in RULES.iter().zip(DOCUMENT_ROWS) {
        assert_eq!(
            (rule.row, rule.size, rule.policy, rule.status),
            (row, size, policy, status),
            "row {row}"
        );
    }
}

#[test]
fn every_row_explains_what_happens_what_is_seen_and_what_to_do() {
    for rule in &RULES {
        for text in [
            rule.summary(),
            rule.happens(),
            rule.user_sees(),
            rule.what_to_do(),
        ] {
            assert!(text.len() > 10, "row {} has a thin explanation", rule.row);
        }
    }
    let row1 = RULES.iter().find(|r| r.row == 1).unwrap();
    assert!(row1.user_sees().contains("TopologyAffinityError"));
    let row2 = RULES.iter().find(|r| r.row == 2).unwrap();
    assert!(row2.user_sees().contains("evictionStrategy: LiveMigrate"));
    // Rows that hold only when the target has room say so.
    for row in [4, 6, 7, 9] {
        let rule = RULES.iter().find(|r| r.row == row).unwrap();
        assert!(
            rule.summary().contains("if the target has a NUMA node"),
            "row {row}"
        );
    }
}

#[test]
fn provenance_names_the_document_and_its_versions() {
    assert_eq!(DOCUMENT.versions, ["4.20", "4.21", "4.22"]);
    assert_eq!(DOCUMENT.version_range(), "4.20-4.22");
    assert!(DOCUMENT
        .url
        .ends_with("/virt-numa-live-migration_virt-numa-topology"));
}

#[test]
fn grid_reads_like_the_document() {
    for (size, policy, status, row) in GRID {
        assert_eq!(resolve(size, policy).row, row, "{size:?}/{policy}");
        let cell = CellOutcome::of_cell(Cell::new(size, policy));
        assert_eq!(cell.status, status, "{size:?}/{policy}");
        assert_eq!(cell.rows(), vec![row], "{size:?}/{policy}");
    }
}

#[test]
fn any_rows_fill_only_the_cells_without_a_row_of_their_own() {
    let large_none = CellOutcome::new(SizeClass::Large, NoPolicy);
    assert_eq!(large_none.decision, Decision::AnyRow);
    assert_eq!(large_none.rows(), vec![2]);

    let xl_single = CellOutcome::new(SizeClass::ExtraLarge, SingleNumaNode);
    assert_eq!(xl_single.decision, Decision::AnyRow);
    assert_eq!(xl_single.rows(), vec![1]);

    // Row 1 does not override rows 4 and 7, nor row 2 rows 3 and 10.
    for (class, policy, row) in [
        (SizeClass::Small, SingleNumaNode, 4),
        (SizeClass::Large, SingleNumaNode, 7),
        (SizeClass::Small, NoPolicy, 3),
        (SizeClass::ExtraLarge, NoPolicy, 10),
    ] {
        let cell = CellOutcome::new(class, policy);
        assert_eq!(cell.decision, Decision::SizeRow);
        assert_eq!(cell.rows(), vec![row]);
        assert_eq!(cell.status, Works);
    }
}

#[test]
fn exact_half_carries_both_neighbours_rows() {
    let expected = [
        (
            NoPolicy,
            Status::Ambiguous,
            vec![3, 2],
            Decision::HalfBoundaryDisagree,
        ),
        (
            SingleNumaNode,
            Works,
            vec![4, 7],
            Decision::HalfBoundaryAgree,
        ),
        (BestEffort, Works, vec![5, 8], Decision::HalfBoundaryAgree),
        (Restricted, Works, vec![6, 9], Decision::HalfBoundaryAgree),
    ];
    for (policy, status, rows, decision) in expected {
        let cell = CellOutcome::new(SizeClass::HalfBoundary, policy);
        assert_eq!(
            (cell.status, cell.rows(), cell.decision),
            (status, rows, decision)
        );
    }
}

#[test]
fn beyond_the_host_no_policy_places_the_vm_and_no_row_is_cited() {
    for policy in Policy::ALL {
        let cell = CellOutcome::new(SizeClass::ExceedsHost, policy);
        assert_eq!(cell.status, Status::Unschedulable);
        assert!(cell.rules.is_empty());
        assert_eq!(cell.decision, Decision::BeyondHost);
        assert!(cell.decision.explain().starts_with("Not from the document"));
    }
}

#[test]
fn codes_are_the_public_ones() {
    let policies: Vec<&str> = Policy::ALL.iter().map(|p| p.code()).collect();
    assert_eq!(
        policies,
        ["none", "single-numa-node", "best-effort", "restricted"]
    );
    for p in Policy::ALL {
        assert_eq!(Policy::from_code(p.code()), Some(p));
    }
    assert_eq!(Policy::from_code("Restricted"), None);
    let statuses: Vec<&str> = Status::ALL.iter().map(|s| s.code()).collect();
    assert_eq!(
        statuses,
        [
            "works",
            "migration-fails",
            "fails-to-start",
            "vm-does-not-work",
            "ambiguous",
            "unschedulable",
            "not-applicable"
        ]
    );
    let sizes: Vec<&str> = SizeClass::ALL.iter().map(|s| s.code()).collect();
    assert_eq!(
        sizes,
        [
            "small",
            "half-boundary",
            "large",
            "extra-large",
            "exceeds-host"
        ]
    );
    let advisories: Vec<&str> = AdvisoryCode::ALL.iter().map(|a| a.code()).collect();
    assert_eq!(
        advisories,
        [
            "half-boundary",
            "emulator-thread-exceeds-node",
            "emulator-thread-exceeds-host",
            "smt-reading-differs",
            "uneven-nodes-reading-differs",
            "hotplug-exceeds-host",
            "topology-manager-node-limit",
            "single-numa-host",
            "missing-dedicated-cpus",
            "missing-guest-mapping-passthrough",
            "missing-hugepages",
            "asymmetric-numa-nodes",
            "cpu-requests-differ-from-limits",
            "reserved-cpus-assumed",
            "full-pcpus-only-without-smt",
            "reserved-cores-assumed",
            "shared-cpus",
            "hugepage-size-unknown",
            "free-hugepages-unknown",
        ]
    );
    let themes: Vec<&str> = Theme::ALL.iter().map(|t| t.code()).collect();
    assert_eq!(themes, ["auto", "light", "dark"]);
    for size in TableSize::ALL {
        assert_eq!(
            size.code(),
            size.class().code(),
            "a row's code is its class's"
        );
    }
    assert_eq!("best-effort".parse(), Ok(BestEffort));
    assert_eq!(
        "BestEffort".parse::<Policy>().unwrap_err().to_string(),
        "use one of none, single-numa-node, best-effort, restricted"
    );
}
