//! Importers: every format, every fixture, and no panic on any input.

use proptest::prelude::*;
use vnuma_planner::domain::{
    quote, AdvisoryCode, CpuQuantity, HugepageSize, MemoryManager, NodeTuning, Policy, Report,
    VcpuSpec, Verdict,
};
use vnuma_planner::domain::{Field, HostMode};
use vnuma_planner::form::FormState;
use vnuma_planner::import::{
    import_host, import_host_in, import_vm, import_vm_in, origin_of, CpuList, HostImport, Origin,
    VmImport, MAX_INPUT_BYTES,
};

fn fixture(path: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/{path}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn host(paths: &[&str]) -> HostImport {
    let texts: Vec<String> = paths.iter().map(|p| fixture(p)).collect();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    import_host(&refs).unwrap_or_else(|e| panic!("{paths:?}: {e}"))
}

fn vm(path: &str) -> VmImport {
    import_vm(&fixture(path), None).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn sizes(h: &HostImport) -> Vec<(u32, u32, u32)> {
    h.nodes
        .iter()
        .map(|n| (n.id, n.capacity, n.allocatable))
        .collect()
}

#[test]
fn lscpu_two_sockets_with_smt() {
    let h = host(&["host/lscpu-2socket-smt.txt"]);
    assert_eq!(sizes(&h), [(0, 32, 32), (1, 32, 32)]);
    assert_eq!(
        (h.numa_nodes(), h.cpus_per_node(), h.threads_per_core),
        (2, 32, Some(2))
    );
    assert!(h.is_uniform());
    assert_eq!(
        h.read[0],
        "NUMA nodes 2 and CPUs per node from lscpu: node 0 = 32 CPUs (0-15,32-47); node 1 = 32 CPUs (16-31,48-63)"
    );
    assert_eq!(h.policy, None);
}

#[test]
fn lscpu_json() {
    let h = host(&["host/lscpu.json"]);
    assert_eq!(sizes(&h), [(0, 24, 24), (1, 24, 24)]);
    assert_eq!(h.threads_per_core, Some(2));
    assert!(h.read[0].contains("from lscpu -J"));
}

/// Must-gather bundles keep each node's lscpu as `lscpu -e`: a row per CPU.
#[test]
fn lscpu_extended_table_from_a_must_gather() {
    let h = host(&["host/lscpu-e-2socket-smt.txt"]);
    assert_eq!(sizes(&h), [(0, 24, 24), (1, 24, 24)]);
    assert_eq!(h.threads_per_core, Some(2));
    let evens = CpuList::parse("0-46:2").unwrap().compact();
    assert_eq!(
        h.read[0],
        format!(
            "NUMA nodes 2 and CPUs per node from lscpu -e: node 0 = 24 CPUs ({evens}); node 1 = 24 CPUs ({})",
            CpuList::parse("1-47:2").unwrap().compact()
        )
    );
    assert!(
        has_line(&h, "threads per core 2 from lscpu -e"),
        "{:?}",
        h.read
    );
    let form = applied(&h);
    assert_eq!(
        (
            form.host.text(Field::NumaNodes),
            form.host.text(Field::CpusPerNode)
        ),
        ("2", "24")
    );
}

/// Columns vary with `-e=...`; offline CPUs (`no`, or `-` where lscpu
/// cannot tell their node) are left out; no NODE column is one node.
#[test]
fn lscpu_extended_columns_and_offline_cpus() {
    let offline = "CPU NODE SOCKET CORE L1d:L1i:L2:L3 ONLINE\n  0    0      0    0 0:0:0:0          yes\n  1    0      0    1 1:1:1:0          yes\n  2    0      0    0 0:0:0:0          yes\n  3    0      0    1 1:1:1:0          yes\n  4    0      0    2 2:2:2:0           no\n  5    -      -    - :::                no\n";
    let h = import_host(&[offline]).unwrap();
    assert_eq!((sizes(&h), h.threads_per_core), (vec![(0, 4, 4)], Some(2)));
    assert!(
        has_line(&h, "lscpu -e: offline CPUs 4-5 left out."),
        "{:?}",
        h.read
    );

    let no_node = "CPU SOCKET CORE ONLINE\n0 0 0 yes\n1 0 1 yes\n2 0 0 yes\n3 0 1 yes\n";
    let h = import_host(&[no_node]).unwrap();
    assert_eq!((sizes(&h), h.threads_per_core), (vec![(0, 4, 4)], Some(2)));
    assert!(
        has_line(
            &h,
            "lscpu -e has no NODE column (a host without NUMA): its CPUs are one NUMA node."
        ),
        "{:?}",
        h.read
    );

    // A French locale translates the ONLINE column's values.
    let french = "CPU NODE SOCKET CORE L1d:L1i:L2:L3 ONLINE    MAXMHZ   MINMHZ      MHZ\n  0    0      0    0 0:0:0:0          oui 4100,0000 800,0000 2400.000\n  1    0      0    1 1:1:1:0          oui 4100,0000 800,0000  800.057\n";
    let h = import_host(&[french]).unwrap();
    assert_eq!((sizes(&h), h.threads_per_core), (vec![(0, 2, 2)], Some(1)));

    let h = import_host(&["CPU NODE\n0 0\n1 1\n"]).unwrap();
    assert_eq!(
        (sizes(&h), h.threads_per_core),
        (vec![(0, 1, 1), (1, 1, 1)], None)
    );

    for (text, expected) in [
        (
            "CPU NODE ONLINE\n0 0 yes\n1 x yes\n",
            "lscpu -e line 3: x is not a NUMA node number from 0 to 1023.",
        ),
        (
            "CPU NODE ONLINE\n0 0\n",
            "lscpu -e line 2: 2 fields where the header's columns need 3.",
        ),
        (
            "CPU NODE ONLINE\n0 - no\n",
            "lscpu -e: no NUMA node CPU lists found",
        ),
    ] {
        let e = import_host(&[text]).unwrap_err();
        assert!(e.to_string().starts_with(expected), "{text:?}: {e}");
    }
}

/// `lscpu -p`: its comment lines, then comma-separated rows.
#[test]
fn lscpu_parsable() {
    let h = host(&["host/lscpu-p-epyc-nps2.txt"]);
    assert_eq!(sizes(&h), [(0, 16, 16), (1, 16, 16)]);
    assert_eq!(h.threads_per_core, Some(2));
    assert_eq!(
        h.read[0],
        "NUMA nodes 2 and CPUs per node from lscpu -p: node 0 = 16 CPUs (0-7,16-23); node 1 = 16 CPUs (8-15,24-31)"
    );
    // A header on the first line is content, not a prompt to skip.
    let h = import_host(&["# CPU,Core,Socket,Node\n0,0,0,0\n1,1,0,0\n"]).unwrap();
    assert_eq!(sizes(&h), [(0, 2, 2)]);
}

/// lscpu output in a form the planner does not read says which form it is.
#[test]
fn lscpu_forms_not_read_are_named() {
    let read = "the planner reads plain lscpu, lscpu -e, lscpu -p or lscpu -J";
    let cases = [
        (
            "NAME ONE-SIZE ALL-SIZE WAYS TYPE        LEVEL  SETS PHY-LINE COHERENCY-SIZE\nL1d       48K     1.5M   12 Data            1    64        1             64\nL3        48M      96M   12 Unified         3 65536        1             64\n".to_string(),
            format!("This is lscpu -C (caches) output, which has no NUMA nodes; {read}."),
        ),
        (
            "Architecture:          x86_64\nCPU(s):                12\nNUMA ノード数:     2\n".to_string(),
            format!("This looks like lscpu output without its NUMA node(s) and Thread(s) per core lines (cut short, or in another language): paste all of LC_ALL=C lscpu; {read}."),
        ),
        (
            r#"{"cpus": [{"cpu": 0, "node": 0, "socket": 0, "core": 0, "online": true}]}"#.to_string(),
            format!("This is lscpu -J -e output; {read} (-J without -e or -C)."),
        ),
        (
            r#"{"caches": [{"name": "L1d", "one-size": "48K"}]}"#.to_string(),
            format!("This is lscpu -J -C output; {read} (-J without -e or -C)."),
        ),
    ];
    for (text, expected) in cases {
        let e = import_host(&[&text]).unwrap_err();
        assert_eq!(e.to_string(), expected, "{text:?}");
    }
}

/// The performance profile creator's `info --json`: pools, their nodes,
/// each node's NUMA cells and SMT. The first node is read, the others are
/// named with how they differ.
#[test]
fn performance_profile_creator_info() {
    let h = host(&["host/ppc-info.json"]);
    assert_eq!(sizes(&h), [(0, 32, 32), (1, 32, 32)]);
    assert_eq!(h.threads_per_core, Some(2));
    let from = "performance profile creator info node worker-0.example.com (pool worker)";
    assert_eq!(
        h.read[0],
        format!("NUMA nodes 2 and CPUs per node from {from}: node 0 = 32 CPUs (0-15,32-47); node 1 = 32 CPUs (16-31,48-63)")
    );
    for line in [
        format!("threads per core 2 from {from}"),
        "performance profile creator info: smt_enabled true taken as 2 threads per core, as on x86 (the info does not say how many).".to_string(),
        "performance profile creator info lists 3 nodes; the first, worker-0.example.com (pool worker), is read and the others are ignored: worker-1.example.com (pool worker): the same NUMA cells and SMT; cnf-worker-0.example.com (pool worker-cnf): 2 NUMA cells, 80 CPUs, SMT on. To read another, paste only its entry.".to_string(),
    ] {
        assert!(has_line(&h, &line), "{line}: {:?}", h.read);
    }
    // Reserved CPUs from kubelet configuration land on the cells' CPUs.
    let h = host(&["host/ppc-info.json", "host/kubeletconfig-reserved.yaml"]);
    assert_eq!(sizes(&h), [(0, 32, 28), (1, 32, 32)]);

    // Single node OpenShift, SMT off, as the creator printed it before it
    // sorted CPU ids; the cell count it reports is checked.
    let sno = r#"[{"name":"master","nodes":[{"name":"sno","smt_enabled":false,"numa_cells_count":2,"cpus_count":12,"numa_cells":[{"id":0,"cores":[0,2,4,6,8,10,1,3,5,7,9,11]}]}]},{"name":"worker","nodes":null}]"#;
    let h = import_host(&[sno]).unwrap();
    assert_eq!(
        (sizes(&h), h.threads_per_core),
        (vec![(0, 12, 12)], Some(1))
    );
    assert!(has_line(&h, "performance profile creator info reports 2 NUMA nodes but lists CPUs for 1; the listed ones are used."), "{:?}", h.read);
    assert!(
        h.read.iter().all(|l| !l.contains("ignored")),
        "{:?}",
        h.read
    );
}

#[test]
fn performance_profile_creator_info_errors_name_the_field() {
    let cases = [
        (
            r#"[{"name":"master","nodes":null},{"name":"worker","nodes":null}]"#,
            "The performance profile creator's info lists no nodes: every machine config pool's nodes are null.",
        ),
        (
            r#"[{"name":"w","nodes":[{"name":"n","numa_cells":[{"id":0,"cores":[0,"x"]}]}]}]"#,
            "[0].nodes[0].numa_cells[0].cores[1]: \"x\" is not a CPU number.",
        ),
        (
            r#"[{"name":"w","nodes":[{"name":"n","numa_cells":[{"cores":[0]}]}]}]"#,
            "[0].nodes[0].numa_cells[0].id: no NUMA cell id.",
        ),
        (
            r#"[{"name":"w","nodes":[{"name":"n","smt_enabled":"yes","numa_cells":[{"id":0,"cores":[0]}]}]}]"#,
            "[0].nodes[0].smt_enabled: expected true or false, found \"yes\".",
        ),
        (
            r#"[{"name":"w","nodes":[{"name":"n","numa_cells":[]}]}]"#,
            "performance profile creator info: no NUMA node CPU lists found (numa_cells with their cores).",
        ),
        (
            r#"[{"name":"w","nodes":{"name":"n"}}]"#,
            "[0].nodes: expected a list of nodes, found an object.",
        ),
    ];
    for (text, expected) in cases {
        let e = import_host(&[text]).unwrap_err();
        assert_eq!(e.to_string(), expected, "{text}");
    }
}

/// `oc get` of several objects prints one `List`; its items are read as if
/// each came in its own file.
#[test]
fn a_list_of_host_objects_reads_as_separate_files() {
    let list = host(&["host/list-nrt-kubeletconfig.yaml"]);
    let separate = host(&[
        "host/noderesourcetopology-hugepages.yaml",
        "host/kubeletconfig-memory-manager.yaml",
    ]);
    assert_eq!(list, separate);
    assert_eq!(sizes(&list), [(0, 32, 30), (1, 32, 32)]);
    assert_eq!(list.memory_manager, Some(MemoryManager::Static));
    assert_eq!(pages(&list), "2Mi 1024,0; 1Gi 4,10");
}

#[test]
fn numactl_on_an_nps4_host() {
    let h = host(&["host/numactl-nps4.txt"]);
    assert_eq!(
        sizes(&h),
        [(0, 16, 16), (1, 16, 16), (2, 16, 16), (3, 16, 16)]
    );
    assert_eq!((h.numa_nodes(), h.cpus_per_node()), (4, 16));
}

/// Intel SNC3 on 128 cores: nodes of 43, 43 and 42 cores per socket keep
/// their own CPUs; none is short of CPUs it never had.
#[test]
fn lscpu_of_an_snc3_host_keeps_each_nodes_cpus() {
    let h = host(&["host/lscpu-snc3.txt"]);
    let each: Vec<u32> = h.nodes.iter().map(|n| n.capacity).collect();
    assert_eq!(each, [86, 86, 84, 86, 86, 84]);
    let form = applied(&h);
    assert_eq!(
        [
            Field::NumaNodes,
            Field::CpusPerNode,
            Field::NodeCpus,
            Field::ThreadsPerCore,
            Field::ReservedCpus
        ]
        .map(|f| form.host.text(f)),
        ["6", "86", "86,86,84,86,86,84", "2", ""]
    );
    let host = form.input().parse().unwrap().host;
    assert_eq!(host.node_cpus(), [86, 86, 84, 86, 86, 84]);
    assert_eq!(host.allocatable_cpus(), [85, 86, 84, 86, 86, 84]);
    // The same host as the one bought as 2 x 128 cores at SNC3.
    let mut bought = FormState::default();
    bought.host.set_mode(HostMode::AsBought);
    for (field, text) in [
        (Field::HostSockets, "2"),
        (Field::CoresPerSocket, "128"),
        (Field::NodesPerSocket, "3"),
        (Field::ThreadsPerCore, "2"),
    ] {
        bought.set_text(field, text.into());
    }
    assert_eq!(
        bought.input().parse().unwrap().host.node_cpus(),
        host.node_cpus()
    );
    let origins = applied_origins(&h);
    assert!(
        origins.iter().any(|(key, _)| *key == "node_cpus"),
        "{origins:?}"
    );
}

#[test]
fn asymmetric_hardware_names_the_nodes_a_vm_fits_on() {
    let h = host(&["host/numactl-asymmetric.txt"]);
    assert_eq!(sizes(&h), [(0, 24, 24), (1, 24, 24), (2, 16, 16)]);
    assert!(!h.is_uniform());
    assert_eq!(h.cpus_per_node(), 24);
    let note = h.fit_note(20).unwrap();
    assert_eq!(note.code, AdvisoryCode::AsymmetricNumaNodes);
    assert!(
        note.message
            .contains("fits on node 0, node 1 but not on node 2"),
        "{}",
        note.message
    );
    assert!(h
        .fit_note(16)
        .unwrap()
        .message
        .contains("fits on every NUMA node"));
    assert!(h
        .fit_note(25)
        .unwrap()
        .message
        .contains("fits on no single NUMA node"));
}

#[test]
fn reserved_cpus_from_kubelet_config_sit_on_node_zero() {
    let h = host(&[
        "host/lscpu-2socket-smt.txt",
        "host/kubeletconfig-reserved.yaml",
    ]);
    assert_eq!(sizes(&h), [(0, 32, 28), (1, 32, 32)]);
    assert_eq!(h.cpus_per_node(), 32);
    assert_eq!(h.policy, Some(Policy::SingleNumaNode));
    assert!(h.read.iter().any(|l| l == "reserved CPUs 0-1,32-33 from KubeletConfig spec.kubeletConfig.reservedSystemCPUs: allocatable node 0 = 28, node 1 = 32"), "{:?}", h.read);
    let note = h.fit_note(30).unwrap();
    assert!(
        note.message
            .contains("node 0 28 of 32 CPUs allocatable; node 1 32 CPUs"),
        "{}",
        note.message
    );
    assert!(note.message.contains("fits on node 1 but not on node 0"));
}

#[test]
fn kubelet_configuration_and_performance_profile() {
    let h = host(&["host/lscpu-2socket-smt.txt", "host/kubelet-config.yaml"]);
    assert_eq!(sizes(&h), [(0, 32, 30), (1, 32, 32)]);
    assert_eq!(h.policy, Some(Policy::BestEffort));

    let h = host(&[
        "host/numactl-asymmetric.txt",
        "host/performanceprofile.yaml",
    ]);
    assert_eq!(h.policy, Some(Policy::Restricted));
    assert_eq!(sizes(&h), [(0, 24, 22), (1, 24, 22), (2, 16, 16)]);
}

#[test]
fn pasted_together_with_a_document_separator() {
    let both = format!(
        "{}---\n{}",
        fixture("host/lscpu-2socket-smt.txt"),
        fixture("host/kubeletconfig-reserved.yaml")
    );
    let h = import_host(&[&both]).unwrap();
    assert_eq!(sizes(&h), [(0, 32, 28), (1, 32, 32)]);
}

#[test]
fn node_resource_topology() {
    let h = host(&["host/noderesourcetopology.yaml"]);
    assert_eq!(sizes(&h), [(0, 32, 30), (1, 32, 32)]);
    assert_eq!(h.policy, Some(Policy::SingleNumaNode));
    assert!(h.read[0].contains("NodeResourceTopology worker-2.example.com"));
    // It already knows allocatable CPUs: reserved lists are not applied twice.
    let h = host(&[
        "host/noderesourcetopology.yaml",
        "host/kubeletconfig-reserved.yaml",
    ]);
    assert_eq!(sizes(&h), [(0, 32, 30), (1, 32, 32)]);
    assert!(h.read.iter().any(|l| l.contains("not applied")));
}

#[test]
fn vm_with_topology_and_every_prerequisite() {
    let v = vm("vm/vm-numa-topology.yaml");
    assert_eq!(
        (v.kind.as_str(), v.name.as_str()),
        ("VirtualMachine", "db-vnuma")
    );
    assert_eq!(
        v.vcpus,
        VcpuSpec::Topology {
            sockets: 2,
            cores: 12,
            threads: 1
        }
    );
    assert_eq!(v.max_sockets, Some(2));
    assert!(v.isolate_emulator_thread && v.dedicated_cpu_placement && v.guest_mapping_passthrough);
    assert_eq!(v.hugepage_size, Some(HugepageSize::OneGi));
    assert_eq!(v.memory_bytes, Some(64 << 30));
    assert_eq!(
        v.read[0],
        "vCPUs 24 = sockets 2 x cores 12 x threads 1 from VirtualMachine db-vnuma spec.template.spec.domain.cpu"
    );
    assert!(v.notes.is_empty());
}

#[test]
fn vm_without_topology_reads_the_cpu_request_and_flags_missing_prerequisites() {
    let v = vm("vm/vm-no-topology.json");
    assert_eq!(v.vcpus, VcpuSpec::Count(16));
    assert!(v.read[0].starts_with(
        "vCPUs 16 from VirtualMachine web-small spec.template.spec.domain.resources.requests.cpu"
    ));
    let codes: Vec<AdvisoryCode> = v.notes.iter().map(|n| n.code).collect();
    assert_eq!(
        codes,
        [
            AdvisoryCode::MissingDedicatedCpus,
            AdvisoryCode::MissingGuestMappingPassthrough,
            AdvisoryCode::MissingHugepages
        ]
    );
    assert_eq!(
        v.notes[2].message,
        "spec.template.spec.domain.memory.hugepages.pageSize is not set: vNUMA needs the VM's memory backed by huge pages; with numa.guestMappingPassthrough set, KubeVirt's API refuses the VM without them."
    );
    assert!(v.notes.iter().all(|n| n.source.url.starts_with("https://")));
}

#[test]
fn instance_types_and_vms_that_use_them() {
    let t = vm("vm/instancetype-maxsockets.yaml");
    assert_eq!(t.kind, "VirtualMachineClusterInstancetype");
    assert_eq!(t.vcpus, VcpuSpec::Count(40));
    assert_eq!(t.max_sockets, Some(40));
    assert!(t.dedicated_cpu_placement && t.isolate_emulator_thread);
    assert_eq!(
        t.read[0],
        "vCPUs 40 from VirtualMachineClusterInstancetype numa-xl spec.cpu.guest"
    );

    let v = vm("vm/vm-with-instancetype.yaml");
    assert_eq!(v.vcpus, VcpuSpec::Count(40));
    assert_eq!(
        v.read[0],
        "VirtualMachine analytics takes its CPUs from VirtualMachineClusterInstancetype numa-xl"
    );
    // Without the instance type, say what to paste.
    let alone = fixture("vm/vm-with-instancetype.yaml");
    let alone = &alone[..alone.find("- apiVersion: instancetype").unwrap()];
    let e = import_vm(alone, None).unwrap_err();
    assert_eq!(e.at, "spec.instancetype");
    assert!(
        e.problem
            .contains("paste that VirtualMachine(Cluster)Instancetype too"),
        "{e}"
    );
}

/// `oc get vm -o yaml` in a namespace lists every VM: the planner reads the
/// one picked by name, and without a pick lists the names to pick from.
#[test]
fn several_vms_need_a_pick() {
    let text = fixture("vm/vms-list-three.yaml");
    let e = import_vm(&text, None).unwrap_err();
    assert_eq!(
        (e.at.as_str(), e.problem.as_str()),
        (
            "",
            "The text holds 3 VMs: db-primary, db-replica, reporting; pick one with --vm-name NAME."
        )
    );
    assert_eq!(e.choices, ["db-primary", "db-replica", "reporting"]);
    let v = import_vm(&text, Some("db-replica")).unwrap();
    assert_eq!(v.name, "db-replica");
    assert_eq!(
        v.vcpus,
        VcpuSpec::Topology {
            sockets: 1,
            cores: 12,
            threads: 2
        }
    );
    assert_eq!(v.memory_bytes, Some(48 << 30));
    assert_eq!(
        import_vm(&text, Some("reporting")).unwrap().vcpus,
        VcpuSpec::Count(4)
    );
    let e = import_vm(&text, Some("db-standby")).unwrap_err();
    assert_eq!(
        e.problem,
        "No VM, VMI or instance type named db-standby in the text; it holds db-primary, db-replica, reporting."
    );
    assert_eq!(e.choices.len(), 3);
    // A VM and its VMI share their name: one VM, no pick needed.
    let both = format!(
        "{}---\n{}",
        fixture("vm/vmi-running.yaml").replace("VirtualMachineInstance", "VirtualMachine"),
        fixture("vm/vmi-running.yaml")
    );
    assert_eq!(import_vm(&both, None).unwrap().kind, "VirtualMachine");
    // Other errors offer no choice.
    assert!(import_vm("kind: Pod\n", Some("x"))
        .unwrap_err()
        .choices
        .is_empty());
}

/// The common-instancetypes bundle holds many instance types; a VM that
/// names one of them still reads without a pick.
#[test]
fn an_instancetype_bundle_needs_a_pick_unless_a_vm_names_one() {
    let bundle = fixture("vm/instancetypes-cx1-bundle.yaml");
    let e = import_vm(&bundle, None).unwrap_err();
    assert_eq!(
        e.problem,
        "The text holds 4 instance types: cx1.2xlarge, cx1.4xlarge, cx1.8xlarge, cx1.large; pick one with --vm-name NAME."
    );
    assert_eq!(e.choices.len(), 4);
    let t = import_vm(&bundle, Some("cx1.8xlarge")).unwrap();
    assert_eq!(t.vcpus, VcpuSpec::Count(32));
    assert!(t.dedicated_cpu_placement && t.isolate_emulator_thread && t.guest_mapping_passthrough);
    assert_eq!(
        (t.hugepage_size, t.memory_bytes),
        (Some(HugepageSize::TwoMi), Some(64 << 30))
    );

    let vm = "apiVersion: kubevirt.io/v1\nkind: VirtualMachine\nmetadata:\n  name: batch\nspec:\n  instancetype:\n    kind: VirtualMachineClusterInstancetype\n    name: cx1.4xlarge\n  template:\n    spec:\n      domain:\n        devices: {}\n";
    let with_vm = format!("{vm}{bundle}");
    let v = import_vm(&with_vm, None).unwrap();
    assert_eq!(v.vcpus, VcpuSpec::Count(16));
    assert_eq!(
        v.read[0],
        "VirtualMachine batch takes its CPUs from VirtualMachineClusterInstancetype cx1.4xlarge"
    );
    // Picking an instance type beside the VM reads that instance type.
    let t = import_vm(&with_vm, Some("cx1.large")).unwrap();
    assert_eq!(
        (t.kind.as_str(), t.vcpus),
        ("VirtualMachineClusterInstancetype", VcpuSpec::Count(2))
    );
}

/// The names a message lists are capped; every name is still a choice.
#[test]
fn a_long_list_of_names_is_cut_short() {
    let bundle: String = (0..65)
        .map(|i| format!("---\nkind: VirtualMachineClusterInstancetype\nmetadata:\n  name: it-{i:02}\nspec:\n  cpu:\n    guest: 2\n"))
        .collect();
    let e = import_vm(&bundle, None).unwrap_err();
    assert!(
        e.problem
            .starts_with("The text holds 65 instance types: it-00, it-01,"),
        "{e}"
    );
    assert!(e.problem.contains("it-07 and 57 more; pick one"), "{e}");
    assert_eq!(e.choices.len(), 65);
    let long: String = (0..20)
        .map(|i| {
            format!(
                "---\nkind: VirtualMachine\nmetadata:\n  name: {i}{}\n",
                "x".repeat(300)
            )
        })
        .collect();
    let e = import_vm(&long, None).unwrap_err();
    assert!(e.problem.chars().count() < 300, "{e}");
    assert!(e.problem.contains(" more; pick one"), "{e}");
}

#[test]
fn vmi() {
    let v = vm("vm/vmi-running.yaml");
    assert_eq!(v.kind, "VirtualMachineInstance");
    assert_eq!(
        v.vcpus,
        VcpuSpec::Topology {
            sockets: 1,
            cores: 17,
            threads: 1
        }
    );
    assert_eq!(v.hugepage_size, Some(HugepageSize::TwoMi));
    assert_eq!(v.memory_bytes, Some(32 << 30));
}

#[test]
fn unreadable_input_points_at_the_line_or_field() {
    let cases: &[(&str, &str)] = &[
        ("", "the text is empty"),
        ("kind: VirtualMachine\nspec: [unclosed", "Not valid YAML or JSON at line"),
        ("apiVersion: v1\nkind: Pod\n", "A Pod is not a VM"),
        ("hello: world\n", "Not a KubeVirt object"),
        (
            "kind: VirtualMachineInstance\nspec:\n  domain:\n    cpu:\n      cores: many\n",
            "spec.domain.cpu.cores: \"many\" is not a whole number from 1 to 16384.",
        ),
        (
            "kind: VirtualMachineInstance\nspec:\n  domain:\n    resources:\n      requests:\n        cpu: 1500m\n",
            "spec.domain.resources.requests.cpu: \"1500m\" is not a whole number of CPUs",
        ),
        (
            "kind: VirtualMachineInstance\nspec:\n  domain:\n    cpu:\n      sockets: 64\n      cores: 64\n      threads: 8\n",
            "spec.domain.cpu: sockets 64 x cores 64 x threads 8: vCPUs must be at most 16384; got 32768.",
        ),
        (
            "kind: VirtualMachineInstance\nspec:\n  domain:\n    cpu:\n      maxSockets: 0\n",
            "spec.domain.cpu.maxSockets: Max sockets must be at least 1; got 0.",
        ),
        (
            "kind: VirtualMachineClusterInstancetype\nspec:\n  cpu: {}\n",
            "spec.cpu.guest: no vCPU count.",
        ),
    ];
    for (text, expected) in cases {
        let e = import_vm(text, None).unwrap_err();
        assert!(e.to_string().contains(expected), "{text:?}: {e}");
    }
    let host_cases: &[(&str, &str)] = &[
        (
            "NUMA node(s): 2\nNUMA node0 CPU(s): 0-x\n",
            "lscpu line 2: cannot read the CPU list \"0-x\"",
        ),
        (
            "NUMA node(s): 1\nNUMA node0 CPU(s): 9-3\n",
            "the range 9-3 runs backwards",
        ),
        ("NUMA node(s): 2\n", "lscpu: no NUMA node CPU lists found"),
        (
            "available: 1 nodes (0)\nnode 0 cpus: 0 1 99999999\n",
            "numactl line 2: cannot read the CPU list",
        ),
        (
            "kind: KubeletConfig\nspec:\n  kubeletConfig:\n    reservedSystemCPUs: 0-\n",
            "spec.kubeletConfig.reservedSystemCPUs: cannot read the CPU list \"0-\"",
        ),
        (
            "apiVersion: v1\nkind: List\nitems: []\n",
            "No CPU topology, reserved CPUs or Topology Manager policy found",
        ),
        (
            "kind: NodeResourceTopology\nzones:\n- name: node-0\n  type: Node\n  resources:\n  - name: cpu\n    capacity: 5000\n",
            "zones[0].resources[cpu].capacity: CPUs per NUMA node must be at most 4096; got 5000.",
        ),
        ("kind: ConfigMap\n", "A ConfigMap does not describe a host"),
    ];
    for (text, expected) in host_cases {
        let e = import_host(&[text]).unwrap_err();
        assert!(e.to_string().contains(expected), "{text:?}: {e}");
    }
}

#[test]
fn cpu_lists() {
    let l = CpuList::parse("0-15,32-47").unwrap();
    assert_eq!((l.len(), l.compact()), (32, "0-15,32-47".to_string()));
    let spaced = CpuList::parse("3 1 2 0 8").unwrap();
    assert_eq!(spaced.compact(), "0-3,8");
    assert_eq!(l.overlap(&CpuList::parse("0-1,32-33,100").unwrap()), 4);
    assert!(CpuList::parse("").unwrap().is_empty());
}

/// A paste that starts with the command line that printed it reads as the
/// output alone, for every reader; errors still name the paste's lines.
#[test]
fn a_leading_prompt_line_is_skipped() {
    let vms = [
        ("$ kubectl get vmi x -o yaml\n", "vm/vmi-running.yaml"),
        (
            "[core@bastion ~]$ oc get vm db -o json\n",
            "vm/vm-no-topology.json",
        ),
        ("# oc get vm -o yaml\n", "vm/vm-with-instancetype.yaml"),
    ];
    for (prompt, path) in vms {
        assert_eq!(
            import_vm(&format!("{prompt}{}", fixture(path)), None).unwrap(),
            vm(path),
            "{prompt}"
        );
    }
    let hosts = [
        ("[core@worker-0 ~]$ lscpu\n", "host/lscpu-2socket-smt.txt"),
        ("sh-5.1# numactl -H\n", "host/numactl-nps4.txt"),
        (
            "$ oc get noderesourcetopology worker-2.example.com -o yaml\n",
            "host/noderesourcetopology.yaml",
        ),
        ("root@worker-1:~# lscpu -J\n", "host/lscpu.json"),
    ];
    for (prompt, path) in hosts {
        assert_eq!(
            import_host(&[&format!("\n{prompt}{}", fixture(path))]).unwrap(),
            host(&[path]),
            "{prompt}"
        );
    }
    let e = import_vm(
        "$ oc get vm -o yaml\nkind: VirtualMachine\nspec: [unclosed\n",
        None,
    )
    .unwrap_err();
    assert!(
        e.problem.starts_with("Not valid YAML or JSON at line 4,"),
        "{e}"
    );
}

/// lscpu from util-linux 2.42 prints alternating CPUs as strided ranges.
#[test]
fn strided_cpu_lists_as_lscpu_2_42_prints_them() {
    let text = "NUMA node(s): 2\nNUMA node0 CPU(s): 0-62:2\nNUMA node1 CPU(s): 1-63:2\nThread(s) per core: 2\n";
    let h = import_host(&[text]).unwrap();
    assert_eq!(sizes(&h), [(0, 32, 32), (1, 32, 32)]);
    assert_eq!(h.threads_per_core, Some(2));
    let evens = CpuList::parse("0-62:2").unwrap();
    assert_eq!(evens.overlap(&CpuList::parse("0-7").unwrap()), 4);
    let e = import_host(&["NUMA node(s): 1\nNUMA node0 CPU(s): 0-62:0\n"]).unwrap_err();
    assert_eq!(
        e.to_string(),
        "lscpu line 2: cannot read the CPU list \"0-62:0\": the stride \"0\" of \"0-62:0\" is not a whole number of at least 1"
    );
}

fn mutate(text: &str, cuts: &[(usize, usize, String)]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for (at, len, insert) in cuts {
        if chars.is_empty() {
            break;
        }
        let at = at % chars.len();
        let end = (at + len).min(chars.len());
        chars.splice(at..end, insert.chars());
    }
    chars.into_iter().collect()
}

const FIXTURES: [&str; 37] = [
    "host/cpu_manager_state.json",
    "host/cpu_manager_state-busy.json",
    "host/cpu_manager_state-none.json",
    "host/lscpu-snc3.txt",
    "host/numactl-wrapped-mail.txt",
    "host/performanceprofile-half-offlined.yaml",
    "vm/vm-u1-xlarge.yaml",
    "host/lscpu-2socket-smt.txt",
    "host/lscpu-e-2socket-smt.txt",
    "host/lscpu-p-epyc-nps2.txt",
    "host/lscpu.json",
    "host/numactl-nps4.txt",
    "host/numactl-asymmetric.txt",
    "host/kubeletconfig-reserved.yaml",
    "host/kubeletconfig-policy-options.yaml",
    "host/kubelet-config.yaml",
    "host/performanceprofile.yaml",
    "host/performanceprofile-single-numa-offlined.yaml",
    "host/noderesourcetopology.yaml",
    "host/noderesourcetopology-legacy.yaml",
    "host/sysfs-hugepages.txt",
    "host/sysfs-kubevirt-6981.txt",
    "host/performanceprofile-hugepages.yaml",
    "host/noderesourcetopology-hugepages.yaml",
    "host/kubeletconfig-memory-manager.yaml",
    "host/ppc-info.json",
    "host/list-nrt-kubeletconfig.yaml",
    "vm/vm-numa-topology.yaml",
    "vm/vm-no-topology.json",
    "vm/vm-requests-differ-limits.yaml",
    "vm/instancetype-maxsockets.yaml",
    "vm/vm-with-instancetype.yaml",
    "vm/vm-instancetype-conflict.yaml",
    "vm/vmi-running.yaml",
    "vm/vm-hugepages-1gi.yaml",
    "vm/vms-list-three.yaml",
    "vm/instancetypes-cx1-bundle.yaml",
];

proptest! {
    // 2,000 cases each: arbitrary text, and every fixture with random edits.
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,300}") {
        let _ = import_vm(&text, None);
        let _ = import_host(&[&text]);
    }

    #[test]
    fn mutated_fixtures_never_panic(
        which in 0..FIXTURES.len(),
        cuts in prop::collection::vec((any::<usize>(), 0usize..8, "[-:{}\\[\\], 0-9a-z\\n\"']{0,6}"), 1..6),
        pick in prop::option::of(prop::sample::select(&["db-replica", "cx1.large"][..])),
    ) {
        let text = mutate(&fixture(FIXTURES[which]), &cuts);
        if let Ok(v) = import_vm(&text, pick) {
            prop_assert!(v.vcpus != VcpuSpec::Count(0));
        }
        if let Ok(h) = import_host(&[&text]) {
            // Kubelet configuration alone gives a host without nodes.
            prop_assert!(h.nodes.is_empty() || h.cpus_per_node() >= 1);
            prop_assert!(!h.read.is_empty());
            // Whatever the host, the form it fills is one the planner takes.
            let mut form = FormState::default();
            h.apply(&mut form);
            let parsed = form.input().parse();
            prop_assert!(parsed.is_ok(), "{:?}: {:?}", form, parsed);
            // The same after a VM with guest memory and huge pages, so the
            // free huge pages go in too.
            let mut form = FormState::default();
            vm("vm/vm-hugepages-1gi.yaml").apply(&mut form);
            h.apply(&mut form);
            let parsed = form.input().parse();
            prop_assert!(parsed.is_ok(), "{:?}: {:?}", form, parsed);
        }
    }
}

