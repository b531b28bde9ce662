//! Permalinks and the copyable answer.

use proptest::prelude::*;
use vnuma_planner::domain::{Cell, Field, Lang, Policy, Report, TableSize, Theme};
use vnuma_planner::domain::{HostMode, Part, Scenario, ScenarioInput, VcpuMode, VmInput};
use vnuma_planner::form::{FormState, Side};
use vnuma_planner::share::{
    answer, decode, embed_snippet, encode, frame_id_for, permalink, FrameId, ViewState,
};

fn policy() -> impl Strategy<Value = Option<Policy>> {
    prop::option::of(prop::sample::select(Policy::ALL.to_vec()))
}

fn cell() -> impl Strategy<Value = Option<Cell>> {
    prop::option::of(prop::sample::select(Cell::all().collect::<Vec<_>>()))
}

/// Valid forms: every number in bounds and consistent with the others.
fn valid_form() -> impl Strategy<Value = FormState> {
    (
        1u32..=1024,
        1u32..=512,
        prop::option::of(prop::sample::select(vec![1u32, 2, 4, 8])),
        any::<bool>(),
        (1u32..=64, 1u32..=16, 1u32..=4),
        1u32..=16384,
        prop::option::of(0u32..=64),
        (any::<bool>(), any::<bool>(), any::<bool>()),
        policy(),
        prop::option::of(prop::collection::vec(0u32..=4, 1..=3)),
        prop::option::of((1u32..=8, 1u32..=32, prop::sample::select(vec![1u32, 2, 4]))),
        prop::option::of((1u32..=64, 1u32..=64, prop::option::of(1u32..=4))),
    )
        .prop_map(
            |(
                nodes,
                cores,
                smt,
                topology,
                (s, c, t),
                v,
                extra,
                (emulator, parity, full),
                policy,
                reserved,
                as_bought,
                compared,
            )| {
                let smt = smt.unwrap_or(1);
                let mut form = FormState::default();
                form.set_text(Field::NumaNodes, nodes.to_string());
                form.set_text(Field::CpusPerNode, (cores * smt).min(4096).to_string());
                if smt > 1 {
                    form.set_text(Field::ThreadsPerCore, smt.to_string());
                }
                if let Some(r) = reserved {
                    let list: Vec<String> = r.iter().map(u32::to_string).collect();
                    form.set_text(Field::ReservedCpus, list.join(","));
                }
                form.vm = VmInput::default().with_vcpus(v.to_string()).with_topology(
                    &s.to_string(),
                    &c.to_string(),
                    &t.to_string(),
                );
                form.vm.mode = if topology {
                    VcpuMode::Topology
                } else {
                    VcpuMode::Count
                };
                form.vm.isolate_emulator_thread = emulator;
                form.cluster.emulator_parity = parity;
                form.cluster.full_pcpus_only = Some(full);
                form.cluster.policy = policy;
                if let Some((host_sockets, cores, nodes)) = as_bought {
                    form.host.set_mode(HostMode::AsBought);
                    form.set_text(Field::HostSockets, host_sockets.to_string());
                    form.set_text(Field::CoresPerSocket, (cores * nodes).to_string());
                    form.set_text(Field::NodesPerSocket, nodes.to_string());
                }
                if let Some((nodes, cpus, reserved)) = compared {
                    form.set_comparing(true);
                    let host = form.compare.as_mut().unwrap();
                    host.set_mode(HostMode::Nodes);
                    host.set_text(Field::NumaNodes, nodes.to_string());
                    host.set_text(Field::CpusPerNode, cpus.to_string());
                    host.set_text(Field::ThreadsPerCore, String::new());
                    host.set_text(
                        Field::ReservedCpus,
                        reserved.map(|r| r.to_string()).unwrap_or_default(),
                    );
                    host.set_text(Field::FreeHugepages, String::new());
                }
                let sockets = if topology { s } else { v };
                if let Some(extra) = extra {
                    form.vm
                        .set_text(Field::MaxSockets, (sockets + extra).min(16384).to_string());
                }
                form
            },
        )
        .prop_filter("a valid scenario", |f| {
            f.input().parse().is_ok() && f.input_on(Side::Compare).is_none_or(|i| i.parse().is_ok())
        })
}

