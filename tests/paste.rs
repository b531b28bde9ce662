//! The Paste panel's reading, as the importer worker answers it: texts and
//! files in any order, the form's link pairs merged, where each value came
//! from, the choice among several VMs, clearing, and no panic on any input.

use proptest::prelude::*;
use vnuma_planner::domain::Field;
use vnuma_planner::import::{read_pasted, Origin, PastedFile};
use vnuma_planner::import_worker::respond;
use vnuma_planner::share::from_pairs;

fn fixture(path: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/{path}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The page's link pairs before a paste.
fn page() -> Vec<(String, String)> {
    [
        ("numa_nodes", "3"),
        ("cpus_per_node", "10"),
        ("vcpus", "12"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

/// A request as the worker script sends it: the page's pairs, then files.
fn request(files: &[(&str, &str)], extra: &[(&str, &str)]) -> Vec<String> {
    let mut out = Vec::new();
    for (k, v) in page() {
        out.push(format!("form:{k}"));
        out.push(v);
    }
    for (name, text) in files {
        out.push(format!("file:{name}"));
        out.push(text.to_string());
    }
    for (tag, value) in extra {
        out.push(tag.to_string());
        out.push(value.to_string());
    }
    out
}

fn value<'a>(answer: &'a [(String, String)], tag: &str) -> Option<&'a str> {
    answer
        .iter()
        .find(|(t, _)| t == tag)
        .map(|(_, v)| v.as_str())
}

fn all<'a>(answer: &'a [(String, String)], tag: &str) -> Vec<&'a str> {
    answer
        .iter()
        .filter(|(t, _)| t == tag)
        .map(|(_, v)| v.as_str())
        .collect()
}

/// Asserts each key's "from ..." mark.
fn assert_marks(answer: &[(String, String)], marks: &[(&str, &str)]) {
    for (key, mark) in marks {
        assert_eq!(value(answer, &format!("from:{key}")), Some(*mark), "{key}");
    }
}

#[test]
fn a_vm_and_lscpu_pasted_together_fill_both_with_their_sources() {
    let vm = fixture("vm/vm-hugepages-1gi.yaml");
    let lscpu = fixture("host/lscpu-2socket-smt.txt");
    let pasted = format!("{vm}\n---\n{lscpu}");
    let answer = respond(&request(&[("pasted text", &pasted)], &[]));
    assert_eq!(value(&answer, "error"), None, "{answer:?}");
    assert_eq!(value(&answer, "numa_nodes"), Some("2"));
    assert_eq!(value(&answer, "cpus_per_node"), Some("32"));
    assert_eq!(value(&answer, "threads_per_core"), Some("2"));
    assert_eq!(value(&answer, "sockets"), Some("2"));
    assert_eq!(value(&answer, "cores"), Some("20"));
    assert_eq!(value(&answer, "memory"), Some("9Gi"));
    assert_eq!(value(&answer, "hugepage_size"), Some("1Gi"));
    // The topology replaces the page's vCPU count.
    assert_eq!(value(&answer, "vcpus"), None);
    assert_marks(
        &answer,
        &[
            (
                "cores",
                "pasted text: VirtualMachine reports-vnuma spec.template.spec.domain.cpu",
            ),
            ("numa_nodes", "pasted text: lscpu"),
        ],
    );
    assert!(all(&answer, "read")
        .iter()
        .any(|l| l.starts_with("NUMA nodes 2")));
    // The page reads the answer as a link: the pasted VM classifies.
    let decoded = from_pairs(answer.iter().cloned());
    assert!(decoded.notices.is_empty(), "{:?}", decoded.notices);
    assert_eq!(decoded.form.vm.text(Field::Cores), "20");
}