proptest! {
    // A kubelet state is read against the CPU lists of a topology beside it.
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn a_mutated_cpu_manager_state_beside_lscpu_never_panics(
        which in 0..3usize,
        cuts in prop::collection::vec((any::<usize>(), 0usize..8, "[-:,{}\"0-9a-z]{0,6}"), 1..6),
    ) {
        let text = mutate(&fixture(FIXTURES[which]), &cuts);
        let lscpu = fixture("host/lscpu-2socket-smt.txt");
        if let Ok(h) = import_host(&[&lscpu, &text]) {
            let free = h.free_cpus();
            prop_assert!(free.is_empty() || free.len() == 2);
            let form = applied(&h);
            let parsed = form.input().parse();
            prop_assert!(parsed.is_ok(), "{:?}: {:?}", form, parsed);
        }
    }
}

#[test]
fn hostile_sizes_are_refused_not_crashed_on() {
    let deep = "[".repeat(100_000);
    assert!(import_vm(&deep, None)
        .unwrap_err()
        .to_string()
        .contains("nests brackets"));
    let huge = "a".repeat(MAX_INPUT_BYTES + 1);
    assert!(import_host(&[&huge])
        .unwrap_err()
        .to_string()
        .contains("reads at most 2 MB"));
    // Billion laughs: nine levels of nine aliases would be 9^9 copies of a
    // string; the text is refused a few thousand nodes in.
    let laughs = fixture("vm/billion-laughs.yaml");
    assert_eq!(
        import_vm(&laughs, None).unwrap_err().to_string(),
        format!(
            "The YAML expands to more than {} nodes through its aliases (&anchor and *alias); the planner refuses it.",
            2 * laughs.len() + 1024
        )
    );
    // The same bound for a host's YAML, and aliases within it still read.
    let kubelet = laughs.replace("kind: VirtualMachine", "kind: KubeletConfiguration");
    assert!(import_host(&[&kubelet])
        .unwrap_err()
        .to_string()
        .contains("through its aliases"));
    let few = "kind: VirtualMachineInstance\nmetadata:\n  name: x\nspec:\n  domain:\n    cpu: &cpu\n      cores: 6\n  copy: *cpu\n";
    assert_eq!(
        import_vm(few, None).unwrap().vcpus,
        VcpuSpec::Topology {
            sockets: 1,
            cores: 6,
            threads: 1
        }
    );
    let many = format!("NUMA node(s): 1\nNUMA node0 CPU(s): {}\n", "0-4194303");
    assert_eq!(
        import_host(&[&many]).unwrap_err().to_string(),
        "lscpu node 0: CPUs per NUMA node must be at most 4096; got 4194304."
    );
}

