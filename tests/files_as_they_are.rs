//! Files as customers send them: wrapped by mail clients, without NUMA
//! lines, with offline CPUs, objects beside the host's, outputs pasted one
//! after the other, bare command lines, old API versions, and kubelet
//! defaults. Nothing read is dropped silently.

use vnuma_planner::domain::{HugepageSize, Policy, VcpuSpec};
use vnuma_planner::import::{import_host, import_vm, read_pasted, HostImport, PastedFile};
use vnuma_planner::import_worker::respond;

const NUMACTL_WRAPPED: &str = include_str!("fixtures/host/numactl-wrapped-mail.txt");
const NUMACTL_NPS4: &str = include_str!("fixtures/host/numactl-nps4.txt");
const LSCPU: &str = include_str!("fixtures/host/lscpu-2socket-smt.txt");
const VMI: &str = include_str!("fixtures/vm/vmi-running.yaml");

/// Asserts that a read line of `h` holds `part`.
fn says(h: &HostImport, part: &str) {
    assert!(
        h.read.iter().any(|l| l.contains(part)),
        "{part}: {:?}",
        h.read
    );
}

fn host(texts: &[&str]) -> HostImport {
    import_host(texts).unwrap_or_else(|e| panic!("{texts:?}: {e}"))
}

fn refused(texts: &[&str]) -> String {
    match import_host(texts) {
        Ok(h) => panic!("{texts:?} read: {:?}", h.read),
        Err(e) => e.to_string(),
    }
}

/// Each node's id, online CPUs and allocatable CPUs.
fn sizes(h: &HostImport) -> Vec<[u32; 3]> {
    h.nodes
        .iter()
        .map(|n| [n.id, n.capacity, n.allocatable])
        .collect()
}

#[test]
fn numactl_wrapped_by_a_mail_client_reads_whole_nodes() {
    let text = NUMACTL_WRAPPED;
    let h = host(&[text]);
    assert_eq!(sizes(&h), [[0, 64, 64], [1, 64, 64]]);
    assert_eq!(
        h.read[0],
        "NUMA nodes 2 and CPUs per node from numactl --hardware: node 0 = 64 CPUs (0-31,64-95); node 1 = 64 CPUs (32-63,96-127)"
    );
    says(&h, "lines 2, 7 were wrapped");
    // A wrapped line cut off from its node by a blank line is refused.
    let cut = text.replacen("\n26 27", "\n\n26 27", 1);
    let e = refused(&[&cut]);
    assert!(e.starts_with("numactl line 4: \"26 27 28"), "{e}");
}

#[test]
fn lscpu_without_numa_lines_is_one_node_of_the_online_cpus() {
    // s390x: no NUMA lines at all.
    let s390x = "Architecture:        s390x\nCPU op-mode(s):      32-bit, 64-bit\nCPU(s):              8\nOn-line CPU(s) list: 0-7\nThread(s) per core:  2\nCore(s) per socket:  4\nSocket(s) per book:  1\n";
    let h = host(&[s390x]);
    assert_eq!(sizes(&h), [[0, 8, 8]]);
    assert_eq!(h.threads_per_core, Some(2));
    says(
        &h,
        "lscpu has no NUMA node CPU lists (a host without NUMA, such as s390x or many ARM hosts): its online CPUs 0-7 are one NUMA node.",
    );
    // lscpu -p with an empty Node column.
    let parsable = "# CPU,Core,Socket,Node,,L1d,L1i,L2\n0,0,0,,,0,0,0\n1,1,0,,,1,1,1\n2,2,0,,,2,2,2\n3,3,0,,,3,3,3\n";
    let h = host(&[parsable]);
    assert_eq!(sizes(&h), [[0, 4, 4]]);
    says(&h, "NODE column is empty");
}

#[test]
fn offline_cpus_under_a_node_are_not_counted() {
    let text = "CPU(s): 8\nOn-line CPU(s) list: 0-2,4-6\nOff-line CPU(s) list: 3,7\nThread(s) per core: 1\nNUMA node(s): 2\nNUMA node0 CPU(s): 0-3\nNUMA node1 CPU(s): 4-7\n";
    let h = host(&[text]);
    assert_eq!(sizes(&h), [[0, 3, 3], [1, 3, 3]]);
    says(&h, "(node 0: 3; node 1: 7)");
}