fn view() -> impl Strategy<Value = ViewState> {
    (
        any::<bool>(),
        prop::sample::select(Theme::ALL.to_vec()),
        cell(),
        prop::option::of("[a-z0-9_-]{1,64}"),
        prop::option::of(prop::sample::select(Lang::ALL.to_vec())),
    )
        .prop_map(|(embed, theme, cell, id, lang)| ViewState {
            embed,
            theme,
            cell,
            frame_id: id.map(|id| FrameId::parse(&id).unwrap()),
            lang,
        })
}

/// What a link must carry of a scenario: the text of every field that
/// counts (the other way's fields are not written), and what it reads as.
type Carried = (Vec<(Field, String)>, Option<Scenario>);

fn read(input: Option<ScenarioInput>) -> Option<Carried> {
    let input = input?;
    let texts = Field::ALL
        .into_iter()
        .filter(|&f| input.is_active(f))
        .map(|f| (f, input.text(f).trim().to_string()))
        .collect();
    Some((texts, input.parse().ok()))
}

proptest! {
    #[test]
    fn a_link_gives_back_the_same_scenario_and_view(form in valid_form(), view in view()) {
        let decoded = decode(&encode(&form, &view));
        prop_assert_eq!(&decoded.notices, &Vec::<String>::new());
        prop_assert_eq!(read(Some(decoded.form.input())), read(Some(form.input())));
        prop_assert_eq!(
            read(decoded.form.input_on(Side::Compare)),
            read(form.input_on(Side::Compare))
        );
        prop_assert_eq!(decoded.form.vm.mode, form.vm.mode);
        prop_assert_eq!(decoded.form.host.mode, form.host.mode);
        prop_assert_eq!(decoded.form.cluster.policy, form.cluster.policy);
        prop_assert_eq!(decoded.view, view);
    }

    #[test]
    fn any_query_decodes_to_a_valid_scenario(query in ".{0,200}") {
        let decoded = decode(&query);
        prop_assert!(decoded.form.input().parse().is_ok());
    }

    #[test]
    fn mangled_values_of_known_keys_fall_back_with_notices(
        values in prop::collection::vec(("(numa_nodes|cpus_per_node|host_sockets|cores_per_socket|nodes_per_socket|vcpus|sockets|max_sockets|threads_per_core|reserved_cpus|free_hugepages|memory|hugepage_size|memory_manager|policy|cell|theme|embed|id|emulator_thread|emulator_parity|full_pcpus_only)", ".{0,12}"), 0..8)
    ) {
        let query: String = values
            .iter()
            .map(|(k, v)| format!("{k}={}", v.replace('&', "%26").replace('#', "%23")))
            .collect::<Vec<_>>()
            .join("&");
        let decoded = decode(&query);
        prop_assert!(decoded.form.input().parse().is_ok());
        // One notice per value, plus one per pair of ways to give the same thing
        // (vcpus or a topology; NUMA nodes or the host as bought).
        prop_assert!(decoded.notices.len() <= values.len() + 2, "{:?}", decoded.notices);
    }
}

#[test]
fn keys_are_named_like_the_command_flags() {
    let mut form = FormState::default();
    form.set_text(Field::ThreadsPerCore, "2".into());
    form.set_text(Field::MaxSockets, "2".into());
    form.vm.isolate_emulator_thread = true;
    form.cluster.policy = Some(Policy::BestEffort);
    form.vm.mode = VcpuMode::Topology;
    form.vm.set_text(Field::Sockets, "2".into());
    let view = ViewState {
        embed: true,
        theme: Theme::Dark,
        cell: Some(Cell::new(TableSize::Large, Policy::None)),
        frame_id: None,
        lang: Some(Lang::Ja),
    };
    assert_eq!(
        encode(&form, &view),
        "numa_nodes=2&cpus_per_node=32&threads_per_core=2&sockets=2&cores=12&threads=1&max_sockets=2&emulator_thread=1&policy=best-effort&cell=large.none&embed=1&theme=dark&lang=ja"
    );
    assert_eq!(
        encode(&FormState::default(), &ViewState::default()),
        "numa_nodes=2&cpus_per_node=32&vcpus=24"
    );
}