/// Messages quote at most a short piece of what was pasted, however long
/// the line or value it comes from (the longest message quotes twice).
#[test]
fn error_messages_quote_a_short_piece_of_huge_input() {
    let garbage = "x".repeat(MAX_INPUT_BYTES - 1024);
    let lscpu = format!("NUMA node(s): 1\nNUMA node0 CPU(s): 0-3,{garbage}\n");
    let numactl = format!("available: 1 nodes (0)\nnode 0 cpus: 0 1 {garbage}\n");
    let kubelet = format!(
        "kind: KubeletConfig\nspec:\n  kubeletConfig:\n    reservedSystemCPUs: \"{garbage}\"\n"
    );
    let policy = format!("kind: KubeletConfiguration\ntopologyManagerPolicy: {garbage}\n");
    let kind = format!("kind: {garbage}\n");
    for text in [&lscpu, &numactl, &kubelet, &policy, &kind] {
        let e = import_host(&[text]).unwrap_err().to_string();
        assert!(e.chars().count() < 300, "{} bytes: {}", e.len(), quote(&e));
    }
    let vm_cases = [
        format!("kind: VirtualMachineInstance\nspec:\n  domain:\n    cpu:\n      cores: {garbage}\n"),
        format!("kind: VirtualMachineInstance\nspec:\n  domain:\n    resources:\n      requests:\n        cpu: {garbage}\n"),
        format!("kind: VirtualMachine\nspec:\n  instancetype:\n    name: {garbage}\n"),
        format!("kind: {garbage}\n"),
    ];
    for text in &vm_cases {
        let e = import_vm(text, None).unwrap_err().to_string();
        assert!(e.chars().count() < 300, "{} bytes: {}", e.len(), quote(&e));
    }
}

