//! Issue 20, item 8: a VM on shared CPUs (the u1 instance types) is not a
//! vNUMA VM, so the document's table does not apply to it: no cell is its
//! outcome, no verdict of the table's, no admission checks of dedicated
//! CPUs; only what KubeVirt's API rejects still speaks.

use serde_json::Value;
use std::process::Command;
use vnuma_planner::domain::{CheckCode, Policy, Report, ScenarioInput, Status, Verdict};
use vnuma_planner::share::{answer, decode};

/// A VM of `vcpus` on the default 2 x 32 host, on shared CPUs, with or
/// without guest NUMA passthrough.
fn shared(vcpus: &str, passthrough: bool) -> Report {
    let mut input = ScenarioInput::default().with_vcpus(vcpus);
    input.vm.dedicated_cpus = false;
    input.vm.numa_passthrough = passthrough;
    Report::new(input.parse().unwrap())
}

#[test]
fn a_shared_cpu_vm_of_any_size_gets_no_cell_of_the_table() {
    // Size on the 2 x 32 host -> the document's cells a dedicated-CPU VM of
    // that size would get (none of them may show for the shared VM).
    for (vcpus, size) in [
        ("4", "small"),
        ("16", "half-boundary"),
        ("24", "large"),
        ("40", "extra-large"),
        ("100", "exceeds-host"),
    ] {
        let r = shared(vcpus, false);
        assert_eq!(r.size.class.code(), size);
        assert!(!r.applies(), "{vcpus}");
        for p in Policy::ALL {
            let (cell, verdict) = (&r.outcomes[p], &r.verdicts[p]);
            assert_eq!(cell.status, Status::NotApplicable, "{vcpus} {p}");
            assert!(cell.rows().is_empty(), "{vcpus} {p}");
            assert!(!cell.applies(), "{vcpus} {p}");
            assert_eq!(verdict.verdict, Verdict::NotApplicable, "{vcpus} {p}");
            assert!(
                verdict.checks.is_empty(),
                "{vcpus} {p}: no admission checks"
            );
            assert!(verdict.placement.is_none(), "{vcpus} {p}");
            assert!(r.works_for[p].is_empty(), "{vcpus} {p}");
            assert_eq!(r.works_for_text(p), "does not apply (shared CPUs)");
            for says in [
                "shared CPUs",
                "dedicated CPUs",
                "no NUMA guarantees",
                "live migration",
            ] {
                assert!(cell.reason().contains(says), "{says}: {}", cell.reason());
            }
            let source = cell.decision.source().expect("a cited source");
            assert!(!source.from_document);
            assert!(source.url.contains("dedicated_cpu_resources"));
        }
    }
}

#[test]
fn the_extra_large_u1_vm_is_no_longer_fails_to_start_or_does_not_work() {
    // The case: 40 vCPUs on 2 x 32 is extra large; the document's
    // cells for it are fails-to-start and vm-does-not-work.
    let dedicated = ScenarioInput::default().with_vcpus("40");
    let dedicated = Report::new(dedicated.parse().unwrap());
    assert_eq!(
        dedicated.verdicts[Policy::SingleNumaNode].verdict,
        Verdict::FailsToStart
    );
    assert_eq!(
        dedicated.verdicts[Policy::Restricted].verdict,
        Verdict::VmDoesNotWork
    );
    let r = shared("40", false);
    for p in Policy::ALL {
        assert_eq!(r.verdicts[p].verdict, Verdict::NotApplicable, "{p}");
    }
}

#[test]
fn guest_numa_on_shared_cpus_stays_rejected() {
    for vcpus in ["4", "40"] {
        let r = shared(vcpus, true);
        for p in Policy::ALL {
            let v = &r.verdicts[p];
            assert_eq!(v.verdict, Verdict::Rejected, "{vcpus} {p}");
            assert_eq!(r.outcomes[p].status, Status::NotApplicable);
            let codes: Vec<CheckCode> = v.problems().map(|c| c.code).collect();
            assert_eq!(codes, [CheckCode::DedicatedCpus], "{vcpus} {p}");
        }
        let md = answer(&r, None, "", None);
        assert!(
            md.starts_with("**Under every Topology Manager policy: Rejected** (Red Hat's table does not apply: shared CPUs)\n- The VM asks for a guest NUMA topology"),
            "{md}"
        );
    }
}