#[test]
fn a_link_gives_the_host_as_bought() {
    let decoded =
        decode("host_sockets=2&cores_per_socket=32&threads_per_core=2&nodes_per_socket=4&vcpus=24");
    assert_eq!(decoded.notices, Vec::<String>::new());
    assert_eq!(decoded.form.host.mode, HostMode::AsBought);
    let host = decoded.form.input().parse().unwrap().host;
    assert_eq!((host.numa_nodes(), host.cpus_per_node()), (8, 16));
    assert_eq!(
        encode(&decoded.form, &ViewState::default()),
        "host_sockets=2&cores_per_socket=32&nodes_per_socket=4&threads_per_core=2&vcpus=24"
    );
    // Parts the link leaves out are 1: one socket, one node per socket.
    let one = decode("cores_per_socket=16&vcpus=4");
    let host = one.form.input().parse().unwrap().host;
    assert_eq!((host.numa_nodes(), host.cpus_per_node()), (1, 16));
    assert_eq!(
        encode(&one.form, &ViewState::default()),
        "cores_per_socket=16&vcpus=4"
    );
    // Both ways at once: the NUMA nodes as given are used, and the link says so.
    let both = decode("numa_nodes=2&cpus_per_node=32&cores_per_socket=8&vcpus=4");
    assert_eq!(both.form.host.mode, HostMode::Nodes);
    assert_eq!(both.form.input().parse().unwrap().host.numa_nodes(), 2);
    assert_eq!(both.notices.len(), 1, "{:?}", both.notices);
    // Cores that do not divide: the first nodes take one core more.
    let uneven = decode("cores_per_socket=30&nodes_per_socket=4&vcpus=4");
    assert!(uneven.notices.is_empty(), "{:?}", uneven.notices);
    let host = uneven.form.input().parse().unwrap().host;
    assert_eq!(host.node_cpus(), [8, 8, 7, 7]);
    // More nodes than cores falls back to the default host shape, with a notice.
    let bad = decode("cores_per_socket=3&nodes_per_socket=4&vcpus=4");
    assert!(
        bad.notices[0].starts_with(
            "Ignored nodes_per_socket=\"4\" from the link: NUMA nodes per socket cannot be more than"
        ),
        "{:?}",
        bad.notices
    );
    assert!(bad.form.input().parse().is_ok());
}

#[test]
fn hostile_and_broken_values_fall_back_with_a_notice_each() {
    let decoded = decode(
        "?vcpus=%3Cscript%3Ealert(1)%3C%2Fscript%3E&numa_nodes=%22%3E%3Cimg%20onerror%3Dx%3E&cpus_per_node=999999999999999999999&max_sockets=-3&policy=evil&cell=huge.none&theme=pink&embed=yes&emulator_thread=maybe&utm_source=mail",
    );
    let form = &decoded.form;
    assert_eq!(form.input(), FormState::default().input());
    assert_eq!(decoded.view, ViewState::default());
    let notices = decoded.notices.join("\n");
    for expected in [
        "Ignored numa_nodes=\"\"><img onerror=x>\" from the link: NUMA nodes must be a whole number from 1 to 1024",
        "Ignored cpus_per_node=\"999999999999999999999\" from the link: CPUs per NUMA node must be at most 4096",
        "Ignored vcpus=\"<script>alert(1)</script>\" from the link",
        "Ignored max_sockets=\"-3\"",
        "Ignored emulator_thread=\"maybe\"",
        "Ignored policy=\"evil\"",
        "Ignored embed=\"yes\"",
        "Ignored theme=\"pink\"",
        "Ignored cell=\"huge.none\"",
    ] {
        assert!(notices.contains(expected), "missing {expected:?} in\n{notices}");
    }
    assert!(
        !notices.contains("utm_source"),
        "unknown keys are ignored silently"
    );
}