#[test]
fn kubelet_configuration_without_a_policy_is_the_kubelets_default_none() {
    let h = host(&["kind: KubeletConfiguration\ncpuManagerPolicy: static\n"]);
    assert_eq!(h.policy, Some(Policy::None));
    assert!(
        h.read.contains(&"Topology Manager policy none from KubeletConfiguration topologyManagerPolicy: absent, so the kubelet's default none applies".to_string()),
        "{:?}",
        h.read
    );
    let config = "kind: KubeletConfig\nspec:\n  kubeletConfig:\n    reservedSystemCPUs: 0-1\n";
    let h = host(&[config]);
    assert_eq!(h.policy, Some(Policy::None));
    // A policy any text names wins over the default, in any order.
    let nrt = "kind: NodeResourceTopology\ntopologyPolicies: [SingleNUMANode]\nzones:\n- name: node-0\n  type: Node\n  resources:\n  - name: cpu\n    capacity: 8\n    allocatable: 8\n";
    for texts in [[config, nrt], [nrt, config]] {
        assert_eq!(host(&texts).policy, Some(Policy::SingleNumaNode));
    }
}

#[test]
fn objects_of_other_kinds_in_a_host_file_are_skipped_and_named() {
    let must_gather = "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Namespace\n  metadata:\n    name: openshift-cnv\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: kube-root-ca.crt\n- kind: KubeletConfiguration\n  topologyManagerPolicy: restricted\n- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: virt-launcher-db-x7k2p\n";
    let h = host(&[must_gather]);
    assert_eq!(h.policy, Some(Policy::Restricted));
    assert!(
        h.read.contains(
            &"skipped, not about the host: Namespace openshift-cnv, ConfigMap kube-root-ca.crt, Pod virt-launcher-db-x7k2p"
                .to_string()
        ),
        "{:?}",
        h.read
    );
    // Only objects of other kinds: refused, naming them.
    let e = refused(&["kind: ConfigMap\nmetadata:\n  name: x\n---\nkind: Pod\n"]);
    assert!(
        e.starts_with("None of ConfigMap x, Pod describes a host;"),
        "{e}"
    );
    let e = refused(&["kind: ConfigMap\n"]);
    assert!(
        e.starts_with("A ConfigMap does not describe a host;"),
        "{e}"
    );
}

/// A VMI and lscpu pasted one after the other without `---`: both read.
#[test]
fn outputs_pasted_without_a_document_line_are_split() {
    let (vmi, lscpu) = (VMI, LSCPU);
    for text in [
        format!("{vmi}{lscpu}"),
        format!("{lscpu}{vmi}"),
        format!("$ oc get vmi db-vnuma -o yaml\n{vmi}[core@worker-2 ~]$ lscpu\n{lscpu}"),
        format!("oc get vmi db-vnuma -o yaml\n{vmi}lscpu\n{lscpu}"),
    ] {
        assert_eq!(pasted(&text, "numa_nodes").as_deref(), Some("2"), "{text}");
        assert_eq!(pasted(&text, "cores").as_deref(), Some("17"), "{text}");
    }
    // A host paste of numactl, then a KubeletConfiguration, then sysfs.
    let text = "available: 1 nodes (0)\nnode 0 cpus: 0 1 2 3\nkind: KubeletConfiguration\ntopologyManagerPolicy: single-numa-node\n";
    let h = host(&[text]);
    assert_eq!(
        (sizes(&h), h.policy),
        (vec![[0, 4, 4]], Some(Policy::SingleNumaNode))
    );
}

#[test]
fn a_bare_command_line_above_an_output_is_skipped() {
    let vmi = VMI;
    let v = import_vm(&format!("kubectl get vmi db-vnuma -o yaml\n{vmi}"), None).unwrap();
    assert_eq!(v.kind, "VirtualMachineInstance");
    for command in [
        "lscpu",
        "sudo lscpu",
        "oc debug node/worker-2 -- chroot /host lscpu",
    ] {
        let text = format!("{command}\n{}", LSCPU);
        assert_eq!(host(&[&text]).numa_nodes(), 2, "{command}");
    }
    let text = format!("numactl -H\n{}", NUMACTL_NPS4);
    assert_eq!(host(&[&text]).numa_nodes(), 4);
    let text = "grep . /sys/devices/system/node/node*/hugepages/hugepages-*/free_hugepages\n/sys/devices/system/node/node0/hugepages/hugepages-2048kB/free_hugepages:8\n";
    assert_eq!(host(&[text]).hugepages.len(), 1);
}

