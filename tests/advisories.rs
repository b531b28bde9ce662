//! Advisories: what the table alone does not show.

use vnuma_planner::domain::{Field, Report, ScenarioInput, VmInput};

struct Case {
    nodes: &'static str,
    cpus: &'static str,
    smt: &'static str,
    vcpus: VmInput,
    max_sockets: &'static str,
    emulator: bool,
}

fn count(v: &str) -> VmInput {
    VmInput::default().with_vcpus(v)
}

fn topo(s: &str, c: &str, t: &str) -> VmInput {
    VmInput::default().with_topology(s, c, t)
}

fn input(case: Case) -> ScenarioInput {
    let mut input = ScenarioInput::default()
        .with(Field::NumaNodes, case.nodes)
        .with(Field::CpusPerNode, case.cpus)
        .with(Field::ThreadsPerCore, case.smt)
        .with_vm(case.vcpus)
        .with(Field::MaxSockets, case.max_sockets);
    input.vm.isolate_emulator_thread = case.emulator;
    input
}

fn codes(case: Case) -> Vec<&'static str> {
    // Given, so the planner's assumption does not add its own advisory.
    let input = input(case).with(Field::ReservedCpus, "1");
    let report = Report::new(input.parse().unwrap());
    report.advisories.iter().map(|a| a.code.code()).collect()
}

fn case(nodes: &'static str, cpus: &'static str, vcpus: VmInput) -> Case {
    Case {
        nodes,
        cpus,
        smt: "",
        vcpus,
        max_sockets: "",
        emulator: false,
    }
}

#[test]
fn a_plain_large_vm_with_sockets_pinned_has_no_advisory() {
    let c = Case {
        max_sockets: "2",
        ..case("2", "32", topo("2", "12", "1"))
    };
    assert!(codes(c).is_empty());
}

#[test]
fn exact_half_is_flagged() {
    let c = Case {
        max_sockets: "1",
        ..case("2", "32", topo("1", "16", "1"))
    };
    assert_eq!(codes(c), ["half-boundary"]);
}

#[test]
fn emulator_thread_tips_a_full_node_vm_over_the_node() {
    let full = Case {
        emulator: true,
        max_sockets: "1",
        ..case("2", "32", topo("1", "32", "1"))
    };
    assert_eq!(codes(full), ["emulator-thread-exceeds-node"]);
    // One vCPU less: the pod's 32 CPUs still fit one node.
    let fits = Case {
        emulator: true,
        max_sockets: "1",
        ..case("2", "32", topo("1", "31", "1"))
    };
    assert!(codes(fits).is_empty());
    // Without the emulator thread there is nothing to say.
    let off = Case {
        max_sockets: "1",
        ..case("2", "32", topo("1", "32", "1"))
    };
    assert!(codes(off).is_empty());
}

#[test]
fn emulator_thread_tips_a_full_host_vm_over_the_host() {
    let c = Case {
        emulator: true,
        max_sockets: "2",
        ..case("2", "32", topo("2", "32", "1"))
    };
    assert_eq!(codes(c), ["emulator-thread-exceeds-host"]);
}

#[test]
fn smt_reading_is_flagged_only_when_it_changes_the_class() {
    // 2 x 32 logical CPUs, SMT2: 16 physical cores a node. 12 vCPUs is small
    // against 32 CPUs but large against 16 cores.
    let differs = Case {
        smt: "2",
        max_sockets: "1",
        ..case("2", "32", topo("1", "12", "1"))
    };
    assert_eq!(codes(differs), ["smt-reading-differs"]);
    let same = Case {
        smt: "2",
        max_sockets: "1",
        ..case("2", "32", topo("1", "4", "1"))
    };
    assert!(codes(same).is_empty());
}

#[test]
fn hot_plug_room_beyond_the_host_is_flagged() {
    // Default ratio: 4 x 2 sockets x 12 = 96 > 64.
    assert_eq!(
        codes(case("2", "32", topo("2", "12", "1"))),
        ["hotplug-exceeds-host"]
    );
    // Plain count: one socket per vCPU, 4 x 16 = 64 fits exactly.
    assert!(codes(case("2", "32", count("15"))).is_empty());
    assert_eq!(
        codes(case("2", "32", count("17"))),
        ["hotplug-exceeds-host"]
    );
    // An explicit maxSockets beyond the host.
    let explicit = Case {
        max_sockets: "6",
        ..case("2", "32", topo("2", "12", "1"))
    };
    assert_eq!(codes(explicit), ["hotplug-exceeds-host"]);
}

