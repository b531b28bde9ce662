//! Issue 23: pasted errors read as the planner's checks (`explain`), and
//! the fixes the planner offers for a failing check, each of which makes
//! that check pass when its flags are added.

#[path = "support/command.rs"]
mod command;

use command::run_with;
use proptest::prelude::*;
use serde_json::Value;
use vnuma_planner::domain::errors::read_errors;
use vnuma_planner::domain::fixes::{fixes, passes, reserve_hugepages};
use vnuma_planner::domain::{CheckCode, Field, Policy, Report, ScenarioInput, Switch, VcpuMode};
use vnuma_planner::form::FormState;

/// A pasted text, its check and its numbers.
type Case = (
    &'static str,
    Option<&'static str>,
    &'static [(&'static str, u64)],
);

/// Each text of the reference table, as printed, with its check and numbers.
#[test]
fn each_reference_text_gives_its_check_and_numbers() {
    let table: &[Case] = &[
        ("Warning  TopologyAffinityError  3s  kubelet  Resources cannot be allocated with Topology locality", Some("single-numa-node-fit"), &[]),
        ("Allocate failed due to SMT Alignment Error: requested 25 cpus not multiple cpus per core = 2, which is unexpected", Some("smt-alignment"), &[("requested_cpus", 25), ("cpus_per_core", 2)]),
        ("SMT Alignment Error: not enough free physical CPUs: available physical CPUs = 56, requested CPUs = 58, CPUs per core = 2", Some("physical-cpus"), &[("available_physical_cpus", 56), ("requested_cpus", 58), ("cpus_per_core", 2)]),
        ("qemu-kvm: os_mem_prealloc: Insufficient free host memory pages available to allocate guest RAM", Some("node-hugepages"), &[]),
        ("unable to map backing store for guest RAM: Cannot allocate memory", Some("node-hugepages"), &[]),
        ("error: Argument 'cellid' in memnode element must correspond to existing guest's NUMA cell", Some("guest-cells"), &[]),
        ("  Warning  FailedScheduling  12s  default-scheduler  0/3 nodes are available: 3 Insufficient cpu.", Some("host-allocatable"), &[("nodes_available", 0), ("nodes_total", 3), ("nodes_insufficient", 3)]),
        ("0/3 nodes are available: 3 Insufficient hugepages-1Gi. preemption: 0/3 nodes are available", Some("host-hugepages"), &[("page_size_mib", 1024), ("nodes_available", 0), ("nodes_total", 3), ("nodes_insufficient", 3)]),
        ("0/5 nodes are available: 2 Insufficient hugepages-2Mi", Some("host-hugepages"), &[("page_size_mib", 2), ("nodes_available", 0), ("nodes_total", 5), ("nodes_insufficient", 2)]),
        ("Failed to initialize topology manager: unsupported on machines with more than 8 NUMA nodes", Some("numa-node-limit"), &[("most_numa_nodes", 8)]),
        ("admission webhook denied the request: spec.domain.resources.requests.cpu or limits.cpu must be equal when DedicatedCPUPlacement is true", Some("cpu-requests-equal-limits"), &[]),
        ("VM field(s) spec.template.spec.domain.memory.guest conflicts with selected instance type", Some("instancetype-conflict"), &[]),
        ("qemu-kvm: warning: Number of hotpluggable cpus requested (512) exceeds the recommended cpus supported by KVM (240)", None, &[("hotplug_cpus_requested", 512), ("kvm_recommended_cpus", 240)]),
        ("cannot bind memory to host NUMA nodes: Operation not permitted", None, &[]),
        ("Warning  UnexpectedAdmissionError  pod/virt-launcher-vm-abc  Allocate failed due to ...", None, &[]),
        // Case and spacing as a log may print them.
        ("SMT   ALIGNMENT error:  requested 33 cpus not multiple cpus per core = 2", Some("smt-alignment"), &[("requested_cpus", 33), ("cpus_per_core", 2)]),
    ];
    for (text, check, numbers) in table {
        let found = read_errors(text);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        assert_eq!(found[0].check.map(CheckCode::code), *check, "{text}");
        assert_eq!(found[0].numbers, numbers.to_vec(), "{text}");
        assert!(!found[0].fixes.is_empty(), "{text}");
    }
}