/// `kubevirt.io/v1alpha1`'s VirtualMachine (the running VM, later the
/// VirtualMachineInstance) keeps its domain under `spec`.
#[test]
fn an_old_api_virtual_machine_is_read_from_spec_domain() {
    let text = "apiVersion: kubevirt.io/v1alpha1\nkind: VirtualMachine\nmetadata:\n  name: legacy\nspec:\n  domain:\n    cpu:\n      sockets: 2\n      cores: 4\n      dedicatedCpuPlacement: true\n    memory:\n      hugepages:\n        pageSize: 1Gi\n    resources:\n      requests:\n        memory: 16Gi\n";
    let v = import_vm(text, None).unwrap();
    assert_eq!(v.kind, "VirtualMachine");
    assert_eq!(
        v.vcpus,
        VcpuSpec::Topology {
            sockets: 2,
            cores: 4,
            threads: 1
        }
    );
    assert_eq!(v.memory_bytes, Some(16 << 30));
    assert_eq!(v.hugepage_size, Some(HugepageSize::OneGi));
    let from_domain = |l: &String| l.contains("from VirtualMachine legacy spec.domain.cpu");
    assert!(v.read.iter().any(from_domain), "{:?}", v.read);
}

/// Without reservedSystemCPUs the kubelet reserves kubeReserved +
/// systemReserved CPU, rounded up, from the lowest-numbered cores.
#[test]
fn kube_and_system_reserved_cpu_are_reserved_cpus() {
    let lscpu = LSCPU;
    let config = "apiVersion: machineconfiguration.openshift.io/v1\nkind: KubeletConfig\nspec:\n  kubeletConfig:\n    topologyManagerPolicy: single-numa-node\n    kubeReserved:\n      cpu: 500m\n      memory: 1Gi\n    systemReserved:\n      cpu: \"2\"\n";
    let h = host(&[lscpu, config]);
    assert_eq!(sizes(&h), [[0, 32, 29], [1, 32, 32]]);
    assert_eq!(h.reserved_cpus(), [3]);
    assert!(
        h.read.contains(&"reserved CPUs 3 from KubeletConfig spec.kubeletConfig.kubeReserved.cpu (spec.kubeletConfig.kubeReserved.cpu 500m + spec.kubeletConfig.systemReserved.cpu 2 = 2500m, rounded up to whole CPUs): 3 CPUs reserved, placed as the kubelet places them (whole cores from the lowest-numbered CPUs, node 0 first): allocatable node 0 = 29, node 1 = 32".to_string()),
        "{:?}",
        h.read
    );
    // More than node 0 holds spills onto node 1.
    let big = "kind: KubeletConfiguration\nsystemReserved:\n  cpu: \"34\"\n";
    assert_eq!(sizes(&host(&[lscpu, big])), [[0, 32, 0], [1, 32, 30]]);
    // reservedSystemCPUs wins, as in the kubelet.
    let both = "kind: KubeletConfiguration\nreservedSystemCPUs: 0-1\nkubeReserved:\n  cpu: \"4\"\n";
    let h = host(&[lscpu, both]);
    assert_eq!(h.reserved_cpus(), [2]);
    says(&h, "not used: reservedSystemCPUs is given");
    // Bad values name their place.
    let e = refused(&[
        lscpu,
        "kind: KubeletConfig\nspec:\n  kubeletConfig:\n    systemReserved:\n      cpu: half\n",
    ]);
    assert_eq!(
        e,
        "spec.kubeletConfig.systemReserved.cpu: \"half\" is not a CPU quantity such as 500m, 1 or 1.5."
    );
}

/// Reads `text` as one paste over the page's opening form.
fn paste(text: &str) -> Result<vnuma_planner::import::Pasted, String> {
    let files = [PastedFile {
        name: "pasted".to_string(),
        text: text.to_string(),
    }];
    read_pasted(&files, &[], None).map_err(|e| e.to_string())
}

/// The form's value of `key` after reading `text` as one paste.
fn pasted(text: &str, key: &str) -> Option<String> {
    let pasted = paste(text).unwrap_or_else(|e| panic!("{text}: {e}"));
    let value = pasted.pairs.iter().find(|(k, _)| k == key);
    value.map(|(_, v)| v.clone())
}