#[test]
fn repeated_keys_use_the_first_value() {
    let decoded = decode("vcpus=40&vcpus=8&vcpus=9");
    assert_eq!(decoded.form.vm.text(Field::Vcpus), "40");
    assert_eq!(
        decoded.notices,
        ["The link gives vcpus more than once; the first value is used."]
    );
}

#[test]
fn values_that_clash_reset_the_field_named() {
    let decoded = decode("cpus_per_node=30&threads_per_core=4&vcpus=10");
    assert_eq!(decoded.form.host.text(Field::ThreadsPerCore), "");
    assert_eq!(decoded.form.host.text(Field::CpusPerNode), "30");
    assert!(decoded.notices[0].starts_with(
        "Ignored threads_per_core=\"4\" from the link: Threads per core must divide the 30 CPUs"
    ));

    let both = decode("vcpus=10&sockets=2&cores=4");
    assert_eq!(both.form.vm.mode, VcpuMode::Count);
    assert_eq!(both.form.vm.text(Field::Vcpus), "10");
    assert_eq!(
        both.notices,
        ["The link gives both vcpus and sockets/cores/threads; vcpus is used."]
    );
}

#[test]
fn permalinks_join_the_base_url() {
    let form = FormState::default();
    let view = ViewState::default();
    assert_eq!(
        permalink("https://docs.example/planner/", &form, &view),
        "https://docs.example/planner/?numa_nodes=2&cpus_per_node=32&vcpus=24"
    );
    assert_eq!(
        permalink("https://docs.example/p?lang=en", &form, &view),
        "https://docs.example/p?lang=en&numa_nodes=2&cpus_per_node=32&vcpus=24"
    );
}

#[test]
fn the_answer_has_the_scenario_class_outcome_advisories_and_source() {
    let mut form = FormState::default();
    form.cluster.policy = Some(Policy::None);
    let report = Report::new(form.input().parse().unwrap());
    let text = answer(&report, None, "", Some("https://x.example/?vcpus=24"));
    assert!(
        text.contains("**VM:** 24 vCPUs; the pod requests 24 dedicated CPUs"),
        "{text}"
    );
    assert!(text.contains("**Host:** 2 NUMA nodes x 32 logical CPUs = 64 CPUs"));
    assert!(text.contains("**Size class:** large (24 > 32 / 2 = 16 and 24 <= 32)"));
    // The verdict leads, with Red Hat's row, what the customer sees and does.
    assert!(
        text.starts_with(
            "**Under the none Topology Manager policy: Migration fails** (Red Hat's table, row 2: Migration fails)\n- Starts, but live migration fails"
        ),
        "{text}"
    );
    assert!(text.contains("\n- What you will see: VMs with evictionStrategy: LiveMigrate"));
    assert!(text.contains("\n- What to do: "));
    assert!(
        !text.contains("Under the restricted"),
        "only the chosen policy"
    );
    assert!(text.contains("room for 96 sockets"));
    assert!(text.contains("virt-numa-live-migration_virt-numa-topology"));
    assert!(text.ends_with("  \nPlanner: https://x.example/?vcpus=24\n"));
    // Markdown line breaks are two spaces, never a stray single newline in a paragraph.
    assert!(text.contains("**VM:** 24 vCPUs; the pod requests 24 dedicated CPUs  \n**Host:**"));

    // A failing check comes first, with its source, instead of the row's promise.
    let mut tight = FormState::default();
    tight.cluster.policy = Some(Policy::SingleNumaNode);
    tight.set_text(Field::Vcpus, "32".into());
    tight.set_text(Field::ReservedCpus, "2,2".into());
    let text = answer(&Report::new(tight.input().parse().unwrap()), None, "", None);
    assert!(text.starts_with("**Under the single-numa-node Topology Manager policy: Fails to start** (Red Hat's table, row 7: Migrates)\n- No NUMA node has 32 allocatable CPUs"), "{text}");

    let all = answer(&Report::default(), None, "", None);
    for p in Policy::ALL {
        assert!(
            all.contains(&format!("**Under the {p} Topology Manager policy: ")),
            "{p} missing"
        );
    }
    assert!(!all.contains("Planner:"));
}