#[test]
fn unrelated_text_gives_no_error() {
    for text in [
        "Warning  Failed  kubelet  Error: ImagePullBackOff",
        "",
        "Normal Scheduled 10s default-scheduler Successfully assigned",
    ] {
        assert_eq!(read_errors(text), Vec::new(), "{text}");
    }
}

#[test]
fn a_describe_output_gives_each_error_once() {
    let describe = "Events:\n  Type     Reason            Age   From               Message\n  ----     ------            ----  ----               -------\n  Warning  FailedScheduling  2m    default-scheduler  0/3 nodes are available: 1 Insufficient cpu, 3 Insufficient hugepages-1Gi.\n  Warning  FailedScheduling  1m    default-scheduler  0/3 nodes are available: 1 Insufficient cpu, 3 Insufficient hugepages-1Gi.\n";
    let checks: Vec<_> = read_errors(describe)
        .iter()
        .map(|e| e.check.map(CheckCode::code))
        .collect();
    assert_eq!(checks, [Some("host-allocatable"), Some("host-hugepages")]);
}

const SMT_LINE: &str =
    "Allocate failed due to SMT Alignment Error: requested 25 cpus not multiple cpus per core = 2";

#[test]
fn explain_in_each_format_and_its_exit_statuses() {
    // (args, stdin, status, what stdout holds)
    let table: &[(&[&str], &str, i32, &str)] = &[
        (&["explain"], SMT_LINE, 0, "check: smt-alignment"),
        (
            &["explain", "-"],
            SMT_LINE,
            0,
            "requested cpus 25, cpus per core 2",
        ),
        (
            &["explain", "--format", "markdown"],
            SMT_LINE,
            0,
            "(check `smt-alignment`)",
        ),
        (
            &["explain", "--format", "json"],
            SMT_LINE,
            0,
            "\"check\": \"smt-alignment\"",
        ),
        (
            &["explain", "--json"],
            SMT_LINE,
            0,
            "\"requested_cpus\": 25",
        ),
        (
            &["explain"],
            "ImagePullBackOff",
            1,
            "No known error was found",
        ),
        (
            &["explain", "--json"],
            "ImagePullBackOff",
            1,
            "\"errors\": []",
        ),
        (
            &["explain", "--format", "markdown"],
            "ImagePullBackOff",
            1,
            "No known error was found",
        ),
    ];
    for (args, stdin, status, holds) in table {
        let out = run_with(args, stdin);
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert_eq!(out.status.code(), Some(*status), "{args:?}: {stdout}");
        assert!(stdout.contains(holds), "{args:?}: {stdout}");
    }
    for args in [
        &["explain", "--format", "yaml"][..],
        &["explain", "--json", "--format", "text"],
        &["explain", "/no/such/file"],
        &["explain", "-", "--vm-file", "-"],
        &["explain", "--vcpus", "many"],
    ] {
        let out = run_with(args, SMT_LINE);
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
    }
}

#[test]
fn explain_refuses_more_than_2_mb_with_one_line() {
    let big = format!("{SMT_LINE}\n{}", "x".repeat(2 * 1024 * 1024));
    let out = run_with(&["explain"], &big);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("more than 2 MB"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1);
}