/// A VMI without any CPU field has KubeVirt's one vCPU; flags may change it.
#[test]
fn a_vm_without_cpu_fields_has_kubevirts_one_vcpu() {
    let v = import_vm("kind: VirtualMachineInstance\nmetadata:\n  name: bare\nspec:\n  domain:\n    devices: {}\n", None).unwrap();
    assert_eq!(v.vcpus, VcpuSpec::Count(1));
    assert_eq!(
        v.read[0],
        "vCPUs 1: no CPU topology or CPU request in VirtualMachineInstance bare, KubeVirt's default"
    );
    let v = import_vm("kind: VirtualMachine\nspec: {}\n", None).unwrap();
    assert_eq!(v.vcpus, VcpuSpec::Count(1));
    assert!(v.read[0].ends_with("in VirtualMachine, KubeVirt's default"));
    let mut form = FormState::default();
    v.apply(&mut form);
    assert_eq!(form.vm.text(Field::Vcpus), "1");
}

/// Kubelet configuration alone gives the policy and no nodes: the form keeps
/// the node count, size and SMT it has.
#[test]
fn kubelet_configuration_alone_gives_a_host_without_nodes() {
    let h = host(&["host/kubeletconfig-reserved.yaml"]);
    assert!(h.nodes.is_empty());
    assert_eq!(h.policy, Some(Policy::SingleNumaNode));
    assert_eq!(h.threads_per_core, None);
    assert!(
        h.read.iter().any(|l| l.starts_with(
            "reserved CPUs 0-1,32-33 from KubeletConfig spec.kubeletConfig.reservedSystemCPUs not placed on NUMA nodes"
        )),
        "{:?}",
        h.read
    );
    assert!(
        h.read.iter().any(|l| l
            == "Topology Manager policy single-numa-node from KubeletConfig spec.kubeletConfig.topologyManagerPolicy"),
        "{:?}",
        h.read
    );
    assert_eq!(h.fit_note(4), None);

    let mut form = FormState::default();
    form.set_text(Field::NumaNodes, "4".into());
    form.set_text(Field::CpusPerNode, "16".into());
    form.set_text(Field::ThreadsPerCore, "2".into());
    h.apply(&mut form);
    assert_eq!(
        (
            form.host.text(Field::NumaNodes),
            form.host.text(Field::CpusPerNode),
            form.host.text(Field::ThreadsPerCore)
        ),
        ("4", "16", "2")
    );
    assert_eq!(form.cluster.policy, Some(Policy::SingleNumaNode));

    // With a topology the same file is applied as before.
    let h = host(&["host/kubeletconfig-reserved.yaml", "host/numactl-nps4.txt"]);
    h.apply(&mut form);
    assert_eq!(
        (
            form.host.text(Field::NumaNodes),
            form.host.text(Field::CpusPerNode)
        ),
        ("4", "16")
    );
}

#[test]
fn everything_reserved_is_still_refused() {
    let lscpu = "NUMA node(s): 1\nNUMA node0 CPU(s): 0-3\n";
    let kubelet = "kind: KubeletConfiguration\nreservedSystemCPUs: 0-3\n";
    let e = import_host(&[lscpu, kubelet]).unwrap_err();
    assert!(e.at.is_empty());
    assert_eq!(
        e.problem,
        "Every CPU of the host is reserved; no pod can get a dedicated CPU."
    );
}

fn applied(h: &HostImport) -> FormState {
    let mut form = FormState::default();
    h.apply(&mut form);
    form
}

fn has_line(h: &HostImport, line: &str) -> bool {
    h.read.iter().any(|l| l == line)
}

/// The form takes the largest node's online CPUs and, per node, what pods
/// cannot get of them.
#[test]
fn lscpu_and_reserved_kubelet_config_fill_the_form() {
    let h = host(&[
        "host/lscpu-2socket-smt.txt",
        "host/kubeletconfig-reserved.yaml",
    ]);
    assert_eq!(h.reserved_cpus(), [4]);
    let form = applied(&h);
    assert_eq!(
        (
            form.host.text(Field::NumaNodes),
            form.host.text(Field::CpusPerNode),
            form.host.text(Field::ThreadsPerCore),
            form.host.text(Field::ReservedCpus)
        ),
        ("2", "32", "2", "4")
    );
    assert!(
        has_line(&h, "reserved CPUs per node 4 (node 0: 0-1,32-33 reserved)"),
        "{:?}",
        h.read
    );
    // Nothing said: the file sets no option.
    assert_eq!(
        (form.cluster.full_pcpus_only, form.cluster.node_limit),
        (None, None)
    );
}

#[test]
fn nothing_reserved_leaves_the_form_empty_and_says_so() {
    let h = host(&["host/lscpu.json"]);
    assert!(h.reserved_cpus().is_empty());
    let mut form = FormState::default();
    form.set_text(Field::ReservedCpus, "3".into());
    h.apply(&mut form);
    assert_eq!(
        (
            form.host.text(Field::CpusPerNode),
            form.host.text(Field::ReservedCpus)
        ),
        ("24", "")
    );
    assert!(has_line(
        &h,
        "reserved CPUs per node left empty: the texts reserve no CPU on any node, so the planner assumes 1 on node 0"
    ));
}

/// A node with fewer CPUs than the largest counts its missing ones as
/// unavailable, so the planner sees each node's real allocatable CPUs.
#[test]
fn smaller_nodes_keep_their_own_cpus() {
    let h = host(&[
        "host/numactl-asymmetric.txt",
        "host/performanceprofile.yaml",
    ]);
    let form = applied(&h);
    assert_eq!(
        [Field::CpusPerNode, Field::NodeCpus, Field::ReservedCpus].map(|f| form.host.text(f)),
        ["24", "24,24,16", "2,2"]
    );
    assert!(
        has_line(
            &h,
            "reserved CPUs per node 2,2 (node 0: 0-1 reserved; node 1: 32-33 reserved)"
        ),
        "{:?}",
        h.read
    );
    let planned = form.input().parse().unwrap().host;
    assert_eq!(planned.node_cpus(), [24, 24, 16]);
    assert_eq!(planned.allocatable_cpus(), [22, 22, 16]);
    let h = host(&["host/numactl-asymmetric.txt"]);
    let form = applied(&h);
    assert_eq!(
        [Field::NodeCpus, Field::ReservedCpus].map(|f| form.host.text(f)),
        ["24,24,16", ""]
    );
}

#[test]
fn kubelet_policy_options_set_full_pcpus_only_and_the_node_limit() {
    let h = host(&[
        "host/lscpu-2socket-smt.txt",
        "host/kubeletconfig-policy-options.yaml",
    ]);
    assert_eq!((h.full_pcpus_only, h.node_limit), (Some(true), Some(16)));
    assert_eq!(h.policy, Some(Policy::Restricted));
    let form = applied(&h);
    assert_eq!(form.cluster.full_pcpus_only, Some(true));
    assert_eq!(form.cluster.node_limit, Some(16));
    assert_eq!(form.host.text(Field::ReservedCpus), "2");
    for line in [
        "full-pcpus-only on from KubeletConfig spec.kubeletConfig.cpuManagerPolicyOptions.full-pcpus-only",
        "Topology Manager node limit 16 from KubeletConfig spec.kubeletConfig.topologyManagerPolicyOptions.max-allowable-numa-nodes",
        "reserved CPUs per node 2 (node 0: 0,32 reserved)",
    ] {
        assert!(has_line(&h, line), "{line}: {:?}", h.read);
    }
    // Alone, the file still gives its options.
    let h = host(&["host/kubeletconfig-policy-options.yaml"]);
    assert!(h.nodes.is_empty());
    assert_eq!((h.full_pcpus_only, h.node_limit), (Some(true), Some(16)));

    // The same options in a KubeletConfiguration; off stays off.
    let k = "kind: KubeletConfiguration\ncpuManagerPolicyOptions:\n  full-pcpus-only: \"false\"\ntopologyManagerPolicyOptions:\n  max-allowable-numa-nodes: 12\n";
    let h = import_host(&[k]).unwrap();
    assert_eq!((h.full_pcpus_only, h.node_limit), (Some(false), Some(12)));
    let mut form = FormState::default();
    form.cluster.full_pcpus_only = Some(true);
    h.apply(&mut form);
    assert_eq!(form.cluster.full_pcpus_only, Some(false));
}

#[test]
fn a_node_limit_out_of_bounds_names_its_path() {
    for (value, problem) in [
        ("\"0\"", "NUMA nodes must be at least 1; got 0."),
        ("\"2000\"", "NUMA nodes must be at most 1024; got 2000."),
        ("\"16.5\"", "\"16.5\" is not a whole number from 1 to 1024."),
    ] {
        let text = format!(
            "kind: KubeletConfig\nspec:\n  kubeletConfig:\n    topologyManagerPolicyOptions:\n      max-allowable-numa-nodes: {value}\n"
        );
        let e = import_host(&[&text]).unwrap_err();
        assert_eq!(
            e.at,
            "spec.kubeletConfig.topologyManagerPolicyOptions.max-allowable-numa-nodes"
        );
        assert_eq!(e.problem, problem, "{value}");
    }
    let text =
        "kind: KubeletConfiguration\ncpuManagerPolicyOptions:\n  full-pcpus-only: yes please\n";
    let e = import_host(&[text]).unwrap_err();
    assert_eq!(e.at, "cpuManagerPolicyOptions.full-pcpus-only");
}

/// OpenShift's profile: single-numa-node implies full-pcpus-only; offline
/// CPUs leave their node's online and allocatable CPUs.
#[test]
fn performance_profile_single_numa_node_with_offline_cpus() {
    let h = host(&[
        "host/lscpu-2socket-smt.txt",
        "host/performanceprofile-single-numa-offlined.yaml",
    ]);
    assert_eq!(sizes(&h), [(0, 32, 28), (1, 28, 28)]);
    assert_eq!(
        h.nodes[1].cpus.as_ref().map(CpuList::compact).as_deref(),
        Some("16-29,48-61")
    );
    assert_eq!(h.policy, Some(Policy::SingleNumaNode));
    // The profile gives the node tuning; full-pcpus-only is what it implies
    // under each policy, not a value given for all four.
    assert_eq!(h.full_pcpus_only, None);
    assert_eq!(h.node_tuning, Some(NodeTuning::PerformanceProfile));
    let form = applied(&h);
    assert_eq!(
        (
            form.host.text(Field::CpusPerNode),
            form.host.text(Field::ThreadsPerCore),
            form.host.text(Field::ReservedCpus)
        ),
        ("32", "2", "4")
    );
    assert_eq!(form.host.text(Field::NodeCpus), "32,28");
    assert_eq!(form.cluster.full_pcpus_only, None);
    assert_eq!(form.cluster.node_tuning, NodeTuning::PerformanceProfile);
    let host = form.input().parse().unwrap().host;
    assert!(host.for_policy(Policy::SingleNumaNode).full_pcpus_only());
    assert!(!host.for_policy(Policy::Restricted).full_pcpus_only());
    for line in [
        "offline CPUs 30-31,62-63 from PerformanceProfile spec.cpu.offlined taken off: online CPUs node 0 = 32, node 1 = 28",
        "reserved CPUs 0-1,32-33 from PerformanceProfile spec.cpu.reserved: allocatable node 0 = 28, node 1 = 28",
        "reserved CPUs per node 4 (node 0: 0-1,32-33 reserved)",
        "node tuning performance-profile from PerformanceProfile",
        "CPU manager policy static from PerformanceProfile: the profile always sets it",
    ] {
        assert!(has_line(&h, line), "{line}: {:?}", h.read);
    }
}

#[test]
fn performance_profile_without_a_policy_is_best_effort() {
    let profile = "kind: PerformanceProfile\nspec:\n  cpu:\n    reserved: 0-1\n";
    let h = import_host(&["NUMA node(s): 1\nNUMA node0 CPU(s): 0-15\n", profile]).unwrap();
    assert_eq!(h.policy, Some(Policy::BestEffort));
    assert_eq!(h.full_pcpus_only, None);
    assert!(has_line(
        &h,
        "Topology Manager policy best-effort from PerformanceProfile: spec.numa.topologyPolicy is absent, so the profile's default applies"
    ), "{:?}", h.read);
    // Every CPU offline is refused.
    let off = "kind: PerformanceProfile\nspec:\n  cpu:\n    offlined: 0-15\n";
    let e = import_host(&["NUMA node(s): 1\nNUMA node0 CPU(s): 0-15\n", off]).unwrap_err();
    assert!(
        e.problem.starts_with("Every CPU of the host is offline"),
        "{e}"
    );
    let e =
        import_host(&["kind: PerformanceProfile\nspec:\n  cpu:\n    offlined: x\n"]).unwrap_err();
    assert_eq!(e.at, "spec.cpu.offlined");
}

