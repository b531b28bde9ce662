//! `vnuma-planner cluster` as scripts use it: the three-worker example in
//! every format, a must-gather directory, what is not matched, bad flags
//! and hostile files.

#[path = "support/command.rs"]
mod command;

use command::{assert_bad_input, run, run_with};
use serde_json::Value;

fn stdout(args: &[&str]) -> String {
    let out = run(args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Not a terminal: no progress line, nothing on stderr.
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn fixture(path: &str) -> String {
    format!(
        "{}/tests/fixtures/cluster/{path}",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn three_workers(more: &[&str]) -> Vec<String> {
    let mut args: Vec<String> = vec![
        "cluster".into(),
        "--file".into(),
        fixture("three-workers/noderesourcetopologies.yaml"),
        "--file".into(),
        fixture("three-workers/vmis.yaml"),
    ];
    args.extend(more.iter().map(|s| s.to_string()));
    args
}

fn json(args: &[String]) -> Value {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    serde_json::from_str(&stdout(&args)).unwrap()
}

#[test]
fn json_gives_nodes_vms_with_targets_drains_and_capacity() {
    let v = json(&three_workers(&[
        "--format",
        "json",
        "--capacity-vcpus",
        "16",
    ]));
    let node = &v["nodes"][0];
    assert_eq!(node["name"], "worker-1");
    assert_eq!(node["policy"], "single-numa-node");
    assert_eq!(node["numa_nodes"], 2);
    assert_eq!(node["free_cpus"], serde_json::json!([6, 20]));
    assert_eq!(node["free_hugepages"], Value::Null);
    let vm = &v["vms"][0];
    assert_eq!(
        (&vm["name"], &vm["namespace"], &vm["node"], &vm["pod_cpus"]),
        (
            &"vm-a".into(),
            &"apps".into(),
            &"worker-1".into(),
            &24.into()
        )
    );
    assert_eq!(
        vm["targets"],
        serde_json::json!([
            {"node": "worker-2", "verdict": "blocked", "checks": ["target-admission"]},
            {"node": "worker-3", "verdict": "migrates", "checks": []},
        ])
    );
    let drains: Vec<(&str, bool, Vec<&str>)> = v["drain"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let unplaced = d["unplaced"]
                .as_array()
                .unwrap()
                .iter()
                .map(|u| u.as_str().unwrap())
                .collect();
            (
                d["node"].as_str().unwrap(),
                d["ok"].as_bool().unwrap(),
                unplaced,
            )
        })
        .collect();
    assert_eq!(
        drains,
        [
            ("worker-1", true, vec![]),
            ("worker-2", true, vec![]),
            ("worker-3", false, vec!["db/vm-e"]),
        ]
    );
    assert_eq!(v["capacity"]["vcpus"], 16);
    assert_eq!(v["capacity"]["total"], 3);
    assert_eq!(
        v["capacity"]["per_node"][2],
        serde_json::json!({"node": "worker-3", "count": 1})
    );
    assert_eq!(v["unmatched"], serde_json::json!([]));
}

#[test]
fn each_format_says_the_same() {
    let table: [(&str, &[&str]); 3] = [
        ("text", &["apps/vm-a on worker-1 (24 CPUs): migrates: worker-3; blocked: worker-2 (target-admission)", "worker-3  no   no place found for db/vm-e", "total     3"]),
        ("markdown", &["| apps/vm-a | worker-1 | 24 | migrates: worker-3; blocked: worker-2 (target-admission) |", "| worker-3 | no | no place found for db/vm-e |", "| total | 3 |"]),
        ("csv", &["namespace,vm,node,pod_cpus,target,verdict,checks", "apps,vm-a,worker-1,24,worker-2,blocked,target-admission", "db,vm-e,worker-3,28,worker-1,blocked,target-admission"]),
    ];
    for (format, lines) in table {
        let args = three_workers(&["--format", format, "--capacity-vcpus", "16"]);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = stdout(&args);
        for line in lines {
            assert!(out.contains(line), "{format}: {line}\n{out}");
        }
    }
    let args = three_workers(&["--format", "csv"]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    // Five VMs, two other nodes each.
    assert_eq!(stdout(&args).lines().count(), 1 + 5 * 2);
}

#[test]
fn a_must_gather_directory_is_read_by_kind_and_lists_what_it_cannot_match() {
    let dir = fixture("must-gather");
    let v = json(&[
        "cluster".into(),
        "--dir".into(),
        dir,
        "--format".into(),
        "json".into(),
    ]);
    assert_eq!(v["nodes"].as_array().unwrap().len(), 3);
    assert_eq!(v["vms"].as_array().unwrap().len(), 5);
    // The KubeletConfig's pool, matched to the nodes' role label.
    assert_eq!(v["nodes"][0]["pool"], "worker-cnf");
    let unmatched: Vec<&str> = v["unmatched"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u.as_str().unwrap())
        .collect();
    let expected = [
        ("ConfigMap settings", "not a kind the cluster reads"),
        (
            "VirtualMachineInstance vm-lost",
            "runs on node worker-9, which has no NodeResourceTopology",
        ),
        (
            "VirtualMachine vm-stopped",
            "no running VirtualMachineInstance",
        ),
    ];
    assert_eq!(unmatched.len(), expected.len(), "{unmatched:?}");
    for ((what, why), line) in expected.iter().zip(&unmatched) {
        assert!(line.starts_with(what) && line.contains(why), "{line}");
        assert!(line.contains("namespaces/apps/"), "names its file: {line}");
    }
}

#[test]
fn stdin_and_instance_types_per_pool() {
    let nrt =
        std::fs::read_to_string(fixture("three-workers/noderesourcetopologies.yaml")).unwrap();
    let bundle = format!(
        "{}/tests/fixtures/vm/instancetypes-cx1-bundle.yaml",
        env!("CARGO_MANIFEST_DIR")
    );
    let out = run_with(
        &[
            "cluster",
            "--file",
            "-",
            "--instancetypes-file",
            &bundle,
            "--format",
            "json",
        ],
        &nrt,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let fits: Vec<(String, u64, u64)> = v["instancetypes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            let pool = &t["pools"][0];
            (
                t["name"].as_str().unwrap().to_string(),
                pool["fits_empty"].as_u64().unwrap(),
                pool["count"].as_u64().unwrap(),
            )
        })
        .collect();
    // cx1 isolates the emulator thread: 32 vCPUs need 33 CPUs of one zone.
    assert!(fits.contains(&("cx1.8xlarge".into(), 0, 0)), "{fits:?}");
    assert!(
        fits.iter()
            .any(|(n, f, c)| n == "cx1.large" && *f == 3 && *c > 0),
        "{fits:?}"
    );
    assert_eq!(v["vms"], serde_json::json!([]));
}

#[test]
fn bad_flags_exit_2_with_one_line_naming_the_flag() {
    let nrt = fixture("three-workers/noderesourcetopologies.yaml");
    let vmis = fixture("three-workers/vmis.yaml");
    let table: [(&[&str], &str); 7] = [
        (&["cluster"], "give --file or --dir"),
        (
            &["cluster", "--file", &nrt, "--capacity-vcpus", "0"],
            "--capacity-vcpus",
        ),
        (
            &["cluster", "--file", &nrt, "--capacity-vcpus", "many"],
            "--capacity-vcpus",
        ),
        (
            &[
                "cluster",
                "--file",
                &nrt,
                "--capacity-vcpus",
                "2",
                "--capacity-vm-file",
                &nrt,
            ],
            "--capacity-vm-file",
        ),
        (
            &["cluster", "--file", "/no/such/file"],
            "--file /no/such/file",
        ),
        (&["cluster", "--dir", &nrt], "--dir"),
        (&["cluster", "--file", &vmis], "no NodeResourceTopology"),
    ];
    for (args, expected) in table {
        assert_bad_input(args, expected);
    }
    assert_bad_input(&["cluster", "--file", &nrt, "--format", "xml"], "--format");
    assert_bad_input(
        &["cluster", "--file", &nrt, "--instancetypes-file", &nrt],
        "--instancetypes-file",
    );
    assert_bad_input(
        &["cluster", "--file", &nrt, "--capacity-vm-file", &nrt],
        "--capacity-vm-file",
    );
}

#[test]
fn hostile_files_are_named_and_skipped_never_a_panic() {
    let dir = std::env::temp_dir().join(format!("vnuma-planner-cluster-{}", std::process::id()));
    let nested = dir.join("namespaces/x");
    std::fs::create_dir_all(&nested).unwrap();
    std::fs::copy(
        fixture("three-workers/noderesourcetopologies.yaml"),
        dir.join("nrt.yaml"),
    )
    .unwrap();
    let laughs = std::fs::read_to_string(format!(
        "{}/tests/fixtures/vm/billion-laughs.yaml",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let files: [(&str, String); 6] = [
        ("laughs.yaml", laughs),
        ("broken.yaml", "kind: [unclosed\n".into()),
        ("deep.json", "[".repeat(5000)),
        ("big.yaml", format!("kind: ConfigMap\ndata: {}\n", "x".repeat(3 * 1024 * 1024))),
        ("vmi.yaml", "kind: VirtualMachineInstance\nmetadata:\n  name: \"\\e[31mred\"\nstatus:\n  nodeName: worker-1\nspec:\n  domain:\n    cpu:\n      cores: -4\n".into()),
        ("nrt-bad.yaml", "kind: NodeResourceTopology\nmetadata:\n  name: worker-x\nzones: 7\n".into()),
    ];
    for (name, text) in &files {
        std::fs::write(nested.join(name), text).unwrap();
    }
    std::fs::write(nested.join("notes.txt"), "not read").unwrap();
    let args = [
        "cluster",
        "--dir",
        dir.to_str().unwrap(),
        "--format",
        "json",
    ];
    let v: Value = serde_json::from_str(&stdout(&args)).unwrap();
    let unmatched: Vec<String> = v["unmatched"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u.as_str().unwrap().to_string())
        .collect();
    for (name, _) in &files {
        assert!(
            unmatched.iter().any(|u| u.contains(name)),
            "{name} is named: {unmatched:?}"
        );
    }
    assert!(
        unmatched.iter().all(|u| !u.contains('\u{1b}')),
        "{unmatched:?}"
    );
    assert!(!unmatched.iter().any(|u| u.contains("notes.txt")));
    assert_eq!(v["nodes"].as_array().unwrap().len(), 3);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn capacity_for_a_vm_file_counts_its_shape() {
    let vmi = format!(
        "{}/tests/fixtures/vm/vmi-running.yaml",
        env!("CARGO_MANIFEST_DIR")
    );
    let v = json(&three_workers(&[
        "--format",
        "json",
        "--capacity-vm-file",
        &vmi,
    ]));
    // 17 vCPUs: a zone of 20 on worker-1, none of 17 on worker-2 (10, 16),
    // 30 on worker-3.
    assert_eq!(v["capacity"]["vcpus"], 17);
    let counts: Vec<u64> = v["capacity"]["per_node"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["count"].as_u64().unwrap())
        .collect();
    assert_eq!(counts, [1, 0, 1]);
    assert_eq!(v["capacity"]["total"], 2);
}