/// A `List` of a VM and host objects gives both to their readers; JSON
/// after command output starts a new part.
#[test]
fn a_list_of_a_vm_and_host_objects_is_read_by_both() {
    let list = "apiVersion: v1\nkind: List\nitems:\n- apiVersion: kubevirt.io/v1\n  kind: VirtualMachineInstance\n  metadata:\n    name: db\n  spec:\n    domain:\n      cpu:\n        cores: 6\n        dedicatedCpuPlacement: true\n- kind: KubeletConfiguration\n  topologyManagerPolicy: restricted\n";
    assert_eq!(pasted(list, "cores").as_deref(), Some("6"));
    assert_eq!(pasted(list, "policy").as_deref(), Some("restricted"));
    let json = format!(
        "{LSCPU}{{\n  \"apiVersion\": \"kubevirt.io/v1\",\n  \"kind\": \"VirtualMachineInstance\",\n  \"spec\": {{\"domain\": {{\"cpu\": {{\"cores\": 6}}}}}}\n}}\n"
    );
    assert_eq!(pasted(&json, "cores").as_deref(), Some("6"));
    assert_eq!(pasted(&json, "numa_nodes").as_deref(), Some("2"));
}

/// The support engineer's paste: a VMI, then lscpu, no `---` between them.
/// Through the page's import worker the form takes the VMI's 17 cores, its
/// 32Gi and the host's 2 nodes, each marked with where it came from.
#[test]
fn a_vmi_and_lscpu_pasted_together_fill_the_page_from_both() {
    let request: Vec<String> = ["file:pasted", &format!("{VMI}{LSCPU}")]
        .map(String::from)
        .into();
    let answer = respond(&request);
    let value = |key: &str| {
        let found = answer.iter().find(|(k, _)| k == key);
        found.map(|(_, v)| v.as_str())
    };
    assert_eq!(value("error"), None, "{answer:?}");
    assert_eq!(value("cores"), Some("17"));
    assert_eq!(value("memory"), Some("32Gi"));
    assert_eq!(value("numa_nodes"), Some("2"));
    assert_eq!(
        value("from:cores"),
        Some("pasted: VirtualMachineInstance db-vnuma spec.domain.cpu")
    );
    assert_eq!(value("from:numa_nodes"), Some("pasted: lscpu"));
}

/// Where no line shows where one output ends (lscpu's NUMA lines indented
/// under the VMI, a VMI indented below numactl), the paste is refused,
/// naming the object reading it as output would drop.
#[test]
fn a_paste_that_cannot_be_split_is_refused_naming_what_would_be_dropped() {
    let numa_only = "NUMA:\n  NUMA node(s): 2\n  NUMA node0 CPU(s): 0-15,32-47\n  NUMA node1 CPU(s): 16-31,48-63\n";
    let indented_vmi: String = VMI.lines().map(|l| format!("  {l}\n")).collect();
    let numactl = "available: 1 nodes (0)\nnode 0 cpus: 0 1 2 3\n";
    for (text, output) in [
        (format!("{VMI}{numa_only}"), "lscpu"),
        (format!("{numactl}{indented_vmi}"), "numactl --hardware"),
    ] {
        let expected = format!("This text holds {output} output and a VirtualMachineInstance with no line between them where one ends and the other starts; read as {output} output, the VirtualMachineInstance would be dropped. Put a line --- between them, or paste each on its own.");
        assert_eq!(paste(&text).err(), Some(format!("pasted: {expected}")));
        assert_eq!(
            import_vm(&text, None).err().map(|e| e.to_string()),
            Some(expected.clone())
        );
        assert_eq!(refused(&[&text]), expected);
    }
}

/// The VM reader names what it does not read: the other objects of its
/// kinds, objects of other kinds, and command output.
#[test]
fn what_the_vm_reader_does_not_read_it_names() {
    let file = include_str!("fixtures/vm/vm-with-instancetype.yaml");
    let text = format!(
        "{file}---\nkind: ConfigMap\nmetadata:\n  name: kube-root-ca.crt\n---\nkind: VirtualMachineClusterInstancetype\nmetadata:\n  name: u1.small\n---\n{VMI}{LSCPU}"
    );
    let v = import_vm(&text, Some("analytics")).unwrap();
    assert_eq!(v.vcpus, VcpuSpec::Count(40));
    let tail = &v.read[v.read.len() - 2..];
    assert_eq!(
        tail,
        [
            "not read, beside the VirtualMachine read: VirtualMachineClusterInstancetype u1.small, VirtualMachineInstance db-vnuma",
            "skipped, not about the VM: lscpu output, ConfigMap kube-root-ca.crt",
        ]
    );
    // A VM alone gives neither line.
    let v = import_vm(VMI, None).unwrap();
    assert!(
        v.read
            .iter()
            .all(|l| !l.starts_with("not read") && !l.starts_with("skipped")),
        "{:?}",
        v.read
    );
    // Output alone is not a VM, said so.
    let e = import_vm(LSCPU, None).unwrap_err().to_string();
    assert!(
        e.starts_with("This is lscpu output, which describes a host, not a VM"),
        "{e}"
    );
}