#[test]
fn nrt_legacy_policy_name_and_reserved_cpus() {
    let h = host(&["host/noderesourcetopology-legacy.yaml"]);
    assert_eq!(sizes(&h), [(0, 48, 44), (1, 48, 48)]);
    assert_eq!(h.policy, Some(Policy::Restricted));
    let form = applied(&h);
    assert_eq!(
        (
            form.host.text(Field::NumaNodes),
            form.host.text(Field::CpusPerNode),
            form.host.text(Field::ReservedCpus)
        ),
        ("2", "48", "4")
    );
    for line in [
        "reserved CPUs per node 4 (node 0: 4 reserved, capacity 48 less allocatable 44)",
        "Topology Manager policy restricted from NodeResourceTopology topologyPolicies RestrictedPodLevel (scope: pod)",
    ] {
        assert!(has_line(&h, line), "{line}: {:?}", h.read);
    }
    // The attribute form, with the scope from its own attribute.
    let h = host(&["host/noderesourcetopology.yaml"]);
    assert!(has_line(
        &h,
        "Topology Manager policy single-numa-node from NodeResourceTopology attribute topologyManagerPolicy single-numa-node (scope: container)"
    ), "{:?}", h.read);
    assert_eq!(applied(&h).host.text(Field::ReservedCpus), "2");
}

#[test]
fn nrt_policy_names_in_every_spelling() {
    let zones =
        "zones:\n- name: node-0\n  type: Node\n  resources:\n  - name: cpu\n    capacity: 8\n";
    let cases = [
        ("SingleNUMANode", Policy::SingleNumaNode),
        ("SingleNUMANodeContainerLevel", Policy::SingleNumaNode),
        ("SingleNUMANodePodLevel", Policy::SingleNumaNode),
        ("RestrictedContainerLevel", Policy::Restricted),
        ("RestrictedPodLevel", Policy::Restricted),
        ("BestEffortContainerLevel", Policy::BestEffort),
        ("BestEffortPodLevel", Policy::BestEffort),
        ("NoneContainerLevel", Policy::None),
        ("NonePodLevel", Policy::None),
        ("Restricted", Policy::Restricted),
        ("BestEffort", Policy::BestEffort),
        ("None", Policy::None),
        ("single-numa-node", Policy::SingleNumaNode),
        ("best-effort", Policy::BestEffort),
    ];
    for (name, policy) in cases {
        let text = format!("kind: NodeResourceTopology\ntopologyPolicies: [{name}]\n{zones}");
        assert_eq!(
            import_host(&[&text]).unwrap().policy,
            Some(policy),
            "{name}"
        );
        let text = format!(
            "kind: NodeResourceTopology\nattributes:\n- name: topologyManagerPolicy\n  value: {name}\n{zones}"
        );
        assert_eq!(
            import_host(&[&text]).unwrap().policy,
            Some(policy),
            "{name}"
        );
    }
    let text = format!("kind: NodeResourceTopology\ntopologyPolicies: [Strict]\n{zones}");
    let e = import_host(&[&text]).unwrap_err();
    assert_eq!(
        e.to_string(),
        "topologyPolicies[0]: unknown Topology Manager policy \"Strict\"."
    );
    let text = format!(
        "kind: NodeResourceTopology\nattributes:\n- name: topologyManagerScope\n  value: pod\n- name: topologyManagerPolicy\n  value: sometimes\n{zones}"
    );
    let e = import_host(&[&text]).unwrap_err();
    assert_eq!(e.at, "attributes[1].value");
}

#[test]
fn vm_requests_differ_from_limits() {
    let v = vm("vm/vm-requests-differ-limits.yaml");
    assert_eq!(v.vcpus, VcpuSpec::Count(12));
    assert_eq!(
        v.read[0],
        "vCPUs 12 from VirtualMachine batch-mismatch spec.template.spec.domain.resources.limits.cpu (no topology: KubeVirt gives one socket per vCPU)"
    );
    assert_eq!(v.notes.len(), 1, "{:?}", v.notes);
    let note = &v.notes[0];
    assert_eq!(note.code, AdvisoryCode::CpuRequestsDifferFromLimits);
    assert_eq!(
        note.message,
        "spec.template.spec.domain.resources.requests.cpu is 8 but spec.template.spec.domain.resources.limits.cpu is 12: with dedicated CPUs they must be equal. The planner used the limit, 12 vCPUs, as KubeVirt does for the default topology."
    );
    assert!(note.source.url.contains("dedicated_cpu_resources"));
    let mut form = FormState::default();
    v.apply(&mut form);
    assert_eq!(form.vm.text(Field::Vcpus), "12");
    assert!(form.vm.dedicated_cpus && form.vm.numa_passthrough);

    // Equal, or only one of them: no note; a fractional request beside a
    // whole limit is a difference, not an error.
    let vmi = |resources: &str| {
        import_vm(
            &format!("kind: VirtualMachineInstance\nspec:\n  domain:\n    resources:\n{resources}"),
            None,
        )
        .unwrap()
    };
    let equal = vmi("      requests:\n        cpu: 4\n      limits:\n        cpu: 4000m\n");
    assert_eq!(equal.vcpus, VcpuSpec::Count(4));
    assert!(equal
        .notes
        .iter()
        .all(|n| n.code != AdvisoryCode::CpuRequestsDifferFromLimits));
    let limit_only = vmi("      limits:\n        cpu: 6\n");
    assert_eq!(limit_only.vcpus, VcpuSpec::Count(6));
    assert!(limit_only.read[0].contains("limits.cpu"));
    let fraction = vmi("      requests:\n        cpu: 500m\n      limits:\n        cpu: 2\n");
    assert_eq!(fraction.vcpus, VcpuSpec::Count(2));
    assert!(fraction
        .notes
        .iter()
        .any(|n| n.code == AdvisoryCode::CpuRequestsDifferFromLimits
            && n.message.contains("is 500m but")));
}

#[test]
fn a_vm_without_dedicated_cpus_or_passthrough_turns_them_off_in_the_form() {
    let v = vm("vm/vm-no-topology.json");
    let mut form = FormState::default();
    assert!(form.vm.dedicated_cpus && form.vm.numa_passthrough);
    v.apply(&mut form);
    assert!(!form.vm.dedicated_cpus && !form.vm.numa_passthrough);
}

/// The form after the VM and then the host, as the CLI applies them; the
/// planner takes it.
fn vm_then_host(vm_path: &str, h: &HostImport) -> FormState {
    let mut form = FormState::default();
    vm(vm_path).apply(&mut form);
    h.apply(&mut form);
    assert!(form.input().parse().is_ok(), "{form:?}");
    form
}

#[test]
fn vm_guest_memory_and_huge_page_size() {
    let v = vm("vm/vm-hugepages-1gi.yaml");
    assert_eq!(v.memory_bytes, Some(9 << 30));
    assert_eq!(v.hugepage_size, Some(HugepageSize::OneGi));
    for line in [
        "guest memory 9Gi from VirtualMachine reports-vnuma spec.template.spec.domain.memory.guest",
        "huge page size 1Gi from VirtualMachine reports-vnuma spec.template.spec.domain.memory.hugepages.pageSize",
    ] {
        assert!(v.read.iter().any(|l| l == line), "{line}: {:?}", v.read);
    }
    let mut form = FormState::default();
    v.apply(&mut form);
    assert_eq!(
        (form.vm.text(Field::Memory), form.vm.hugepage_size),
        ("9Gi", Some(HugepageSize::OneGi))
    );
    assert!(form.input().parse().is_ok());

    // A VM without memory or huge pages leaves them unknown in the form.
    let mut form = FormState::default();
    form.set_text(Field::Memory, "4Gi".into());
    form.vm.hugepage_size = Some(HugepageSize::TwoMi);
    import_vm("kind: VirtualMachine\nspec: {}\n", None)
        .unwrap()
        .apply(&mut form);
    assert_eq!(
        (form.vm.text(Field::Memory), form.vm.hugepage_size),
        ("", None)
    );
}

#[test]
fn vm_memory_falls_back_to_the_request_then_the_limit() {
    let vmi = |domain: &str| {
        import_vm(
            &format!("kind: VirtualMachineInstance\nspec:\n  domain:\n{domain}"),
            None,
        )
    };
    let v = vmi("    resources:\n      requests:\n        memory: 4096Mi\n      limits:\n        memory: 8Gi\n").unwrap();
    assert_eq!(v.memory_bytes, Some(4 << 30));
    assert!(v.read.contains(&"guest memory 4Gi (4096Mi) from VirtualMachineInstance spec.domain.resources.requests.memory (no memory.guest: KubeVirt gives the guest the memory request)".to_string()), "{:?}", v.read);
    let v = vmi("    resources:\n      limits:\n        memory: 8Gi\n").unwrap();
    assert_eq!(v.memory_bytes, Some(8 << 30));
    assert!(v.read.contains(&"guest memory 8Gi from VirtualMachineInstance spec.domain.resources.limits.memory (no memory.guest or memory request: the request defaults to the limit)".to_string()), "{:?}", v.read);
    let v = vmi(
        "    memory:\n      guest: 2Gi\n    resources:\n      requests:\n        memory: 3Gi\n",
    )
    .unwrap();
    assert_eq!(v.memory_bytes, Some(2 << 30));
    // Page sizes in other spellings of the same bytes.
    for (size, expected) in [
        ("2048Ki", HugepageSize::TwoMi),
        ("2Mi", HugepageSize::TwoMi),
        ("1024Mi", HugepageSize::OneGi),
        ("1048576Ki", HugepageSize::OneGi),
    ] {
        let v = vmi(&format!(
            "    memory:\n      hugepages:\n        pageSize: {size}\n"
        ))
        .unwrap();
        assert_eq!(v.hugepage_size, Some(expected), "{size}");
    }
    let v = vmi("    memory:\n      hugepages:\n        pageSize: 1024Mi\n").unwrap();
    assert!(
        v.read.contains(
            &"huge page size 1Gi (1024Mi) from VirtualMachineInstance spec.domain.memory.hugepages.pageSize".to_string()
        ),
        "{:?}",
        v.read
    );
}

#[test]
fn vm_memory_errors_name_the_path() {
    let cases = [
        (
            "kind: VirtualMachineInstance\nspec:\n  domain:\n    memory:\n      guest: 16GB\n",
            "spec.domain.memory.guest",
            "Guest memory must be a Kubernetes quantity such as 16Gi or 2048Mi; \"16GB\" has an unknown unit (use Ki, Mi, Gi or Ti).",
        ),
        (
            "kind: VirtualMachine\nspec:\n  template:\n    spec:\n      domain:\n        resources:\n          requests:\n            memory: 0\n",
            "spec.template.spec.domain.resources.requests.memory",
            "Guest memory must be a Kubernetes quantity such as 16Gi or 2048Mi; \"0\" is zero.",
        ),
        (
            "kind: VirtualMachineInstance\nspec:\n  domain:\n    memory:\n      hugepages:\n        pageSize: 4Mi\n",
            "spec.domain.memory.hugepages.pageSize",
            "huge page size 4Mi is not one the planner knows: use 2Mi or 1Gi.",
        ),
        (
            "kind: VirtualMachineClusterInstancetype\nspec:\n  cpu:\n    guest: 4\n  memory:\n    guest: [1Gi]\n",
            "spec.memory.guest",
            "a list is not a memory quantity.",
        ),
    ];
    for (text, at, problem) in cases {
        let e = import_vm(text, None).unwrap_err();
        assert_eq!((e.at.as_str(), e.problem.as_str()), (at, problem), "{text}");
    }
    let garbage = "x".repeat(MAX_INPUT_BYTES - 1024);
    let text = format!("kind: VirtualMachineInstance\nspec:\n  domain:\n    memory:\n      hugepages:\n        pageSize: {garbage}\n");
    let e = import_vm(&text, None).unwrap_err().to_string();
    assert!(e.chars().count() < 300, "{}", quote(&e));
}

/// The host's huge pages as one line: "2Mi 512,1024; 1Gi 4,10".
fn pages(h: &HostImport) -> String {
    let sizes: Vec<String> = h
        .hugepages
        .iter()
        .map(|(size, pages)| {
            let list: Vec<String> = pages.iter().map(u64::to_string).collect();
            format!("{size} {}", list.join(","))
        })
        .collect();
    sizes.join("; ")
}

const FORM_LINE: &str = "free huge pages per node go into the form for the VM's page size (the host's only size when the VM names none), and only with the VM's guest memory, without which the planner refuses them";