#[test]
fn files_in_any_order_give_the_same_inputs_each_marked_with_its_file() {
    let vm = fixture("vm/vm-numa-topology.yaml");
    let lscpu = fixture("host/lscpu-2socket-smt.txt");
    let kubelet = fixture("host/kubeletconfig-reserved.yaml");
    let one = respond(&request(
        &[
            ("vm.yaml", &vm),
            ("lscpu.txt", &lscpu),
            ("kc.yaml", &kubelet),
        ],
        &[],
    ));
    let other = respond(&request(
        &[
            ("kc.yaml", &kubelet),
            ("lscpu.txt", &lscpu),
            ("vm.yaml", &vm),
        ],
        &[],
    ));
    let pairs = |a: &[(String, String)]| {
        let mut p: Vec<_> = a
            .iter()
            .filter(|(t, _)| !t.contains(':') && t != "read" && t != "note")
            .cloned()
            .collect();
        p.sort();
        p
    };
    assert_eq!(pairs(&one), pairs(&other));
    assert!(value(&one, "from:numa_nodes")
        .unwrap()
        .starts_with("lscpu.txt: lscpu"));
    assert!(value(&one, "from:policy")
        .unwrap()
        .starts_with("kc.yaml: KubeletConfig"));
    assert!(value(&one, "from:vcpus")
        .or(value(&one, "from:sockets"))
        .unwrap()
        .starts_with("vm.yaml: "));
}

/// A VM file, lscpu output and a KubeletConfig pasted as three named files:
/// each value's mark names its own file and place.
#[test]
fn each_value_is_marked_with_its_own_file_and_place() {
    let answer = respond(&request(
        &[
            ("vm.yaml", &fixture("vm/vm-numa-topology.yaml")),
            ("lscpu.txt", &fixture("host/lscpu-2socket-smt.txt")),
            ("kc.yaml", &fixture("host/kubeletconfig-reserved.yaml")),
        ],
        &[],
    ));
    assert_eq!(value(&answer, "error"), None, "{answer:?}");
    let vm = "vm.yaml: VirtualMachine db-vnuma spec.template.spec.domain";
    for (key, from) in [
        ("sockets", format!("{vm}.cpu")),
        ("cores", format!("{vm}.cpu")),
        ("threads", format!("{vm}.cpu")),
        ("max_sockets", format!("{vm}.cpu.maxSockets")),
        ("emulator_thread", format!("{vm}.cpu.isolateEmulatorThread")),
        ("dedicated_cpus", format!("{vm}.cpu.dedicatedCpuPlacement")),
        (
            "numa_passthrough",
            format!("{vm}.cpu.numa.guestMappingPassthrough"),
        ),
        ("memory", format!("{vm}.memory.guest")),
        ("hugepage_size", format!("{vm}.memory.hugepages.pageSize")),
        ("numa_nodes", "lscpu.txt: lscpu".into()),
        ("cpus_per_node", "lscpu.txt: lscpu".into()),
        ("threads_per_core", "lscpu.txt: lscpu".into()),
        (
            "reserved_cpus",
            "kc.yaml: KubeletConfig spec.kubeletConfig.reservedSystemCPUs".into(),
        ),
        (
            "policy",
            "kc.yaml: KubeletConfig spec.kubeletConfig.topologyManagerPolicy".into(),
        ),
    ] {
        assert_marks(&answer, &[(key, &from)]);
    }
    // The topology replaces the page's vCPU count, so it has no mark.
    assert_eq!(value(&answer, "from:vcpus"), None);
}

/// The origins are data, not read back from the read lines: a VM's vCPU
/// count and the files' host values, each with its file, object or command
/// output, and field path.
/// An SNC3 host pasted keeps each node's CPUs; a host of equal nodes
/// pasted after it takes them away again.
#[test]
fn pasted_nodes_of_different_sizes_keep_them_until_the_next_host() {
    let snc3 = PastedFile {
        name: "lscpu.txt".into(),
        text: fixture("host/lscpu-snc3.txt"),
    };
    let pasted = read_pasted(&[snc3], &page(), None).unwrap();
    let each = |pairs: &[(String, String)]| {
        pairs
            .iter()
            .find(|(k, _)| k == "node_cpus")
            .map(|(_, v)| v.clone())
    };
    assert_eq!(each(&pasted.pairs).as_deref(), Some("86,86,84,86,86,84"));
    let host = from_pairs(pasted.pairs.clone())
        .form
        .input()
        .parse()
        .unwrap()
        .host;
    assert_eq!(host.node_cpus(), [86, 86, 84, 86, 86, 84]);
    let nps4 = PastedFile {
        name: "numactl.txt".into(),
        text: fixture("host/numactl-nps4.txt"),
    };
    let after = read_pasted(&[nps4], &pasted.pairs, None).unwrap();
    assert_eq!(each(&after.pairs), None);
    let host = from_pairs(after.pairs).form.input().parse().unwrap().host;
    assert_eq!(host.node_cpus(), [16, 16, 16, 16]);
}