/// The command's JSON for `classify` with `args`, or its stderr when it
/// exits 2.
fn classify(args: &[&str]) -> Result<serde_json::Value, String> {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_vnuma-planner"))
        .args(["classify", "--format", "json", "--vcpus", "8"])
        .args(args)
        .output()
        .expect("run vnuma-planner");
    match out.status.code() {
        Some(0) => Ok(serde_json::from_slice(&out.stdout).expect("JSON")),
        _ => Err(String::from_utf8_lossy(&out.stderr).trim().to_string()),
    }
}

/// Flags, then the host's NUMA nodes, CPUs per node, threads per core and
/// allocatable CPUs per node.
type HostCase<'a> = (&'a [&'a str], u64, u64, Option<u64>, &'a [u64]);

const HALF_OFFLINED: &str = "tests/fixtures/host/performanceprofile-half-offlined.yaml";

/// The example: a PerformanceProfile with 40 of 80 CPUs offlined
/// and 4 reserved, on a host from flags, leaves 36 allocatable CPUs (79
/// before), however the 80 CPUs are given; the numbering is said.
#[test]
fn a_profiles_offlined_and_reserved_cpus_apply_to_a_host_from_flags() {
    let cases: &[HostCase] = &[
        (
            &["--numa-nodes", "1", "--cpus-per-node", "80"],
            1,
            40,
            None,
            &[36],
        ),
        // Node 1 (40-79) goes offline whole.
        (
            &["--numa-nodes", "2", "--cpus-per-node", "40"],
            1,
            40,
            None,
            &[36],
        ),
        // 40-79 are every core's second thread: 2 nodes of 20 single threads.
        (
            &[
                "--numa-nodes",
                "2",
                "--cpus-per-node",
                "40",
                "--threads-per-core",
                "2",
            ],
            2,
            20,
            Some(1),
            &[16, 20],
        ),
        (&["--cores-per-socket", "80"], 1, 40, None, &[36]),
    ];
    for &(flags, nodes, cpus, threads, allocatable) in cases {
        let args = [&["--host-file", HALF_OFFLINED][..], flags].concat();
        let v = classify(&args).unwrap_or_else(|e| panic!("{flags:?}: {e}"));
        let host = &v["host"];
        assert_eq!(host["numa_nodes"], nodes, "{flags:?}");
        assert_eq!(host["cpus_per_node"], cpus, "{flags:?}");
        assert_eq!(host["threads_per_core"].as_u64(), threads, "{flags:?}");
        assert_eq!(
            host["allocatable_cpus"],
            serde_json::json!(allocatable),
            "{flags:?}"
        );
        assert_eq!(v["origins"]["reserved_cpus"]["path"], "spec.cpu.reserved");
        assert_eq!(v["origins"]["cpus_per_node"]["path"], "spec.cpu.offlined");
        let read = v["read_from_files"].as_array().unwrap();
        assert!(
            read.iter().any(|l| l
                .as_str()
                .unwrap()
                .starts_with("CPU numbering assumed for the host from ")),
            "{read:?}"
        );
    }
    // --reserved-cpus wins over the profile's reserved CPUs, said so.
    let v = classify(&[
        "--host-file",
        HALF_OFFLINED,
        "--numa-nodes",
        "1",
        "--cpus-per-node",
        "80",
        "--reserved-cpus",
        "2",
    ])
    .unwrap();
    assert_eq!(v["host"]["allocatable_cpus"], serde_json::json!([38]));
    assert!(v["read_from_files"].as_array().unwrap().iter().any(|l| l == "reserved CPUs 0-3 from PerformanceProfile spec.cpu.reserved not used: --reserved-cpus is given, and a flag wins over a file"));
    // A host of fewer CPUs than the profile names is refused, naming both.
    assert_eq!(
        classify(&["--host-file", HALF_OFFLINED, "--numa-nodes", "2", "--cpus-per-node", "32"]).unwrap_err(),
        "error: --host-file: PerformanceProfile spec.cpu.offlined names CPUs 64-79 beyond the 64 CPUs (0-63) of the host from --numa-nodes and --cpus-per-node (2 NUMA nodes of 32 CPUs): give the host the file was written for, or its lscpu output."
    );
    // Offlining that leaves nodes unequal: each node keeps its own CPUs,
    // and --reserved-cpus replaces only the reserved ones.
    let uneven = temp(
        "uneven.yaml",
        "kind: PerformanceProfile\nspec:\n  cpu:\n    reserved: \"0\"\n    offlined: \"30-39\"\n",
    );
    let flags = [
        "--host-file",
        &uneven,
        "--numa-nodes",
        "2",
        "--cpus-per-node",
        "20",
    ];
    let v = classify(&flags).unwrap();
    assert_eq!(v["host"]["node_cpus"], serde_json::json!([20, 10]));
    assert_eq!(v["host"]["allocatable_cpus"], serde_json::json!([19, 10]));
    let v = classify(&[&flags[..], &["--reserved-cpus", "1,1"]].concat()).unwrap();
    assert_eq!(v["host"]["node_cpus"], serde_json::json!([20, 10]));
    assert_eq!(v["host"]["allocatable_cpus"], serde_json::json!([19, 9]));
}