/// Each huge page source, alone and with the others: the pages per size and
/// node, the Memory Manager, the free pages the form takes after the 9Gi VM
/// of 1Gi pages, and the read lines.
#[test]
fn huge_pages_from_each_source() {
    type Case<'a> = (
        &'a [&'a str],
        &'a str,
        Option<MemoryManager>,
        &'a str,
        &'a [&'a str],
    );
    let cases: &[Case] = &[
        (
            &["host/sysfs-hugepages.txt"],
            "2Mi 512,1024; 1Gi 4,10",
            None,
            "4,10",
            &[
                "free 2Mi huge pages per node 512,1024 from sysfs free_hugepages (nr_hugepages, the configured total: node 0 = 1024, node 1 = 1024)",
                "free 1Gi huge pages per node 4,10 from sysfs free_hugepages (nr_hugepages, the configured total: node 0 = 16, node 1 = 16)",
                FORM_LINE,
            ],
        ),
        // kubevirt #6981: no 1Gi pages, so the form's free pages stay empty.
        (
            &["host/lscpu-2socket-smt.txt", "host/sysfs-kubevirt-6981.txt"],
            "2Mi 1290,758",
            None,
            "",
            &["free 2Mi huge pages per node 1290,758 from sysfs free_hugepages"],
        ),
        (
            &["host/lscpu-2socket-smt.txt", "host/performanceprofile-hugepages.yaml"],
            "2Mi 512,512; 1Gi 16,16",
            None,
            "16,16",
            &[
                "2Mi huge pages per node 512,512 from PerformanceProfile spec.hugepages.pages: configured, not free: pages VMs already use are counted as free",
                "1024 2Mi huge pages from PerformanceProfile spec.hugepages.pages[2] name no node: the kernel spreads them over the nodes at boot; the planner splits them evenly, the rest to node 0",
                "1Gi huge pages per node 16,16 from PerformanceProfile spec.hugepages.pages: configured, not free: pages VMs already use are counted as free",
                "default huge page size 1Gi from PerformanceProfile spec.hugepages.defaultHugepagesSize",
                "node tuning performance-profile from PerformanceProfile",
            ],
        ),
        (
            &["host/numactl-asymmetric.txt", "host/performanceprofile.yaml"],
            "1Gi 22,21,21",
            None,
            "22,21,21",
            &["node tuning performance-profile from PerformanceProfile"],
        ),
        // Free pages from sysfs beat configured ones, whatever the order.
        (
            &[
                "host/performanceprofile-hugepages.yaml",
                "host/lscpu-2socket-smt.txt",
                "host/sysfs-hugepages.txt",
            ],
            "2Mi 512,1024; 1Gi 4,10",
            None,
            "4,10",
            &["1Gi huge pages from PerformanceProfile spec.hugepages.pages ignored: sysfs free_hugepages gives better counts"],
        ),
        (
            &["host/noderesourcetopology-hugepages.yaml"],
            "2Mi 1024,0; 1Gi 4,10",
            None,
            "4,10",
            &["free 1Gi huge pages per node 4,10 from NodeResourceTopology worker-3.example.com zones' hugepages-1Gi available"],
        ),
        (
            &[
                "host/lscpu-2socket-smt.txt",
                "host/sysfs-hugepages.txt",
                "host/kubeletconfig-memory-manager.yaml",
            ],
            "2Mi 512,992; 1Gi 2,10",
            Some(MemoryManager::Static),
            "2,10",
            &[
                "Memory Manager policy static from KubeletConfig spec.kubeletConfig.memoryManagerPolicy",
                "reserved 2Mi huge pages node 1 = 32 from KubeletConfig spec.kubeletConfig.reservedMemory taken off: 512,992 per node",
                "reserved 1Gi huge pages node 0 = 2 from KubeletConfig spec.kubeletConfig.reservedMemory taken off: 2,10 per node",
            ],
        ),
        // NodeResourceTopology's counts already leave the reserved pages out.
        (
            &[
                "host/noderesourcetopology-hugepages.yaml",
                "host/kubeletconfig-memory-manager.yaml",
            ],
            "2Mi 1024,0; 1Gi 4,10",
            Some(MemoryManager::Static),
            "4,10",
            &["reserved 1Gi huge pages node 0 = 2 from KubeletConfig spec.kubeletConfig.reservedMemory not taken off: NodeResourceTopology worker-3.example.com zones' hugepages-1Gi available already leaves them out"],
        ),
    ];
    for &(paths, expected, manager, free, lines) in cases {
        let h = host(paths);
        assert_eq!(
            (pages(&h).as_str(), h.memory_manager),
            (expected, manager),
            "{paths:?}"
        );
        for line in lines {
            assert!(has_line(&h, line), "{paths:?}: {line}: {:?}", h.read);
        }
        let form = vm_then_host("vm/vm-hugepages-1gi.yaml", &h);
        assert_eq!(form.host.text(Field::FreeHugepages), free, "{paths:?}");
        assert_eq!(form.vm.hugepage_size, Some(HugepageSize::OneGi));
        assert_eq!(form.cluster.memory_manager, manager);
    }
}

/// The page size and free pages the form took.
fn taken(form: &FormState) -> (Option<HugepageSize>, &str) {
    (form.vm.hugepage_size, form.host.text(Field::FreeHugepages))
}

/// The form with 2Gi of guest memory and no page size, after the host; the
/// planner takes it.
fn with_memory(h: &HostImport) -> FormState {
    let mut form = FormState::default();
    form.set_text(Field::Memory, "2Gi".into());
    h.apply(&mut form);
    assert!(form.input().parse().is_ok(), "{form:?}");
    form
}

/// Which size the form takes, and when its free pages.
#[test]
fn the_form_takes_the_vms_size_or_the_hosts_only_one() {
    // Two sizes and no VM: the form cannot tell which, so it takes none.
    let h = host(&["host/sysfs-hugepages.txt"]);
    assert!(h.nodes.is_empty());
    let form = applied(&h);
    assert_eq!(
        (form.vm.hugepage_size, form.host.text(Field::FreeHugepages)),
        (None, "")
    );
    // One size and none in the form: the form takes it; the free pages only
    // with the guest memory (kubevirt #6981).
    let h = host(&["host/lscpu-2socket-smt.txt", "host/sysfs-kubevirt-6981.txt"]);
    assert_eq!(taken(&applied(&h)), (Some(HugepageSize::TwoMi), ""));
    let form = with_memory(&h);
    assert_eq!(taken(&form), (Some(HugepageSize::TwoMi), "1290,758"));
    assert!(has_line(&h, FORM_LINE));

    // Beside lscpu in one text, without a document separator.
    let both = format!(
        "{}{}",
        fixture("host/lscpu-2socket-smt.txt"),
        fixture("host/sysfs-hugepages.txt")
    );
    let h = import_host(&[&both]).unwrap();
    assert_eq!(sizes(&h), [(0, 32, 32), (1, 32, 32)]);
    assert_eq!(pages(&h), "2Mi 512,1024; 1Gi 4,10");
    // A prompt left after the output is no host description of its own.
    let trailing = format!(
        "{}$ 
",
        fixture("host/sysfs-kubevirt-6981.txt")
    );
    assert_eq!(pages(&import_host(&[&trailing]).unwrap()), "2Mi 1290,758");
}

#[test]
fn nrt_huge_pages_without_available_are_allocatable() {
    let text = "kind: NodeResourceTopology\nzones:\n- name: node-0\n  type: Node\n  resources:\n  - name: cpu\n    capacity: 8\n  - name: hugepages-2Mi\n    capacity: 1Gi\n    allocatable: 512Mi\n";
    let h = import_host(&[text]).unwrap();
    assert_eq!(pages(&h), "2Mi 256");
    assert!(has_line(&h, "2Mi huge pages per node 256 from NodeResourceTopology zones' hugepages-2Mi allocatable: allocatable, not free: pages VMs already use are counted as free"), "{:?}", h.read);
    let bad = text.replace("512Mi", "lots");
    let e = import_host(&[&bad]).unwrap_err();
    assert_eq!(
        e.to_string(),
        "zones[0].resources[hugepages-2Mi].allocatable: \"lots\" is not a memory quantity such as 4Gi or 2048Mi."
    );
}

#[test]
fn the_memory_manager_alone_and_in_any_case() {
    // The policy, and the reserved pages with nothing to take them from.
    let h = host(&["host/kubeletconfig-memory-manager.yaml"]);
    assert!(h.nodes.is_empty() && h.hugepages.is_empty());
    assert!(has_line(&h, "reserved 1Gi huge pages from KubeletConfig spec.kubeletConfig.reservedMemory not taken off: no text gives 1Gi huge pages per node (sysfs, a NodeResourceTopology or a PerformanceProfile)"), "{:?}", h.read);
    assert_eq!(
        applied(&h).cluster.memory_manager,
        Some(MemoryManager::Static)
    );
    for (text, expected) in [
        ("memoryManagerPolicy: static\n", MemoryManager::Static),
        ("memoryManagerPolicy: NONE\n", MemoryManager::None),
    ] {
        let h = import_host(&[&format!("kind: KubeletConfiguration\n{text}")]).unwrap();
        assert_eq!(h.memory_manager, Some(expected), "{text}");
    }
    // A profile gives no Memory Manager itself: its node tuning implies
    // Static under restricted and single-numa-node only.
    let profile = "kind: PerformanceProfile\nspec:\n  cpu:\n    reserved: 0-1\n";
    let h = import_host(&[profile]).unwrap();
    assert_eq!(h.memory_manager, None);
    assert_eq!(h.node_tuning, Some(NodeTuning::PerformanceProfile));
}

#[test]
fn huge_page_errors_name_the_place() {
    let cases: &[(&str, &str)] = &[
        (
            "kind: KubeletConfiguration\nmemoryManagerPolicy: Dynamic\n",
            "memoryManagerPolicy: unknown Memory Manager policy \"Dynamic\": expected Static or None.",
        ),
        (
            "kind: KubeletConfiguration\nreservedMemory: 1Gi\n",
            "reservedMemory: expected a list of numaNode and limits, found \"1Gi\".",
        ),
        (
            "kind: KubeletConfiguration\nreservedMemory:\n- limits:\n    hugepages-1Gi: 1Gi\n",
            "reservedMemory[0].numaNode: no NUMA node.",
        ),
        (
            "kind: KubeletConfiguration\nreservedMemory:\n- numaNode: 2000\n",
            "reservedMemory[0].numaNode: 2000 is not a NUMA node number from 0 to 1023.",
        ),
        (
            "kind: PerformanceProfile\nspec:\n  hugepages:\n    pages:\n    - size: 1G\n      count: -4\n",
            "spec.hugepages.pages[0].count: -4 is not a whole number from 0 to 16777216.",
        ),
        (
            "kind: PerformanceProfile\nspec:\n  hugepages:\n    pages: 4\n",
            "spec.hugepages.pages: expected a list of pages (size, count, node), found 4.",
        ),
        (
            "/sys/devices/system/node/node0/hugepages/hugepages-2048kB/free_hugepages:20000000\n",
            "sysfs line 1: Free huge pages must be at most 16777216; got 20000000.",
        ),
        (
            "$ grep . /sys/devices/system/node/node*/hugepages/hugepages-*/free_hugepages\n/sys/devices/system/node/nodeA/hugepages/hugepages-2048kB/free_hugepages:1\n",
            "sysfs line 2: A is not a NUMA node number from 0 to 1023.",
        ),
    ];
    for (text, expected) in cases {
        let e = import_host(&[text]).unwrap_err();
        assert_eq!(&e.to_string(), expected, "{text:?}");
    }
    // Sizes the planner does not know are left out with a line, not refused.
    let text = "kind: PerformanceProfile\nspec:\n  hugepages:\n    pages:\n    - size: 32M\n      count: 4\n      node: 0\n";
    let h = import_host(&[text]).unwrap();
    assert!(h.hugepages.is_empty());
    assert!(has_line(&h, "huge page size 32M at PerformanceProfile spec.hugepages.pages[0].size ignored: the planner knows 2Mi and 1Gi"), "{:?}", h.read);
    let text = "node0/hugepages/hugepages-64kB/free_hugepages:4\nnode0/hugepages/hugepages-2048kB/free_hugepages:4\n";
    let h = import_host(&[text]).unwrap();
    assert_eq!(h.hugepages, [(HugepageSize::TwoMi, vec![4])]);
    // Huge input is quoted short.
    let garbage = "x".repeat(MAX_INPUT_BYTES - 1024);
    for text in [
        format!("node0/hugepages/hugepages-2048kB/free_hugepages:{garbage}\n"),
        format!("kind: KubeletConfiguration\nmemoryManagerPolicy: {garbage}\n"),
        format!("kind: NodeResourceTopology\nzones:\n- type: Node\n  resources:\n  - name: hugepages-1Gi\n    available: {garbage}\n"),
    ] {
        let e = import_host(&[&text]).unwrap_err().to_string();
        assert!(e.chars().count() < 300, "{}", quote(&e));
    }
}

/// Free pages go in at most one per node of the form.
#[test]
fn free_huge_pages_never_outnumber_the_forms_nodes() {
    let h = import_host(&["node3/hugepages/hugepages-2048kB/free_hugepages:4\n"]).unwrap();
    assert_eq!(h.hugepages, [(HugepageSize::TwoMi, vec![0, 0, 0, 4])]);
    assert_eq!(taken(&with_memory(&h)), (Some(HugepageSize::TwoMi), ""));
    let h = import_host(&["node0/hugepages/hugepages-2048kB/free_hugepages:4\nnode3/hugepages/hugepages-2048kB/free_hugepages:0\n"]).unwrap();
    assert_eq!(taken(&with_memory(&h)), (Some(HugepageSize::TwoMi), "4,0"));
}

/// `Origin { file, source, path }`, for the tests below.
fn at(file: &str, source: &str, path: &str) -> Origin {
    Origin {
        file: file.into(),
        source: source.into(),
        path: path.into(),
    }
}

/// What `apply` returns is where each value it set came from: the file the
/// caller named, the object or command output in it, and the field path;
/// the read lines are written from the same origins.
#[test]
fn apply_says_where_each_value_came_from() {
    let mut form = FormState::default();
    let vm = import_vm_in(&[("vm.yaml", &fixture("vm/vm-hugepages-1gi.yaml"))], None).unwrap();
    let vm_set = vm.apply(&mut form);
    let cpu = "spec.template.spec.domain.cpu";
    let object = "VirtualMachine reports-vnuma";
    assert_eq!(
        origin_of(&vm_set, "cores"),
        Some(&at("vm.yaml", object, cpu))
    );
    assert_eq!(
        origin_of(&vm_set, "hugepage_size"),
        Some(&at(
            "vm.yaml",
            object,
            "spec.template.spec.domain.memory.hugepages.pageSize"
        ))
    );
    let from = origin_of(&vm_set, "cores").unwrap();
    assert!(
        vm.read[0].ends_with(&format!("from {from}")),
        "{:?}",
        vm.read
    );

    let files = [
        ("lscpu.txt", fixture("host/lscpu-2socket-smt.txt")),
        (
            "pp.yaml",
            fixture("host/performanceprofile-single-numa-offlined.yaml"),
        ),
        ("sysfs.txt", fixture("host/sysfs-hugepages.txt")),
    ];
    let named: Vec<(&str, &str)> = files.iter().map(|(f, t)| (*f, t.as_str())).collect();
    let h = import_host_in(&named).unwrap();
    let set = h.apply(&mut form);
    let profile = |path: &str| at("pp.yaml", "PerformanceProfile", path);
    for (key, expected) in [
        ("numa_nodes", at("lscpu.txt", "lscpu", "")),
        ("threads_per_core", at("lscpu.txt", "lscpu", "")),
        ("reserved_cpus", profile("spec.cpu.reserved")),
        ("policy", profile("spec.numa.topologyPolicy")),
        // The profile as a whole: what it implies follows from it.
        ("node_tuning", profile("")),
        ("free_hugepages", at("sysfs.txt", "sysfs", "free_hugepages")),
    ] {
        assert_eq!(origin_of(&set, key), Some(&expected), "{key}: {set:?}");
    }
    // The VM named the page size; the host's pages do not claim it.
    assert_eq!(origin_of(&set, "hugepage_size"), None);
    assert_eq!(origin_of(&set, "full_pcpus_only"), None);
    assert!(has_line(
        &h,
        "full-pcpus-only under single-numa-node and the Memory Manager static under restricted and single-numa-node from PerformanceProfile: the profile implies them (node tuning performance-profile)"
    ), "{:?}", h.read);
}