#[test]
fn explain_confirms_the_error_against_the_planners_verdict() {
    let host = [
        "--numa-nodes",
        "2",
        "--cpus-per-node",
        "32",
        "--threads-per-core",
        "2",
    ];
    // (VM flags, agrees)
    let table: &[(&[&str], bool)] = &[
        (
            &[
                "--vcpus",
                "24",
                "--isolate-emulator-thread",
                "--full-pcpus-only",
            ],
            true,
        ),
        (
            &[
                "--vcpus",
                "23",
                "--isolate-emulator-thread",
                "--full-pcpus-only",
            ],
            false,
        ),
    ];
    for (vm, agrees) in table {
        let mut args = vec!["explain", "--json"];
        args.extend(host);
        args.extend(*vm);
        let out = run_with(&args, SMT_LINE);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let json: Value = serde_json::from_slice(&out.stdout).unwrap();
        let error = &json["errors"][0];
        assert_eq!(error["confirmed"]["agrees"], *agrees, "{args:?}: {error}");
        let checked = error["fixes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["planner_args"].is_array());
        assert_eq!(checked, *agrees, "{args:?}: {error}");
    }
}

fn classify_json(args: &[&str]) -> Value {
    let mut all = vec!["classify", "--json"];
    all.extend(args);
    let out = run_with(&all, "");
    assert!(
        out.status.success(),
        "{all:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The check's result under `policy` (`pass` when it is not asked).
fn result(json: &Value, policy: &str, code: &str) -> String {
    json["outcomes"][policy]["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["code"] == code)
        .map_or("pass".to_string(), |c| {
            c["result"].as_str().unwrap().to_string()
        })
}

/// The command's flags with a fix's: each flag the fix gives replaces the
/// same flag (and the other way of giving the vCPUs) with its value.
fn with_fix<'a>(args: &[&'a str], extra: &[&'a str]) -> Vec<&'a str> {
    let topology = ["--sockets", "--cores", "--threads"];
    let replaced = |flag: &str| {
        extra.iter().filter(|e| e.starts_with("--")).any(|&e| {
            e == flag
                || (e == "--vcpus" && topology.contains(&flag))
                || (topology.contains(&e) && flag == "--vcpus")
        })
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let takes_value = args.get(i + 1).is_some_and(|a| !a.starts_with("--"));
        if args[i].starts_with("--") && replaced(args[i]) {
            i += if takes_value { 2 } else { 1 };
            continue;
        }
        out.push(args[i]);
        i += 1;
    }
    out.extend(extra);
    out
}

/// For each failing check of the project's scenarios, a fix whose flags,
/// added to the command's, make that check pass (under the policy a fix
/// names with --policy, else the same one).
#[test]
fn each_failing_check_has_a_fix_whose_flags_make_it_pass() {
    let table: &[(&[&str], &str, &str)] = &[
        // The support case: 32 vCPUs with an isolated emulator thread on nodes of 32.
        (
            &[
                "--numa-nodes",
                "2",
                "--cpus-per-node",
                "32",
                "--vcpus",
                "32",
                "--isolate-emulator-thread",
            ],
            "single-numa-node",
            "single-numa-node-fit",
        ),
        (
            &[
                "--numa-nodes",
                "2",
                "--cpus-per-node",
                "32",
                "--vcpus",
                "32",
                "--isolate-emulator-thread",
            ],
            "none",
            "spills-past-node",
        ),
        (
            &[
                "--numa-nodes",
                "2",
                "--cpus-per-node",
                "32",
                "--vcpus",
                "24",
                "--isolate-emulator-thread",
                "--threads-per-core",
                "2",
                "--full-pcpus-only",
            ],
            "best-effort",
            "smt-alignment",
        ),
        (
            &[
                "--numa-nodes",
                "2",
                "--cpus-per-node",
                "32",
                "--vcpus",
                "58",
                "--threads-per-core",
                "2",
                "--full-pcpus-only",
                "--reserved-cpus",
                "4",
                "--reserved-cores",
                "4",
            ],
            "best-effort",
            "physical-cpus",
        ),
        (
            &[
                "--numa-nodes",
                "2",
                "--cpus-per-node",
                "32",
                "--vcpus",
                "64",
            ],
            "best-effort",
            "host-allocatable",
        ),
        (
            &[
                "--numa-nodes",
                "2",
                "--cpus-per-node",
                "32",
                "--vcpus",
                "63",
            ],
            "best-effort",
            "pod-overhead",
        ),
        (
            &[
                "--numa-nodes",
                "2",
                "--cpus-per-node",
                "32",
                "--vcpus",
                "32",
                "--reserved-cpus",
                "2,2",
            ],
            "restricted",
            "restricted-fit",
        ),
        (
            &["--numa-nodes", "9", "--cpus-per-node", "8", "--vcpus", "4"],
            "best-effort",
            "numa-node-limit",
        ),
        (
            &[
                "--numa-nodes",
                "2",
                "--cpus-per-node",
                "32",
                "--vcpus",
                "40",
                "--memory",
                "9Gi",
                "--hugepage-size",
                "1Gi",
                "--free-hugepages",
                "4,10",
            ],
            "best-effort",
            "node-hugepages",
        ),
        (
            &[
                "--numa-nodes",
                "2",
                "--cpus-per-node",
                "32",
                "--vcpus",
                "8",
                "--memory",
                "24Gi",
                "--hugepage-size",
                "1Gi",
                "--free-hugepages",
                "4,4",
            ],
            "best-effort",
            "host-hugepages",
        ),
        (
            &[
                "--numa-nodes",
                "2",
                "--cpus-per-node",
                "32",
                "--vcpus",
                "40",
                "--memory",
                "1Gi",
                "--hugepage-size",
                "1Gi",
                "--free-hugepages",
                "16,16",
            ],
            "best-effort",
            "pages-per-cell",
        ),
        (
            &[
                "--numa-nodes",
                "2",
                "--cpus-per-node",
                "32",
                "--vcpus",
                "8",
                "--memory",
                "1536Mi",
                "--hugepage-size",
                "1Gi",
            ],
            "best-effort",
            "hugepage-multiple",
        ),
        (
            &["--numa-nodes", "2", "--cpus-per-node", "32", "--vcpus", "8"],
            "none",
            "none-policy-migration",
        ),
    ];
    for (args, policy, code) in table {
        let json = classify_json(args);
        assert_ne!(
            result(&json, policy, code),
            "pass",
            "{args:?}: {code} should fail under {policy}"
        );
        let check = json["outcomes"][policy]["checks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["code"] == *code)
            .unwrap();
        let fixes = check["fixes"].as_array().unwrap();
        assert!(
            !fixes.is_empty(),
            "{args:?}: no fix for {code} under {policy}"
        );
        for fix in fixes {
            assert!(!fix["summary"].as_str().unwrap().is_empty());
            assert!(!fix["yaml"].as_str().unwrap().is_empty(), "{fix}");
            let extra: Vec<&str> = fix["planner_args"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a.as_str().unwrap())
                .collect();
            let under = extra
                .iter()
                .position(|&a| a == "--policy")
                .map_or(*policy, |i| extra[i + 1]);
            let again = with_fix(args, &extra);
            let fixed = classify_json(&again);
            assert_eq!(
                result(&fixed, under, code),
                "pass",
                "{again:?} under {under}: {fix}"
            );
        }
    }
}

#[test]
fn classify_gives_the_huge_pages_to_reserve_per_node() {
    // 9Gi in 1Gi pages over two cells: 5 and 4, one page of headroom each.
    let json = classify_json(&[
        "--numa-nodes",
        "2",
        "--cpus-per-node",
        "32",
        "--vcpus",
        "40",
        "--memory",
        "9Gi",
        "--hugepage-size",
        "1Gi",
    ]);
    let reserve = &json["outcomes"]["best-effort"]["hugepages_to_reserve"];
    let pages: Vec<(u64, u64)> = reserve["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| (n["node"].as_u64().unwrap(), n["pages"].as_u64().unwrap()))
        .collect();
    assert_eq!(pages, [(0, 6), (1, 5)]);
    let yaml = reserve["yaml"].as_str().unwrap();
    assert!(yaml.contains("count: 6\n      node: 0"), "{yaml}");
    assert!(reserve["launcher_overhead_bytes"].as_u64().unwrap() > 218 << 20);
    // Without memory there is nothing to reserve.
    let json = classify_json(&["--numa-nodes", "2", "--cpus-per-node", "32", "--vcpus", "8"]);
    assert!(json["outcomes"]["best-effort"]["hugepages_to_reserve"].is_null());
}

#[test]
fn the_markdown_answer_carries_the_fixes_under_what_to_do() {
    let out = run_with(
        &[
            "classify",
            "--format",
            "markdown",
            "--numa-nodes",
            "2",
            "--cpus-per-node",
            "32",
            "--vcpus",
            "32",
            "--isolate-emulator-thread",
            "--policy",
            "single-numa-node",
        ],
        "",
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("- What to do (each change checked"), "{text}");
    assert!(text.contains("Planner flags: `--vcpus 31`"), "{text}");
    assert!(!text.contains("Nothing to change"), "{text}");
}

/// The flags of a fix applied to the scenario's text, as the command
/// applies them; the policy a `--policy` names.
fn apply(input: &ScenarioInput, args: &[String], policy: Policy) -> (ScenarioInput, Policy) {
    let mut input = input.clone();
    let mut policy = policy;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--emulator-thread-parity" => input.set_switch(Switch::EmulatorParity, true),
            "--policy" => {
                policy = args[i + 1].parse().unwrap();
                i += 1;
            }
            flag => {
                let field = Field::from_key(&flag[2..].replace('-', "_")).expect(flag);
                input.set_text(field, args[i + 1].clone());
                match field {
                    Field::Vcpus => input.vm.set_mode(VcpuMode::Count),
                    Field::Sockets | Field::Cores | Field::Threads => {
                        input.vm.set_mode(VcpuMode::Topology)
                    }
                    _ => {}
                }
                i += 1;
            }
        }
        i += 1;
    }
    (input, policy)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// A fix the planner offers always makes its check pass, applied as
    /// its flags say.
    #[test]
    fn an_offered_fix_always_makes_its_check_pass(
        n in 1u32..=4, c in 4u32..=48, t in prop::sample::select(vec![1u32, 2]),
        v in 1u32..=100, emulator: bool, parity: bool, full: bool,
        reserved in 1u32..=4, memory_gi in 0u32..=24, two_mi: bool,
        free0 in 0u32..=20, free1 in 0u32..=20,
    ) {
        let c = c - c % t;
        let mut input = ScenarioInput::default()
            .with(Field::NumaNodes, n.to_string())
            .with(Field::CpusPerNode, c.to_string())
            .with(Field::ThreadsPerCore, t.to_string())
            .with(Field::ReservedCpus, reserved.min(c).to_string())
            .with_vcpus(v.to_string());
        input.set_switch(Switch::EmulatorThread, emulator);
        input.set_switch(Switch::EmulatorParity, parity);
        input.set_switch(Switch::FullPcpusOnly, full);
        if memory_gi > 0 {
            let (size, scale) = if two_mi { ("2Mi", 512) } else { ("1Gi", 1) };
            input.vm.hugepage_size = size.parse().ok();
            input = input
                .with(Field::Memory, format!("{memory_gi}Gi"))
                .with(Field::FreeHugepages, format!("{},{}", free0 * scale, free1 * scale));
        }
        let Ok(scenario) = input.parse() else { return Ok(()); };
        let report = Report::new(scenario);
        for policy in Policy::ALL {
            for fix in fixes(&report, policy) {
                let (fixed, under) = apply(&input, &fix.planner_args, policy);
                let scenario = fixed.parse();
                prop_assert!(scenario.is_ok(), "{:?}: {:?}", fix.planner_args, scenario.err());
                prop_assert!(
                    passes(&scenario.unwrap(), under, fix.check),
                    "{:?} does not make {} pass under {under}", fix.planner_args, fix.check
                );
                // The page's "Apply" makes the same change as the flags.
                let mut form = FormState {
                    host: input.host.clone(),
                    vm: input.vm.clone(),
                    cluster: input.cluster.clone(),
                    ..FormState::default()
                };
                form.apply(&fix.edits);
                let edited = form.input();
                prop_assert_eq!(&edited.host, &fixed.host, "{:?}", fix.edits);
                prop_assert_eq!(&edited.vm, &fixed.vm, "{:?}", fix.edits);
                prop_assert_eq!(edited.cluster.policy.unwrap_or(policy), under);
            }
            // The pages to reserve are the guest's pages and more.
            if let Some(r) = reserve_hugepages(&report.scenario, policy) {
                let pages = report.scenario.vm.hugepages().unwrap();
                let reserved: u64 = r.nodes.iter().map(|n| n.cell_pages).sum();
                let whole = if r.any_of {
                    r.nodes.iter().all(|n| n.cell_pages == pages)
                } else {
                    reserved == pages
                };
                prop_assert!(whole, "{:?} for {} pages", r.nodes, pages);
            }
        }
    }
}