#[test]
fn host_shape_advisories() {
    let nine = Case {
        max_sockets: "1",
        ..case("9", "16", topo("1", "4", "1"))
    };
    assert_eq!(codes(nine), ["topology-manager-node-limit"]);
    let eight = Case {
        max_sockets: "1",
        ..case("8", "16", topo("1", "4", "1"))
    };
    assert!(codes(eight).is_empty());
    let single = Case {
        max_sockets: "1",
        ..case("1", "64", topo("1", "8", "1"))
    };
    assert_eq!(codes(single), ["single-numa-host"]);
}

#[test]
fn every_advisory_names_its_source_and_whether_it_is_from_the_document() {
    let everything = Case {
        smt: "2",
        emulator: true,
        ..case("1", "32", topo("16", "1", "1"))
    };
    let input = input(everything);
    let report = Report::new(input.parse().unwrap());
    let got: Vec<&str> = report.advisories.iter().map(|a| a.code.code()).collect();
    assert_eq!(
        got,
        [
            "half-boundary",
            "smt-reading-differs",
            "hotplug-exceeds-host",
            "single-numa-host",
            "reserved-cpus-assumed"
        ]
    );
    for a in &report.advisories {
        assert!(a.source.url.starts_with("https://"), "{}", a.code);
        assert!(!a.source.from_document, "{} is the planner's own", a.code);
    }
}

fn report(input: ScenarioInput) -> Report {
    Report::new(input.parse().unwrap())
}

fn message(report: &Report, code: &str) -> String {
    report
        .advisories
        .iter()
        .find(|a| a.code.code() == code)
        .map(|a| a.message.clone())
        .unwrap_or_else(|| panic!("no {code} advisory"))
}

#[test]
fn the_planners_own_assumptions_are_said() {
    let assumed = report(ScenarioInput::default());
    assert!(message(&assumed, "reserved-cpus-assumed").contains("assumes 1 on node 0"));
    let given = report(ScenarioInput::default().with(Field::ReservedCpus, "2,2"));
    assert!(!given
        .advisories
        .iter()
        .any(|a| a.code.code() == "reserved-cpus-assumed"));

    let blind = report({
        let mut input = ScenarioInput::default();
        input.cluster.full_pcpus_only = Some(true);
        input
    });
    assert!(message(&blind, "full-pcpus-only-without-smt").contains("threads per core"));

    let shared = report({
        let mut input = ScenarioInput::default();
        input.vm.dedicated_cpus = false;
        input.vm.numa_passthrough = false;
        input
    });
    assert!(message(&shared, "shared-cpus").contains("shared CPUs"));
}

#[test]
fn the_smt_reading_says_what_the_outcome_would_be() {
    // 24 vCPUs as 12 cores x 2 threads on 2 x 32 with SMT2 (16 cores a node):
    // large by logical CPUs; the guest's 12 cores are large against 16 too.
    let r = report(
        ScenarioInput::default()
            .with(Field::ThreadsPerCore, "2")
            .with_vm(topo("1", "12", "2")),
    );
    assert!(!r
        .advisories
        .iter()
        .any(|a| a.code.code() == "smt-reading-differs"));
    // 20 vCPUs as one socket of 20 cores: 20 > 16 cores is extra large.
    let r = report(
        ScenarioInput::default()
            .with(Field::ThreadsPerCore, "2")
            .with_vm(topo("1", "20", "1")),
    );
    let text = message(&r, "smt-reading-differs");
    assert!(text.contains("makes this VM extra-large"), "{text}");
    assert!(text.contains("none -> works, row 10"), "{text}");
    assert!(text.contains("depends on SMT"), "{text}");
}

#[test]
fn the_hot_plug_ceiling_is_capped_and_kept_apart() {
    // 200 vCPUs as one socket each: 4 x 200 = 800 capped at 512.
    let r = report(
        ScenarioInput::default()
            .with(Field::NumaNodes, "4")
            .with(Field::CpusPerNode, "64")
            .with_vm(count("200")),
    );
    let text = message(&r, "hotplug-exceeds-host");
    assert!(text.contains("= 512 vCPUs"), "{text}");
    assert!(text.contains("maxCpuSockets"), "{text}");
    let hotplug = r
        .advisories
        .iter()
        .find(|a| a.code.code() == "hotplug-exceeds-host")
        .unwrap();
    assert!(!hotplug.code.bears_on_outcome());
}
