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

#[path = "support/command.rs"]
mod command;

use command::{assert_bad_input, run};
use serde_json::Value;
use std::path::PathBuf;
use std::process::{Command, Output};

fn stdout(args: &[&str]) -> String {
    let out = run(args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

fn fixture(path: &str) -> String {
    format!("{}/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"))
}

/// `text` written to `vnuma-planner-NAME` in the temporary directory; its path.
fn temp_file(name: &str, text: &str) -> String {
    let path = std::env::temp_dir().join(format!("vnuma-planner-{name}"));
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_string()
}

/// A `vnuma-planner` command line, built a flag at a time:
/// `Args::default_host().vcpus(24).json()` runs
/// `classify --numa-nodes 2 --cpus-per-node 32 --vcpus 24 --json`.
#[derive(Clone, Debug)]
struct Args {
    /// The subcommand and what must follow it (`link --base-url URL`).
    command: Vec<String>,
    flags: Vec<String>,
}

impl Args {
    /// A subcommand with no flags yet.
    fn command(words: &[&str]) -> Self {
        Args {
            command: words.iter().map(|w| w.to_string()).collect(),
            flags: Vec::new(),
        }
    }

    fn classify() -> Self {
        Args::command(&["classify"])
    }

    /// `classify` on the default host: 2 NUMA nodes of 32 logical CPUs.
    fn default_host() -> Self {
        Args::classify().host(2, 32)
    }

    /// `classify` on two sockets of 32 cores, as bought.
    fn two_sockets_of_32_cores() -> Self {
        Args::classify()
            .flag("--host-sockets", 2)
            .flag("--cores-per-socket", 32)
    }

    /// The same flags for `link`, with the planner served at `base_url`.
    fn link(self, base_url: &str) -> Self {
        Args {
            command: Args::command(&["link", "--base-url", base_url]).command,
            ..self
        }
    }

    fn host(self, numa_nodes: u32, cpus_per_node: u32) -> Self {
        self.flag("--numa-nodes", numa_nodes)
            .flag("--cpus-per-node", cpus_per_node)
    }

    fn vcpus(self, vcpus: u32) -> Self {
        self.flag("--vcpus", vcpus)
    }

    fn flag(self, name: &str, value: impl ToString) -> Self {
        self.with(&[name, &value.to_string()])
    }

    /// A fixture file for `flag` (`--vm-file`, `--host-file`).
    fn file(self, flag: &str, path: &str) -> Self {
        self.flag(flag, fixture(path))
    }

    /// Words added as they are: switches, a case's flags, a bad value.
    fn with(mut self, words: &[&str]) -> Self {
        self.flags.extend(words.iter().map(|w| w.to_string()));
        self
    }

    fn words(&self) -> Vec<&str> {
        self.command
            .iter()
            .chain(&self.flags)
            .map(String::as_str)
            .collect()
    }

    fn run(&self) -> Output {
        run(&self.words())
    }

    /// What a successful run prints.
    fn stdout(&self) -> String {
        stdout(&self.words())
    }

    /// The report a run with `--json` prints.
    fn json(&self) -> Value {
        let args = self.clone().with(&["--json"]);
        serde_json::from_str(&args.stdout()).expect("valid JSON")
    }

    /// See `assert_bad_input`.
    fn assert_bad(&self, expected: &str) {
        assert_bad_input(&self.words(), expected)
    }

    /// Each case's words after these are bad input, with its message.
    fn assert_bad_cases(&self, cases: &[(&[&str], &str)]) {
        for (extra, expected) in cases {
            self.clone().with(extra).assert_bad(expected);
        }
    }
}

const POLICIES: [&str; 4] = ["none", "single-numa-node", "best-effort", "restricted"];

fn statuses(v: &Value) -> Vec<(String, String, Vec<u64>)> {
    POLICIES
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

fn read_from_files(v: &Value) -> Vec<&str> {
    v["read_from_files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap())
        .collect()
}

fn s(p: &str, status: &str, rows: &[u64]) -> (String, String, Vec<u64>) {
    (p.into(), status.into(), rows.to_vec())
}

#[test]
fn json_has_the_public_shape() {
    let v = Args::default_host()
        .flag("--sockets", 2)
        .flag("--cores", 12)
        .flag("--threads", 1)
        .with(&["--isolate-emulator-thread"])
        .json();
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
    let verdicts: Vec<&str> = POLICIES
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
    let half = Args::default_host().vcpus(16).json();
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

    let beyond = Args::default_host().vcpus(65).json();
    assert_eq!(beyond["size"], "exceeds-host");
    for (_, status, rows) in statuses(&beyond) {
        assert_eq!((status.as_str(), rows.len()), ("unschedulable", 0));
    }
}

#[test]
fn text_report_shows_class_arithmetic_policies_and_source() {
    let out = Args::default_host().vcpus(40).run();
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

    let v = Args::command(&["table"]).json();
    assert_eq!(
        v["grid"]["extra-large"]["single-numa-node"]["status"],
        "fails-to-start"
    );
    assert_eq!(v["grid"]["extra-large"]["single-numa-node"]["rows"][0], 1);
}

#[test]
fn bad_input_is_one_line_and_status_two() {
    Args::default_host().assert_bad_cases(&[
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
    ]);
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
    let out = Args::classify()
        .host(4, 16)
        .flag("--sockets", 2)
        .flag("--cores", 10)
        .flag("--policy", "restricted")
        .flag("--cell", "extra-large.restricted")
        .with(&["--isolate-emulator-thread"])
        .link("https://example.org/vnuma/")
        .run();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "https://example.org/vnuma/?numa_nodes=4&cpus_per_node=16&sockets=2&cores=10&threads=1&emulator_thread=1&policy=restricted&cell=extra-large.restricted\n"
    );
    let embed = Args::default_host()
        .vcpus(24)
        .with(&["--embed"])
        .flag("--theme", "dark")
        .link("https://example.org/")
        .run();
    assert_eq!(
        String::from_utf8(embed.stdout).unwrap(),
        "https://example.org/?numa_nodes=2&cpus_per_node=32&vcpus=24&embed=1&theme=dark\n"
    );
}

#[test]
fn link_rejects_bad_input_in_one_line() {
    let to = ["--base-url", "https://e.org/"];
    Args::command(&["link"]).host(2, 32).assert_bad_cases(&[
        (
            &[&to[..], &["--vcpus", "0"]].concat(),
            "--vcpus: vCPUs must be at least 1",
        ),
        (
            &[&to[..], &["--vcpus", "4", "--cell", "huge.none"]].concat(),
            "invalid value 'huge.none' for '--cell <SIZE.POLICY>': use size.policy, e.g. large.none",
        ),
        (
            &[&to[..], &["--vcpus", "4", "--policy", "strict"]].concat(),
            "invalid value 'strict'",
        ),
        (
            &["--base-url", "not a url", "--vcpus", "4"],
            "--base-url must be a URL",
        ),
        (&["--vcpus", "4"], "--base-url"),
    ]);
}

#[test]
fn classify_reads_a_vm_file_and_host_files() {
    let v = Args::classify()
        .file("--vm-file", "vm/vm-numa-topology.yaml")
        .file("--host-file", "host/lscpu-2socket-smt.txt")
        .file("--host-file", "host/kubeletconfig-reserved.yaml")
        .json();
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
    assert_eq!(
        read_from_files(&v)[0],
        "vCPUs 24 = sockets 2 x cores 12 x threads 1 from VirtualMachine db-vnuma spec.template.spec.domain.cpu"
    );
}

/// A file of several VMs is refused in one line that lists them, until
/// `--vm-name` picks one.
#[test]
fn vm_name_picks_one_of_several_vms() {
    let list = fixture("vm/vms-list-three.yaml");
    let args = Args::default_host().flag("--vm-file", &list);
    args.assert_bad(&format!("error: --vm-file {list}: The text holds 3 VMs: db-primary, db-replica, reporting; pick one with --vm-name NAME."));
    let v = args.flag("--vm-name", "db-replica").json();
    assert_eq!(v["vm"]["vcpus"], 24);
    assert_eq!(
        v["vm"]["topology"],
        serde_json::json!({ "sockets": 1, "cores": 12, "threads": 2 })
    );

    let bundle = Args::default_host().file("--vm-file", "vm/instancetypes-cx1-bundle.yaml");
    assert_eq!(
        bundle.clone().flag("--vm-name", "cx1.2xlarge").json()["vm"]["vcpus"],
        8
    );
    bundle.flag("--vm-name", "cx1.huge").assert_bad("No VM, VMI or instance type named cx1.huge in the text; it holds cx1.2xlarge, cx1.4xlarge, cx1.8xlarge, cx1.large.");
    // Only with a VM file.
    Args::default_host()
        .vcpus(4)
        .flag("--vm-name", "db-replica")
        .assert_bad("--vm-file");
}

#[test]
fn stdin_files_and_flags_that_win_over_files() {
    let args = Args::classify()
        .flag("--vm-file", "-")
        .file("--host-file", "host/numactl-nps4.txt")
        .vcpus(8)
        .with(&["--json"]);
    let mut child = Command::new(env!("CARGO_BIN_EXE_vnuma-planner"))
        .args(args.words())
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
    let garbage = &temp_file("garbage.yaml", "kind: VirtualMachine\nspec: [unclosed\n");
    Args::default_host()
        .flag("--vm-file", "/nonexistent/vm.yaml")
        .assert_bad("--vm-file /nonexistent/vm.yaml: No such file");
    Args::default_host()
        .flag("--vm-file", garbage)
        .assert_bad("Not valid YAML or JSON at line 3, column 1");
    Args::classify()
        .flag("--host-file", garbage)
        .vcpus(4)
        .assert_bad("--host-file: Not valid YAML or JSON");
    Args::classify()
        .vcpus(4)
        .file("--host-file", "vm/vm-numa-topology.yaml")
        .assert_bad("A VirtualMachine does not describe a host");
}

/// Nine levels of nine aliases in a 535-byte VirtualMachine: refused in one
/// line while loading, not built into billions of nodes.
#[test]
fn a_billion_laughs_vm_file_is_refused_in_one_line() {
    let laughs = fixture("vm/billion-laughs.yaml");
    let len = std::fs::metadata(&laughs).unwrap().len();
    Args::default_host().flag("--vm-file", &laughs).assert_bad(&format!(
        "error: --vm-file {laughs}: The YAML expands to more than {} nodes through its aliases (&anchor and *alias); the planner refuses it.",
        2 * len + 1024
    ));
}

/// Text from a file (a value, a VM's name) is shown, never obeyed: no
/// terminal escape reaches the text report or an error line, and nothing
/// in the Markdown answer links or formats.
#[test]
fn hostile_text_from_files_is_shown_not_obeyed() {
    // A CPU request that differs from the limit is quoted in an advisory.
    let request = temp_file(
        "hostile-request.yaml",
        "kind: VirtualMachineInstance\nmetadata:\n  name: x\nspec:\n  domain:\n    resources:\n      limits:\n        cpu: 4\n      requests:\n        cpu: \"\\e[31m|*[x](javascript:a)*\"\n",
    );
    let args = Args::default_host().flag("--vm-file", &request);
    let text = args.stdout();
    assert!(!text.contains('\u{1b}'), "{text:?}");
    assert!(
        text.contains("requests.cpu is \"\\u{1b}[31m|*[x](javascript:a)*\" but"),
        "{text}"
    );
    let md = args.clone().flag("--format", "markdown").stdout();
    assert!(!md.contains('\u{1b}') && !md.contains("[x]("), "{md}");
    assert!(
        md.contains("\"\\\\u{1b}\\[31m\\|\\*\\[x\\](javascript:a)\\*\""),
        "{md}"
    );
    // VM names in the one error line.
    let names = temp_file(
        "hostile-names.yaml",
        "kind: VirtualMachine\nmetadata:\n  name: \"\\e[2J\\nrm\"\n---\nkind: VirtualMachine\nmetadata:\n  name: \"*b*|\"\n",
    );
    let out = Args::default_host().flag("--vm-file", &names).run();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr:?}");
    assert!(!stderr.contains('\u{1b}'), "{stderr:?}");
    assert!(
        stderr.contains("\"\\u{1b}[2J\\u{a}rm\", \"*b*|\""),
        "{stderr}"
    );
}

#[test]
fn a_topology_flag_replaces_only_its_own_value_from_the_file() {
    let host = Args::classify().host(2, 64);
    let v = host
        .clone()
        .file("--vm-file", "vm/vm-numa-topology.yaml")
        .flag("--cores", 16)
        .json();
    assert_eq!(v["vm"]["vcpus"], 32, "2 sockets x 16 cores x 1 thread");
    assert_eq!(
        v["vm"]["topology"],
        serde_json::json!({ "sockets": 2, "cores": 16, "threads": 1 })
    );
    // Without a file, a part no flag names is 1, as in KubeVirt.
    assert_eq!(host.flag("--cores", 16).json()["vm"]["vcpus"], 16);
}

#[test]
fn a_flag_turns_the_files_emulator_thread_off() {
    let base = Args::default_host().file("--vm-file", "vm/vm-numa-topology.yaml");
    let from_file = base.json();
    assert_eq!(from_file["vm"]["isolate_emulator_thread"], true);
    assert_eq!(from_file["vm"]["pod_cpus"], 25);
    let off = base.with(&["--no-isolate-emulator-thread"]);
    let v = off.json();
    assert_eq!(v["vm"]["isolate_emulator_thread"], false);
    assert_eq!(v["vm"]["pod_cpus"], 24);
    // The last of the two flags wins.
    let both = off.with(&["--isolate-emulator-thread"]);
    assert_eq!(both.json()["vm"]["pod_cpus"], 25);
}

#[test]
fn flags_fill_what_the_files_lack() {
    let kubelet = Args::classify().file("--host-file", "host/kubeletconfig-reserved.yaml");
    let v = kubelet.clone().host(2, 40).vcpus(24).json();
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
    let read = read_from_files(&v);
    assert!(
        read.iter()
            .any(|l| l.contains("from --numa-nodes and --cpus-per-node")),
        "{read:?}"
    );

    // Without the flags the same file is one line naming what is missing.
    let out = kubelet.vcpus(24).run();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("--numa-nodes and --cpus-per-node"),
        "{stderr}"
    );

    // A VMI without any CPU field has KubeVirt's one vCPU; a flag may set it.
    let vmi = temp_file(
        "bare-vmi.yaml",
        "apiVersion: kubevirt.io/v1\nkind: VirtualMachineInstance\nmetadata:\n  name: bare\nspec:\n  domain:\n    devices: {}\n",
    );
    let args = Args::default_host().flag("--vm-file", &vmi);
    assert_eq!(args.json()["vm"]["vcpus"], 1);
    assert_eq!(args.vcpus(4).json()["vm"]["vcpus"], 4);
}

