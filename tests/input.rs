//! Bad input: every kind is refused with a message naming the field and its bound.

use vnuma_planner::domain::{parse_count, Field, Scenario, ScenarioInput, VcpuSpec, VmInput};

#[test]
fn counts_read_whole_numbers_in_bounds() {
    assert_eq!(parse_count(Field::Vcpus, "24"), Ok(24));
    assert_eq!(parse_count(Field::Vcpus, " 24 "), Ok(24));
    assert_eq!(parse_count(Field::Vcpus, "+24"), Ok(24));
    assert_eq!(parse_count(Field::NumaNodes, "1024"), Ok(1024));
    assert_eq!(parse_count(Field::CpusPerNode, "4096"), Ok(4096));
    assert_eq!(parse_count(Field::Vcpus, "16384"), Ok(16384));
}

#[test]
fn each_kind_of_bad_count_has_its_message() {
    let cases = [
        (
            Field::Vcpus,
            "",
            "vCPUs is required: a whole number from 1 to 16384",
        ),
        (Field::Vcpus, "0", "vCPUs must be at least 1; got 0"),
        (
            Field::Vcpus,
            "-4",
            "vCPUs must be a whole number from 1 to 16384; \"-4\" is negative",
        ),
        (
            Field::Vcpus,
            "2.5",
            "vCPUs must be a whole number from 1 to 16384; \"2.5\" is not whole",
        ),
        (
            Field::Vcpus,
            "many",
            "vCPUs must be a whole number from 1 to 16384; \"many\" is not a number",
        ),
        (
            Field::Vcpus,
            "1e3",
            "vCPUs must be a whole number from 1 to 16384; \"1e3\" is not a number",
        ),
        (
            Field::Vcpus,
            "16385",
            "vCPUs must be at most 16384; got 16385",
        ),
        (
            Field::NumaNodes,
            "1025",
            "NUMA nodes must be at most 1024; got 1025",
        ),
        (
            Field::CpusPerNode,
            "4097",
            "CPUs per NUMA node must be at most 4096; got 4097",
        ),
        (
            Field::CpusPerNode,
            "9999999999999999999999999999999999999999",
            "CPUs per NUMA node must be at most 4096; got \"99999999999999999999999999999999…\"",
        ),
        (
            Field::ThreadsPerCore,
            "16",
            "Threads per core must be at most 8; got 16",
        ),
    ];
    for (field, text, message) in cases {
        let err = parse_count(field, text).unwrap_err();
        assert_eq!(
            (err.field, err.message.as_str()),
            (field, message),
            "{text:?}"
        );
    }
}

fn input(n: &str, c: &str, vm: VmInput) -> ScenarioInput {
    ScenarioInput::default()
        .with(Field::NumaNodes, n)
        .with(Field::CpusPerNode, c)
        .with_vm(vm)
}

fn count(v: &str) -> VmInput {
    VmInput::default().with_vcpus(v)
}

fn topology(s: &str, c: &str, t: &str) -> VmInput {
    VmInput::default().with_topology(s, c, t)
}

#[test]
fn the_default_scenario_is_a_24_vcpu_vm_on_two_32_cpu_nodes() {
    let s = ScenarioInput::default().parse().unwrap();
    assert_eq!((s.host.numa_nodes(), s.host.cpus_per_node()), (2, 32));
    assert_eq!(s.vm.vcpus(), 24);
    assert_eq!(s, Scenario::default());
}

#[test]
fn topology_multiplies_and_missing_parts_are_one() {
    let s = input("2", "32", topology("2", "12", "1")).parse().unwrap();
    assert_eq!(s.vm.vcpus(), 24);
    assert_eq!(
        s.vm.spec(),
        VcpuSpec::Topology {
            sockets: 2,
            cores: 12,
            threads: 1
        }
    );
    let s = input("2", "32", topology("", "8", "")).parse().unwrap();
    assert_eq!(s.vm.vcpus(), 8);
}

#[test]
fn the_product_is_bounded_without_overflow() {
    let errors = input("2", "32", topology("16384", "16384", "16384"))
        .parse()
        .unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].field, Field::Vcpus);
    assert!(errors[0]
        .message
        .contains("= 4398046511104, more than the 16384 allowed"));
}

#[test]
fn all_problems_are_reported_each_at_its_field() {
    let mut bad = input("0", "abc", count("-1"));
    bad.set_text(Field::MaxSockets, "x".into());
    bad.set_text(Field::ThreadsPerCore, "3.0".into());
    let fields: Vec<Field> = bad.parse().unwrap_err().iter().map(|e| e.field).collect();
    assert_eq!(
        fields,
        [
            Field::NumaNodes,
            Field::CpusPerNode,
            Field::ThreadsPerCore,
            Field::Vcpus,
            Field::MaxSockets
        ]
    );
}

#[test]
fn threads_per_core_must_divide_the_node() {
    let mut s = input("2", "30", count("4"));
    s.set_text(Field::ThreadsPerCore, "4".into());
    let errors = s.parse().unwrap_err();
    assert_eq!(errors[0].field, Field::ThreadsPerCore);
    assert_eq!(
        errors[0].message,
        "Threads per core must divide the 30 CPUs per NUMA node evenly; 4 does not"
    );
}

#[test]
fn max_sockets_cannot_be_below_sockets() {
    let mut s = input("2", "32", topology("4", "4", "1"));
    s.set_text(Field::MaxSockets, "2".into());
    let errors = s.parse().unwrap_err();
    assert_eq!(errors[0].field, Field::MaxSockets);
    assert_eq!(
        errors[0].message,
        "Max sockets must be at least the VM's 4 sockets; got 2"
    );
}