/// The words after a place in a read line are not part of its origin: a
/// NodeResourceTopology's policy name and scope stay in the line.
#[test]
fn a_policys_spelling_and_scope_are_not_its_origin() {
    let files = [("nrt.yaml", fixture("host/noderesourcetopology-legacy.yaml"))];
    let named: Vec<(&str, &str)> = files.iter().map(|(f, t)| (*f, t.as_str())).collect();
    let h = import_host_in(&named).unwrap();
    let set = applied_origins(&h);
    assert_eq!(
        origin_of(&set, "policy").map(Origin::mark).as_deref(),
        Some("nrt.yaml: NodeResourceTopology topologyPolicies")
    );
    assert!(has_line(&h, "Topology Manager policy restricted from NodeResourceTopology topologyPolicies RestrictedPodLevel (scope: pod)"));
}

fn applied_origins(h: &HostImport) -> Vec<(&'static str, Origin)> {
    h.apply(&mut FormState::default())
}

/// A VM in one file and its instance type in another: the values come from
/// the instance type's file.
#[test]
fn an_instance_types_values_name_its_file() {
    let vm = "kind: VirtualMachine\nmetadata:\n  name: analytics\nspec:\n  instancetype:\n    kind: VirtualMachineClusterInstancetype\n    name: numa-xl\n";
    let types = fixture("vm/instancetype-maxsockets.yaml");
    let v = import_vm_in(&[("vm.yaml", vm), ("types.yaml", &types)], None).unwrap();
    let set = v.apply(&mut FormState::default());
    let object = "VirtualMachineClusterInstancetype numa-xl";
    assert_eq!(
        origin_of(&set, "vcpus"),
        Some(&at("types.yaml", object, "spec.cpu.guest"))
    );
    assert_eq!(
        origin_of(&set, "memory"),
        Some(&at("types.yaml", object, "spec.memory.guest"))
    );
}

#[test]
fn a_supplemental_io_thread_pool_is_read_with_its_place() {
    let yaml = "kind: VirtualMachine
metadata: {name: io}
spec:
  template:
    spec:
      domain:
        ioThreadsPolicy: supplementalPool
        ioThreads: {supplementalPoolThreadCount: 4}
        cpu: {cores: 28, dedicatedCpuPlacement: true}
";
    let vm = import_vm(yaml, None).unwrap();
    assert_eq!(vm.io_threads, Some(4));
    let mut form = FormState::default();
    let origins = vm.apply(&mut form);
    assert_eq!(form.text(Field::IoThreads), "4");
    let (_, from) = origins.iter().find(|(k, _)| *k == "io_threads").unwrap();
    assert_eq!(
        from.to_string(),
        "VirtualMachine io spec.template.spec.domain.ioThreads.supplementalPoolThreadCount"
    );
    assert_eq!(form.input().parse().unwrap().vm.pod_cpus(), 32);
    // Another policy takes no CPUs of its own; a bad count names its place.
    let auto = yaml.replace("supplementalPool", "auto");
    assert_eq!(import_vm(&auto, None).unwrap().io_threads, None);
    let bad = yaml.replace("Count: 4", "Count: -1");
    let e = import_vm(&bad, None).unwrap_err();
    assert!(e.to_string().contains("supplementalPoolThreadCount"), "{e}");
}

/// What KubeVirt's API judges travels with the VM: the CPU request and
/// limit when both are set (with a topology too), the memory request beside
/// `memory.guest` and huge pages, each with its origin and read line; the
/// form's scenario is then rejected.
#[test]
fn requests_and_limits_are_carried_for_the_api_checks() {
    let v = vm("vm/vm-requests-differ-limits.yaml");
    let m = v.manifest;
    assert_eq!(
        (m.cpu_request, m.cpu_limit),
        (CpuQuantity::parse("8").ok(), CpuQuantity::parse("12").ok())
    );
    // memory.guest is absent: the request is the guest memory, not a fact of its own.
    assert_eq!((m.memory_request, v.memory_bytes), (None, Some(16 << 30)));
    assert!(v.read.contains(&"CPU request 8 and limit 12 from VirtualMachine batch-mismatch spec.template.spec.domain.resources".to_string()), "{:?}", v.read);
    let at = |key: &str| origin_of(&v.origins, key).map(|o| o.path.clone());
    assert_eq!(
        at("cpu_request").as_deref(),
        Some("spec.template.spec.domain.resources.requests.cpu")
    );
    assert_eq!(
        at("cpu_limit").as_deref(),
        Some("spec.template.spec.domain.resources.limits.cpu")
    );
    let mut form = FormState::default();
    let set = v.apply(&mut form);
    assert_eq!(form.vm.manifest, m);
    assert!(set.iter().any(|(k, _)| *k == "cpu_request"));
    let report = Report::new(form.input().parse().unwrap());
    for policy in Policy::ALL {
        assert_eq!(
            report.verdicts[policy].verdict,
            Verdict::Rejected,
            "{policy}"
        );
    }

    let vmi = |domain: &str| {
        import_vm(
            &format!("kind: VirtualMachineInstance\nspec:\n  domain:\n{domain}"),
            None,
        )
        .unwrap()
    };
    // Table: the domain's text -> CPU request, limit, memory request carried.
    for (domain, request, limit, memory) in [
        (
            "    cpu:\n      cores: 4\n    resources:\n      requests:\n        cpu: 2\n      limits:\n        cpu: 4\n",
            Some("2"),
            Some("4"),
            None,
        ),
        (
            "    resources:\n      requests:\n        cpu: 1500m\n      limits:\n        cpu: 2\n",
            Some("1500m"),
            Some("2"),
            None,
        ),
        // One of them alone, or one not a quantity: nothing to compare.
        ("    resources:\n      limits:\n        cpu: 6\n", None, None, None),
        (
            "    cpu:\n      cores: 4\n    resources:\n      requests:\n        cpu: lots\n      limits:\n        cpu: 4\n",
            None,
            None,
            None,
        ),
        (
            "    memory:\n      guest: 16Gi\n      hugepages:\n        pageSize: 1Gi\n    resources:\n      requests:\n        memory: 16896Mi\n",
            None,
            None,
            Some(16896u64 << 20),
        ),
        // Without huge pages the request says nothing the API judges here.
        (
            "    memory:\n      guest: 16Gi\n    resources:\n      requests:\n        memory: 8Gi\n",
            None,
            None,
            None,
        ),
    ] {
        let v = vmi(domain);
        let quantity = |t: Option<&str>| t.map(|t| CpuQuantity::parse(t).unwrap());
        assert_eq!(v.manifest.cpu_request, quantity(request), "{domain}");
        assert_eq!(v.manifest.cpu_limit, quantity(limit), "{domain}");
        assert_eq!(v.manifest.memory_request, memory, "{domain}");
        assert_eq!(
            origin_of(&v.origins, "memory_request").is_some(),
            memory.is_some(),
            "{domain}"
        );
    }
}

/// A VM that names an instance type and sets what it sets: the fields are
/// read as conflicts, with or without the instance type in the text.
#[test]
fn fields_beside_an_instance_type_are_read_as_conflicts() {
    // Without the instance type: the VM's own fields, and what it always refuses.
    let v = vm("vm/vm-instancetype-conflict.yaml");
    assert_eq!(
        v.manifest.instancetype_conflicts.to_string(),
        "cpu.sockets,cpu.cores,cpu.threads,memory.guest"
    );
    assert_eq!(
        v.vcpus,
        VcpuSpec::Topology {
            sockets: 2,
            cores: 8,
            threads: 1
        }
    );
    assert_eq!(
        v.read[0],
        "VirtualMachine reporting names the instance type cx1.4xlarge, which is not in the text: the VM's own fields are read"
    );
    assert!(v.read.iter().any(|l| l.starts_with("VirtualMachine reporting sets spec.template.spec.domain.cpu.sockets, spec.template.spec.domain.cpu.cores, spec.template.spec.domain.cpu.threads, spec.template.spec.domain.memory.guest beside its instance type cx1.4xlarge")), "{:?}", v.read);
    assert_eq!(
        origin_of(&v.origins, "instancetype_conflict").map(|o| o.path.as_str()),
        Some("spec.template.spec.domain.cpu.sockets")
    );

    // With it: what both set conflicts too; the CPUs are the instance type's.
    let with_type = format!(
        "{}---\n{}",
        fixture("vm/vm-instancetype-conflict.yaml"),
        "apiVersion: instancetype.kubevirt.io/v1beta1\nkind: VirtualMachineClusterInstancetype\nmetadata:\n  name: cx1.4xlarge\nspec:\n  cpu:\n    guest: 16\n    dedicatedCPUPlacement: true\n  memory:\n    guest: 64Gi\n"
    );
    let v = import_vm(&with_type, None).unwrap();
    assert_eq!(v.vcpus, VcpuSpec::Count(16));
    assert_eq!(
        v.manifest.instancetype_conflicts.to_string(),
        "cpu.sockets,cpu.cores,cpu.threads,cpu.dedicatedCpuPlacement,memory.guest"
    );

    // A VM that sets nothing of the kind reads as before: the instance
    // type's CPUs, or a request for it when it is missing.
    let clean = vm("vm/vm-with-instancetype.yaml");
    assert!(clean.manifest.instancetype_conflicts.is_empty());
    let alone = fixture("vm/vm-with-instancetype.yaml");
    let alone = alone.split("- apiVersion: instancetype").next().unwrap();
    let e = import_vm(alone, None).unwrap_err();
    assert!(e.problem.contains("paste that"), "{e}");
}

/// The kubelet's `cpu_manager_state` beside the host's CPU lists: each
/// node's CPUs in the shared pool, less the reserved ones, are free (U1).
#[test]
fn cpu_manager_state_gives_the_free_cpus_per_node() {
    let lscpu = "host/lscpu-2socket-smt.txt";
    let reserved = "host/kubeletconfig-reserved.yaml";
    let state = "host/cpu_manager_state.json";
    // Two pods hold 28 CPUs of node 0 (2-15,34-47).
    for (files, free) in [
        (&[lscpu, state][..], "4,32"),
        // 0-1,32-33 reserved: node 0's shared CPUs are all reserved.
        (&[lscpu, reserved, state][..], "0,32"),
        (&[state, lscpu][..], "4,32"),
        // No container holds a CPU on node 1 of this host either.
        (
            &[
                "host/lscpu-2socket-smt.txt",
                "host/cpu_manager_state-busy.json",
            ][..],
            "20,20",
        ),
    ] {
        let h = host(files);
        assert_eq!(applied(&h).host.text(Field::FreeCpus), free, "{files:?}");
    }
    let h = host(&[lscpu, state]);
    assert!(
        has_line(&h, "free CPUs per node 4,32 from cpu_manager_state defaultCpuSet (each node's CPUs in the shared pool 0-1,16-33,48-63, less the reserved ones; 2 containers hold 2-15,34-47 exclusively)"),
        "{:?}",
        h.read
    );
    // Allocatable less the entries agrees: no second line.
    assert!(!h.read.iter().any(|l| l.contains("allocatable less")));
    let named = [
        ("lscpu.txt", fixture(lscpu)),
        ("state.json", fixture(state)),
    ];
    let named: Vec<(&str, &str)> = named.iter().map(|(f, t)| (*f, t.as_str())).collect();
    let set = applied_origins(&import_host_in(&named).unwrap());
    assert_eq!(
        origin_of(&set, "free_cpus"),
        Some(&at("state.json", "cpu_manager_state", "defaultCpuSet"))
    );
    assert_eq!(
        origin_of(&set, "numa_nodes"),
        Some(&at("lscpu.txt", "lscpu", ""))
    );
}

/// Policy none tracks no exclusive CPUs: nothing is set, and a line says why.
#[test]
fn a_cpu_manager_state_under_policy_none_sets_nothing() {
    let note = "free CPUs per node not read from cpu_manager_state: its policy is none, so the static CPU manager is not in use and no container holds CPUs exclusively; every allocatable CPU counts as free";
    for files in [
        &[
            "host/lscpu-2socket-smt.txt",
            "host/cpu_manager_state-none.json",
        ][..],
        &["host/cpu_manager_state-none.json"][..],
    ] {
        let h = host(files);
        assert!(has_line(&h, note), "{files:?}: {:?}", h.read);
        assert_eq!(h.free_cpus(), Vec::<u32>::new(), "{files:?}");
        assert_eq!(applied(&h).host.text(Field::FreeCpus), "");
    }
    // No CPU lists are needed to say so; what a NodeResourceTopology
    // publishes as available stays.
    let h = host(&[
        "host/noderesourcetopology.yaml",
        "host/cpu_manager_state-none.json",
    ]);
    assert!(has_line(&h, note), "{:?}", h.read);
    assert_eq!(h.free_cpus(), [26, 32]);
    let lscpu = fixture("host/lscpu-2socket-smt.txt");
    let empty = r#"{"policyName":"static","defaultCpuSet":"","checksum":0}"#;
    let h = import_host(&[&lscpu, empty]).unwrap();
    assert!(has_line(&h, "free CPUs per node not read from cpu_manager_state: it holds no CPU sets; every allocatable CPU counts as free"), "{:?}", h.read);
    assert!(h.free_cpus().is_empty());
}