#[test]
fn a_reader_that_went_away_is_not_a_panic() {
    for args in [Args::command(&["table"]), Args::default_host().vcpus(40)] {
        // Like `vnuma-planner table | head -0`: the pipe's reader is gone.
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let out = Command::new(env!("CARGO_BIN_EXE_vnuma-planner"))
            .args(args.words())
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
    let both = Args::default_host()
        .vcpus(32)
        .flag("--reserved-cpus", "2,2")
        .json();
    assert_eq!(both["outcomes"]["single-numa-node"]["status"], "works");
    assert_eq!(
        both["outcomes"]["single-numa-node"]["verdict"],
        "fails-to-start"
    );
    assert_eq!(
        both["host"]["allocatable_cpus"],
        serde_json::json!([30, 30])
    );
    let node0 = Args::default_host()
        .vcpus(32)
        .flag("--reserved-cpus", 2)
        .json();
    assert_eq!(node0["outcomes"]["single-numa-node"]["verdict"], "works");

    let emulator = Args::default_host()
        .vcpus(24)
        .with(&["--isolate-emulator-thread"]);
    let smt = emulator
        .clone()
        .flag("--threads-per-core", 2)
        .with(&["--full-pcpus-only"])
        .json();
    for p in POLICIES {
        assert_eq!(smt["outcomes"][p]["verdict"], "fails-to-start", "{p}");
    }
    let parity = emulator.with(&["--emulator-thread-parity"]).json();
    assert_eq!(parity["vm"]["pod_cpus"], 26);
}

#[test]
fn bad_admission_flags_are_one_line_naming_the_flag() {
    Args::default_host().vcpus(4).assert_bad_cases(&[
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
    ]);
}

#[test]
fn an_imported_host_is_limited_by_its_allocatable_cpus() {
    // lscpu 2 x 32 and a KubeletConfig reserving 0-1,32-33 (4 CPUs on node 0):
    // 60 allocatable, and 62 vCPUs + the emulator thread ask for 63.
    let v = Args::classify()
        .file("--host-file", "host/lscpu-2socket-smt.txt")
        .file("--host-file", "host/kubeletconfig-reserved.yaml")
        .vcpus(62)
        .flag("--max-sockets", 62)
        .with(&["--isolate-emulator-thread"])
        .json();
    assert_eq!(v["host"]["cpus_per_node"], 32);
    assert_eq!(v["host"]["reserved_cpus"], serde_json::json!([4, 0]));
    assert_eq!(v["host"]["allocatable_cpus"], serde_json::json!([28, 32]));
    assert_eq!(v["vm"]["pod_cpus"], 63);
    for p in POLICIES {
        assert_eq!(v["outcomes"][p]["verdict"], "unschedulable", "{p}");
    }
    assert_eq!(
        v["outcomes"]["none"]["status"], "works",
        "the document's cell is unchanged"
    );
}

#[test]
fn memory_flags_and_their_json() {
    let plain = Args::default_host().vcpus(24).json();
    assert_eq!(plain["vm"]["memory_bytes"], serde_json::Value::Null);
    assert_eq!(plain["vm"]["hugepage_size_bytes"], serde_json::Value::Null);
    assert_eq!(plain["host"]["free_hugepages"], serde_json::Value::Null);

    let args = Args::default_host()
        .vcpus(40)
        .flag("--memory", "9Gi")
        .flag("--hugepage-size", "1Gi")
        .flag("--free-hugepages", "4,10");
    let v = args.json();
    assert_eq!(v["vm"]["memory_bytes"], 9u64 << 30);
    assert_eq!(v["vm"]["hugepage_size_bytes"], 1u64 << 30);
    assert_eq!(v["host"]["free_hugepages"], serde_json::json!([4, 10]));
    assert_eq!(v["outcomes"]["none"]["verdict"], "fails-to-start");
    assert_eq!(
        v["outcomes"]["none"]["placement"],
        serde_json::json!({
            // The kubelet takes node 1 whole first, then 8 of node 0's (P8).
            "nodes": [
                { "node": 0, "cpus": 8, "vcpus": 8, "pages": 5 },
                { "node": 1, "cpus": 32, "vcpus": 32, "pages": 4 }
            ],
            "certain": true,
            "candidates": []
        })
    );
    // The text report carries the per-node arithmetic.
    let text = String::from_utf8(args.run().stdout).unwrap();
    assert!(
        text.contains("cell 0 on node 0 needs 5 x 1Gi, node 0 has 4 free"),
        "{text}"
    );
}

#[test]
fn kubevirt_6981_from_the_files_support_receives() {
    let vm = temp_file(
        "2gi-vmi.yaml",
        "apiVersion: kubevirt.io/v1\nkind: VirtualMachineInstance\nmetadata:\n  name: small\nspec:\n  domain:\n    cpu:\n      cores: 12\n      dedicatedCpuPlacement: true\n      numa:\n        guestMappingPassthrough: {}\n    memory:\n      guest: 2Gi\n      hugepages:\n        pageSize: 2Mi\n",
    );
    let files = Args::default_host()
        .flag("--vm-file", &vm)
        .file("--host-file", "host/sysfs-kubevirt-6981.txt");
    let v = files.json();
    assert_eq!(v["host"]["free_hugepages"], serde_json::json!([1290, 758]));
    assert_eq!(v["outcomes"]["best-effort"]["verdict"], "at-risk");
    let steered = files
        .flag("--memory-manager", "static")
        .flag("--policy", "single-numa-node")
        .json();
    assert_eq!(steered["outcomes"]["single-numa-node"]["verdict"], "works");
}

#[test]
fn bad_memory_flags_are_one_line_naming_the_flag() {
    Args::default_host().vcpus(4).assert_bad_cases(&[
        (&["--memory", "lots"], "--memory: Guest memory must be a Kubernetes quantity"),
        (&["--memory", "0Gi"], "--memory: Guest memory must be a Kubernetes quantity such as 16Gi or 2048Mi; \"0Gi\" is zero"),
        (&["--hugepage-size", "4Mi"], "invalid value '4Mi' for '--hugepage-size <SIZE>'"),
        (&["--memory-manager", "Dynamic"], "invalid value 'Dynamic' for '--memory-manager <POLICY>'"),
        (&["--free-hugepages", "4,4"], "--free-hugepages: Free huge pages count pages of the VM's huge page size"),
        (&["--memory", "4Gi", "--hugepage-size", "1Gi", "--free-hugepages", "4,x"], "--free-hugepages: Free huge pages must be whole numbers"),
        (&["--memory", "4Gi", "--hugepage-size", "1Gi", "--free-hugepages", "1,2,3"], "--free-hugepages: Free huge pages lists 3 nodes"),
    ]);
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
        ("table.dita", table("dita")),
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
            "invalid value 'rst' for '--format <FORMAT>' [possible values: text, json, markdown, asciidoc, html, dita]",
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
    let args = Args::default_host().vcpus(24);
    let v = args.json();
    // Under none no vNUMA VM is free of the migration risk (CNV-70330).
    assert_eq!(
        v["outcomes"]["none"]["works_for_vcpus"],
        serde_json::json!([])
    );
    assert_eq!(
        v["outcomes"]["best-effort"]["works_for_vcpus"],
        // 63 takes every allocatable CPU: no room for the console log (P5).
        serde_json::json!([[1, 62]])
    );
    assert_eq!(
        v["outcomes"]["single-numa-node"]["works_for_vcpus"],
        serde_json::json!([[1, 32]])
    );
    let text = String::from_utf8(args.run().stdout).unwrap();
    assert!(text.contains("  none              none\n"), "{text}");
    assert!(text.contains("  best-effort       1-62\n"), "{text}");
}

#[test]
fn the_host_as_bought_gives_its_numa_nodes_and_the_working() {
    let smt = Args::two_sockets_of_32_cores()
        .flag("--threads-per-core", 2)
        .vcpus(24);
    let nps4 = smt.clone().flag("--nodes-per-socket", 4).json();
    assert_eq!(nps4["host"]["numa_nodes"], 8);
    assert_eq!(nps4["host"]["cpus_per_node"], 16);
    assert_eq!(nps4["host"]["as_bought"]["nodes_per_socket"], 4);
    assert_eq!(
        nps4["host"]["as_bought"]["working"],
        "2 sockets x 32 cores x 2 threads / 4 nodes per socket = 8 NUMA nodes x 16 CPUs"
    );
    // NPS1, the same silicon: two nodes of 64 CPUs, and 24 vCPUs fit one.
    let nps1 = smt.json();
    assert_eq!(nps1["host"]["numa_nodes"], 2);
    assert_eq!(nps1["host"]["cpus_per_node"], 64);
    assert_eq!(nps1["outcomes"]["single-numa-node"]["verdict"], "works");
    assert_eq!(
        nps4["outcomes"]["single-numa-node"]["verdict"],
        "fails-to-start"
    );
    let text = Args::two_sockets_of_32_cores()
        .flag("--nodes-per-socket", 4)
        .vcpus(4)
        .stdout();
    assert!(
        text.contains("as bought: 2 sockets x 32 cores x 1 thread / 4 nodes per socket = 8 NUMA nodes x 8 CPUs"),
        "{text}"
    );
    // Parts no flag names are 1: one socket, one node per socket.
    let one = Args::classify()
        .flag("--cores-per-socket", 16)
        .vcpus(4)
        .json();
    assert_eq!(one["host"]["numa_nodes"], 1);
    assert_eq!(one["host"]["cpus_per_node"], 16);
    // Without a host given this way, the JSON says so.
    assert_eq!(
        Args::default_host().vcpus(4).json()["host"]["as_bought"],
        Value::Null
    );
}

#[test]
fn bad_host_shapes_are_one_line_naming_the_flag() {
    Args::classify()
        .flag("--cores-per-socket", 3)
        .flag("--nodes-per-socket", 4)
        .vcpus(4)
        .assert_bad("--nodes-per-socket: NUMA nodes per socket cannot be more than the 3 cores of a socket; 4 is");
    Args::classify()
        .flag("--host-sockets", 0)
        .flag("--cores-per-socket", 8)
        .vcpus(4)
        .assert_bad("--host-sockets: Host sockets");
    Args::classify()
        .flag("--numa-nodes", 2)
        .flag("--cores-per-socket", 8)
        .vcpus(4)
        .assert_bad("cannot be used with");
}

/// Intel SNC3 on 2 x 128 SMT cores: nodes of 43, 43 and 42 cores per
/// socket, in JSON one entry per node; the compared host reads the same.
#[test]
fn an_snc3_host_lists_the_cpus_of_each_node() {
    let args = Args::classify()
        .vcpus(85)
        .flag("--host-sockets", 2)
        .flag("--cores-per-socket", 128)
        .flag("--nodes-per-socket", 3)
        .flag("--threads-per-core", 2)
        .flag("--b-nodes-per-socket", 2);
    let v = args.json();
    let snc3 = serde_json::json!([86, 86, 84, 86, 86, 84]);
    assert_eq!(v["host"]["node_cpus"], snc3);
    assert_eq!(v["host"]["cpus_per_node"], 86);
    assert_eq!(v["host"]["total_cpus"], 512);
    assert_eq!(
        v["compare"]["host"]["node_cpus"],
        serde_json::json!([128, 128, 128, 128])
    );
    assert!(v["advisories"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["code"] == "uneven-nodes-reading-differs"));
    let text = args.clone().with(&["--format=text"]).stdout();
    assert!(
        text.contains("Host: 6 NUMA nodes of 86, 86, 84, 86, 86, 84 logical CPUs (2 threads per core) = 512 CPUs"),
        "{text}"
    );
    assert!(
        text.contains("= 6 NUMA nodes of 86, 86, 84 CPUs in each socket"),
        "{text}"
    );
    // The same host node by node.
    let nodes = Args::classify()
        .vcpus(85)
        .flag("--numa-nodes", 6)
        .flag("--cpus-per-node", 86)
        .flag("--node-cpus", "86,86,84,86,86,84")
        .flag("--threads-per-core", 2)
        .json();
    assert_eq!(nodes["host"]["node_cpus"], snc3);
    assert_eq!(nodes["outcomes"], v["outcomes"]);
    Args::classify()
        .vcpus(8)
        .flag("--numa-nodes", 2)
        .flag("--cpus-per-node", 86)
        .flag("--node-cpus", "84,84")
        .assert_bad("--node-cpus: CPUs of each node gives no node of 86 CPUs");
    // From lscpu the nodes keep their own CPUs; nodes given by flags
    // replace them.
    let file = Args::classify()
        .vcpus(8)
        .file("--host-file", "host/lscpu-snc3.txt");
    assert_eq!(file.json()["host"]["node_cpus"], snc3);
    let flags = file
        .flag("--numa-nodes", 2)
        .flag("--cpus-per-node", 64)
        .json();
    assert_eq!(flags["host"]["node_cpus"], serde_json::json!([64, 64]));
}

/// Issue 21: a second host is a migration target, both ways.
#[test]
fn a_second_host_is_a_migration_target_both_ways() {
    let args = Args::classify()
        .vcpus(24)
        .flag("--numa-nodes", 2)
        .flag("--cpus-per-node", 64)
        .flag("--b-numa-nodes", 8)
        .flag("--b-cpus-per-node", 16);
    let v = args.json();
    let m = &v["migration"];
    // NPS1 -> NPS4: one guest cell, the target spreads the pod over two.
    assert_eq!(m["a_to_b"]["best-effort"]["verdict"], "fails");
    let codes: Vec<&str> = m["a_to_b"]["best-effort"]["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["result"] != "pass")
        .map(|c| c["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["guest-cells"]);
    assert_eq!(
        m["a_to_b"]["best-effort"]["source_cells"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        m["a_to_b"]["best-effort"]["target_nodes"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert_eq!(
        m["a_to_b"]["best-effort"]["migrates_for_vcpus"],
        serde_json::json!([[1, 16]])
    );
    // NPS4 -> NPS1: not a failure of the CPUs.
    assert_ne!(m["b_to_a"]["best-effort"]["verdict"], "fails");
    let text = args.stdout();
    assert!(
        text.contains("Live migration first -> second host"),
        "{text}"
    );
    assert!(text.contains("fail [guest-cells]"), "{text}");
    // Without a second host there is no migration.
    assert_eq!(
        Args::default_host().vcpus(24).json()["migration"],
        serde_json::Value::Null
    );
}

/// `--b-policy`: the second host in a pool of its own policy.
#[test]
fn the_second_host_can_have_its_own_policy() {
    let args = Args::classify()
        .vcpus(24)
        .flag("--numa-nodes", 2)
        .flag("--cpus-per-node", 32)
        .flag("--b-numa-nodes", 2)
        .flag("--b-cpus-per-node", 32);
    // A large VM under none on both: the document's migration failure.
    assert_eq!(
        args.json()["migration"]["a_to_b"]["none"]["verdict"],
        "fails"
    );
    // To a best-effort pool it migrates; back into none it fails.
    let pools = args.flag("--b-policy", "best-effort");
    let m = &pools.json()["migration"];
    assert_eq!(m["a_to_b"]["none"]["verdict"], "migrates");
    assert_eq!(m["b_to_a"]["none"]["verdict"], "fails");
    let link = Args::command(&["link"])
        .link("https://planner.example/")
        .vcpus(24)
        .flag("--numa-nodes", 2)
        .flag("--cpus-per-node", 32)
        .flag("--b-numa-nodes", 2)
        .flag("--b-cpus-per-node", 32)
        .flag("--b-policy", "best-effort")
        .stdout();
    assert!(link.contains("b_policy=best-effort"), "{link}");
    Args::default_host()
        .vcpus(8)
        .flag("--b-policy", "none")
        .assert_bad("--b-policy: gives the second host's policy; give a second host too");
    Args::default_host()
        .vcpus(8)
        .flag("--b-numa-nodes", 2)
        .flag("--b-policy", "bogus")
        .assert_bad("--b-policy");
}

#[test]
fn a_second_host_is_compared_with_the_same_vm() {
    // 2 sockets x 32 SMT cores, NPS1 against NPS4: 24 vCPUs fit one node of
    // 64 CPUs, not one of 16.
    let args = Args::classify()
        .vcpus(24)
        .flag("--policy", "single-numa-node")
        .flag("--host-sockets", 2)
        .flag("--cores-per-socket", 32)
        .flag("--threads-per-core", 2)
        .flag("--b-nodes-per-socket", 4);
    let v = args.json();
    assert_eq!(v["host"]["numa_nodes"], 2);
    assert_eq!(v["compare"]["host"]["numa_nodes"], 8);
    assert_eq!(v["compare"]["host"]["cpus_per_node"], 16);
    assert_eq!(v["compare"]["vm"]["vcpus"], 24);
    assert_eq!(v["outcomes"]["single-numa-node"]["verdict"], "works");
    assert_eq!(
        v["compare"]["outcomes"]["single-numa-node"]["verdict"],
        "fails-to-start"
    );
    // SMT given: the PerformanceProfile's full-pcpus-only under
    // single-numa-node lets only even counts fill whole cores.
    let even: Vec<[u32; 2]> = (2..=16).step_by(2).map(|v| [v, v]).collect();
    assert_eq!(
        v["compare"]["outcomes"]["single-numa-node"]["works_for_vcpus"],
        serde_json::json!(even)
    );
    let config = args.clone().flag("--node-tuning", "kubelet-config").json();
    assert_eq!(
        config["compare"]["outcomes"]["single-numa-node"]["works_for_vcpus"],
        serde_json::json!([[1, 16]])
    );
    // Without a second host the key is there and null.
    assert_eq!(
        Args::default_host().vcpus(24).json()["compare"],
        Value::Null
    );

    let answer = args.clone().with(&["--format=markdown"]).stdout();
    assert!(
        answer.contains("**Compared with a second host:** 8 NUMA nodes x 16 logical CPUs"),
        "{answer}"
    );
    assert!(answer.contains("- Under single-numa-node: Fails to start (first host: Migrates); vCPU counts that work there: even counts 2-16."), "{answer}");
    let text = args.clone().with(&["--format=text"]).stdout();
    assert!(
        text.contains("Compared with a second host (the same VM):"),
        "{text}"
    );
    assert!(text.contains("as bought: 2 sockets x 32 cores x 2 threads / 4 nodes per socket = 8 NUMA nodes x 16 CPUs"), "{text}");

    // The link carries the second host as b_ keys.
    let link = args.link("https://example.org/").stdout();
    assert!(
        link.contains(
            "&b_host_sockets=2&b_cores_per_socket=32&b_nodes_per_socket=4&b_threads_per_core=2"
        ),
        "{link}"
    );
}

#[test]
fn a_second_host_comes_from_files_or_flags_and_bad_values_name_their_flag() {
    let v = Args::default_host()
        .vcpus(24)
        .file("--compare-host-file", "host/numactl-nps4.txt")
        .json();
    assert_eq!(v["compare"]["host"]["numa_nodes"], 4);
    assert_eq!(v["host"]["numa_nodes"], 2);
    let four = Args::default_host().vcpus(4);
    four.clone()
        .flag("--b-numa-nodes", 0)
        .assert_bad("--b-numa-nodes: ");
    four.flag("--b-numa-nodes", 2)
        .flag("--b-cores-per-socket", 8)
        .assert_bad("cannot be used with");
}

#[test]
fn io_threads_are_dedicated_cpus_of_the_pod() {
    // 28 vCPUs and 4 supplemental pool threads ask for 32 dedicated CPUs,
    // more than the 30 a node of 32 has left with 2 reserved on each.
    let pool = Args::default_host().vcpus(28).flag("--io-threads", 4);
    let v = pool.clone().flag("--reserved-cpus", "2,2").json();
    assert_eq!(v["vm"]["pod_cpus"], 32);
    assert_eq!(v["vm"]["io_threads"], 4);
    assert_eq!(
        v["outcomes"]["single-numa-node"]["verdict"],
        "fails-to-start"
    );
    // The parity option counts them: 27 + 4 + 1 is even, 28 + 4 gets 2.
    let parity = |vcpus: u32| {
        Args::default_host()
            .vcpus(vcpus)
            .flag("--io-threads", 4)
            .with(&["--isolate-emulator-thread", "--emulator-thread-parity"])
            .json()["vm"]["pod_cpus"]
            .clone()
    };
    assert_eq!((parity(27), parity(28)), (32.into(), 34.into()));
    Args::default_host()
        .vcpus(4)
        .flag("--io-threads", "x")
        .assert_bad("--io-threads: IO threads must be");
    let link = pool.link("https://example.org/").stdout();
    assert!(link.contains("&io_threads=4"), "{link}");
}

/// The JSON says where each value the files set came from: the path given,
/// the object or command output in it, and the field path.
#[test]
fn json_names_each_values_file_and_place() {
    let (vm, lscpu, kubelet) = (
        fixture("vm/vm-numa-topology.yaml"),
        fixture("host/lscpu-2socket-smt.txt"),
        fixture("host/kubeletconfig-reserved.yaml"),
    );
    let v = Args::classify()
        .flag("--vm-file", &vm)
        .flag("--host-file", &lscpu)
        .flag("--host-file", &kubelet)
        .json();
    let origins = &v["origins"];
    assert_eq!(origins["cores"]["file"], vm.as_str());
    assert_eq!(origins["cores"]["source"], "VirtualMachine db-vnuma");
    assert_eq!(origins["cores"]["path"], "spec.template.spec.domain.cpu");
    assert_eq!(origins["threads_per_core"]["file"], lscpu.as_str());
    assert_eq!(origins["threads_per_core"]["source"], "lscpu");
    assert_eq!(origins["policy"]["file"], kubelet.as_str());
    assert_eq!(
        origins["policy"]["path"],
        "spec.kubeletConfig.topologyManagerPolicy"
    );
    // Flags are not files.
    let v = Args::default_host().vcpus(4).json();
    assert_eq!(v["origins"], serde_json::json!({}));
}

/// VM files that KubeVirt's API refuses: `rejected` under every policy, with
/// the check that says why, and `link` carries what was judged.
#[test]
fn vm_files_the_api_refuses_are_rejected_with_their_check() {
    for (file, code, link) in [
        (
            "vm/vm-requests-differ-limits.yaml",
            "cpu-requests-equal-limits",
            "cpu_request=8&cpu_limit=12",
        ),
        (
            "vm/vm-instancetype-conflict.yaml",
            "instancetype-conflict",
            "instancetype_conflict=cpu.sockets%2Ccpu.cores%2Ccpu.threads%2Cmemory.guest",
        ),
    ] {
        let args = Args::default_host().file("--vm-file", file);
        let v = args.json();
        for policy in ["none", "single-numa-node", "best-effort", "restricted"] {
            let outcome = &v["outcomes"][policy];
            assert_eq!(outcome["verdict"], "rejected", "{file} {policy}");
            let checks = outcome["checks"].as_array().unwrap();
            let check = checks.iter().find(|c| c["code"] == code).expect(code);
            assert_eq!(check["result"], "fail", "{file}");
            assert_eq!(check["fails_as"], "rejected", "{file}");
        }
        assert!(
            v["origins"][link.split('=').next().unwrap()].is_object(),
            "{file}"
        );
        let text = args.stdout();
        assert!(text.contains(&format!("fail [{code}]")), "{text}");
        let url = args.clone().link("https://example.org/").stdout();
        assert!(url.contains(link), "{url}");
    }
}

/// Issue 20, items 5 and 10: the node tuning's implied options per policy
/// in JSON, given values winning, and bad values of the new flags.
#[test]
fn node_tuning_implies_per_policy_and_given_values_win() {
    let base = Args::default_host().vcpus(24);
    let v = base.clone().json();
    assert_eq!(v["cluster"]["node_tuning"], "performance-profile");
    let kubelet = |v: &Value, p: &str| {
        let k = &v["outcomes"][p]["kubelet"];
        (
            k["full_pcpus_only"]["value"].as_bool().unwrap(),
            k["memory_manager"]["value"].as_str().unwrap().to_string(),
            k["full_pcpus_only"]["implied"].as_bool().unwrap(),
        )
    };
    assert_eq!(
        kubelet(&v, "single-numa-node"),
        (true, "static".into(), true)
    );
    assert_eq!(kubelet(&v, "restricted"), (false, "static".into(), true));
    assert_eq!(kubelet(&v, "best-effort"), (false, "none".into(), true));
    let config = base.clone().flag("--node-tuning", "kubelet-config").json();
    assert_eq!(config["cluster"]["node_tuning"], "kubelet-config");
    assert_eq!(
        kubelet(&config, "single-numa-node"),
        (false, "none".into(), true)
    );
    let given = base
        .clone()
        .with(&["--no-full-pcpus-only"])
        .flag("--memory-manager", "none")
        .json();
    assert_eq!(
        kubelet(&given, "single-numa-node"),
        (false, "none".into(), false)
    );
    // The text names what was implied, under the policy it applies to.
    let text = base.clone().flag("--policy", "restricted").stdout();
    assert!(
        text.contains(
            "Implied by the PerformanceProfile under restricted: the Memory Manager Static."
        ),
        "{text}"
    );
    // Memory per vCPU: the memory follows the count.
    let per = base
        .clone()
        .flag("--memory-per-vcpu", "4Gi")
        .flag("--hugepage-size", "1Gi")
        .json();
    assert_eq!(per["vm"]["memory_bytes"], 96u64 << 30);
    assert_eq!(per["vm"]["memory_per_vcpu_bytes"], 4u64 << 30);
}

#[test]
fn bad_node_tuning_io_threads_and_memory_per_vcpu_are_one_line_naming_the_flag() {
    Args::default_host().vcpus(4).assert_bad_cases(&[
        (&["--node-tuning", "bogus"], "--node-tuning"),
        (&["--io-threads", "-1"], "--io-threads"),
        (&["--io-threads", "abc"], "--io-threads"),
        (
            &["--io-threads", "99999999999"],
            "--io-threads: IO threads must be",
        ),
        (
            &["--memory-per-vcpu", "4GB"],
            "--memory-per-vcpu: Memory per vCPU must be",
        ),
        (&["--memory-per-vcpu", "0"], "--memory-per-vcpu"),
        // Issue 21: free CPUs per node, at most the allocatable ones.
        (
            &["--free-cpus", "40"],
            "--free-cpus: Free CPUs: node 0 has 31 allocatable CPUs; 40 cannot be free",
        ),
        (
            &["--free-cpus", "4,4,4"],
            "--free-cpus: Free CPUs lists 3 nodes; the host has 2 NUMA nodes",
        ),
        (&["--b-free-cpus", "x"], "--b-free-cpus"),
        (
            &["--memory-per-vcpu", "4Gi", "--memory", "8Gi"],
            "--memory-per-vcpu: give Guest memory or Memory per vCPU, not both",
        ),
    ]);
}

/// Issue 21: the kubelet's `cpu_manager_state` beside lscpu makes the host
/// one in use, named as the free CPUs' origin; for the second host too.
#[test]
fn a_cpu_manager_state_file_is_a_host_in_use() {
    let (lscpu, busy) = (
        fixture("host/lscpu-2socket-smt.txt"),
        fixture("host/cpu_manager_state-busy.json"),
    );
    let verdict = |v: &Value, policy: &str| v["outcomes"][policy]["verdict"].clone();
    let empty = Args::classify()
        .vcpus(24)
        .flag("--host-file", &lscpu)
        .json();
    let in_use = Args::classify()
        .vcpus(24)
        .flag("--host-file", &lscpu)
        .flag("--host-file", &busy)
        .json();
    assert_eq!(in_use["host"]["free_cpus"], serde_json::json!([20, 20]));
    // 24 CPUs fit one node of 32, not its 20 free ones.
    assert_eq!(verdict(&empty, "single-numa-node"), "works");
    assert_eq!(verdict(&in_use, "single-numa-node"), "fails-to-start");
    let from = &in_use["origins"]["free_cpus"];
    assert_eq!(
        (&from["file"], &from["source"], &from["path"]),
        (
            &Value::from(busy.as_str()),
            &Value::from("cpu_manager_state"),
            &Value::from("defaultCpuSet")
        )
    );
    assert!(read_from_files(&in_use)
        .iter()
        .any(|l| l.starts_with("free CPUs per node 20,20 from cpu_manager_state defaultCpuSet")));
    // A host given by flags: its CPUs numbered as Linux numbers them.
    let flags = Args::default_host()
        .vcpus(24)
        .flag("--threads-per-core", 2)
        .flag("--host-file", &busy);
    let v = flags.json();
    assert_eq!(v["host"]["free_cpus"], serde_json::json!([20, 20]));
    assert!(read_from_files(&v).iter().any(|l| l
        .starts_with("CPU numbering assumed for the host from --numa-nodes and --cpus-per-node")));
    // The second host from files: a migration target in use.
    let v = Args::default_host()
        .vcpus(24)
        .flag("--compare-host-file", &lscpu)
        .flag("--compare-host-file", &busy)
        .json();
    assert_eq!(
        v["compare"]["host"]["free_cpus"],
        serde_json::json!([20, 20])
    );
    assert_eq!(v["origins"]["b_free_cpus"]["file"], busy.as_str());
    assert_eq!(v["origins"]["b_numa_nodes"]["source"], "lscpu");
    assert_eq!(v["origins"]["free_cpus"], Value::Null);
    let m = &v["migration"]["a_to_b"];
    assert_eq!(m["single-numa-node"]["verdict"], "blocked");
    assert_eq!(m["best-effort"]["verdict"], "fails");
    assert!(read_from_files(&v)
        .iter()
        .any(|l| l.starts_with("second host: free CPUs per node 20,20")));
    // CPUs beyond the host: one line naming the file.
    Args::classify()
        .vcpus(4)
        .host(2, 16)
        .flag("--host-file", &busy)
        .assert_bad(&format!("--host-file: {busy}: cpu_manager_state defaultCpuSet names CPUs 32-63 beyond the 32 CPUs (0-31)"));
    Args::classify()
        .vcpus(4)
        .flag("--host-file", fixture("host/numactl-nps4.txt"))
        .flag("--host-file", &busy)
        .assert_bad(&format!("--host-file: {busy}: cpu_manager_state defaultCpuSet: names CPUs 32-63 that the host does not have"));
}

/// Reserved CPUs by flag over files that give free CPUs: a
/// cpu_manager_state's shared pool holds the reserved CPUs, so the flag's
/// come off it; a NodeResourceTopology's `available` already leaves the
/// kubelet's out, so they do not come off again.
#[test]
fn a_reserved_cpus_flag_applies_to_the_free_cpus_files_give() {
    let (lscpu, busy, nrt) = (
        fixture("host/lscpu-2socket-smt.txt"),
        fixture("host/cpu_manager_state-busy.json"),
        fixture("host/noderesourcetopology.yaml"),
    );
    let files = Args::classify()
        .vcpus(24)
        .flag("--host-file", &lscpu)
        .flag("--host-file", &busy);
    let by_flags = Args::default_host()
        .vcpus(24)
        .flag("--threads-per-core", 2)
        .flag("--host-file", &busy);
    let nrt_file = Args::classify().vcpus(24).flag("--host-file", &nrt);
    // (host, --reserved-cpus, free CPUs per node)
    let cases = [
        (&files, "2", [18, 20]),
        (&files, "2,4", [18, 16]),
        (&by_flags, "2", [18, 20]),
        // The file's available 26,32 already leave out its 2 reserved.
        (&nrt_file, "2", [26, 32]),
        // More reserved than the node has free: at most its allocatable.
        (&nrt_file, "8,2", [24, 30]),
    ];
    for (args, reserved, free) in cases {
        let v = args.clone().flag("--reserved-cpus", reserved).json();
        assert_eq!(
            v["host"]["free_cpus"],
            serde_json::json!(free),
            "{reserved}"
        );
        let said = format!("free CPUs per node {},{}", free[0], free[1]);
        let read = read_from_files(&v);
        assert!(
            read.iter().any(|l| l.starts_with(&said)),
            "{reserved}: {read:?}"
        );
    }
    let v = files.clone().flag("--reserved-cpus", "2").json();
    assert_eq!(v["origins"]["free_cpus"]["file"], busy.as_str());
    // Reserving more than the shared pool holds names the flag and the file.
    for args in [&files, &by_flags] {
        args.clone().flag("--reserved-cpus", 24).assert_bad(&format!(
            "error: --reserved-cpus: node 0 cannot reserve 24 CPUs: {busy}: cpu_manager_state defaultCpuSet puts only 20 of node 0's CPUs in the shared pool"
        ));
    }
    // A flag giving the free CPUs too wins; its own error names it.
    files
        .clone()
        .flag("--reserved-cpus", 16)
        .flag("--free-cpus", "20")
        .assert_bad("--free-cpus: Free CPUs: node 0 has 16 allocatable CPUs; 20 cannot be free (Reserved CPUs reserves 16 of its 32)");
    // The second host from files, with its own flag.
    let v = Args::default_host()
        .vcpus(24)
        .flag("--compare-host-file", &lscpu)
        .flag("--compare-host-file", &busy)
        .flag("--b-reserved-cpus", 2)
        .json();
    assert_eq!(
        v["compare"]["host"]["free_cpus"],
        serde_json::json!([18, 20])
    );
}

/// Issue 21, item 3: the running VM's domain (virsh dumpxml) as a host
/// file gives the source's guest cells, and the migration says it used them.
#[test]
fn a_running_domain_gives_the_source_cells_of_a_migration() {
    let args = Args::classify()
        .file("--host-file", "host/virsh-dumpxml-2cells-1gi.xml")
        .host(2, 64)
        .flag("--b-numa-nodes", 8)
        .flag("--b-cpus-per-node", 16)
        .flag("--policy", "best-effort");
    let v = args.json();
    assert_eq!(v["vm"]["vcpus"], 24);
    assert_eq!(
        v["origins"]["guest_cells"]["source"],
        "virsh dumpxml prod_db-1"
    );
    let there = &v["migration"]["a_to_b"]["best-effort"];
    assert_eq!(there["source_cells_from"], "running-domain");
    assert_eq!(there["source_cells"].as_array().unwrap().len(), 2);
    assert_eq!(there["source_cells"][1]["pages"], 8);
    assert_ne!(there["verdict"], "fails");
    // The second host copies the first's shape, not the VM running there.
    assert_eq!(
        v["migration"]["b_to_a"]["best-effort"]["source_cells_from"],
        "placement"
    );
    // The same by hand; without the cells NPS1 -> NPS4 fails (k_S 1).
    let by_hand = Args::classify()
        .host(2, 64)
        .vcpus(24)
        .flag("--b-numa-nodes", 8)
        .flag("--b-cpus-per-node", 16);
    let placed = by_hand.json();
    assert_eq!(
        placed["migration"]["a_to_b"]["best-effort"]["verdict"],
        "fails"
    );
    let given = by_hand.clone().flag("--guest-cells", "0:12:8Gi,1:12:8Gi");
    assert_eq!(
        given.json()["migration"]["a_to_b"]["best-effort"]["source_cells_from"],
        "running-domain"
    );
    let text = given.stdout();
    assert!(
        text.contains("Live migration first -> second host (the guest keeps its NUMA cells, as the running domain gives them):"),
        "{text}"
    );
    by_hand.assert_bad_cases(&[
        (
            &["--guest-cells", "0:12:8Gi,2:12:8Gi"],
            "--guest-cells: Guest cells as running: cell 1 is bound to host node 2; the host has 2 NUMA nodes (0-1)",
        ),
        (
            &["--b-guest-cells", "0:24:8Gi,9:0:1Gi"],
            "--b-guest-cells: Guest cells as running, cell 1: its vCPUs must be at least 1",
        ),
    ]);
    // A host file without a running domain does not give the vCPUs.
    Args::classify()
        .file("--host-file", "host/numactl-nps4.txt")
        .assert_bad("--vcpus is required");
}

/// `--lang` gives the answer in that language; codes, policy names, flags and
/// the document's title and address stay as they are, and no `{name}` is
/// left unfilled.
#[test]
fn the_answer_speaks_the_language_asked_for() {
    let scenario = [
        "classify",
        "--numa-nodes",
        "2",
        "--cpus-per-node",
        "32",
        "--vcpus",
        "24",
        "--format",
        "markdown",
    ];
    let english = stdout(&scenario);
    for (lang, word) in [("ja", "移行"), ("zh-cn", "迁移"), ("ko", "마이그레이션")] {
        let args: Vec<&str> = ["--lang", lang].into_iter().chain(scenario).collect();
        let answer = stdout(&args);
        assert!(answer.contains(word), "{lang}: {answer}");
        assert!(
            !answer.contains("Live migration works"),
            "{lang}: English left"
        );
        for kept in [
            "none",
            "single-numa-node",
            "best-effort",
            "restricted",
            "`--policy best-effort`",
            "CNV-70330",
        ] {
            assert!(answer.contains(kept), "{lang}: {kept} missing");
        }
        let unfilled = answer.split('{').skip(1).any(|after| {
            after.split_once('}').is_some_and(|(name, _)| {
                !name.is_empty() && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
            })
        });
        assert!(!unfilled, "{lang}: a placeholder left: {answer}");
        assert_eq!(
            answer.matches("https://").count(),
            english.matches("https://").count(),
            "{lang}: the links"
        );
    }
    let bad = run(&["--lang", "fr", "table"]);
    assert_eq!(bad.status.code(), Some(2));
}