#[test]
fn origins_are_data_beside_the_read_lines() {
    let files = [
        PastedFile {
            name: "vm.yaml".into(),
            text: fixture("vm/vm-no-topology.json"),
        },
        PastedFile {
            name: "numactl.txt".into(),
            text: fixture("host/numactl-nps4.txt"),
        },
        PastedFile {
            name: "kc.yaml".into(),
            text: fixture("host/kubeletconfig-reserved.yaml"),
        },
    ];
    let pasted = read_pasted(&files, &page(), None).unwrap();
    let origin = |key: &str| {
        pasted
            .origins
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, o)| o.clone())
            .unwrap_or_else(|| panic!("{key}: {:?}", pasted.origins))
    };
    let at = |file: &str, source: &str, path: &str| Origin {
        file: file.into(),
        source: source.into(),
        path: path.into(),
    };
    assert_eq!(
        origin("vcpus"),
        at(
            "vm.yaml",
            "VirtualMachine web-small",
            "spec.template.spec.domain.resources.requests.cpu"
        )
    );
    // What the VM does not give comes from the VM as a whole.
    assert_eq!(
        origin("max_sockets"),
        at("vm.yaml", "VirtualMachine web-small", "")
    );
    assert_eq!(
        origin("numa_nodes"),
        at("numactl.txt", "numactl --hardware", "")
    );
    assert_eq!(
        origin("policy"),
        at(
            "kc.yaml",
            "KubeletConfig",
            "spec.kubeletConfig.topologyManagerPolicy"
        )
    );
    // Every value set has a file and a place, whatever the read lines say.
    for (key, from) in &pasted.origins {
        assert!(
            !from.file.is_empty() && !from.source.is_empty(),
            "{key}: {from:?}"
        );
    }
    // The read lines are written from the same origins.
    assert!(pasted
        .read
        .iter()
        .any(|l| l.ends_with(&format!("from {}", origin("policy")))));
}

/// Two parts of one pasted text: each value names the text area, and the
/// part's object or command.
#[test]
fn a_single_text_area_marks_each_part() {
    let text = format!(
        "{}\n---\n{}",
        fixture("host/kubeletconfig-reserved.yaml"),
        fixture("host/numactl-nps4.txt")
    );
    let answer = respond(&request(&[("pasted text", &text)], &[]));
    assert_marks(
        &answer,
        &[
            ("numa_nodes", "pasted text: numactl --hardware"),
            (
                "policy",
                "pasted text: KubeletConfig spec.kubeletConfig.topologyManagerPolicy",
            ),
        ],
    );
}

#[test]
fn a_host_alone_keeps_the_pages_vm() {
    let answer = respond(&request(
        &[("numactl", &fixture("host/numactl-nps4.txt"))],
        &[],
    ));
    assert_eq!(value(&answer, "vcpus"), Some("12"));
    assert_eq!(value(&answer, "from:vcpus"), None);
    assert_eq!(value(&answer, "numa_nodes"), Some("4"));
    assert_eq!(value(&answer, "cpus_per_node"), Some("16"));
    assert_eq!(
        value(&answer, "from:numa_nodes"),
        Some("numactl: numactl --hardware")
    );
}