#[test]
fn the_dedicated_cpu_default_is_unchanged() {
    let r = Report::default();
    assert!(r.applies());
    let got: Vec<(Status, Vec<u8>, Verdict)> = Policy::ALL
        .iter()
        .map(|&p| {
            (
                r.outcomes[p].status,
                r.outcomes[p].rows(),
                r.verdicts[p].verdict,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (Status::MigrationFails, vec![2], Verdict::MigrationFails),
            (Status::Works, vec![7], Verdict::Works),
            (Status::Works, vec![8], Verdict::Works),
            (Status::Works, vec![9], Verdict::Works),
        ]
    );
    assert_eq!(r.works_for[Policy::SingleNumaNode], [(1, 32)]);
    assert!(Policy::ALL.iter().all(|&p| r.outcomes[p].applies()));
}

#[test]
fn a_link_with_shared_cpus_says_the_table_does_not_apply() {
    let form = decode("?vcpus=40&dedicated_cpus=0&numa_passthrough=0&policy=restricted").form;
    let r = Report::new(form.input().parse().unwrap());
    assert_eq!(
        r.verdicts[Policy::Restricted].verdict,
        Verdict::NotApplicable
    );
    let md = answer(&r, None, "", None);
    assert!(md.starts_with(
        "**Under every Topology Manager policy: Table does not apply** (Red Hat's table does not apply: shared CPUs)\n- Not from the document: the VM runs on shared CPUs"
    ), "{md}");
    assert!(md.contains("(https://kubevirt.io/user-guide/compute/dedicated_cpu_resources/)"));
    assert!(
        !md.contains("Does not work") && !md.contains("Fails to start"),
        "{md}"
    );
}

fn fixture(path: &str) -> String {
    format!("{}/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"))
}

/// `classify` of the u1.xlarge VM (4 vCPUs, shared CPUs) on 2 x 32, with
/// `more` flags: its stdout, after checking it exits 0.
fn classify_u1(more: &[&str]) -> String {
    let vm = fixture("vm/vm-u1-xlarge.yaml");
    let out = Command::new(env!("CARGO_BIN_EXE_vnuma-planner"))
        .args([
            "classify",
            "--vm-file",
            &vm,
            "--numa-nodes",
            "2",
            "--cpus-per-node",
            "32",
        ])
        .args(more)
        .output()
        .unwrap();
    // A VM the table does not cover is an answer, not a failure.
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_command_says_not_applicable_for_a_u1_vm_in_json_and_text() {
    let json: Value = serde_json::from_str(&classify_u1(&["--json"])).unwrap();
    assert_eq!(json["vm"]["vcpus"], 4);
    assert_eq!(json["vm"]["dedicated_cpus"], false);
    for p in Policy::ALL {
        let o = &json["outcomes"][p.code()];
        assert_eq!(o["verdict"], "not-applicable", "{p}");
        assert_eq!(o["status"], "not-applicable", "{p}");
        assert_eq!(o["applies"], false, "{p}");
        assert_eq!(o["rows"], serde_json::json!([]), "{p}");
        assert_eq!(o["from_document"], false, "{p}");
        assert_eq!(o["checks"], serde_json::json!([]), "{p}");
        assert_eq!(o["works_for_vcpus"], serde_json::json!([]), "{p}");
        assert_eq!(
            o["source"]["url"],
            "https://kubevirt.io/user-guide/compute/dedicated_cpu_resources/"
        );
    }
    let codes: Vec<&str> = json["advisories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"shared-cpus"), "{codes:?}");
    // The huge page checks do not run on shared CPUs: no note that they cannot.
    assert!(!codes.contains(&"hugepage-size-unknown"), "{codes:?}");

    let text = classify_u1(&["--policy", "single-numa-node"]);
    assert!(text.contains(
        "> single-numa-node  not-applicable    not-applicable    no document row   Shared CPUs: the table does not apply (below)."
    ), "{text}");
    assert!(text.contains("\n  Not from the document: the VM runs on shared CPUs"));
    assert!(text.contains("Beyond the document: KubeVirt user guide: dedicated CPU resources"));
    assert!(text.contains("  restricted        does not apply (shared CPUs)\n"));
    for verdict in ["fails-to-start", "vm-does-not-work", "works "] {
        assert!(!text.contains(verdict), "{verdict}: {text}");
    }
    let md = classify_u1(&["--format", "markdown"]);
    assert!(md.starts_with("**Under every Topology Manager policy: Table does not apply**"));
}

#[test]
fn the_dedicated_cpu_default_in_json_applies() {
    let out = Command::new(env!("CARGO_BIN_EXE_vnuma-planner"))
        .args([
            "classify",
            "--numa-nodes",
            "2",
            "--cpus-per-node",
            "32",
            "--vcpus",
            "24",
            "--json",
        ])
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    for (p, verdict) in [
        ("none", "migration-fails"),
        ("single-numa-node", "works"),
        ("best-effort", "works"),
        ("restricted", "works"),
    ] {
        assert_eq!(json["outcomes"][p]["verdict"], verdict, "{p}");
        assert_eq!(json["outcomes"][p]["applies"], true, "{p}");
        assert_eq!(json["outcomes"][p]["source"], Value::Null, "{p}");
    }
}