/// The second host's profile is placed on the host its --b- flags give,
/// as the first host's is: 80 CPUs, 40 offlined, 4 reserved.
#[test]
fn a_profile_applies_to_the_second_host_from_its_flags() {
    let v = classify(&[
        "--numa-nodes",
        "2",
        "--cpus-per-node",
        "32",
        "--compare-host-file",
        HALF_OFFLINED,
        "--b-numa-nodes",
        "1",
        "--b-cpus-per-node",
        "80",
    ])
    .unwrap();
    assert_eq!(
        v["compare"]["host"]["allocatable_cpus"],
        serde_json::json!([36])
    );
    // The first host stays the default 2 x 32.
    assert_eq!(v["host"]["allocatable_cpus"], serde_json::json!([31, 32]));
}

/// U1: a NodeResourceTopology's `available` CPUs are the host's free CPUs
/// (issue 21): node 0 has 30 allocatable and 26 available.
#[test]
fn a_node_resource_topology_gives_the_free_cpus_now() {
    let nrt = "tests/fixtures/host/noderesourcetopology.yaml";
    let v = classify(&["--host-file", nrt]).unwrap();
    assert_eq!(v["host"]["allocatable_cpus"], serde_json::json!([30, 32]));
    assert_eq!(v["host"]["free_cpus"], serde_json::json!([26, 32]));
    assert_eq!(v["origins"]["free_cpus"]["file"], nrt);
    // The flag wins over the file: 8 vCPUs fit no node with 4 and 6 free.
    let busy = classify(&["--host-file", nrt, "--free-cpus", "4,6"]).unwrap();
    assert_eq!(busy["host"]["free_cpus"], serde_json::json!([4, 6]));
    assert_eq!(
        busy["outcomes"]["single-numa-node"]["verdict"],
        "fails-to-start"
    );
    assert_eq!(v["outcomes"]["single-numa-node"]["verdict"], "works");
}

/// A file in the test's own temporary directory.
fn temp(name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("files-as-they-are-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

/// The page: a profile pasted alone lands on the page's host fields.
#[test]
fn a_pasted_profile_applies_to_the_pages_host() {
    let files = [PastedFile {
        name: "profile.yaml".to_string(),
        text: include_str!("fixtures/host/performanceprofile-half-offlined.yaml").to_string(),
    }];
    let form =
        [("numa_nodes", "1"), ("cpus_per_node", "80")].map(|(k, v)| (k.to_string(), v.to_string()));
    let pasted = read_pasted(&files, &form, None).unwrap();
    let value = |key: &str| {
        pasted
            .pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    };
    assert_eq!(
        (value("cpus_per_node"), value("reserved_cpus")),
        (Some("40"), Some("4"))
    );
    let mark = pasted
        .origins
        .iter()
        .find(|(k, _)| *k == "reserved_cpus")
        .map(|(_, o)| o.mark());
    assert_eq!(
        mark.as_deref(),
        Some("profile.yaml: PerformanceProfile spec.cpu.reserved")
    );
    assert!(
        pasted.read.iter().any(
            |l| l.starts_with("CPU numbering assumed for the host from the page's host fields")
        ),
        "{:?}",
        pasted.read
    );
}