#[test]
fn several_vms_are_a_choice_and_a_pick_reads_one() {
    let list = fixture("vm/vms-list-three.yaml");
    let answer = respond(&request(&[("vms.yaml", &list)], &[]));
    let error = value(&answer, "error").expect("several VMs are refused");
    assert!(error.starts_with("vms.yaml"), "{error}");
    assert!(error.contains("3 VMs"), "{error}");
    let names = all(&answer, "choose");
    assert_eq!(names.len(), 3);
    let picked = respond(&request(&[("vms.yaml", &list)], &[("pick", names[1])]));
    assert_eq!(value(&picked, "error"), None, "{picked:?}");
    assert!(value(&picked, "from:vcpus")
        .or(value(&picked, "from:sockets"))
        .is_some());
}

#[test]
fn clearing_puts_back_what_the_fields_held_before() {
    let lscpu = fixture("host/lscpu-2socket-smt.txt");
    let answer = respond(&request(&[("lscpu.txt", &lscpu)], &[]));
    assert_eq!(value(&answer, "numa_nodes"), Some("2"));
    // The page now holds the import, with cpus_per_node edited by hand.
    let mut now: Vec<String> = Vec::new();
    for (k, v) in answer.iter().filter(|(t, _)| !t.contains(':')) {
        if k == "read" || k == "note" {
            continue;
        }
        now.push(format!("form:{k}"));
        now.push(if k == "cpus_per_node" {
            "30".into()
        } else {
            v.clone()
        });
    }
    for (k, v) in page() {
        now.push(format!("before:{k}"));
        now.push(v);
    }
    now.extend(["marked".to_string(), "numa_nodes".to_string()]);
    let cleared = respond(&now);
    assert_eq!(value(&cleared, "numa_nodes"), Some("3"));
    assert_eq!(value(&cleared, "cpus_per_node"), Some("30"));
    assert_eq!(value(&cleared, "vcpus"), Some("12"));
}