/// Where the shared pool and allocatable less the entries disagree, the
/// shared pool wins and a line says so.
#[test]
fn a_cpu_manager_state_that_disagrees_with_itself_uses_the_shared_pool() {
    let lscpu = fixture("host/lscpu-2socket-smt.txt");
    let kubelet = fixture("host/kubeletconfig-reserved.yaml");
    // CPUs 2-3 are both shared and held; CPU 16 is neither.
    let state = r#"{"policyName":"static","defaultCpuSet":"0-15,17-63","entries":{"uid-1":{"compute":"2-3"}}}"#;
    let h = import_host(&[&lscpu, &kubelet, state]).unwrap();
    assert_eq!(h.free_cpus(), [28, 31]);
    assert!(has_line(&h, "cpu_manager_state: allocatable less the exclusive CPUs of its entries gives free CPUs per node 26,32, not 28,31; the shared pool's 28,31 are used, since the kubelet hands CPUs out of it"), "{:?}", h.read);
    // The first checkpoint version keys CPU lists by container ID.
    let v1 = r#"{"policyName":"static","defaultCpuSet":"0-1,16-31,48-63","entries":{"4f2a9c":"2-15,32-47"}}"#;
    let h = import_host(&[&lscpu, v1]).unwrap();
    assert_eq!(h.free_cpus(), [2, 32]);
}

/// CPUs the host lacks, CPU counts without lists, malformed and huge lists:
/// an error naming the file and the place, never a panic.
#[test]
fn cpu_manager_state_errors_name_the_file_and_place() {
    let lscpu = fixture("host/lscpu-2socket-smt.txt");
    let nrt = fixture("host/noderesourcetopology.yaml");
    let state = fixture("host/cpu_manager_state.json");
    let read = |topology: &str, state: &str| {
        import_host_in(&[("host.txt", topology), ("state.json", state)])
            .unwrap_err()
            .to_string()
    };
    let numactl = fixture("host/numactl-nps4.txt");
    assert_eq!(
        read(&numactl, &state),
        "state.json: cpu_manager_state defaultCpuSet: names CPUs 32-33,48-63 that the host does not have (its 64 CPUs from numactl --hardware are 0-31,64-95): give the cpu_manager_state of the host the other texts describe."
    );
    assert_eq!(
        read(&nrt, &state),
        "state.json: cpu_manager_state: names CPUs by number, and NodeResourceTopology worker-2.example.com gives each NUMA node's CPU count, not its CPUs: add the host's lscpu or numactl --hardware output to place them on its nodes."
    );
    let huge = format!("0-{}:2", 4194303);
    let many: Vec<String> = (0..3).map(|i| format!("\"c{i}\":\"{huge}\"")).collect();
    for (state, error) in [
        (
            r#"{"policyName":"static","defaultCpuSet":"0-63","entries":{"u":{"compute":"70-71"}}}"#.to_string(),
            "state.json: cpu_manager_state entries: names CPUs 70-71 that the host does not have (its 64 CPUs from lscpu are 0-63): give the cpu_manager_state of the host the other texts describe.",
        ),
        (
            r#"{"policyName":"static","defaultCpuSet":"0-x"}"#.to_string(),
            "state.json: cpu_manager_state defaultCpuSet: cannot read the CPU list \"0-x\": \"x\" is not a CPU number",
        ),
        (
            r#"{"policyName":"static","defaultCpuSet":"0-63","entries":{"u":{"compute":"9-3"}}}"#.to_string(),
            "state.json: cpu_manager_state entries.u.compute: cannot read the CPU list \"9-3\": the range 9-3 runs backwards",
        ),
        (
            r#"{"policyName":"static","defaultCpuSet":["0"]}"#.to_string(),
            "state.json: cpu_manager_state defaultCpuSet: expected a CPU list such as \"0-3,8-63\", found a list.",
        ),
        (
            r#"{"policyName":"dynamic","defaultCpuSet":"0-63"}"#.to_string(),
            "state.json: cpu_manager_state policyName: unknown CPU manager policy \"dynamic\"; the kubelet writes static or none.",
        ),
        (
            r#"{"policyName":"static","defaultCpuSet":"0-63","entries":["0-3"]}"#.to_string(),
            "state.json: cpu_manager_state entries: expected a map of pod UIDs to their containers' CPU lists, found a list.",
        ),
        (
            r#"{"policyName":"static","defaultCpuSet":"0-63","entries":{"u":7}}"#.to_string(),
            "state.json: cpu_manager_state entries.u: expected a map of container names to CPU lists, found 7.",
        ),
        (
            format!(r#"{{"policyName":"static","defaultCpuSet":"0-63","entries":{{"u":{{{}}}}}}}"#, many.join(",")),
            "state.json: cpu_manager_state entries: the containers' CPU lists name more than 4194304 CPUs together.",
        ),
        (
            format!(r#"{{"policyName":"static","defaultCpuSet":"{huge}"}}"#),
            "state.json: cpu_manager_state defaultCpuSet: names CPUs 64,66,68,70,72,74,76,78,80,82,84,86,88,90,92,94,… (2097120 CPUs) that the host does not have (its 64 CPUs from lscpu are 0-63): give the cpu_manager_state of the host the other texts describe.",
        ),
    ] {
        assert_eq!(read(&lscpu, &state), error);
    }
}

/// Without a topology the state waits for the host the flags or the page's
/// fields give (`HostImport::place_on`), and says so.
#[test]
fn a_cpu_manager_state_alone_gives_no_nodes_yet() {
    let h = host(&["host/cpu_manager_state.json"]);
    assert!(h.nodes.is_empty());
    assert!(has_line(&h, "free CPUs from cpu_manager_state not placed on NUMA nodes: there is no CPU topology (lscpu, numactl --hardware or a NodeResourceTopology) to place them on"), "{:?}", h.read);
    // A later state is named, not read.
    let h = host(&[
        "host/cpu_manager_state.json",
        "host/cpu_manager_state-busy.json",
    ]);
    assert!(
        has_line(
            &h,
            "A second cpu_manager_state was ignored; the first one is used."
        ),
        "{:?}",
        h.read
    );
}

const DUMPXML: &str = "host/virsh-dumpxml-2cells-1gi.xml";

/// The guest cells a host import gives: (node, vCPUs, memory in GiB).
fn cells(h: &HostImport) -> Vec<(u32, u32, u64)> {
    h.running
        .as_ref()
        .expect("a running domain")
        .cells
        .iter()
        .map(|c| (c.node, c.vcpus, c.memory >> 30))
        .collect()
}

/// A KubeVirt virt-launcher's `virsh dumpxml` (prompt line and all): its
/// guest cells, each on the host node its memnode binds, go into the form
/// with their origin; its vCPUs, memory and page size fill the VM where no
/// VM file is read.
#[test]
fn virsh_dumpxml_gives_the_guest_cells_as_running() {
    let text = fixture(DUMPXML);
    let h = import_host_in(&[("domain.xml", &text)]).unwrap();
    assert_eq!(cells(&h), [(0, 12, 8), (1, 12, 8)]);
    let d = h.running.as_ref().unwrap();
    assert_eq!((d.vcpus, d.hugepage_size), (24, Some(HugepageSize::OneGi)));
    assert!(h.nodes.is_empty(), "a domain gives no host topology");
    assert!(
        h.read[0].starts_with("guest cells 0:12:8Gi,1:12:8Gi (host node:vCPUs:memory per cell) from virsh dumpxml prod_db-1"),
        "{:?}",
        h.read
    );
    let mut form = FormState::default();
    form.vm = form.vm.with_vcpus("4");
    let vm_set = h.fill_vm(&mut form);
    let host_set = h.apply(&mut form);
    assert_eq!(form.text(Field::GuestCells), "0:12:8Gi,1:12:8Gi");
    assert_eq!(
        (form.text(Field::Vcpus), form.text(Field::Memory)),
        ("24", "16Gi")
    );
    assert_eq!(form.vm.hugepage_size, Some(HugepageSize::OneGi));
    assert_eq!(
        origin_of(&host_set, "guest_cells"),
        Some(&Origin::new("virsh dumpxml prod_db-1", "cpu/numa").in_file("domain.xml"))
    );
    assert_eq!(origin_of(&vm_set, "vcpus").unwrap().path, "vcpu");
    let scenario = form.input().parse_running().unwrap();
    assert_eq!(scenario.host.guest_cells().len(), 2);
    // Beside numactl output, in one paste.
    let both = format!("{}---\n{text}", fixture("host/numactl-nps4.txt"));
    let h = import_host(&[&both]).unwrap();
    assert_eq!((h.numa_nodes(), cells(&h).len()), (4, 2));
}

/// Cells without a memnode take the domain's one node; a nodeset of
/// several nodes leaves the node unknown, and says so. A domain without
/// guest NUMA cells is one cell.
#[test]
fn dumpxml_cells_without_a_memnode_and_domains_without_cells() {
    let domain = |numatune: &str, numa: &str| {
        format!(
            "<domain type='kvm'><name>vm1</name><memory unit='GiB'>4</memory><vcpu current='4'>8</vcpu><numatune>{numatune}</numatune><cpu>{numa}</cpu></domain>"
        )
    };
    let two = "<numa><cell id='0' cpus='0-1' memory='2' unit='GiB'/><cell id='1' cpus='2,3' memory='2097152'/></numa>";
    let h = import_host(&[&domain("<memory nodeset='1'/>", two)]).unwrap();
    assert_eq!(cells(&h), [(1, 2, 2), (1, 2, 2)]);
    let h = import_host(&[&domain(
        "<memory nodeset='0-1'/><memnode cellid='1' nodeset='0'/>",
        two,
    )])
    .unwrap_err();
    assert_eq!(
        h.to_string(),
        "virsh dumpxml vm1 cpu/numa/cell[0]: the cell has no numatune/memnode, so numatune/memory binds its memory, and its nodeset \"0-1\" is not one host node, so which node holds the cell's memory is not known; give the guest cells by hand (--guest-cells)."
    );
    // No guest NUMA: one cell of the vCPUs it runs with.
    let h = import_host(&[&domain("<memory nodeset='0'/>", "")]).unwrap();
    assert_eq!(cells(&h), [(0, 4, 4)]);
    let e = import_host(&[&domain("", "")]).unwrap_err();
    assert!(e.to_string().contains("no host node is named"), "{e}");
    // libvirt's exclusions in a cell's CPUs.
    let h = import_host(&[&domain(
        "<memory nodeset='0'/>",
        "<numa><cell id='0' cpus='0-4,^2' memory='4' unit='GiB'/></numa>",
    )])
    .unwrap();
    assert_eq!(cells(&h), [(0, 4, 4)]);
}

#[test]
fn hostile_dumpxml_is_refused_not_crashed_on() {
    for (text, expected) in [
        ("<domain type='kvm'><cpu>", "is not XML the planner reads"),
        ("<?xml version='1.0'?><network><name>x</name></network>", "whose root is <network> does not describe a host"),
        (
            "<?xml version='1.0'?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]>\n<domain><name>&lol2;</name></domain>",
            "DTD",
        ),
        ("<domain><name>x</name></domain>", "virsh dumpxml x vcpu: the domain has no <vcpu> element."),
        (
            "<domain><vcpu>2</vcpu><cpu><numa><cell id='1' cpus='0-1' memory='1'/></numa></cpu></domain>",
            "cpu/numa/cell[0]: the cell's id is \"1\"",
        ),
        (
            "<domain><vcpu>2</vcpu><numatune><memory nodeset='0'/></numatune><cpu><numa><cell id='0' cpus='0-1' memory='1' unit='parsec'/></numa></cpu></domain>",
            "the memory unit \"parsec\" is not one libvirt writes",
        ),
    ] {
        let e = import_host(&[text]).unwrap_err().to_string();
        assert!(e.contains(expected), "{text}: {e}");
    }
    // 100,000 cells fit in the 2 MB limit; more than 1024 are refused.
    let many = format!(
        "<domain><vcpu>1</vcpu><cpu><numa>{}</numa></cpu></domain>",
        "<cell/>".repeat(100_000)
    );
    assert!(many.len() < MAX_INPUT_BYTES);
    let e = import_host(&[&many]).unwrap_err().to_string();
    assert!(e.contains("more than 1024 guest NUMA cells"), "{e}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// A domain with random edits never panics; what it gives fills a form
    /// the planner takes, or refuses at the guest cells' field only (cells
    /// on nodes the host lacks).
    #[test]
    fn mutated_dumpxml_never_panics(
        cuts in prop::collection::vec((any::<usize>(), 0usize..8, "[<>/=' 0-9a-z\\n\"^,-]{0,6}"), 1..6),
    ) {
        let text = mutate(&fixture(DUMPXML), &cuts);
        if let Ok(h) = import_host(&[&text]) {
            let mut form = FormState::default();
            h.fill_vm(&mut form);
            h.apply(&mut form);
            if let Err(errors) = form.input().parse() {
                prop_assert!(errors.iter().all(|e| e.field == Field::GuestCells), "{:?}", errors);
            }
        }
    }
}