/// The snippet is written once (`embed_snippet`); the example page and the
/// README carry copies of it that must stay the same.
#[test]
fn the_example_page_and_the_readme_carry_the_pages_embed_snippet() {
    let root = env!("CARGO_MANIFEST_DIR");
    let read = |path: &str| std::fs::read_to_string(format!("{root}/{path}")).unwrap();
    // Nonces 1 and 2 stand for the page's random ones; the docs page's
    // frames follow its theme.
    let snippet = |base: &str, query: &str, nonce: u32| {
        let id = frame_id_for(query, nonce);
        embed_snippet(&format!("{base}?{query}&id={}", id.as_str()), &id, true)
    };
    let page = read("examples/docs-page.html");
    let first = snippet("./", "numa_nodes=2&cpus_per_node=32&vcpus=24&embed=1", 1);
    assert!(page.contains(&first), "{first}");
    // The same snippet again: the page has two frames of one id.
    assert_eq!(page.matches(&first).count(), 2);
    assert_eq!(page.matches("addEventListener(\"message\"").count(), 2);
    let readme = snippet(
        "https://example.org/vnuma/",
        "numa_nodes=2&cpus_per_node=32&vcpus=24&embed=1",
        2,
    );
    assert!(read("README.md").contains(&readme), "{readme}");
}

#[test]
fn a_link_compares_two_hosts_with_b_keys() {
    // NPS1 against NPS4: the second host is read like the first, key by key.
    let query = "host_sockets=2&cores_per_socket=32&threads_per_core=2&vcpus=24&b_host_sockets=2&b_cores_per_socket=32&b_nodes_per_socket=4&b_threads_per_core=2";
    let decoded = decode(query);
    assert_eq!(decoded.notices, Vec::<String>::new());
    let compared = decoded
        .form
        .input_on(Side::Compare)
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(
        (compared.host.numa_nodes(), compared.host.cpus_per_node()),
        (8, 16)
    );
    assert_eq!(compared.vm, decoded.form.input().parse().unwrap().vm);
    assert_eq!(
        encode(&decoded.form, &ViewState::default()),
        "host_sockets=2&cores_per_socket=32&threads_per_core=2&vcpus=24&b_host_sockets=2&b_cores_per_socket=32&b_nodes_per_socket=4&b_threads_per_core=2"
    );
    // No b_ key: nothing is compared.
    assert_eq!(decode("numa_nodes=4").form.compare, None);
    // A bad value of the second host is named with its own key and falls back.
    let bad = decode("numa_nodes=2&b_numa_nodes=0&b_cpus_per_node=16");
    assert!(
        bad.notices
            .iter()
            .any(|n| n.starts_with("Ignored b_numa_nodes=")),
        "{:?}",
        bad.notices
    );
    let host = bad
        .form
        .input_on(Side::Compare)
        .unwrap()
        .parse()
        .unwrap()
        .host;
    assert_eq!((host.numa_nodes(), host.cpus_per_node()), (2, 16));
    // A second host that clashes with itself is reset at its own field only.
    let clash = decode(
        "numa_nodes=2&cpus_per_node=32&b_numa_nodes=4&b_cpus_per_node=6&b_threads_per_core=4",
    );
    assert!(
        clash.notices.iter().any(|n| n.starts_with("Ignored b_")),
        "{:?}",
        clash.notices
    );
    assert_eq!(clash.form.host, FormState::default().host);
    assert!(clash.form.input_on(Side::Compare).unwrap().parse().is_ok());
}