#[test]
fn unreadable_pastes_are_one_line_naming_the_file() {
    for (text, says) in [
        ("<script>alert(1)</script>", "pasted text"),
        ("kind: VirtualMachine\nspec: [", "pasted text"),
        ("$ oc get vm x -o yaml\nkind: Nothing\n", "pasted text"),
    ] {
        let answer = respond(&request(&[("pasted text", text)], &[]));
        let error = value(&answer, "error").unwrap_or_else(|| panic!("{text}: {answer:?}"));
        assert!(error.starts_with(says), "{error}");
        assert!(!error.contains('\n') && error.len() < 400, "{error}");
    }
    // The worker reads YAML through the command's loader, with its bound.
    let laughs = fixture("vm/billion-laughs.yaml");
    let answer = respond(&request(&[("laughs.yaml", &laughs)], &[]));
    let error = value(&answer, "error").unwrap_or_else(|| panic!("{answer:?}"));
    assert!(
        error.starts_with("laughs.yaml") && error.contains("through its aliases"),
        "{error}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any strings in any order are an answer, never a panic: the page's
    /// pairs back, or one line saying why not.
    #[test]
    fn any_request_is_answered(strings in proptest::collection::vec(".{0,40}", 0..12)) {
        let answer = respond(&strings);
        match value(&answer, "error") {
            Some(error) => prop_assert!(!error.contains('\n') && error.len() < 400, "{}", error),
            None => prop_assert!(answer.iter().all(|(tag, _)| !tag.is_empty())),
        }
    }
}

/// A pasted VM brings what KubeVirt's API judges into the page's pairs, and
/// the next VM pasted, which sets none of it, takes it away again.
#[test]
fn a_pasted_vm_replaces_what_the_api_judges() {
    let paste = |name: &str, current: &[(String, String)]| {
        let files = [PastedFile {
            name: "vm.yaml".into(),
            text: fixture(name),
        }];
        read_pasted(&files, current, None).unwrap()
    };
    let first = paste("vm/vm-requests-differ-limits.yaml", &page());
    let has = |pairs: &[(String, String)], key: &str, value: &str| {
        pairs.iter().any(|(k, v)| k == key && v == value)
    };
    assert!(has(&first.pairs, "cpu_request", "8"), "{:?}", first.pairs);
    assert!(has(&first.pairs, "cpu_limit", "12"), "{:?}", first.pairs);
    let form = from_pairs(first.pairs.clone()).form;
    assert_eq!(
        form.vm.manifest.cpu_limit.map(|q| q.to_string()).as_deref(),
        Some("12")
    );
    let second = paste("vm/vm-numa-topology.yaml", &first.pairs);
    assert!(
        !second.pairs.iter().any(|(k, _)| k.starts_with("cpu_")),
        "{:?}",
        second.pairs
    );
}

/// The kubelet's `cpu_manager_state` goes to the host side, beside a VM
/// and lscpu in one text area or alone over the page's host fields.
#[test]
fn a_pasted_cpu_manager_state_gives_the_hosts_free_cpus() {
    let state = fixture("host/cpu_manager_state.json");
    let text = format!(
        "{}\n---\n{}\n{state}\n",
        fixture("vm/vm-numa-topology.yaml"),
        fixture("host/lscpu-2socket-smt.txt")
    );
    let answer = respond(&request(&[("pasted text", &text)], &[]));
    assert_eq!(value(&answer, "error"), None, "{answer:?}");
    assert_eq!(value(&answer, "free_cpus"), Some("4,32"));
    assert_marks(
        &answer,
        &[
            ("free_cpus", "pasted text: cpu_manager_state defaultCpuSet"),
            ("numa_nodes", "pasted text: lscpu"),
        ],
    );
    // Alone, on the page's host of 2 x 32 (16 cores x 2 threads).
    let page: Vec<(String, String)> = [
        ("numa_nodes", "2"),
        ("cpus_per_node", "32"),
        ("threads_per_core", "2"),
        ("reserved_cpus", "2"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let file = PastedFile {
        name: "cpu_manager_state".into(),
        text: state,
    };
    let pasted = read_pasted(&[file], &page, None).unwrap();
    let pair = |key: &str| {
        let found = pasted.pairs.iter().find(|(k, _)| k == key);
        found.map(|(_, v)| v.as_str())
    };
    // Node 0's shared CPUs 0-1,32-33 less the page's 2 reserved.
    assert_eq!(pair("free_cpus"), Some("2,32"));
    assert_eq!(pair("reserved_cpus"), Some("2"));
    assert!(
        pasted.read.iter().any(
            |l| l.starts_with("CPU numbering assumed for the host from the page's host fields")
        ),
        "{:?}",
        pasted.read
    );
}

/// A running VM's domain (with the `virsh dumpxml` prompt line above it)
/// pasted beside numactl output goes to the host side: the guest cells and,
/// with no VM pasted, the VM's vCPUs and memory, each with its file.
#[test]
fn a_pasted_domain_gives_the_hosts_guest_cells() {
    let files = [
        PastedFile {
            name: "numactl.txt".into(),
            text: fixture("host/numactl-nps4.txt"),
        },
        PastedFile {
            name: "domain.xml".into(),
            text: fixture("host/virsh-dumpxml-2cells-1gi.xml"),
        },
    ];
    let pasted = read_pasted(&files, &page(), None).unwrap();
    let value = |key: &str| {
        pasted
            .pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    };
    assert_eq!(value("guest_cells"), Some("0:12:8Gi,1:12:8Gi"));
    assert_eq!(
        (value("vcpus"), value("memory")),
        (Some("24"), Some("16Gi"))
    );
    let origin = pasted
        .origins
        .iter()
        .find(|(k, _)| *k == "guest_cells")
        .map(|(_, o)| o.mark());
    assert_eq!(
        origin.as_deref(),
        Some("domain.xml: virsh dumpxml prod_db-1 cpu/numa")
    );
    let scenario = from_pairs(pasted.pairs)
        .form
        .input()
        .parse_running()
        .unwrap();
    assert_eq!(scenario.host.guest_cells().len(), 2);
    assert_eq!(scenario.host.numa_nodes(), 4);
}
