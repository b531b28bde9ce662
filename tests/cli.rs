//! The `vnuma-planner` command as scripts use it.
//!
//! The exports (`table --format text|json|markdown|asciidoc|html` and
//! `classify --format markdown`) are compared byte for byte with the files in
//! `tests/golden/`. When one differs the test fails with the lines that
//! differ and the command that refreshes it. After a deliberate change to an
//! output, rewrite the files instead of failing with
//!
//! ```sh
//! UPDATE_GOLDEN=1 cargo test --test cli
//! ```
//!
//! and read the diff (`git diff tests/golden`) before committing it.

use serde_json::Value;
use std::path::PathBuf;
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vnuma-planner"))
        .args(args)
        .output()
        .expect("run vnuma-planner")
}

fn stdout(args: &[&str]) -> String {
    let out = run(args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

fn json(args: &[&str]) -> Value {
    serde_json::from_str(&stdout(args)).expect("valid JSON")
}

/// Bad input: status 2, nothing on stdout, one line on stderr that says
/// `expected`.
fn assert_bad_input(args: &[&str], expected: &str) {
    let out = run(args);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
    assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert!(stderr.contains(expected), "{args:?}: {stderr}");
    assert!(!stderr.contains("panicked") && !stderr.contains("backtrace"));
    assert!(out.stdout.is_empty());
}

/// `classify --json` on a 2 x 32 host with more flags.
fn json_2x32(extra: &[&str]) -> Value {
    let mut args = vec![
        "classify",
        "--json",
        "--numa-nodes",
        "2",
        "--cpus-per-node",
        "32",
    ];
    args.extend_from_slice(extra);
    json(&args)
}

/// Each case's flags after `prefix` are bad input, with its message.
fn assert_bad_inputs(prefix: &[&str], cases: &[(&[&str], &str)]) {
    for (extra, expected) in cases {
        let mut args = prefix.to_vec();
        args.extend_from_slice(extra);
        assert_bad_input(&args, expected);
    }
}

fn statuses(v: &Value) -> Vec<(String, String, Vec<u64>)> {
    ["none", "single-numa-node", "best-effort", "restricted"]
        .iter()
        .map(|p| {
            let cell = &v["outcomes"][p];
            let rows = cell["rows"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r.as_u64().unwrap())
                .collect();
            (
                p.to_string(),
                cell["status"].as_str().unwrap().to_string(),
                rows,
            )
        })
        .collect()
}

fn advisory_codes(v: &Value) -> Vec<&str> {
    v["advisories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["code"].as_str().unwrap())
        .collect()
}

fn s(p: &str, status: &str, rows: &[u64]) -> (String, String, Vec<u64>) {
    (p.into(), status.into(), rows.to_vec())
}

#[test]
fn json_has_the_public_shape() {
    let v = json(&[
        "classify",
        "--numa-nodes",
        "2",
        "--cpus-per-node",
        "32",
        "--sockets",
        "2",
        "--cores",
        "12",
        "--threads",
        "1",
        "--isolate-emulator-thread",
        "--json",
    ]);
    assert_eq!(v["host"]["numa_nodes"], 2);
    assert_eq!(v["host"]["cpus_per_node"], 32);
    assert_eq!(v["host"]["total_cpus"], 64);
    assert_eq!(v["vm"]["vcpus"], 24);
    assert_eq!(v["vm"]["pod_cpus"], 25);
    assert_eq!(v["size"], "large");
    assert_eq!(
        statuses(&v),
        [
            s("none", "migration-fails", &[2]),
            s("single-numa-node", "works", &[7]),
            s("best-effort", "works", &[8]),
            s("restricted", "works", &[9]),
        ]
    );
    assert_eq!(
        advisory_codes(&v),
        ["hotplug-exceeds-host", "reserved-cpus-assumed"]
    );
    let advisories = v["advisories"].as_array().unwrap();
    assert!(advisories[0]["message"]
        .as_str()
        .unwrap()
        .contains("96 vCPUs"));
    assert_eq!(advisories[0]["bears_on_outcome"], false);
    // The admission layer beside the document's.
    assert_eq!(v["host"]["reserved_cpus"], serde_json::json!([1, 0]));
    assert_eq!(v["host"]["allocatable_cpus"], serde_json::json!([31, 32]));
    let verdicts: Vec<&str> = ["none", "single-numa-node", "best-effort", "restricted"]
        .iter()
        .map(|p| v["outcomes"][p]["verdict"].as_str().unwrap())
        .collect();
    assert_eq!(verdicts, ["migration-fails", "works", "works", "works"]);
    let checks = v["outcomes"]["single-numa-node"]["checks"]
        .as_array()
        .unwrap();
    let fit = checks
        .iter()
        .find(|c| c["code"] == "single-numa-node-fit")
        .unwrap();
    assert_eq!(fit["result"], "pass");
    assert!(fit["message"].as_str().unwrap().contains("Node 1 has 32"));
    assert_eq!(fit["source"]["from_document"], false);
}

#[test]
fn json_at_the_half_and_beyond_the_host() {
    let half = json(&[
        "classify",
        "--numa-nodes",
        "2",
        "--cpus-per-node",
        "32",
        "--vcpus",
        "16",
        "--json",
    ]);
    assert_eq!(half["size"], "half-boundary");
    assert_eq!(
        statuses(&half),
        [
            s("none", "ambiguous", &[3, 2]),
            s("single-numa-node", "works", &[4, 7]),
            s("best-effort", "works", &[5, 8]),
            s("restricted", "works", &[6, 9]),
        ]
    );
    let codes = advisory_codes(&half);
    assert!(codes.contains(&"half-boundary"));

    let beyond = json(&[
        "classify",
        "--numa-nodes",
        "2",
        "--cpus-per-node",
        "32",
        "--vcpus",
        "65",
        "--json",
    ]);
    assert_eq!(beyond["size"], "exceeds-host");
    for (_, status, rows) in statuses(&beyond) {
        assert_eq!((status.as_str(), rows.len()), ("unschedulable", 0));
    }
}

#[test]
fn text_report_shows_class_arithmetic_policies_and_source() {
    let out = run(&[
        "classify",
        "--numa-nodes",
        "2",
        "--cpus-per-node",
        "32",
        "--vcpus",
        "40",
    ]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("Size: extra-large (40 > 32 and 40 <= 2 x 32 = 64)"),
        "{text}"
    );
    // Policy, the verdict, then the document's status and rows.
    assert!(
        text.contains("single-numa-node  fails-to-start    fails-to-start    row 1, any size"),
        "{text}"
    );
    assert!(
        text.contains("restricted        vm-does-not-work  vm-does-not-work  row 12"),
        "{text}"
    );
    // The failing check under the policy it fails.
    assert!(
        text.contains("fail [single-numa-node-fit] No NUMA node has 40 allocatable CPUs"),
        "{text}"
    );
    assert!(text.contains("[hotplug-exceeds-host]"), "{text}");
    assert!(
        text.contains("virt-numa-live-migration_virt-numa-topology"),
        "{text}"
    );
}

#[test]
fn table_prints_the_resolved_grid_with_rows() {
    let out = run(&["table"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[1].starts_with("small") && lines[1].contains("works (row 3)"));
    assert!(
        lines[2].starts_with("large") && lines[2].contains("migration-fails (row 2, any size)")
    );
    assert!(lines[3].starts_with("extra-large") && lines[3].contains("vm-does-not-work (row 12)"));

    let v = json(&["table", "--json"]);
    assert_eq!(
        v["grid"]["extra-large"]["single-numa-node"]["status"],
        "fails-to-start"
    );
    assert_eq!(v["grid"]["extra-large"]["single-numa-node"]["rows"][0], 1);
}

#[test]
fn bad_input_is_one_line_and_status_two() {
    let cases: &[(&[&str], &str)] = &[
        (
            &["--vcpus", "0"],
            "--vcpus: vCPUs must be at least 1; got 0",
        ),
        (&["--vcpus", "-3"], "\"-3\" is negative"),
        (&["--vcpus", "2.5"], "\"2.5\" is not whole"),
        (&["--vcpus", "lots"], "\"lots\" is not a number"),
        (
            &["--vcpus", "99999999999999999999999"],
            "vCPUs must be at most 16384",
        ),
        (
            &["--vcpus", "4", "--threads-per-core", "3"],
            "must divide the 32 CPUs",
        ),
        (
            &["--sockets", "64", "--cores", "64", "--threads", "8"],
            "more than the 16384 allowed",
        ),
        (
            &["--sockets", "4", "--max-sockets", "2"],
            "at least the VM's 4 sockets",
        ),
        (&["--vcpus", "4", "--cores", "2"], "cannot be used with"),
        (&[], "required arguments were not provided"),
        (
            &["--vcpus", "4", "--frobnicate"],
            "unexpected argument '--frobnicate'",
        ),
        (
            &["--vcpus", "4", "--format", "asciidoc"],
            "invalid value 'asciidoc' for '--format <FORMAT>' [possible values: text, json, markdown]",
        ),
        (
            &["--vcpus", "4", "--json", "--format", "text"],
            "the argument '--json' (--format json) cannot be used with '--format text'",
        ),
    ];
    assert_bad_inputs(
        &["classify", "--numa-nodes", "2", "--cpus-per-node", "32"],
        cases,
    );
}

#[test]
fn help_explains_every_flag_with_units() {
    let out = run(&["classify", "--help"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for flag in [
        "--numa-nodes",
        "--cpus-per-node",
        "--threads-per-core",
        "--vcpus",
        "--sockets",
        "--cores",
        "--threads",
        "--max-sockets",
        "--isolate-emulator-thread",
        "--vm-name",
        "--json",
        "--format",
    ] {
        assert!(text.contains(flag), "{flag} missing from help");
    }
    assert!(text.contains("logical CPUs"));
    assert!(text.contains("1-1024"));
}

#[test]
fn link_prints_the_permalink_for_a_base_url() {
    let out = run(&[
        "link",
        "--base-url",
        "https://example.org/vnuma/",
        "--numa-nodes",
        "4",
        "--cpus-per-node",
        "16",
        "--sockets",
        "2",
        "--cores",
        "10",
        "--policy",
        "restricted",
        "--cell",
        "extra-large.restricted",
        "--isolate-emulator-thread",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "https://example.org/vnuma/?numa_nodes=4&cpus_per_node=16&sockets=2&cores=10&threads=1&emulator_thread=1&policy=restricted&cell=extra-large.restricted\n"
    );
    let embed = run(&[
        "link",
        "--base-url",
        "https://example.org/",
        "--numa-nodes",
        "2",
        "--cpus-per-node",
        "32",
        "--vcpus",
        "24",
        "--embed",
        "--theme",
        "dark",
    ]);
    assert_eq!(
        String::from_utf8(embed.stdout).unwrap(),
        "https://example.org/?numa_nodes=2&cpus_per_node=32&vcpus=24&embed=1&theme=dark\n"
    );
}

#[test]
fn link_rejects_bad_input_in_one_line() {
    let cases: &[(&[&str], &str)] = &[
        (
            &["--base-url", "https://e.org/", "--vcpus", "0"],
            "--vcpus: vCPUs must be at least 1",
        ),
        (
            &[
                "--base-url",
                "https://e.org/",
                "--vcpus",
                "4",
                "--cell",
                "huge.none",
            ],
            "invalid value 'huge.none' for '--cell <SIZE.POLICY>': use size.policy, e.g. large.none",
        ),
        (
            &[
                "--base-url",
                "https://e.org/",
                "--vcpus",
                "4",
                "--policy",
                "strict",
            ],
            "invalid value 'strict'",
        ),
        (
            &["--base-url", "not a url", "--vcpus", "4"],
            "--base-url must be a URL",
        ),
        (&["--vcpus", "4"], "--base-url"),
    ];
    assert_bad_inputs(
        &["link", "--numa-nodes", "2", "--cpus-per-node", "32"],
        cases,
    );
}

fn fixture(path: &str) -> String {
    format!("{}/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn classify_reads_a_vm_file_and_host_files() {
    let v = json(&[
        "classify",
        "--vm-file",
        &fixture("vm/vm-numa-topology.yaml"),
        "--host-file",
        &fixture("host/lscpu-2socket-smt.txt"),
        "--host-file",
        &fixture("host/kubeletconfig-reserved.yaml"),
        "--json",
    ]);
    assert_eq!(v["host"]["numa_nodes"], 2);
    assert_eq!(v["host"]["cpus_per_node"], 32);
    assert_eq!(v["host"]["threads_per_core"], 2);
    assert_eq!(v["vm"]["vcpus"], 24);
    assert_eq!(v["vm"]["pod_cpus"], 25);
    assert_eq!(v["size"], "large");
    assert_eq!(v["policy"], "single-numa-node");
    let codes = advisory_codes(&v);
    // The VM's memory and page size are known, the free pages are not.
    assert_eq!(
        codes,
        [
            "smt-reading-differs",
            "free-hugepages-unknown",
            "asymmetric-numa-nodes"
        ]
    );
    let read: Vec<&str> = v["read_from_files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap())
        .collect();
    assert_eq!(
        read[0],
        "vCPUs 24 = sockets 2 x cores 12 x threads 1 from spec.template.spec.domain.cpu"
    );
}

/// A file of several VMs is refused in one line that lists them, until
/// `--vm-name` picks one.
#[test]
fn vm_name_picks_one_of_several_vms() {
    let list = fixture("vm/vms-list-three.yaml");
    let host = ["--numa-nodes", "2", "--cpus-per-node", "32"];
    let mut args = vec!["classify", "--vm-file", &list];
    args.extend(host);
    assert_bad_input(
        &args,
        &format!("error: --vm-file {list}: The text holds 3 VMs: db-primary, db-replica, reporting; pick one with --vm-name NAME."),
    );
    args.extend(["--vm-name", "db-replica", "--json"]);
    let v = json(&args);
    assert_eq!(v["vm"]["vcpus"], 24);
    assert_eq!(
        v["vm"]["topology"],
        serde_json::json!({ "sockets": 1, "cores": 12, "threads": 2 })
    );

    let bundle = fixture("vm/instancetypes-cx1-bundle.yaml");
    let mut args = vec![
        "classify",
        "--json",
        "--vm-file",
        &bundle,
        "--vm-name",
        "cx1.2xlarge",
    ];
    args.extend(host);
    assert_eq!(json(&args)["vm"]["vcpus"], 8);
    let mut args = vec!["classify", "--vm-file", &bundle, "--vm-name", "cx1.huge"];
    args.extend(host);
    assert_bad_input(&args, "No VM, VMI or instance type named cx1.huge in the text; it holds cx1.2xlarge, cx1.4xlarge, cx1.8xlarge, cx1.large.");
    // Only with a VM file.
    let mut args = vec!["classify", "--vcpus", "4", "--vm-name", "db-replica"];
    args.extend(host);
    assert_bad_input(&args, "--vm-file");
}

#[test]
fn stdin_files_and_flags_that_win_over_files() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_vnuma-planner"))
        .args([
            "classify",
            "--vm-file",
            "-",
            "--host-file",
            &fixture("host/numactl-nps4.txt"),
            "--vcpus",
            "8",
            "--json",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(
            std::fs::read(fixture("vm/vm-no-topology.json"))
                .unwrap()
                .as_slice(),
        )
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["vm"]["vcpus"], 8, "--vcpus wins over the file's 16");
    assert_eq!(
        (
            v["host"]["numa_nodes"].as_u64(),
            v["host"]["cpus_per_node"].as_u64()
        ),
        (Some(4), Some(16))
    );
    assert_eq!(v["size"], "half-boundary");
    let codes = advisory_codes(&v);
    assert!(codes.contains(&"missing-dedicated-cpus"));
    assert!(codes.contains(&"missing-hugepages"));
}

#[test]
fn unreadable_files_are_one_line_and_status_two() {
    let garbage = std::env::temp_dir().join("vnuma-planner-garbage.yaml");
    std::fs::write(&garbage, "kind: VirtualMachine\nspec: [unclosed\n").unwrap();
    let garbage = garbage.to_str().unwrap();
    let cases: &[(&[&str], &str)] = &[
        (
            &[
                "--vm-file",
                "/nonexistent/vm.yaml",
                "--numa-nodes",
                "2",
                "--cpus-per-node",
                "32",
            ],
            "--vm-file /nonexistent/vm.yaml: No such file",
        ),
        (
            &[
                "--vm-file",
                garbage,
                "--numa-nodes",
                "2",
                "--cpus-per-node",
                "32",
            ],
            "Not valid YAML or JSON at line 3, column 1",
        ),
        (
            &["--host-file", garbage, "--vcpus", "4"],
            "--host-file: Not valid YAML or JSON",
        ),
        (
            &[
                "--vcpus",
                "4",
                "--host-file",
                &fixture("vm/vm-numa-topology.yaml"),
            ],
            "A VirtualMachine does not describe a host",
        ),
    ];
    for (args, expected) in cases {
        let mut all = vec!["classify"];
        all.extend_from_slice(args);
        let out = run(&all);
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
    }
}

#[test]
fn a_topology_flag_replaces_only_its_own_value_from_the_file() {
    let file = fixture("vm/vm-numa-topology.yaml");
    let host = ["--numa-nodes", "2", "--cpus-per-node", "64"];
    let mut args = vec!["classify", "--json", "--vm-file", &file, "--cores", "16"];
    args.extend(host);
    let v = json(&args);
    assert_eq!(v["vm"]["vcpus"], 32, "2 sockets x 16 cores x 1 thread");
    assert_eq!(
        v["vm"]["topology"],
        serde_json::json!({ "sockets": 2, "cores": 16, "threads": 1 })
    );
    // Without a file, a part no flag names is 1, as in KubeVirt.
    let mut args = vec!["classify", "--json", "--cores", "16"];
    args.extend(host);
    assert_eq!(json(&args)["vm"]["vcpus"], 16);
}

#[test]
fn a_flag_turns_the_files_emulator_thread_off() {
    let file = fixture("vm/vm-numa-topology.yaml");
    let base = [
        "classify",
        "--json",
        "--vm-file",
        &file,
        "--numa-nodes",
        "2",
        "--cpus-per-node",
        "32",
    ];
    let from_file = json(&base);
    assert_eq!(from_file["vm"]["isolate_emulator_thread"], true);
    assert_eq!(from_file["vm"]["pod_cpus"], 25);
    let mut off = base.to_vec();
    off.push("--no-isolate-emulator-thread");
    let v = json(&off);
    assert_eq!(v["vm"]["isolate_emulator_thread"], false);
    assert_eq!(v["vm"]["pod_cpus"], 24);
    // The last of the two flags wins.
    let mut both = off.clone();
    both.push("--isolate-emulator-thread");
    assert_eq!(json(&both)["vm"]["pod_cpus"], 25);
}

#[test]
fn flags_fill_what_the_files_lack() {
    let kubelet = fixture("host/kubeletconfig-reserved.yaml");
    let v = json(&[
        "classify",
        "--json",
        "--host-file",
        &kubelet,
        "--numa-nodes",
        "2",
        "--cpus-per-node",
        "40",
        "--vcpus",
        "24",
    ]);
    assert_eq!(
        (
            v["host"]["numa_nodes"].as_u64(),
            v["host"]["cpus_per_node"].as_u64()
        ),
        (Some(2), Some(40))
    );
    assert_eq!(
        v["policy"], "single-numa-node",
        "the policy still comes from the file"
    );
    let read: Vec<&str> = v["read_from_files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap())
        .collect();
    assert!(
        read.iter()
            .any(|l| l.contains("from --numa-nodes and --cpus-per-node")),
        "{read:?}"
    );

    // Without the flags the same file is one line naming what is missing.
    let out = run(&["classify", "--host-file", &kubelet, "--vcpus", "24"]);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("--numa-nodes and --cpus-per-node"),
        "{stderr}"
    );

    // A VMI without any CPU field has KubeVirt's one vCPU; a flag may set it.
    let vmi = std::env::temp_dir().join("vnuma-planner-bare-vmi.yaml");
    std::fs::write(
        &vmi,
        "apiVersion: kubevirt.io/v1\nkind: VirtualMachineInstance\nmetadata:\n  name: bare\nspec:\n  domain:\n    devices: {}\n",
    )
    .unwrap();
    let vmi = vmi.to_str().unwrap();
    let host = ["--numa-nodes", "2", "--cpus-per-node", "32"];
    let mut args = vec!["classify", "--json", "--vm-file", vmi];
    args.extend(host);
    assert_eq!(json(&args)["vm"]["vcpus"], 1);
    args.extend(["--vcpus", "4"]);
    assert_eq!(json(&args)["vm"]["vcpus"], 4);
}

#[test]
fn a_reader_that_went_away_is_not_a_panic() {
    let long = [
        "classify",
        "--numa-nodes",
        "2",
        "--cpus-per-node",
        "32",
        "--vcpus",
        "40",
    ];
    for args in [&["table"][..], &long] {
        // Like `vnuma-planner table | head -0`: the pipe's reader is gone.
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let out = Command::new(env!("CARGO_BIN_EXE_vnuma-planner"))
            .args(args)
            .stdout(writer)
            .output()
            .unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert_eq!(out.status.code(), Some(0), "{stderr}");
        assert_eq!(stderr, "");
    }
}

#[test]
fn admission_flags_change_the_verdict_not_the_document() {
    let with = json_2x32;
    let both = with(&["--vcpus", "32", "--reserved-cpus", "2,2"]);
    assert_eq!(both["outcomes"]["single-numa-node"]["status"], "works");
    assert_eq!(
        both["outcomes"]["single-numa-node"]["verdict"],
        "fails-to-start"
    );
    assert_eq!(
        both["host"]["allocatable_cpus"],
        serde_json::json!([30, 30])
    );
    let node0 = with(&["--vcpus", "32", "--reserved-cpus", "2"]);
    assert_eq!(node0["outcomes"]["single-numa-node"]["verdict"], "works");

    let smt = with(&[
        "--vcpus",
        "24",
        "--isolate-emulator-thread",
        "--threads-per-core",
        "2",
        "--full-pcpus-only",
    ]);
    for p in ["none", "single-numa-node", "best-effort", "restricted"] {
        assert_eq!(smt["outcomes"][p]["verdict"], "fails-to-start", "{p}");
    }
    let parity = with(&[
        "--vcpus",
        "24",
        "--isolate-emulator-thread",
        "--emulator-thread-parity",
    ]);
    assert_eq!(parity["vm"]["pod_cpus"], 26);
}

#[test]
fn bad_admission_flags_are_one_line_naming_the_flag() {
    let cases: &[(&[&str], &str)] = &[
        (
            &["--reserved-cpus", "0"],
            "--reserved-cpus: Reserved CPUs must total at least 1",
        ),
        (
            &["--reserved-cpus", "0,0"],
            "--reserved-cpus: Reserved CPUs must total at least 1",
        ),
        (
            &["--reserved-cpus", "1,1,1"],
            "--reserved-cpus: Reserved CPUs lists 3 nodes; the host has 2",
        ),
        (
            &["--reserved-cpus", "33"],
            "--reserved-cpus: Reserved CPUs: node 0 cannot reserve 33 of its 32 CPUs",
        ),
        (
            &["--reserved-cpus", "1,x"],
            "--reserved-cpus: Reserved CPUs must be whole numbers separated by commas",
        ),
        (
            &["--reserved-cpus", "-1"],
            "--reserved-cpus: Reserved CPUs must be whole numbers",
        ),
        (&["--reserved-cpus", "1,,1"], "entry 2 (\"\") is empty"),
        (&["--full-pcpus-only=yes"], "--full-pcpus-only"),
        (&["--emulator-thread-parity=1"], "--emulator-thread-parity"),
    ];
    assert_bad_inputs(
        &[
            "classify",
            "--numa-nodes",
            "2",
            "--cpus-per-node",
            "32",
            "--vcpus",
            "4",
        ],
        cases,
    );
}

#[test]
fn an_imported_host_is_limited_by_its_allocatable_cpus() {
    // lscpu 2 x 32 and a KubeletConfig reserving 0-1,32-33 (4 CPUs on node 0):
    // 60 allocatable, and 62 vCPUs + the emulator thread ask for 63.
    let v = json(&[
        "classify",
        "--json",
        "--host-file",
        &fixture("host/lscpu-2socket-smt.txt"),
        "--host-file",
        &fixture("host/kubeletconfig-reserved.yaml"),
        "--vcpus",
        "62",
        "--max-sockets",
        "62",
        "--isolate-emulator-thread",
    ]);
    assert_eq!(v["host"]["cpus_per_node"], 32);
    assert_eq!(v["host"]["reserved_cpus"], serde_json::json!([4, 0]));
    assert_eq!(v["host"]["allocatable_cpus"], serde_json::json!([28, 32]));
    assert_eq!(v["vm"]["pod_cpus"], 63);
    for p in ["none", "single-numa-node", "best-effort", "restricted"] {
        assert_eq!(v["outcomes"][p]["verdict"], "unschedulable", "{p}");
    }
    assert_eq!(
        v["outcomes"]["none"]["status"], "works",
        "the document's cell is unchanged"
    );
}

#[test]
fn memory_flags_and_their_json() {
    let with = json_2x32;
    let plain = with(&["--vcpus", "24"]);
    assert_eq!(plain["vm"]["memory_bytes"], serde_json::Value::Null);
    assert_eq!(plain["vm"]["hugepage_size_bytes"], serde_json::Value::Null);
    assert_eq!(plain["host"]["free_hugepages"], serde_json::Value::Null);

    let v = with(&[
        "--vcpus",
        "40",
        "--memory",
        "9Gi",
        "--hugepage-size",
        "1Gi",
        "--free-hugepages",
        "4,10",
    ]);
    assert_eq!(v["vm"]["memory_bytes"], 9u64 << 30);
    assert_eq!(v["vm"]["hugepage_size_bytes"], 1u64 << 30);
    assert_eq!(v["host"]["free_hugepages"], serde_json::json!([4, 10]));
    assert_eq!(v["outcomes"]["none"]["verdict"], "fails-to-start");
    assert_eq!(
        v["outcomes"]["none"]["placement"],
        serde_json::json!({
            "nodes": [{ "node": 0, "cpus": 31, "pages": 5 }, { "node": 1, "cpus": 9, "pages": 4 }],
            "certain": true,
            "candidates": []
        })
    );
    // The text report carries the per-node arithmetic.
    let out = run(&[
        "classify",
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
    ]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("cell 0 on node 0 needs 5 x 1Gi, node 0 has 4 free"),
        "{text}"
    );
}

#[test]
fn kubevirt_6981_from_the_files_support_receives() {
    let vm = std::env::temp_dir().join("vnuma-planner-2gi-vmi.yaml");
    std::fs::write(
        &vm,
        "apiVersion: kubevirt.io/v1\nkind: VirtualMachineInstance\nmetadata:\n  name: small\nspec:\n  domain:\n    cpu:\n      cores: 12\n      dedicatedCpuPlacement: true\n      numa:\n        guestMappingPassthrough: {}\n    memory:\n      guest: 2Gi\n      hugepages:\n        pageSize: 2Mi\n",
    )
    .unwrap();
    let v = json_2x32(&[
        "--vm-file",
        vm.to_str().unwrap(),
        "--host-file",
        &fixture("host/sysfs-kubevirt-6981.txt"),
    ]);
    assert_eq!(v["host"]["free_hugepages"], serde_json::json!([1290, 758]));
    assert_eq!(v["outcomes"]["best-effort"]["verdict"], "at-risk");
    let steered = json_2x32(&[
        "--vm-file",
        vm.to_str().unwrap(),
        "--host-file",
        &fixture("host/sysfs-kubevirt-6981.txt"),
        "--memory-manager",
        "static",
        "--policy",
        "single-numa-node",
    ]);
    assert_eq!(steered["outcomes"]["single-numa-node"]["verdict"], "works");
}

#[test]
fn bad_memory_flags_are_one_line_naming_the_flag() {
    let cases: &[(&[&str], &str)] = &[
        (&["--memory", "lots"], "--memory: Guest memory must be a Kubernetes quantity"),
        (&["--memory", "0Gi"], "--memory: Guest memory must be a Kubernetes quantity such as 16Gi or 2048Mi; \"0Gi\" is zero"),
        (&["--hugepage-size", "4Mi"], "invalid value '4Mi' for '--hugepage-size <SIZE>'"),
        (&["--memory-manager", "Dynamic"], "invalid value 'Dynamic' for '--memory-manager <POLICY>'"),
        (&["--free-hugepages", "4,4"], "--free-hugepages: Free huge pages count pages of the VM's huge page size"),
        (&["--memory", "4Gi", "--hugepage-size", "1Gi", "--free-hugepages", "4,x"], "--free-hugepages: Free huge pages must be whole numbers"),
        (&["--memory", "4Gi", "--hugepage-size", "1Gi", "--free-hugepages", "1,2,3"], "--free-hugepages: Free huge pages lists 3 nodes"),
    ];
    assert_bad_inputs(
        &[
            "classify",
            "--numa-nodes",
            "2",
            "--cpus-per-node",
            "32",
            "--vcpus",
            "4",
        ],
        cases,
    );
}

// The exports and their goldens.

/// The command that rewrites the goldens.
const REFRESH: &str = "UPDATE_GOLDEN=1 cargo test --test cli";

fn golden_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name)
}

/// The scenario of the classify golden: an extra-large VM whose first
/// guest cell finds too few 1Gi pages on node 0, under best-effort.
const SCENARIO: &str = "classify --numa-nodes 2 --cpus-per-node 32 --vcpus 40 --memory 9Gi --hugepage-size 1Gi --free-hugepages 4,10 --reserved-cpus 1 --policy best-effort";

/// The golden scenario with more flags.
fn scenario(extra: &[&'static str]) -> Vec<&'static str> {
    SCENARIO.split(' ').chain(extra.iter().copied()).collect()
}

/// The lines that differ, unified-diff style: the common start and end are
/// cut, with up to two lines of context around what is left.
fn diff_hint(expected: &str, actual: &str) -> String {
    let (old, new): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
    let start = old.iter().zip(&new).take_while(|(a, b)| a == b).count();
    let end = old[start..]
        .iter()
        .rev()
        .zip(new[start..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let context = 2;
    let from = start.saturating_sub(context);
    let mut hint = format!("@@ line {} @@\n", start + 1);
    for line in &old[from..start] {
        hint.push_str(&format!(" {line}\n"));
    }
    for line in &old[start..old.len() - end] {
        hint.push_str(&format!("-{line}\n"));
    }
    for line in &new[start..new.len() - end] {
        hint.push_str(&format!("+{line}\n"));
    }
    for line in new[new.len() - end..].iter().take(context) {
        hint.push_str(&format!(" {line}\n"));
    }
    if old.len() == new.len() && start == old.len() {
        hint.push_str("(the lines agree: the difference is in line endings or a final newline)\n");
    }
    hint
}

/// The goldens and the commands whose output they hold.
fn goldens() -> Vec<(&'static str, Vec<&'static str>)> {
    let table = |format| vec!["table", "--format", format];
    vec![
        ("table.txt", table("text")),
        ("table.json", table("json")),
        ("table.md", table("markdown")),
        ("table.adoc", table("asciidoc")),
        ("table.html", table("html")),
        ("classify-hugepages.md", scenario(&["--format", "markdown"])),
    ]
}

/// The command's output for `args` against the golden file `name`, byte for
/// byte; with `UPDATE_GOLDEN=1` the file is rewritten instead.
fn golden(name: &str, args: &[&str]) -> Result<(), String> {
    let actual = stdout(args);
    let path = golden_path(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &actual).unwrap();
        return Ok(());
    }
    match std::fs::read_to_string(&path) {
        Ok(expected) if expected == actual => Ok(()),
        Ok(expected) => Err(format!(
            "`vnuma-planner {}` differs from tests/golden/{name}:\n{}",
            args.join(" "),
            diff_hint(&expected, &actual)
        )),
        Err(e) => Err(format!("tests/golden/{name}: {e}\n")),
    }
}

#[test]
fn every_export_matches_its_golden() {
    let failures: Vec<String> = goldens()
        .iter()
        .filter_map(|(name, args)| golden(name, args).err())
        .collect();
    assert!(
        failures.is_empty(),
        "{}\nIf the new output is right, refresh the goldens with\n    {REFRESH}\nand review `git diff tests/golden`.",
        failures.join("\n")
    );
}

#[test]
fn classify_markdown_is_the_copyable_answer() {
    let md = stdout(&scenario(&["--format", "markdown"]));
    assert!(md.starts_with(
        "**Under the best-effort Topology Manager policy: Fails to start** (Red Hat's table, row 11: Migrates)\n"
    ));
    assert!(md.contains("**VM:** 40 vCPUs; the pod requests 40 dedicated CPUs  \n"));
    assert!(!md.contains("Read from files") && !md.contains("Planner: "));
}

#[test]
fn the_defaults_and_json_are_the_formats_they_stand_for() {
    assert_eq!(stdout(&["table"]), stdout(&["table", "--format", "text"]));
    let json = stdout(&["table", "--format", "json"]);
    assert_eq!(stdout(&["table", "--json"]), json);
    assert_eq!(stdout(&["table", "--json", "--format", "json"]), json);

    let with = |extra: &[&'static str]| stdout(&scenario(extra));
    assert_eq!(with(&[]), with(&["--format", "text"]));
    let json = with(&["--format", "json"]);
    assert_eq!(with(&["--json"]), json);
    assert_eq!(with(&["--json", "--format", "json"]), json);
}

#[test]
fn bad_formats_are_one_line_and_status_two() {
    let classify_html = scenario(&["--format", "html"]);
    let classify_both = scenario(&["--json", "--format", "markdown"]);
    let cases: &[(&[&str], &str)] = &[
        (
            &["table", "--format", "rst"],
            "invalid value 'rst' for '--format <FORMAT>' [possible values: text, json, markdown, asciidoc, html]",
        ),
        (&["table", "--format", "JSON"], "invalid value 'JSON'"),
        (&["table", "--format"], "a value is required for '--format <FORMAT>'"),
        (
            &["table", "--json", "--format", "html"],
            "the argument '--json' (--format json) cannot be used with '--format html'",
        ),
        (&classify_html, "[possible values: text, json, markdown]"),
        (
            &classify_both,
            "the argument '--json' (--format json) cannot be used with '--format markdown'",
        ),
    ];
    for (args, expected) in cases {
        assert_bad_input(args, expected);
    }
}

/// What the goldens promise a documentation page, checked on the output
/// (which the goldens hold) so that a refresh cannot slip past it.
#[test]
fn goldens_are_clean_text_for_a_page() {
    for (name, args) in goldens() {
        let text = stdout(&args);
        assert!(text.ends_with('\n') && !text.ends_with("\n\n"), "{name}");
        assert!(!text.contains('\r') && !text.contains('\t'), "{name}");
        for (i, line) in text.lines().enumerate() {
            // The answer breaks lines the Markdown way: two spaces at the end.
            let line = match name {
                "classify-hugepages.md" => line.strip_suffix("  ").unwrap_or(line),
                _ => line,
            };
            assert_eq!(line, line.trim_end(), "{name}:{}: trailing space", i + 1);
        }
    }
}

#[test]
fn the_markdown_table_is_a_pipe_table_with_the_source_under_it() {
    let md = stdout(&["table", "--format", "markdown"]);
    let lines: Vec<&str> = md.lines().collect();
    assert_eq!(
        lines[0],
        "| VM size | `none` | `single-numa-node` | `best-effort` | `restricted` |"
    );
    assert_eq!(lines[1], "| --- | --- | --- | --- | --- |");
    for row in &lines[..5] {
        assert_eq!(row.matches(" | ").count(), 4, "{row}");
        assert!(row.starts_with("| ") && row.ends_with(" |"), "{row}");
    }
    assert!(lines[3].contains("| Large | Migration fails (row 2, any size) |"));
    assert!(lines[4].contains("| Fails to start (row 1, any size) |"));
    assert!(lines[5].is_empty());
    assert!(md.contains("Source: [Live migration outcomes using vNUMA](https://docs.redhat.com/"));
    assert!(md.ends_with(", OpenShift Virtualization 4.20-4.22.\n"));
}

#[test]
fn the_asciidoc_table_has_a_header_and_a_link_macro() {
    let adoc = stdout(&["table", "--format", "asciidoc"]);
    assert!(adoc.contains("[cols=\"1h,1,1,1,1\",options=\"header\"]\n|===\n| VM size | `none` |"));
    assert_eq!(adoc.matches("|===\n").count(), 2);
    assert!(
        adoc.contains("\n| Extra large | Migrates (row 10) | Fails to start (row 1, any size) |")
    );
    assert!(adoc.contains(
        "\nSource: https://docs.redhat.com/en/documentation/openshift_container_platform/4.21/html/virtualization/virt-numa-live-migration_virt-numa-topology[Live migration outcomes using vNUMA], OpenShift Virtualization 4.20-4.22.\n"
    ));
}

#[test]
fn the_html_table_is_self_contained_and_escaped() {
    let html = stdout(&["table", "--format", "html"]);
    assert!(html.starts_with("<table>\n  <caption>"));
    assert_eq!(html.matches("<th scope=\"col\">").count(), 5);
    assert_eq!(html.matches("<th scope=\"row\">").count(), 3);
    assert_eq!(html.matches("<td>").count(), 12);
    for tag in [
        "table", "caption", "thead", "tbody", "tr", "th", "td", "p", "a", "code",
    ] {
        let opened =
            html.matches(&format!("<{tag}>")).count() + html.matches(&format!("<{tag} ")).count();
        assert_eq!(
            opened,
            html.matches(&format!("</{tag}>")).count(),
            "<{tag}>"
        );
    }
    assert!(!html.contains("<script") && !html.contains("<style") && !html.contains(" style="));
    // The note's apostrophe is escaped like every other text.
    assert!(html.contains("the document&#39;s order"));
    assert!(html.contains("<a href=\"https://docs.redhat.com/"));
}

#[test]
fn json_and_text_give_the_vcpu_counts_that_work() {
    let v = json_2x32(&["--vcpus", "24"]);
    assert_eq!(
        v["outcomes"]["none"]["works_for_vcpus"],
        serde_json::json!([[1, 15], [33, 63]])
    );
    assert_eq!(
        v["outcomes"]["single-numa-node"]["works_for_vcpus"],
        serde_json::json!([[1, 32]])
    );
    let out = run(&[
        "classify",
        "--numa-nodes",
        "2",
        "--cpus-per-node",
        "32",
        "--vcpus",
        "24",
    ]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("  none              1-15, 33-63\n"), "{text}");
}

/// `classify` on two sockets of 32 cores, as bought, with more flags.
fn two_sockets_of_32_cores<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "classify",
        "--host-sockets",
        "2",
        "--cores-per-socket",
        "32",
    ];
    args.extend_from_slice(extra);
    args
}

#[test]
fn the_host_as_bought_gives_its_numa_nodes_and_the_working() {
    let smt = ["--json", "--threads-per-core", "2", "--vcpus", "24"];
    let nps4 = json(&two_sockets_of_32_cores(
        &[&smt[..], &["--nodes-per-socket", "4"]].concat(),
    ));
    assert_eq!(nps4["host"]["numa_nodes"], 8);
    assert_eq!(nps4["host"]["cpus_per_node"], 16);
    assert_eq!(nps4["host"]["as_bought"]["nodes_per_socket"], 4);
    assert_eq!(
        nps4["host"]["as_bought"]["working"],
        "2 sockets x 32 cores x 2 threads / 4 nodes per socket = 8 NUMA nodes x 16 CPUs"
    );
    // NPS1, the same silicon: two nodes of 64 CPUs, and 24 vCPUs fit one.
    let nps1 = json(&two_sockets_of_32_cores(&smt));
    assert_eq!(nps1["host"]["numa_nodes"], 2);
    assert_eq!(nps1["host"]["cpus_per_node"], 64);
    assert_eq!(nps1["outcomes"]["single-numa-node"]["verdict"], "works");
    assert_eq!(
        nps4["outcomes"]["single-numa-node"]["verdict"],
        "fails-to-start"
    );
    let text = stdout(&two_sockets_of_32_cores(&[
        "--nodes-per-socket",
        "4",
        "--vcpus",
        "4",
    ]));
    assert!(
        text.contains("as bought: 2 sockets x 32 cores x 1 thread / 4 nodes per socket = 8 NUMA nodes x 8 CPUs"),
        "{text}"
    );
    // Parts no flag names are 1: one socket, one node per socket.
    let one = json(&[
        "classify",
        "--json",
        "--cores-per-socket",
        "16",
        "--vcpus",
        "4",
    ]);
    assert_eq!(one["host"]["numa_nodes"], 1);
    assert_eq!(one["host"]["cpus_per_node"], 16);
    // Without a host given this way, the JSON says so.
    assert_eq!(
        json_2x32(&["--vcpus", "4"])["host"]["as_bought"],
        Value::Null
    );
}

#[test]
fn host_shapes_that_do_not_divide_are_one_line_naming_the_flag() {
    assert_bad_input(
        &["classify", "--cores-per-socket", "30", "--nodes-per-socket", "4", "--vcpus", "4"],
        "--nodes-per-socket: NUMA nodes per socket must divide the 30 cores of a socket evenly; 4 does not",
    );
    assert_bad_input(
        &[
            "classify",
            "--host-sockets",
            "0",
            "--cores-per-socket",
            "8",
            "--vcpus",
            "4",
        ],
        "--host-sockets: Host sockets",
    );
    assert_bad_input(
        &[
            "classify",
            "--numa-nodes",
            "2",
            "--cores-per-socket",
            "8",
            "--vcpus",
            "4",
        ],
        "cannot be used with",
    );
}

#[test]
fn a_second_host_is_compared_with_the_same_vm() {
    // 2 sockets x 32 SMT cores, NPS1 against NPS4: 24 vCPUs fit one node of
    // 64 CPUs, not one of 16.
    let host = [
        "--host-sockets",
        "2",
        "--cores-per-socket",
        "32",
        "--threads-per-core",
        "2",
    ];
    let mut args = vec![
        "classify",
        "--json",
        "--vcpus",
        "24",
        "--policy",
        "single-numa-node",
    ];
    args.extend(host);
    args.extend(["--b-nodes-per-socket", "4"]);
    let v = json(&args);
    assert_eq!(v["host"]["numa_nodes"], 2);
    assert_eq!(v["compare"]["host"]["numa_nodes"], 8);
    assert_eq!(v["compare"]["host"]["cpus_per_node"], 16);
    assert_eq!(v["compare"]["vm"]["vcpus"], 24);
    assert_eq!(v["outcomes"]["single-numa-node"]["verdict"], "works");
    assert_eq!(
        v["compare"]["outcomes"]["single-numa-node"]["verdict"],
        "fails-to-start"
    );
    assert_eq!(
        v["compare"]["outcomes"]["single-numa-node"]["works_for_vcpus"],
        serde_json::json!([[1, 16]])
    );
    // Without a second host the key is there and null.
    assert_eq!(json_2x32(&["--vcpus", "24"])["compare"], Value::Null);

    args[1] = "--format=markdown";
    let answer = stdout(&args);
    assert!(
        answer.contains("**Compared with a second host:** 8 NUMA nodes x 16 logical CPUs"),
        "{answer}"
    );
    assert!(answer.contains("- Under single-numa-node: Fails to start (first host: Migrates); vCPU counts that work there: 1-16."), "{answer}");
    args[1] = "--format=text";
    let text = stdout(&args);
    assert!(
        text.contains("Compared with a second host (the same VM):"),
        "{text}"
    );
    assert!(text.contains("as bought: 2 sockets x 32 cores x 2 threads / 4 nodes per socket = 8 NUMA nodes x 16 CPUs"), "{text}");

    // The link carries the second host as b_ keys.
    args[0] = "link";
    args[1] = "--base-url=https://example.org/";
    let link = stdout(&args);
    assert!(
        link.contains(
            "&b_host_sockets=2&b_cores_per_socket=32&b_nodes_per_socket=4&b_threads_per_core=2"
        ),
        "{link}"
    );
}

#[test]
fn a_second_host_comes_from_files_or_flags_and_bad_values_name_their_flag() {
    let v = json(&[
        "classify",
        "--json",
        "--numa-nodes",
        "2",
        "--cpus-per-node",
        "32",
        "--vcpus",
        "24",
        "--compare-host-file",
        &fixture("host/numactl-nps4.txt"),
    ]);
    assert_eq!(v["compare"]["host"]["numa_nodes"], 4);
    assert_eq!(v["host"]["numa_nodes"], 2);
    assert_bad_input(
        &[
            "classify",
            "--numa-nodes",
            "2",
            "--cpus-per-node",
            "32",
            "--vcpus",
            "4",
            "--b-numa-nodes",
            "0",
        ],
        "--b-numa-nodes: ",
    );
    assert_bad_input(
        &[
            "classify",
            "--numa-nodes",
            "2",
            "--cpus-per-node",
            "32",
            "--vcpus",
            "4",
            "--b-numa-nodes",
            "2",
            "--b-cores-per-socket",
            "8",
        ],
        "cannot be used with",
    );
}
