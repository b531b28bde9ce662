//! The page's form state, tested natively.

use vnuma_planner::domain::{Field, HostMode, Policy, VcpuMode};
use vnuma_planner::form::{step, FormState};

#[test]
fn default_form_is_the_default_scenario_in_both_modes() {
    let mut form = FormState::default();
    assert_eq!(form.input().parse().unwrap().vm.vcpus(), 24);
    form.vm.mode = VcpuMode::Topology;
    let scenario = form.input().parse().unwrap();
    assert_eq!(scenario.vm.vcpus(), 24);
    assert_eq!(form.cluster.policy, None::<Policy>);
}

#[test]
fn switching_modes_keeps_both_texts() {
    let mut form = FormState::default();
    form.set_text(Field::Vcpus, "40".into());
    form.vm.mode = VcpuMode::Topology;
    form.set_text(Field::Cores, "8".into());
    form.vm.mode = VcpuMode::Count;
    assert_eq!(form.input().parse().unwrap().vm.vcpus(), 40);
    assert_eq!(form.text(Field::Cores), "8");
    // Only the active mode is read: a bad topology does not block a count.
    form.set_text(Field::Sockets, "x".into());
    assert!(form.input().parse().is_ok());
}

#[test]
fn switching_modes_keeps_the_vms_vcpu_count() {
    let mut form = FormState::default();
    form.set_text(Field::Vcpus, "40".into());
    // 2 x 12 x 1 = 24 would silently change the VM: the count is read as
    // KubeVirt reads it, one socket per vCPU.
    form.set_mode(VcpuMode::Topology);
    assert_eq!(form.input().parse().unwrap().vm.vcpus(), 40);
    assert_eq!(
        [Field::Sockets, Field::Cores, Field::Threads].map(|f| form.text(f).to_string()),
        ["40", "1", "1"]
    );
    form.set_text(Field::Sockets, "2".into());
    form.set_text(Field::Cores, "10".into());
    form.set_text(Field::Threads, "2".into());
    form.set_mode(VcpuMode::Count);
    assert_eq!(form.text(Field::Vcpus), "40");
    // A topology that already gives the count stays as typed.
    form.set_mode(VcpuMode::Topology);
    assert_eq!(form.text(Field::Cores), "10");
    // Text that is not a count is left alone.
    form.set_text(Field::Threads, "x".into());
    form.set_mode(VcpuMode::Count);
    assert_eq!(form.text(Field::Vcpus), "40");
}

#[test]
fn stepping_is_clamped_to_the_fields_bounds() {
    assert_eq!(step(Field::Vcpus, "24", 1), "25");
    assert_eq!(step(Field::Vcpus, "24", -10), "14");
    assert_eq!(step(Field::Vcpus, "1", -1), "1");
    assert_eq!(step(Field::NumaNodes, "1024", 10), "1024");
    assert_eq!(step(Field::Vcpus, "", 1), "1");
    assert_eq!(step(Field::Vcpus, "abc", -1), "1");
    assert_eq!(step(Field::CpusPerNode, "99999", -1), "4096");
}

#[test]
fn the_host_as_bought_fills_the_numa_fields_and_switching_keeps_the_host() {
    let mut form = FormState::default();
    form.host.set_mode(HostMode::AsBought);
    // 2 nodes of 32 read as two sockets of 32 cores: the same host.
    assert_eq!(
        [
            Field::HostSockets,
            Field::CoresPerSocket,
            Field::NodesPerSocket
        ]
        .map(|f| form.text(f).to_string()),
        ["2", "32", "1"]
    );
    form.set_text(Field::ThreadsPerCore, "2".into());
    form.set_text(Field::NodesPerSocket, "4".into());
    let host = form.input().parse().unwrap().host;
    assert_eq!((host.numa_nodes(), host.cpus_per_node()), (8, 16));
    assert_eq!(
        (form.text(Field::NumaNodes), form.text(Field::CpusPerNode)),
        ("8", "16")
    );
    // A shape of more nodes than cores is an error at its field, and the
    // NUMA fields keep the last host that was one.
    form.set_text(Field::NodesPerSocket, "33".into());
    let errors = form.input().parse().unwrap_err();
    assert_eq!(
        errors.iter().map(|e| e.field).collect::<Vec<_>>(),
        [Field::NodesPerSocket]
    );
    assert_eq!(form.text(Field::NumaNodes), "8");
    // Cores that do not divide: the first nodes of each socket take one
    // more, and the nodes' own CPUs follow into the NUMA fields.
    form.set_text(Field::NodesPerSocket, "3".into());
    let host = form.input().parse().unwrap().host;
    assert_eq!(host.node_cpus(), [22, 22, 20, 22, 22, 20]);
    form.host.set_mode(HostMode::Nodes);
    assert_eq!(
        [Field::NumaNodes, Field::CpusPerNode, Field::NodeCpus].map(|f| form.text(f)),
        ["6", "22", "22,22,20,22,22,20"]
    );
    assert_eq!(
        form.input().parse().unwrap().host.node_cpus(),
        host.node_cpus()
    );
    form.host.set_mode(HostMode::AsBought);
    form.set_text(Field::NodesPerSocket, "4".into());
    form.host.set_mode(HostMode::Nodes);
    assert_eq!(
        (form.text(Field::NumaNodes), form.text(Field::CpusPerNode)),
        ("8", "16")
    );
    // Edited by hand, then back as bought: the nodes become sockets again
    // rather than a shape that gives another host.
    form.set_text(Field::NumaNodes, "4".into());
    form.host.set_mode(HostMode::AsBought);
    let host = form.input().parse().unwrap().host;
    assert_eq!((host.numa_nodes(), host.cpus_per_node()), (4, 16));
}