#[test]
fn compared_keys_are_the_host_keys_with_b_in_front() {
    for field in Field::ALL {
        let compared = Side::Compare.key(field);
        match field.part() {
            Part::Host => assert_eq!(compared, format!("b_{}", field.key())),
            Part::Vm => assert_eq!(compared, field.key()),
        }
        assert_eq!(Side::Main.key(field), field.key());
        assert_eq!(Field::from_key(compared), Some(field));
        assert_eq!(
            Side::Compare.flag(field),
            format!("--{}", compared.replace('_', "-"))
        );
    }
}

/// What only a VM file gives for KubeVirt's API checks travels in links:
/// written only when set, read back the same, and a bad value falls back
/// with a notice.
#[test]
fn a_link_carries_what_the_api_judges() {
    use vnuma_planner::domain::{CpuQuantity, InstancetypeConflicts, InstancetypeField};
    let plain = FormState::default();
    let query = encode(&plain, &ViewState::default());
    for key in [
        "cpu_request",
        "cpu_limit",
        "memory_request",
        "instancetype_conflict",
    ] {
        assert!(!query.contains(key), "{query}");
    }
    let mut form = FormState::default();
    let manifest = &mut form.vm.manifest;
    manifest.cpu_request = CpuQuantity::parse("1500m").ok();
    manifest.cpu_limit = CpuQuantity::parse("2").ok();
    manifest.memory_request = Some(16896 << 20);
    manifest.instancetype_conflicts = [InstancetypeField::GuestMemory, InstancetypeField::Sockets]
        .into_iter()
        .collect::<InstancetypeConflicts>();
    let query = encode(&form, &ViewState::default());
    assert!(
        query.ends_with("cpu_request=1500m&cpu_limit=2&memory_request=16896Mi&instancetype_conflict=cpu.sockets%2Cmemory.guest"),
        "{query}"
    );
    let back = decode(&query);
    assert_eq!(back.form, form);
    assert!(back.notices.is_empty(), "{:?}", back.notices);
    let report = Report::new(back.form.input().parse().unwrap());
    assert!(report.verdicts[Policy::BestEffort]
        .problems()
        .any(|c| c.code.code() == "instancetype-conflict"));

    let bad =
        decode("cpu_request=lots&cpu_limit=4&memory_request=0Mi&instancetype_conflict=cpu.model");
    assert_eq!(bad.form.vm.manifest.cpu_request, None);
    assert_eq!(bad.form.vm.manifest.cpu_limit, CpuQuantity::parse("4").ok());
    assert_eq!(bad.form.vm.manifest.memory_request, None);
    assert!(bad.form.vm.manifest.instancetype_conflicts.is_empty());
    assert_eq!(bad.notices.len(), 3, "{:?}", bad.notices);
    assert!(
        bad.notices[0]
            .starts_with("Ignored cpu_request=\"lots\" from the link: use a CPU quantity"),
        "{:?}",
        bad.notices
    );
    assert!(
        bad.notices[2].contains("use one of cpu.sockets, cpu.cores"),
        "{:?}",
        bad.notices
    );
}

/// Issue 20, item 10: a bad node_tuning, io_threads or memory_per_vcpu in a
/// link is a notice naming the key; the rest of the link still applies.
#[test]
fn bad_new_link_keys_are_notices_and_the_rest_is_used() {
    let pairs = |q: &[(&str, &str)]| {
        vnuma_planner::share::from_pairs(q.iter().map(|(k, v)| (k.to_string(), v.to_string())))
    };
    for (key, value) in [
        ("node_tuning", "bogus"),
        ("io_threads", "-1"),
        ("io_threads", "99999"),
        ("memory_per_vcpu", "4GB"),
    ] {
        let d = pairs(&[(key, value), ("vcpus", "8")]);
        assert_eq!(d.form.vm.text(vnuma_planner::domain::Field::Vcpus), "8");
        assert!(
            d.notices
                .iter()
                .any(|n| n.starts_with(&format!("Ignored {key}="))),
            "{key}={value}: {:?}",
            d.notices
        );
    }
    let d = pairs(&[("node_tuning", "kubelet-config")]);
    assert_eq!(
        d.form.cluster.node_tuning,
        vnuma_planner::domain::NodeTuning::KubeletConfig
    );
    assert!(d.notices.is_empty());
}
